/**
 * The channels a notification goes out by, besides the inbox. A channel sends one delivery or a
 * digest of several to one member, and throws when the service on the other side fails (the job
 * then retries). Mail and push are wired by `app.ts` (`setChannel`); an SMS gateway could be one
 * more the same way.
 */
import type { CommunityContext, Services } from '../context.ts';
import type { Db } from '../db/database.ts';
import { type Locale, translator } from '../i18n/index.ts';
import type { Mail } from '../mail/mailer.ts';
import { type ChannelName, isKind, kindLabel, kindOf } from './kinds.ts';
import { sendPush } from './push.ts';
import { type Sayable, say, sayPush } from './render.ts';
import { accountsWithPush } from './store.ts';
import { unsubscribePath } from './unsubscribe.ts';

/** A notification to send, as a channel gets it. */
export interface Outgoing extends Sayable {
  /** The notification's id (a push's tag, so a second push of it replaces the first). */
  notificationId: string;
  kind: string;
  /** A path under the community. */
  path: string;
  cadence: string;
}

/** The member a channel sends to. */
export interface Recipient {
  accountId: string;
  email: string | null;
  locale: Locale;
}

/** A way of telling a member. */
export interface Channel {
  name: ChannelName;
  /**
   * Which of `recipients` it can reach at all (mail: an address; push: a device with push on),
   * checked when deliveries are made, for all of them at once.
   */
  reaches(db: Db, recipients: readonly { id: string; email: string | null }[]): Promise<Set<string>>;
  /** Sends `items` (one, or a digest) to `to`; throws when it failed and should be tried again. */
  send(s: Services, community: CommunityContext, to: Recipient, items: readonly Outgoing[]): Promise<void>;
}

const wired = new Map<ChannelName, Channel>();

/** Wires a channel (`app.ts`); until then its deliveries are not made. */
export function setChannel(channel: Channel): void {
  wired.set(channel.name, channel);
}

/** The wired channel named `name`, if any. */
export function channelOf(name: string): Channel | undefined {
  return wired.get(name as ChannelName);
}

/**
 * Turns a stored path into the path to send, with the server's secret key: a feature whose link
 * carries a secret stores a reference (`/evacuation/link/…`) in the notification, never the
 * secret, and its resolver rebuilds the link when a mail or push is sent. Returns undefined when
 * `path` is not its own.
 */
export type PathResolver = (secretKey: string, path: string) => string | undefined;

const resolvers: PathResolver[] = [];

/** Registers a resolver of stored paths (a feature's `register`); registering the same one again is a no-op. */
export function setPathResolver(resolver: PathResolver): void {
  if (!resolvers.includes(resolver)) resolvers.push(resolver);
}

/** The path to send for the stored `path`: the first resolver's answer, or the path itself. */
export function sentPath(secretKey: string, path: string): string {
  for (const resolve of resolvers) {
    const resolved = resolve(secretKey, path);
    if (resolved !== undefined) return resolved;
  }
  return path;
}

/** The absolute URL of stored `path` in `community`, as sent (`sentPath`). */
export function urlOf(s: Pick<Services, 'config'>, community: Pick<CommunityContext, 'slug'>, path: string) {
  return `${s.config.baseUrl}/c/${community.slug}${sentPath(s.config.secretKey, path)}`;
}

/** The mail of one notification, or the digest of several, with its unsubscribe link and headers. */
export function mailOf(
  s: Pick<Services, 'config'>,
  community: CommunityContext,
  to: Recipient & { email: string },
  items: readonly Outgoing[],
): Mail {
  const t = translator(to.locale);
  const kinds = [...new Set(items.map((i) => i.kind))];
  const unsubscribe = `${s.config.baseUrl}${unsubscribePath(s.config.secretKey, to.accountId, kinds)}`;
  const footer = t('notify.mail.footer', {
    kinds: kinds.map((k) => t(kindLabel(k))).join(', '),
    community: community.name,
    unsubscribe,
    preferences: `${s.config.baseUrl}/account/notifications`,
  });
  let subject: string;
  let text: string;
  if (items.length === 1 && items[0].cadence === 'immediate') {
    const link = urlOf(s, community, items[0].path);
    const said = say(to.locale, items[0], { community: community.name, link });
    subject = said.subject;
    // Every mail leads to what it is about, said in its text or after it.
    text = said.body.includes(link) ? said.body.trimEnd() : `${said.body.trimEnd()}\n\n${link}`;
    if (isKind(items[0].kind) && kindOf(items[0].kind).chat && community.chatUrl)
      text += `\n\n${t('notify.mail.chat', { community: community.name, chat: community.chatUrl })}`;
  } else {
    subject = t('notify.mail.digest_subject', { count: items.length, community: community.name });
    const lines = items.map((i) => {
      const link = urlOf(s, community, i.path);
      return `- ${say(to.locale, i, { community: community.name, link }).subject}\n  ${link}`;
    });
    text = `${t('notify.mail.digest_intro', { count: items.length, community: community.name })}\n\n${lines.join('\n\n')}`;
  }
  return {
    to: to.email,
    subject,
    text: `${text}\n\n-- \n${footer}\n`,
    lang: to.locale,
    headers: {
      'List-Unsubscribe': `<${unsubscribe}>`,
      // One click from a mail program (RFC 8058) turns a kind off unasked. Emergency alerts are
      // never turned off that way: without this header, the program opens the page, which asks.
      ...(items.some((i) => isKind(i.kind) && kindOf(i.kind).emergency)
        ? {}
        : { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }),
    },
  };
}

/** Mail: one mail at once, or one digest of several; a member without an address gets none. */
export const mailChannel: Channel = {
  name: 'mail',
  reaches: async (_db, recipients) => new Set(recipients.filter((r) => r.email).map((r) => r.id)),
  async send(s, community, to, items) {
    if (!to.email) return;
    await s.mailer.send(mailOf(s, community, { ...to, email: to.email }, items));
  },
};

/**
 * Push: each notification to every device the member turned push on for (`push.ts`), with its
 * short push title and line (`render.sayPush`) and the page it is about, which the service
 * worker opens when the notification is tapped; a digest is for mail only.
 */
export const pushChannel: Channel = {
  name: 'push',
  async reaches(db, recipients) {
    const found = new Set<string>();
    const ids = recipients.map((r) => r.id);
    for (let i = 0; i < ids.length; i += 400) {
      for (const id of await accountsWithPush(db, ids.slice(i, i + 400))) found.add(id);
    }
    return found;
  },
  async send(s, community, to, items) {
    for (const item of items) {
      const path = `/c/${community.slug}${sentPath(s.config.secretKey, item.path)}`;
      const said = sayPush(to.locale, item, {
        community: community.name,
        link: `${s.config.baseUrl}${path}`,
      });
      await sendPush(s, to.accountId, {
        title: said.title,
        body: said.body,
        url: path,
        tag: item.notificationId,
      });
    }
  },
};
