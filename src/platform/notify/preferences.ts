/**
 * A member's notification preferences: per kind and channel a cadence (`kinds.ts` has the
 * defaults and the cadences each channel offers), their time zone (none: each community's) and
 * quiet hours (`HH:mm` to `HH:mm`, both or neither). One-click unsubscribe turns a kind's mail
 * off from a signed link, without signing in (`unsubscribe.ts`).
 */
import type { Services } from '../context.ts';
import type { Cadence } from '../db/database.ts';
import { isTimeZone } from '../db/time.ts';
import { type FieldError, Invalid, NotFound } from '../errors.ts';
import { allKinds, type ChannelName, cadencesFor, channels, isKind, kindOf } from './kinds.ts';
import * as store from './store.ts';
import { verifyUnsubscribe } from './unsubscribe.ts';

/** A member's preferences as the page and the API show them. */
export interface Preferences {
  /** Per kind, per channel: the cadence in force (chosen, or the kind's default). */
  choices: Record<string, Record<ChannelName, Cadence>>;
  /** IANA time zone, or null for each community's own. */
  timeZone: string | null;
  quietStart: string | null;
  quietEnd: string | null;
}

/** The form field of a kind's channel (`library.loans:mail`). */
export const fieldOf = (kind: string, channel: ChannelName) => `${kind}:${channel}`;

/** The member's preferences, defaults filled in. */
export async function preferencesOf(s: Pick<Services, 'db'>, accountId: string): Promise<Preferences> {
  const [rows, setting] = await Promise.all([
    store.listPreferences(s.db, accountId),
    store.findSetting(s.db, accountId),
  ]);
  const choices: Preferences['choices'] = {};
  for (const kind of allKinds()) choices[kind.name] = { ...kind.defaults };
  for (const r of rows) {
    if (!choices[r.kind] || !(channels as readonly string[]).includes(r.channel)) continue;
    // A digest stored for an emergency kind (before it was refused) is delivered at once: say so.
    const offered = cadencesFor(kindOf(r.kind), r.channel as ChannelName);
    choices[r.kind][r.channel as ChannelName] = offered.includes(r.cadence) ? r.cadence : 'immediate';
  }
  return {
    choices,
    timeZone: setting?.timeZone ?? null,
    quietStart: setting?.quietStart ?? null,
    quietEnd: setting?.quietEnd ?? null,
  };
}

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Saves the member's choices (`choices`: only the kinds and channels given change) and, when
 * given, time zone and quiet hours (`''` or null clears them). Throws `Invalid` naming each
 * refused field: an unknown kind or channel, a cadence the channel (or an emergency kind: only at
 * once or off) does not offer, a time not
 * `HH:mm`, only one end of the quiet hours, an unknown time zone. Nothing is saved then.
 */
export async function savePreferences(
  s: Pick<Services, 'db'>,
  accountId: string,
  input: {
    choices?: Record<string, string>;
    timeZone?: string | null;
    quietStart?: string | null;
    quietEnd?: string | null;
  },
): Promise<Preferences> {
  const errors: FieldError[] = [];
  const changes: { kind: string; channel: ChannelName; cadence: Cadence }[] = [];
  for (const [field, cadence] of Object.entries(input.choices ?? {})) {
    const at = field.lastIndexOf(':');
    const kind = field.slice(0, at);
    const channel = field.slice(at + 1) as ChannelName;
    if (!isKind(kind) || !(channels as readonly string[]).includes(channel)) {
      errors.push({ field, code: 'notify.errors.unknown_kind' });
    } else if (!cadencesFor(kindOf(kind), channel).includes(cadence as Cadence)) {
      errors.push({
        field,
        code: kindOf(kind).emergency ? 'notify.errors.cadence_emergency' : 'notify.errors.cadence',
        params: { allowed: cadencesFor(kindOf(kind), channel).join(', ') },
      });
    } else changes.push({ kind, channel, cadence: cadence as Cadence });
  }
  const settingGiven =
    input.timeZone !== undefined || input.quietStart !== undefined || input.quietEnd !== undefined;
  const timeZone = input.timeZone || null;
  const quietStart = input.quietStart || null;
  const quietEnd = input.quietEnd || null;
  if (timeZone && !isTimeZone(timeZone)) errors.push({ field: 'timeZone', code: 'notify.errors.time_zone' });
  for (const [field, value] of [
    ['quietStart', quietStart],
    ['quietEnd', quietEnd],
  ] as const) {
    if (value && !hhmm.test(value)) errors.push({ field, code: 'notify.errors.time' });
  }
  if (Boolean(quietStart) !== Boolean(quietEnd))
    errors.push({ field: quietStart ? 'quietEnd' : 'quietStart', code: 'notify.errors.quiet_both' });
  if (errors.length) throw new Invalid(errors);
  await s.db.transaction().execute(async (tx) => {
    for (const c of changes) await store.upsertPreference(tx, accountId, c.kind, c.channel, c.cadence);
    if (settingGiven) await store.upsertSetting(tx, { accountId, timeZone, quietStart, quietEnd });
  });
  return preferencesOf(s, accountId);
}

/**
 * The kinds a one-click unsubscribe link names, if its signature holds for the account and the
 * kinds and the account exists, with the account's language (its page speaks it: opened from a
 * mail program, nobody is signed in); `NotFound('notify.unsubscribe_invalid')` otherwise.
 * Changes nothing.
 */
export async function checkUnsubscribe(
  s: Pick<Services, 'db' | 'config'>,
  accountId: string,
  kinds: string,
  token: string,
): Promise<{ kinds: string[]; locale: string | null }> {
  const list = verifyUnsubscribe(s.config.secretKey, accountId, kinds, token)?.filter(isKind);
  const [account] = list?.length ? await store.listContacts(s.db, [accountId]) : [];
  if (!list?.length || !account) throw new NotFound('notify.unsubscribe_invalid');
  return { kinds: list, locale: account.locale };
}

/** Turns off mail of the kinds a valid one-click unsubscribe link names (`checkUnsubscribe`); returns the same. */
export async function unsubscribe(
  s: Pick<Services, 'db' | 'config'>,
  accountId: string,
  kinds: string,
  token: string,
): Promise<{ kinds: string[]; locale: string | null }> {
  const checked = await checkUnsubscribe(s, accountId, kinds, token);
  await s.db.transaction().execute(async (tx) => {
    for (const kind of checked.kinds) await store.upsertPreference(tx, accountId, kind, 'mail', 'off');
  });
  return checked;
}
