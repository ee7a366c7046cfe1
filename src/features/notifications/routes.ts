/**
 * The inbox: `/c/:community/inbox` (a member's notifications, newest first; opening one marks it
 * read and leads to what it is about; "mark all read"), and the same in the API. A member's
 * preferences (`/account/notifications`, `/api/v1/me/notification-preferences`), and the
 * one-click unsubscribe links mails carry (`/unsubscribe/…`, no session needed).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { Type } from 'typebox';
import type { Ctx } from '../../platform/context.ts';
import type { NotificationTable } from '../../platform/db/database.ts';
import { flash } from '../../platform/http/flash.ts';
import { sendPage } from '../../platform/http/render.ts';
import { accountOf } from '../../platform/http/require.ts';
import { requestLocale } from '../../platform/http/resolve.ts';
import { translator } from '../../platform/i18n/index.ts';
import type { App } from '../../platform/module.ts';
import {
  allKinds,
  type ChannelName,
  channels,
  isKind,
  kindLabel,
  kindOf,
} from '../../platform/notify/kinds.ts';
import {
  checkUnsubscribe,
  fieldOf,
  type Preferences,
  preferencesOf,
  savePreferences,
  unsubscribe,
} from '../../platform/notify/preferences.ts';
import { say } from '../../platform/notify/render.ts';
import * as notify from '../../platform/notify/service.ts';
import { emptyForm, refusedForm } from '../../web/components/form.tsx';
import { type View, viewOf } from '../../web/view.ts';
import { AnnouncementsPage } from './pages/announcements.tsx';
import { FailedDeliveriesPage } from './pages/failed-deliveries.tsx';
import { InboxPage, type ShownNotification } from './pages/inbox.tsx';
import { PreferencesPage } from './pages/preferences.tsx';
import { UnsubscribePage } from './pages/unsubscribe.tsx';
import { can } from './policy.ts';
import {
  AnnouncementIn,
  AnnouncementOut,
  PreferencesIn,
  PreferencesOut,
  preferencesForm,
  UnsubscribeParams,
} from './schema.ts';
import { announce, listAnnouncements, listFailed, retryFailed } from './service.ts';

const CommunityParams = Type.Object({ community: Type.String({ maxLength: 100 }) });
const NotificationParams = Type.Object({
  community: Type.String({ maxLength: 100 }),
  id: Type.String({ format: 'uuid' }),
});
const tags = ['notifications'];

const NotificationOut = Type.Object({
  id: Type.String(),
  kind: Type.String({ description: 'What kind it is, e.g. `library.loans`, `posts.urgent`.' }),
  subjectType: Type.String({ description: 'What it is about, e.g. `loan`, `post`.' }),
  subjectId: Type.String(),
  path: Type.String({ description: 'Where to act on it, a path on this site.' }),
  text: Type.String({ description: 'What it says, in the caller’s language.' }),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  count: Type.Integer({
    description: 'How many of your notifications are about the same thing (this is the newest).',
  }),
  unreadAbout: Type.Integer({ description: 'How many of those are unread.' }),
  chat: Type.Union([Type.String(), Type.Null()], {
    description: 'The community’s chat group, where it helps with this one (a welcome, an urgent request).',
  }),
});
const InboxOut = Type.Object({
  unread: Type.Integer({ description: 'How many are unread.' }),
  notifications: Type.Array(NotificationOut, {
    description:
      'One line per thing (a loan, a conversation): its newest notification, with how many there are. At most 50 lines, newest first.',
  }),
  next: Type.Union([Type.String(), Type.Null()], {
    description: 'The cursor of the next (older) page, for `before`; null on the last page.',
  }),
});
const InboxQuery = Type.Object({
  before: Type.Optional(
    Type.String({
      maxLength: 100,
      pattern: notify.cursorPattern,
      description: 'Where the page starts: `next` of the page before. Absent: the newest.',
    }),
  ),
});

const InboxPageQuery = Type.Object({ before: Type.Optional(Type.String({ maxLength: 200 })) });
const cursor = new RegExp(notify.cursorPattern);

const ReadAllQuery = Type.Object({
  upTo: Type.Optional(
    Type.String({
      maxLength: 100,
      pattern: notify.cursorPattern,
      description:
        'Only this notification and older ones: the cursor of the newest one shown (`<createdAt>~<id>`), so what arrived since stays unread. Absent: all.',
    }),
  ),
});

/** A notification as the inbox shows it: said in the reader's language, with its site path. */
export function shown(
  ctx: Ctx,
  n: NotificationTable & { count?: number; unread?: number },
): ShownNotification & { kind: string; subjectType: string; subjectId: string; unreadAbout: number } {
  const community = ctx.community!;
  const path = `/c/${community.slug}${n.path}`;
  const unreadAbout = n.unread ?? (n.readAt ? 0 : 1);
  return {
    id: n.id,
    kind: n.kind,
    subjectType: n.subjectType,
    subjectId: n.subjectId,
    path,
    text: say(ctx.locale, n, { community: community.name, link: `${ctx.config.baseUrl}${path}` }).subject,
    createdAt: n.createdAt,
    readAt: n.readAt,
    count: n.count ?? 1,
    unreadAbout,
    // Where the community's chat group helps (a welcome, an urgent request), the line links it.
    chat: isKind(n.kind) && kindOf(n.kind).chat && community.chatUrl ? community.chatUrl : null,
  };
}

/** Registers the inbox's and the announcements' pages and API, members only. */
export function inboxRoutes(app: App): void {
  app.get(
    '/c/:community/announcements',
    { schema: { hide: true, params: CommunityParams } },
    async (req, reply) =>
      sendPage(
        reply,
        h(AnnouncementsPage, {
          view: viewOf(req, reply),
          announcements: await listAnnouncements(req.ctx),
          state: can.announce(req.ctx.actor) ? emptyForm() : undefined,
        }),
      ),
  );
  app.post(
    '/c/:community/announcements',
    {
      schema: { hide: true, params: CommunityParams, body: AnnouncementIn },
      config: {
        form: async (req, reply, errors) =>
          h(AnnouncementsPage, {
            view: viewOf(req, reply),
            announcements: await listAnnouncements(req.ctx),
            state: refusedForm(req.body, errors),
          }),
      },
    },
    async (req, reply) => {
      const { reached } = await announce(req.ctx, req.body);
      flash(reply, 'notify.announcements.sent', { count: reached });
      return reply.redirect(`/c/${req.params.community}/announcements`, 303);
    },
  );
  app.get(
    '/api/v1/communities/:community/announcements',
    {
      schema: {
        tags,
        summary: 'Announcements',
        description:
          'What stewards told the whole community, newest first (at most 20); for stewards, with whom each reached.',
        params: CommunityParams,
        response: { 200: Type.Array(AnnouncementOut) },
      },
    },
    async (req) => listAnnouncements(req.ctx),
  );
  app.post(
    '/api/v1/communities/:community/announcements',
    {
      schema: {
        tags,
        summary: 'Announce to the whole community',
        description:
          'Stewards: tells every active member (their inbox, and mail or push by their choice; a daily summary by mail unless they chose otherwise), with the community’s chat link when it has one. Answers how many members it reached. 403 `notify.announcements.only_stewards`; 429 `notify.announcements.too_many` past 3 in 7 days.',
        params: CommunityParams,
        body: AnnouncementIn,
        response: { 201: Type.Object({ id: Type.String(), reached: Type.Integer() }) },
      },
    },
    async (req, reply) => reply.code(201).send(await announce(req.ctx, req.body)),
  );
  app.get(
    '/c/:community/inbox',
    { schema: { hide: true, params: CommunityParams, querystring: InboxPageQuery } },
    async (req, reply) => {
      // A link cut short (by a mail program, by hand) shows the newest page, not an error: the
      // API says what is wrong with it.
      const before = req.query.before && cursor.test(req.query.before) ? req.query.before : undefined;
      const { notifications, next } = await notify.inbox(req.ctx, before);
      return sendPage(
        reply,
        h(InboxPage, {
          view: viewOf(req, reply),
          notifications: notifications.map((n) => shown(req.ctx, n)),
          next,
          paged: before !== undefined,
        }),
      );
    },
  );
  app.get(
    '/c/:community/inbox/:id',
    { schema: { hide: true, params: NotificationParams } },
    async (req, reply) => {
      const n = await notify.readNotification(req.ctx, req.params.id);
      return reply.redirect(`/c/${req.ctx.community!.slug}${n.path}`, 303);
    },
  );
  app.post(
    '/c/:community/inbox/:id/done',
    { schema: { hide: true, params: NotificationParams } },
    async (req, reply) => {
      await notify.markTaskDone(req.ctx, req.params.id);
      return reply.redirect(`/c/${req.params.community}#needs-me`, 303);
    },
  );
  app.post(
    '/c/:community/inbox/read',
    { schema: { hide: true, params: CommunityParams, querystring: ReadAllQuery } },
    async (req, reply) => {
      await notify.readAll(req.ctx, req.query.upTo);
      return reply.redirect(`/c/${req.params.community}/inbox`, 303);
    },
  );
  app.get(
    '/api/v1/communities/:community/notifications',
    {
      schema: {
        tags,
        summary: 'My notifications',
        description:
          'Your notifications in this community, newest first, 50 a page (`before`: the `next` cursor of the page before), and how many are unread. Read ones are kept 90 days.',
        params: CommunityParams,
        querystring: InboxQuery,
        response: { 200: InboxOut },
      },
    },
    async (req) => {
      const [page, unread] = await Promise.all([
        notify.inbox(req.ctx, req.query.before),
        notify.unreadCount(req.ctx),
      ]);
      return { unread, notifications: page.notifications.map((n) => shown(req.ctx, n)), next: page.next };
    },
  );
  app.post(
    '/api/v1/communities/:community/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark a notification read',
        description: '404 `notify.not_found` for one that is not yours.',
        params: NotificationParams,
        response: { 200: NotificationOut },
      },
    },
    async (req) => {
      const n = await notify.readNotification(req.ctx, req.params.id);
      return shown(req.ctx, n);
    },
  );
  app.post(
    '/api/v1/communities/:community/notifications/:id/done',
    {
      schema: {
        tags,
        summary: 'Mark what a notification asks done',
        description:
          'Takes it (and the others about the same thing) out of what needs you (the porch’s `needsMe`), and marks them read. 404 `notify.not_found` for one that is not yours or asks nothing.',
        params: NotificationParams,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await notify.markTaskDone(req.ctx, req.params.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/api/v1/communities/:community/notifications/read',
    {
      schema: {
        tags,
        summary: 'Mark all my notifications read',
        params: CommunityParams,
        querystring: ReadAllQuery,
        response: { 200: Type.Object({ marked: Type.Integer({ description: 'How many were unread.' }) }) },
      },
    },
    async (req) => ({ marked: await notify.readAll(req.ctx, req.query.upTo) }),
  );
}

/** `view` in the language of the account a link was made for (the one its mails speak). */
function inLocale(view: View, req: FastifyRequest, accountLocale: string | null): View {
  const locale = requestLocale(req, accountLocale, null);
  return { ...view, locale, t: translator(locale) };
}

/** The preferences as the form's values. */
function formValues(p: Preferences): Record<string, string> {
  const values: Record<string, string> = {
    timeZone: p.timeZone ?? '',
    quietStart: p.quietStart ?? '',
    quietEnd: p.quietEnd ?? '',
  };
  for (const [kind, byChannel] of Object.entries(p.choices))
    for (const channel of channels) values[fieldOf(kind, channel)] = byChannel[channel];
  return values;
}

const SavedQuery = Type.Object({ saved: Type.Optional(Type.String({ maxLength: 1 })) });
const DeliveryParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/**
 * Registers the operator's page of failed deliveries (`/operator/notifications`), with "Retry"
 * per delivery and "Retry all": the server's operator only (403 for anyone else signed in).
 */
function operatorRoutes(app: App): void {
  app.get('/operator/notifications', { schema: { hide: true } }, async (req, reply) => {
    accountOf(req);
    const failed = await listFailed(req.ctx);
    return sendPage(reply, h(FailedDeliveriesPage, { view: viewOf(req, reply), failed, kindLabel }));
  });
  const retried = async (req: Parameters<typeof accountOf>[0], reply: FastifyReply, id?: string) => {
    accountOf(req);
    flash(reply, 'notify.operator.retried', { count: await retryFailed(req.ctx, id) });
    return reply.redirect('/operator/notifications', 303);
  };
  app.post('/operator/notifications/retry', { schema: { hide: true } }, (req, reply) => retried(req, reply));
  app.post(
    '/operator/notifications/:id/retry',
    { schema: { hide: true, params: DeliveryParams } },
    (req, reply) => retried(req, reply, req.params.id),
  );
}
const OneClick = Type.Object({ 'List-Unsubscribe': Type.Optional(Type.String({ maxLength: 20 })) });

/** Registers the preferences (page and API), the unsubscribe links and the operator's page. */
export function accountRoutes(app: App): void {
  operatorRoutes(app);
  app.get(
    '/account/notifications',
    { schema: { hide: true, querystring: SavedQuery } },
    async (req, reply) => {
      const account = accountOf(req);
      const values = formValues(await preferencesOf(req.ctx, account.id));
      return sendPage(
        reply,
        h(PreferencesPage, {
          view: viewOf(req, reply),
          state: emptyForm(values),
          kinds: allKinds(),
          saved: req.query.saved === '1',
        }),
      );
    },
  );
  app.post(
    '/account/notifications',
    {
      schema: { hide: true, body: preferencesForm() },
      preValidation: async (req) => {
        accountOf(req);
      },
      config: {
        form: (req, reply, errors) =>
          h(PreferencesPage, {
            view: viewOf(req, reply),
            state: refusedForm(req.body, errors),
            kinds: allKinds(),
          }),
      },
    },
    async (req, reply) => {
      const account = accountOf(req);
      // The CSRF token stays in a form's body: every other field is a kind's channel.
      const { timeZone, quietStart, quietEnd, _csrf, ...choices } = req.body as Record<
        string,
        string | undefined
      >;
      await savePreferences(req.ctx, account.id, {
        choices: choices as Record<string, string>,
        timeZone: timeZone ?? null,
        quietStart: quietStart ?? null,
        quietEnd: quietEnd ?? null,
      });
      return reply.redirect('/account/notifications?saved=1', 303);
    },
  );
  app.get(
    '/api/v1/me/notification-preferences',
    {
      schema: {
        tags,
        summary: 'My notification preferences',
        description:
          'Per kind of notification and channel, how you are told: at once, in a daily or weekly digest (mail), or not; your time zone and quiet hours.',
        response: { 200: PreferencesOut },
      },
    },
    async (req) => preferencesOf(req.ctx, accountOf(req).id),
  );
  app.put(
    '/api/v1/me/notification-preferences',
    {
      schema: {
        tags,
        summary: 'Change my notification preferences',
        description:
          'Changes the choices given, each `{ kind, channel, cadence }` (others keep theirs) and, when given, the time zone and quiet hours (null clears). 400 names each refused field: `notify.errors.unknown_kind`, `notify.errors.cadence` (push offers only `immediate` and `off`), `notify.errors.time`, `notify.errors.quiet_both`, `notify.errors.time_zone`.',
        body: PreferencesIn,
        response: { 200: PreferencesOut },
      },
    },
    async (req) => {
      const { choices, ...setting } = req.body;
      return savePreferences(req.ctx, accountOf(req).id, {
        ...setting,
        choices: Object.fromEntries(
          (choices ?? []).map((c) => [fieldOf(c.kind, c.channel as ChannelName), c.cadence]),
        ),
      });
    },
  );
  app.get(
    '/unsubscribe/:accountId/:kinds/:token',
    { schema: { hide: true, params: UnsubscribeParams } },
    async (req, reply) => {
      const { accountId, kinds, token } = req.params;
      const { kinds: list, locale } = await checkUnsubscribe(req.ctx, accountId, kinds, token);
      return sendPage(
        reply,
        h(UnsubscribePage, { view: inLocale(viewOf(req, reply), req, locale), kinds: list, done: false }),
      );
    },
  );
  app.post(
    '/unsubscribe/:accountId/:kinds/:token',
    {
      schema: { hide: true, params: UnsubscribeParams, body: Type.Optional(OneClick) },
      config: { signedLink: true },
    },
    async (req, reply) => {
      const { accountId, kinds, token } = req.params;
      const { kinds: list, locale } = await unsubscribe(req.ctx, accountId, kinds, token);
      // A mail program's one-click POST (RFC 8058) needs only the status.
      if (req.body?.['List-Unsubscribe'] === 'One-Click') return reply.type('text/plain').send('OK');
      return sendPage(
        reply,
        h(UnsubscribePage, { view: inLocale(viewOf(req, reply), req, locale), kinds: list, done: true }),
      );
    },
  );
}
