/**
 * Notifications: one way for every feature to tell members what matters. A feature says who
 * should know what (`notify`: a kind, the thing it is about, the path to act on it, the texts and
 * their values) inside its own transaction; this service writes each recipient's inbox
 * notification and, by their preferences, a delivery per channel (mail, push): due now or when
 * their quiet hours end, or waiting for their daily or weekly digest. Deliveries are sent after
 * commit by durable jobs (`notify.deliver`, retried with back-off by the queue); a delivery that
 * fails its last attempt is marked failed, listed for the operator (`porch notifications`) and can
 * be retried. Each notification has at most one delivery per channel (a unique key), and each
 * delivery job is claimed by one process, so two processes send it once. An SMTP server that
 * accepted a mail but failed to answer may see it again on the retry (SMTP cannot say more).
 */
import { requireMember } from '../access.ts';
import type { Ctx, Services } from '../context.ts';
import { findCommunityContext } from '../context.ts';
import type { Cadence, Db, NotificationDeliveryTable, NotificationTable } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { iso } from '../db/time.ts';
import { NotFound } from '../errors.ts';
import { tellMembers } from '../events/live.ts';
import { negotiateLocale } from '../i18n/index.ts';
import { maxAttempts } from '../jobs/queue.ts';
import { inBatches, registerRecurringJob, startRecurringJob } from '../jobs/recurring.ts';
import { channelOf } from './channels.ts';
import { type ChannelName, channels, kindOf, taskOf } from './kinds.ts';
import type { Param } from './render.ts';
import { dueAt } from './schedule.ts';
import * as store from './store.ts';

/** What a feature tells: who should know what. */
export interface Notice {
  /** A registered kind (`kinds.ts`). */
  kind: string;
  /** The community it happens in (its time zone is a recipient's when they chose none). */
  community: { id: string; timeZone: string };
  /** Who is told (account ids, members of the community); repeats and nulls are dropped. */
  to: readonly (string | null | undefined)[];
  /**
   * The thing it is about, e.g. `{ type: 'loan', id }`, and its own name (an item, a post, a
   * person), which titles its line in "needs me" when the text asks something (`kinds.ts` asks).
   */
  about: { type: string; id: string; title?: string };
  /**
   * Who did what caused it, when they are among `to` (a lender who approved is to hand the
   * thing over; a neighbor who said they would help): they get the task in "needs me" and the
   * line in their inbox already read, but no mail or push — they know.
   */
  actor?: string;
  /** Where to act on it, a path under the community (`/posts/…`). */
  path: string;
  /** Catalog keys: the subject (inbox line, mail subject) and the body (mail, push). */
  text: { subject: string; body: string };
  /** Values of the texts; `community` and `link` are added when said. */
  params: Record<string, Param>;
}

/** Job kinds: send deliveries (payload `{ communityId, ids }`), gather due digests (recurring). */
export const deliverJob = 'notify.deliver';
export const digestJob = 'notify.digests';
/** How often due digests are gathered. */
export const digestEverySeconds = 5 * 60;

/**
 * Tells `notice.to` inside `tx`: their inbox now, their channels by preference after commit.
 * Returns how many were told (inbox) and how many deliveries were made. Throws for an unknown kind.
 */
export async function notify(
  s: Pick<Services, 'jobs' | 'clock'>,
  tx: Db,
  notice: Notice,
): Promise<{ told: number; deliveries: number }> {
  const kind = kindOf(notice.kind);
  const ids = [...new Set(notice.to.filter((id): id is string => Boolean(id)))];
  if (ids.length === 0) return { told: 0, deliveries: 0 };
  const now = s.clock.now();
  const at = iso(now);
  const communityId = notice.community.id;
  const recipients = (await store.listRecipients(tx, ids)).filter((r) => r.erasedAt === null);
  const choices = new Map<string, Cadence>();
  for (const c of await store.listChoices(tx, notice.kind, ids))
    choices.set(`${c.accountId} ${c.channel}`, c.cadence);

  // Who each wired channel can reach at all, asked once for everyone.
  const reach = new Map<ChannelName, Set<string>>();
  for (const name of channels) {
    const channel = channelOf(name);
    if (channel) reach.set(name, await channel.reaches(tx, recipients));
  }

  const notifications: NotificationTable[] = [];
  const deliveries: NotificationDeliveryTable[] = [];
  const params = JSON.stringify(notice.params);
  const task = taskOf(notice.kind, notice.text.subject);
  for (const r of recipients) {
    const notificationId = newId();
    const themselves = r.id === notice.actor;
    notifications.push({
      id: notificationId,
      communityId,
      accountId: r.id,
      kind: notice.kind,
      subjectType: notice.about.type,
      subjectId: notice.about.id,
      path: notice.path,
      subjectKey: notice.text.subject,
      bodyKey: notice.text.body,
      params,
      createdAt: at,
      readAt: themselves ? at : null,
      task,
      title: task ? (notice.about.title ?? null) : null,
      doneAt: null,
    });
    if (themselves) continue;
    for (const name of channels) {
      const chosen = choices.get(`${r.id} ${name}`) ?? kind.defaults[name];
      if (chosen === 'off' || !reach.get(name)?.has(r.id)) continue;
      // An emergency is never held for a digest, even by a choice stored before that was refused.
      const cadence = kind.emergency ? 'immediate' : chosen;
      const zone = r.timeZone ?? notice.community.timeZone;
      const due = dueAt(now, cadence, zone, { start: r.quietStart, end: r.quietEnd }, kind.emergency);
      deliveries.push({
        id: newId(),
        communityId,
        notificationId,
        accountId: r.id,
        channel: name,
        cadence,
        status: cadence === 'immediate' ? 'pending' : 'waiting',
        dueAt: iso(due),
        attempts: 0,
        lastError: null,
        sentAt: null,
      });
    }
  }
  await store.insertNotifications(tx, notifications);
  await store.insertDeliveries(tx, deliveries);
  await s.jobs.enqueueMany(
    tx,
    deliveryJobs(
      communityId,
      deliveries.filter((d) => d.status === 'pending'),
    ),
  );
  await tellMembers(
    s,
    tx,
    communityId,
    notifications.map((n) => n.accountId),
  );
  return { told: notifications.length, deliveries: deliveries.length };
}

/**
 * Settles the open tasks about a thing, inside the transaction of the change that settled it (a
 * loan answered by any steward, a join request decided by another): everyone's, or only
 * `accountId`'s (a conversation read by one of its people), or only `tasks`. Their menus
 * update. `ids`: several things of one type at once (posts expired together).
 */
export async function resolve(
  s: Pick<Services, 'clock' | 'jobs'>,
  tx: Db,
  communityId: string,
  about: { type: string; id: string } | { type: string; ids: readonly string[] },
  only: { accountId?: string; tasks?: readonly string[] } = {},
): Promise<void> {
  const ids = 'ids' in about ? about.ids : [about.id];
  const whose = await store.markDoneAbout(
    tx,
    communityId,
    { type: about.type, ids },
    iso(s.clock.now()),
    only,
  );
  if (whose.length > 0) await tellMembers(s, tx, communityId, [...new Set(whose)]);
}

/**
 * Settles a member's open `tasks`, whatever they are about, inside `tx`: what they were asked
 * as a role they no longer have (join requests, once no longer a steward).
 */
export async function resolveTasksOf(
  s: Pick<Services, 'clock' | 'jobs'>,
  tx: Db,
  communityId: string,
  accountId: string,
  tasks: readonly string[],
): Promise<void> {
  if (await store.markDoneOf(tx, communityId, accountId, tasks, iso(s.clock.now())))
    await tellMembers(s, tx, communityId, [accountId]);
}

/**
 * The actor's tasks in the community not yet done, newest first (at most `store.needsLimit`):
 * what "needs me" lists (`platform/porch.ts` makes its lines).
 */
export function openTasks(ctx: Ctx) {
  const { communityId, accountId } = requireMember(ctx);
  return store.listNeeds(ctx.db, communityId, accountId);
}

/**
 * The actor says the task of their notification `id` is done (and with it the others about the
 * same thing, which "needs me" shows as one line); they read it too. `NotFound('notify.not_found')`
 * for a notification not theirs, or one that asks nothing; done again is no change.
 */
export async function markTaskDone(ctx: Ctx, id: string): Promise<void> {
  const { communityId, accountId } = requireMember(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    const found = await store.findNotification(tx, communityId, accountId, id);
    if (!found?.task) throw new NotFound('notify.not_found');
    if (await store.markDone(tx, communityId, accountId, id, iso(ctx.clock.now())))
      await tellMembers(ctx, tx, communityId, [accountId]);
  });
}

/**
 * Which of `accountIds` turned every channel of `kind` off (by their own choice, or its
 * defaults): a feature that would tell many people something they did not ask for (a nudge)
 * leaves them out altogether, inbox included.
 */
export async function optedOut(db: Db, kind: string, accountIds: readonly string[]): Promise<Set<string>> {
  const defaults = kindOf(kind).defaults;
  const choices = new Map<string, Cadence>();
  for (const c of await store.listChoices(db, kind, accountIds))
    choices.set(`${c.accountId} ${c.channel}`, c.cadence);
  return new Set(
    accountIds.filter((id) =>
      channels.every((name) => (choices.get(`${id} ${name}`) ?? defaults[name]) === 'off'),
    ),
  );
}

/** Deliveries per `notify.deliver` job: one job sends many members' mails, reading once for all. */
export const batchSize = 50;
/** How many of a batch's members are sent to at once (mail keeps 5 SMTP connections). */
const sendingAtOnce = 5;

/** The jobs sending `deliveries` of one community: one per `batchSize`, each due at its own time. */
function deliveryJobs(communityId: string, deliveries: readonly { id: string; dueAt: string }[]) {
  const byDue = new Map<string, string[]>();
  for (const d of deliveries) byDue.set(d.dueAt, [...(byDue.get(d.dueAt) ?? []), d.id]);
  const jobs = [];
  for (const [due, ids] of byDue)
    for (let i = 0; i < ids.length; i += batchSize)
      jobs.push({
        kind: deliverJob,
        payload: { communityId, ids: ids.slice(i, i + batchSize) },
        runAt: new Date(due),
      });
  return jobs;
}

/**
 * Sends the deliveries `ids` of one community that are still pending, to each member by each
 * channel (one mail, or one digest of several): the community, the notifications and the
 * recipients are read once for the batch. Each member's deliveries are marked sent as soon as
 * they went out, or their attempt counted (failed at the last attempt); when any failed this
 * throws, and the job's retry sends only what is still pending.
 */
async function deliver(s: Services, communityId: string, ids: readonly string[]): Promise<void> {
  const rows = await store.listPending(s.db, communityId, ids);
  if (rows.length === 0) return;
  const community = await findCommunityContext(s, communityId);
  const contacts = new Map(
    (await store.listContacts(s.db, [...new Set(rows.map((r) => r.accountId))])).map((c) => [c.id, c]),
  );
  const groups = new Map<string, typeof rows>();
  for (const r of rows) {
    const key = `${r.accountId} ${r.channel}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const failures: string[] = [];
  const sendGroup = async (group: typeof rows) => {
    const contact = contacts.get(group[0].accountId);
    const channel = channelOf(group[0].channel);
    const sent = group.map((r) => r.id);
    // Nothing to send any more (the community closed, the account erased, the channel unwired).
    if (!community || !contact || contact.erasedAt || !channel) {
      await store.markSent(s.db, communityId, sent, iso(s.clock.now()));
      return;
    }
    try {
      await channel.send(
        s,
        community,
        {
          accountId: contact.id,
          email: contact.email,
          locale: negotiateLocale(contact.locale, undefined, community.languageList),
        },
        group.map((r) => ({
          notificationId: r.notificationId,
          kind: r.kind,
          path: r.path,
          cadence: r.cadence,
          subjectKey: r.subjectKey,
          bodyKey: r.bodyKey,
          params: r.params,
        })),
      );
    } catch (error) {
      const message = String(error instanceof Error ? error.message : error).slice(0, 1000);
      await store.markAttempt(s.db, communityId, sent, message, group[0].attempts + 1 >= maxAttempts);
      failures.push(message);
      return;
    }
    await store.markSent(s.db, communityId, sent, iso(s.clock.now()));
  };
  const queue = [...groups.values()];
  await Promise.all(
    Array.from({ length: Math.min(sendingAtOnce, queue.length) }, async () => {
      for (let group = queue.shift(); group; group = queue.shift()) await sendGroup(group);
    }),
  );
  if (failures.length > 0)
    throw new Error(`${failures.length} of ${groups.size} deliveries failed: ${failures[0]}`);
}

/** Moves due digests to sending: each member's per community and channel sent as one. */
async function gatherDigests(s: Services): Promise<void> {
  await s.db.transaction().execute(async (tx) => {
    const due = await store.takeDueDigests(tx, iso(s.clock.now()));
    await s.jobs.enqueueMany(tx, batchesOf(due));
  });
}

/**
 * Delivery jobs for `rows` of any communities, due now: a member's deliveries (per community and
 * channel) stay in one job, so a digest is one mail; a job holds about `batchSize` of them.
 */
function batchesOf(rows: readonly { id: string; communityId: string; accountId: string }[]) {
  const byCommunity = new Map<string, Map<string, string[]>>();
  for (const r of rows) {
    const members = byCommunity.get(r.communityId) ?? new Map<string, string[]>();
    members.set(r.accountId, [...(members.get(r.accountId) ?? []), r.id]);
    byCommunity.set(r.communityId, members);
  }
  const jobs = [];
  for (const [communityId, members] of byCommunity) {
    let ids: string[] = [];
    for (const memberIds of members.values()) {
      ids.push(...memberIds);
      if (ids.length >= batchSize) {
        jobs.push({ kind: deliverJob, payload: { communityId, ids } });
        ids = [];
      }
    }
    if (ids.length > 0) jobs.push({ kind: deliverJob, payload: { communityId, ids } });
  }
  return jobs;
}

/** Registers the delivery job and the recurring digest job. */
export function registerNotifyJobs(s: Services): void {
  s.jobs.register(deliverJob, (p: { communityId: string; ids: string[] }) =>
    deliver(s, p.communityId, p.ids),
  );
  registerRecurringJob(s, digestJob, digestEverySeconds, () => gatherDigests(s));
}

/** Queues the first digest run (start-up), unless one waits. */
export function startNotifyJobs(s: Services): Promise<void> {
  return startRecurringJob(s, digestJob);
}

/** Failed deliveries of every community, newest first (at most `limit`), for the operator. */
export function failedDeliveries(s: Pick<Services, 'db'>, limit = 100) {
  return store.listFailed(s.db, limit);
}

/**
 * Puts failed deliveries back in the queue with fresh attempts: every one, or only `id` (none
 * when it is not a failed delivery). Returns how many.
 */
export async function retryFailedDeliveries(s: Pick<Services, 'db' | 'jobs'>, id?: string): Promise<number> {
  return s.db.transaction().execute(async (tx) => {
    const rows = await store.retryFailed(tx, id);
    await s.jobs.enqueueMany(tx, batchesOf(rows));
    return rows.length;
  });
}

/** Notifications per page of the inbox (page and API). */
export const inboxPageSize = 50;

/** A page of the inbox's cursor, as links and the API carry it: `<created_at>~<id>`. */
export const cursorPattern = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z~[0-9a-f-]{36}$';

/**
 * A page of the actor's inbox in the community, newest first: one line per thing (a loan, a
 * conversation), its newest notification, with `count` (how many are about it) and `unread` (how
 * many of them are unread); the first page, or the one after cursor `before` (`cursorPattern`,
 * from `next` of the page before). `next` is null on the last page.
 */
export async function inbox(ctx: Ctx, before?: string, limit = inboxPageSize) {
  const { communityId, accountId } = requireMember(ctx);
  const [createdAt, id] = before?.split('~') ?? [];
  const rows = await store.listInbox(
    ctx.db,
    communityId,
    accountId,
    limit + 1,
    before ? { createdAt, id } : undefined,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const counts = new Map(
    (await store.countAbout(ctx.db, communityId, accountId, [...new Set(page.map((n) => n.subjectId))])).map(
      (c) => [`${c.subjectType} ${c.subjectId}`, c],
    ),
  );
  const notifications = page.map((n) => {
    const c = counts.get(`${n.subjectType} ${n.subjectId}`);
    return { ...n, count: Number(c?.total ?? 1), unread: Number(c?.unread ?? (n.readAt ? 0 : 1)) };
  });
  return { notifications, next: rows.length > limit && last ? cursorOf(last) : null };
}

/** The cursor (`cursorPattern`) of a notification: where a page after it starts, or up to it. */
export function cursorOf(n: { createdAt: string; id: string }): string {
  return `${n.createdAt}~${n.id}`;
}

/** How long a read notification is kept (days): the tidy job removes it, and its deliveries, after. */
export const keepReadDays = 90;

/**
 * The notifications' part of the hourly tidying: read notifications older than `keepReadDays`
 * (in batches of `batch`), and whatever erased accounts left (inbox, choices, devices).
 */
export async function tidyNotifications(s: Pick<Services, 'db' | 'clock'>, batch: number): Promise<void> {
  const before = iso(new Date(s.clock.now().getTime() - keepReadDays * 86_400_000));
  await inBatches(batch, (n) => store.pruneRead(s.db, before, n));
  await store.forgetErased(s.db);
}

/** How many of the actor's notifications in the community are unread. */
export function unreadCount(ctx: Ctx): Promise<number> {
  const { communityId, accountId } = requireMember(ctx);
  return store.countUnread(ctx.db, communityId, accountId);
}

/**
 * Marks one of the actor's notifications read, and the others about the same thing (the inbox
 * shows them as one line), and returns it (its path is where it leads);
 * `NotFound('notify.not_found')` for one not theirs. Their other open pages update.
 */
export async function readNotification(ctx: Ctx, id: string) {
  const { communityId, accountId } = requireMember(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const found = await store.findNotification(tx, communityId, accountId, id);
    if (!found) throw new NotFound('notify.not_found');
    const now = iso(ctx.clock.now());
    const about = { type: found.subjectType, id: found.subjectId };
    if (await store.markReadAbout(tx, communityId, accountId, about, now))
      await tellMembers(ctx, tx, communityId, [accountId]);
    return { ...found, readAt: found.readAt ?? now };
  });
}

/**
 * Marks the actor's notifications in the community read — all of them, or with `upTo` (a cursor,
 * `cursorPattern`: the newest one the page showed) only that one and older, so what arrived
 * after the page was shown stays unread. Returns how many were unread.
 */
export async function readAll(ctx: Ctx, upTo?: string): Promise<number> {
  const { communityId, accountId } = requireMember(ctx);
  const [createdAt, id] = upTo?.split('~') ?? [];
  return ctx.db.transaction().execute(async (tx) => {
    const which = upTo ? { upTo: { createdAt, id } } : 'all';
    const n = await store.markRead(tx, communityId, accountId, iso(ctx.clock.now()), which);
    if (n) await tellMembers(ctx, tx, communityId, [accountId]);
    return n;
  });
}

/**
 * Marks the actor's notifications about one thing read (they opened it: a conversation read is
 * read in the inbox too), so the inbox agrees with what the porch says needs them.
 */
export async function readAbout(
  ctx: Ctx,
  about: { type: string; id: string },
  tx: Db = ctx.db,
): Promise<void> {
  const { communityId, accountId } = requireMember(ctx);
  await store.markReadAbout(tx, communityId, accountId, about, iso(ctx.clock.now()));
}

export type { ChannelName };
