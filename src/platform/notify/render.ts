/**
 * Saying a notification in its reader's language: its values are kept as given (a name, a
 * number, a calendar day, a month) and written out only when read, so the inbox and the mail
 * speak the reader's language of the day, not the sender's.
 */
import { formatDay, type Locale, translator } from '../i18n/index.ts';

/** A value of a notification's texts: text or a number as is; a day, a month or a wall time (`HH:mm`) written out. */
export type Param = string | number | { day: string } | { month: string } | { time: string };

/** The parts of a notification its texts are made from. */
export interface Sayable {
  subjectKey: string;
  bodyKey: string;
  /** JSON of `Record<string, Param>`. */
  params: string;
}

const monthFormats = new Map<string, Intl.DateTimeFormat>();

/** A month `YYYY-MM` as `locale` writes it ("March 2027"), read at noon UTC so it is that month anywhere. */
function formatMonth(locale: string, month: string): string {
  let format = monthFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
    monthFormats.set(locale, format);
  }
  return format.format(new Date(`${month}-01T12:00:00Z`));
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** A wall time `HH:mm` as `locale` writes it ("3:38 PM", "15:38"); it is already the community's own. */
function formatTime(locale: string, time: string): string {
  let format = timeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });
    timeFormats.set(locale, format);
  }
  return format.format(new Date(`1970-01-01T${time}:00Z`));
}

/** `params` (JSON) as the values of `locale`'s texts. */
export function valuesOf(locale: Locale, params: string): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(JSON.parse(params) as Record<string, Param>)) {
    if (typeof value === 'object')
      out[key] =
        'day' in value
          ? formatDay(locale, value.day)
          : 'time' in value
            ? formatTime(locale, value.time)
            : formatMonth(locale, value.month);
    else out[key] = value;
  }
  return out;
}

/**
 * The notification's subject (the inbox line, the mail's subject) and body in `locale`;
 * `extra` adds values every text may use (`community`, `link`).
 */
export function say(locale: Locale, n: Sayable, extra: Record<string, string> = {}) {
  const t = translator(locale);
  const values = { ...valuesOf(locale, n.params), ...extra };
  return { subject: t(n.subjectKey, values), body: t(n.bodyKey, values) };
}

/**
 * The catalog keys of a notification's push texts, beside its subject: `…push_title` and
 * `…push_body` in place of `…subject` (`library.mail.requested.subject` has
 * `library.mail.requested.push_title`; `posts.mail.claimed_subject` has
 * `posts.mail.claimed_push_title`). A test checks every notification text has a title in each
 * language.
 */
export function pushKeys(subjectKey: string): { title: string; body: string } {
  const base = subjectKey.replace(/subject$/, '');
  return { title: `${base}push_title`, body: `${base}push_body` };
}

/**
 * What a push says of a notification in `locale`: a short title for what happened ("Loan
 * request", "Someone will help") and one line of what it is about — its own push text where the
 * catalog has one (a message: its words), else the subject ("Rosa will help: Ladder").
 */
export function sayPush(locale: Locale, n: Sayable, extra: Record<string, string> = {}) {
  const t = translator(locale);
  const values = { ...valuesOf(locale, n.params), ...extra };
  const keys = pushKeys(n.subjectKey);
  const subject = t(n.subjectKey, values);
  const body = t(keys.body, { ...values, defaultValue: subject });
  return { title: t(keys.title, values), body: body.replace(/\s+/g, ' ').trim() };
}
