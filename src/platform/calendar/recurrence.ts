/**
 * Recurrence in a community's time zone: what repeats (shifts now, gatherings later), expanded
 * into occurrences that keep their local wall time across daylight-saving changes.
 *
 * The rule is an RFC 5545 RRULE (`FREQ=WEEKLY;INTERVAL=2;BYDAY=SA`), expanded by the `rrule`
 * library in "floating" time: the wall times are read as if they were UTC, so the library never
 * sees a time zone and a Saturday at 08:00 stays a Saturday at 08:00 whatever the clocks do.
 * Each wall time is then turned into an instant in the community's zone by `zonedInstant`
 * (`db/time.ts`), whose rule is RFC 5545 §3.3.5 and Temporal's 'compatible' one:
 * - a time skipped when clocks go forward is read with the offset before the change (02:30 on
 *   the spring-forward night is 03:30 new time: the later side, never earlier);
 * - a time that happens twice when clocks go back is the first of the two (01:30 summer time).
 *
 * On top of the rule, and not expressible in RRULE alone: a seasonal range (only between two
 * month-days each year, across the new year when the first is later), exceptions (local dates
 * left out, iCalendar's EXDATE) and moved occurrences (one occurrence at another local time,
 * iCalendar's RECURRENCE-ID). Everything here is pure; nothing reads a clock.
 */
import rrule from 'rrule';
import { addDays, localDate, zonedInstant } from '../db/time.ts';
import { Invalid } from '../errors.ts';

// `rrule` is CommonJS to Node: its named exports exist only through the default one.
const { RRule } = rrule;
type Rule = InstanceType<typeof RRule>;

/** What repeats, as stored: local wall times, the rule and its amendments. */
export interface Recurrence {
  /** The first occurrence's local start, `YYYY-MM-DDTHH:mm`, in the community's zone. */
  start: string;
  /**
   * An RFC 5545 RRULE without DTSTART (`FREQ=MONTHLY;BYDAY=2TU`), null for a single occurrence.
   * UNTIL is read as a local wall time (`UNTIL=20270331T235959`).
   */
  rule: string | null;
  /** Only between these month-days each year (`MM-DD`, both included); null: all year. */
  season?: { from: string; until: string } | null;
  /** Local dates (`YYYY-MM-DD`) on which the occurrence is left out (EXDATE). */
  exceptions?: readonly string[];
  /**
   * Occurrences moved to another local start: `{ from, to }`, both `YYYY-MM-DDTHH:mm`, `from`
   * being the start the rule gave (RECURRENCE-ID). A moved occurrence keeps its identity.
   */
  moves?: readonly { from: string; to: string }[];
}

/** One occurrence: its identity (the start the rule gave), its local start and its instant. */
export interface Occurrence {
  /** The local start the rule gave, `YYYY-MM-DDTHH:mm`: stable even when the occurrence moves. */
  key: string;
  /** The local start, `YYYY-MM-DDTHH:mm` (the key, or where it was moved to). */
  local: string;
  /** The instant it starts. */
  start: Date;
}

/** The RRULE parts a community's rule may use (no time of day: the start gives it). */
const allowedParts = new Set([
  'FREQ',
  'INTERVAL',
  'BYDAY',
  'BYMONTHDAY',
  'BYMONTH',
  'COUNT',
  'UNTIL',
  'WKST',
]);
/** Finer frequencies make no sense for something that starts at one time of day. */
const allowedFrequencies = new Set(['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);
/** How far ahead a rule must produce its first date to be accepted. */
const firstWithinYears = 10;

const localDateTimeShape = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const monthDayShape = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A wall time `YYYY-MM-DDTHH:mm` as the floating `Date` rrule works in (its UTC fields). */
function floating(local: string): Date {
  return new Date(`${local}:00Z`);
}

/** The wall time `YYYY-MM-DDTHH:mm` of a floating `Date`. */
function wall(d: Date): string {
  return d.toISOString().slice(0, 16);
}

/** Minutes since midnight of a wall time `HH:mm` (`"07:30"` → 450); the shape is checked by the form's schema. */
export const minutesOfDay = (hhmm: string): number =>
  Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether `text` is a real local date-time `YYYY-MM-DDTHH:mm` (not the 30th of February). */
export function isLocalDateTime(text: string): boolean {
  if (!localDateTimeShape.test(text)) return false;
  const d = floating(text);
  return !Number.isNaN(d.getTime()) && wall(d) === text;
}

/**
 * Checks `text` as a rule: RRULE parts only (no DTSTART, TZID or times of day), a daily or
 * coarser frequency. Throws `Invalid` on field `field` (`calendar.rule_invalid`) otherwise.
 */
function parseRule(text: string, start: string, field: string): Rule {
  const parts = text
    .replace(/^RRULE:/i, '')
    .split(';')
    .filter(Boolean);
  const keys = parts.map((p) => p.split('=')[0]?.toUpperCase() ?? '');
  const freq = parts
    .find((p) => p.toUpperCase().startsWith('FREQ='))
    ?.slice(5)
    .toUpperCase();
  if (
    parts.length === 0 ||
    keys.some((k) => !allowedParts.has(k)) ||
    parts.some((p) => !/^[A-Z]+=[A-Z0-9,+-]+$/i.test(p)) ||
    !freq ||
    !allowedFrequencies.has(freq)
  ) {
    throw new Invalid([{ field, code: 'calendar.rule_invalid', params: { rule: text } }]);
  }
  let rule: Rule;
  try {
    const options = RRule.parseString(parts.join(';').toUpperCase());
    rule = new RRule({ ...options, dtstart: floating(start), tzid: null });
  } catch {
    throw new Invalid([{ field, code: 'calendar.rule_invalid', params: { rule: text } }]);
  }
  if (!datesExist(rule)) throw new Invalid([{ field, code: 'calendar.rule_never_occurs' }]);
  return rule;
}

/** The most days month `m` (1–12) has, 29 for February. */
const monthDays = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether some month the rule allows has some day of the month it names. `rrule` looks for a
 * date until the year 9999 when none can exist (a daily rule on the 31st of April took 14 s),
 * so a rule whose days are impossible is refused before it is expanded. Every other rule we
 * accept (no BYSETPOS, BYYEARDAY or BYWEEKNO) finds a date within a 28-year calendar cycle.
 */
function datesExist(rule: Rule): boolean {
  const o = rule.origOptions;
  const list = <V>(v: V | V[] | null | undefined): V[] => (v == null ? [] : Array.isArray(v) ? v : [v]);
  // "The 6th Tuesday": at most 5 of a weekday in a month, 53 in a year.
  const most = o.freq === RRule.YEARLY && list(o.bymonth).length === 0 ? 53 : 5;
  const nths = list(rule.options.bynweekday).map(([, n]) => n);
  if (nths.length && (o.freq === RRule.DAILY || o.freq === RRule.WEEKLY)) return false;
  if (nths.some((n) => n === 0 || Math.abs(n) > most)) return false;
  const days = list(o.bymonthday as number | number[] | null | undefined);
  if (days.length === 0) return true;
  const months = list(o.bymonth as number | number[] | null | undefined);
  return (months.length ? months : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]).some((m) =>
    days.some((d) => d !== 0 && Math.abs(d) <= monthDays[m - 1]),
  );
}

/** Whether local date `day` lies in `season` (month-days, both ends included, may wrap the year). */
function inSeason(day: string, season: Recurrence['season']): boolean {
  if (!season) return true;
  const md = day.slice(5);
  return season.from <= season.until
    ? md >= season.from && md <= season.until
    : md >= season.from || md <= season.until;
}

/**
 * Checks a recurrence before it is stored: the start's shape, the rule's, the season's and the
 * exceptions', and that the whole produces at least one date within ten years of its start.
 * Throws `Invalid` naming the field: `start` (`calendar.start_invalid`), `rule`
 * (`calendar.rule_invalid`, `calendar.rule_never_occurs`), `season` (`calendar.season_invalid`),
 * `exceptions` (`calendar.exception_invalid`).
 */
export function checkRecurrence(r: Recurrence): void {
  if (!isLocalDateTime(r.start)) {
    throw new Invalid([{ field: 'start', code: 'calendar.start_invalid' }]);
  }
  if (r.season && (!monthDayShape.test(r.season.from) || !monthDayShape.test(r.season.until))) {
    throw new Invalid([{ field: 'season', code: 'calendar.season_invalid' }]);
  }
  for (const day of r.exceptions ?? []) {
    if (!isLocalDateTime(`${day}T00:00`)) {
      throw new Invalid([{ field: 'exceptions', code: 'calendar.exception_invalid', params: { day } }]);
    }
  }
  const until = `${addDays(r.start.slice(0, 10), Math.round(firstWithinYears * 365.25))}T23:59`;
  if (!firstKey(r, r.start, until)) {
    throw new Invalid([{ field: 'rule', code: 'calendar.rule_never_occurs' }]);
  }
}

/** The first key the recurrence gives at or after local `from` and before local `until`. */
function firstKey(r: Recurrence, from: string, until: string): string | undefined {
  let found: string | undefined;
  keysBetween(r, from, until, (key) => {
    found = key;
    return false;
  });
  return found;
}

/**
 * Calls `visit` with each key (`YYYY-MM-DDTHH:mm`, the rule's local start) in [`from`, `until`)
 * that the season and exceptions keep, in order, until it returns false.
 */
function keysBetween(r: Recurrence, from: string, until: string, visit: (key: string) => boolean): void {
  const skipped = new Set(r.exceptions ?? []);
  const keep = (key: string) => inSeason(key.slice(0, 10), r.season) && !skipped.has(key.slice(0, 10));
  if (!r.rule) {
    if (r.start >= from && r.start < until && keep(r.start)) visit(r.start);
    return;
  }
  const rule = parseRule(r.rule, r.start, 'rule');
  // `between` with an iterator stops the expansion as soon as the visitor has enough.
  rule.between(floating(from), floating(until), true, (d) => {
    const key = wall(d);
    if (key >= until) return false;
    return keep(key) ? visit(key) : true;
  });
}

/**
 * The occurrences of `r` in `timeZone` that start in [`from`, `until`) (instants), in order of
 * start, moved ones where they were moved to; at most `limit`. Throws `Invalid` for a rule
 * `checkRecurrence` would refuse.
 */
export function occurrencesBetween(
  r: Recurrence,
  timeZone: string,
  from: Date,
  until: Date,
  limit = 1000,
): Occurrence[] {
  // Local bounds a day wider than the instants: no zone is more than a day from UTC.
  const localFrom = `${addDays(localDate(from, timeZone), -1)}T00:00`;
  const localUntil = `${addDays(localDate(until, timeZone), 2)}T00:00`;
  const moved = new Map((r.moves ?? []).map((m) => [m.from, m.to]));
  const out: Occurrence[] = [];
  const take = (key: string, local: string) => {
    const start = zonedInstant(local, timeZone);
    if (start >= from && start < until) out.push({ key, local, start });
  };
  keysBetween(r, localFrom, localUntil, (key) => {
    if (!moved.has(key)) take(key, key);
    return out.length < limit * 2;
  });
  // A moved occurrence shows where it went, whether or not its original start is in range.
  for (const [key, to] of moved) {
    if (isOccurrence(r, key)) take(key, to);
  }
  return out.sort((a, b) => a.start.getTime() - b.start.getTime()).slice(0, limit);
}

/** Whether the rule (with season and exceptions) gives an occurrence whose key is `key`. */
export function isOccurrence(r: Recurrence, key: string): boolean {
  if (!isLocalDateTime(key)) return false;
  return firstKey(r, key, wall(new Date(floating(key).getTime() + 60_000))) === key;
}

/** The next `count` occurrences of `r` starting at or after `from`, in `timeZone`. */
export function nextOccurrences(r: Recurrence, timeZone: string, from: Date, count: number): Occurrence[] {
  // Widening windows: most rules give their next dates within weeks, a seasonal one may wait a year.
  for (const days of [62, 400, Math.round(firstWithinYears * 365.25)]) {
    const found = occurrencesBetween(r, timeZone, from, new Date(from.getTime() + days * 86_400_000), count);
    if (found.length >= count || days > 400) return found;
  }
  return [];
}

/** A weekday as RRULE's BYDAY writes it. */
export type Weekday = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';
/** RRULE's weekdays, Monday first (ISO 8601). */
export const weekdays: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** How a form describes repetition; `ruleOf` writes it as an RRULE. */
export type Repeat =
  | { every: 'once' }
  | { every: 'week'; interval: number; days: readonly Weekday[] }
  /** `nth` 1–4 of the month, or -1 for the last. */
  | { every: 'month-weekday'; nth: number; day: Weekday }
  | { every: 'month-date'; date: number };

/**
 * The RRULE of a form's repetition, with UNTIL at the end of local date `until` when given:
 * weekly (`interval` 2: every other week), monthly by weekday ("second Tuesday": nth 2, TU) or
 * by date (the 15th). Null for once.
 */
export function ruleOf(repeat: Repeat, until?: string | null): string | null {
  const end = until ? `;UNTIL=${until.replaceAll('-', '')}T235959` : '';
  switch (repeat.every) {
    case 'once':
      return null;
    case 'week':
      return `FREQ=WEEKLY;INTERVAL=${repeat.interval};BYDAY=${repeat.days.join(',')}${end}`;
    case 'month-weekday':
      return `FREQ=MONTHLY;BYDAY=${repeat.nth}${repeat.day}${end}`;
    case 'month-date':
      return `FREQ=MONTHLY;BYMONTHDAY=${repeat.date}${end}`;
  }
}

/** The repetitions a form offers; the weekday and the date come from the first date. */
export const formRepeats = ['once', 'weekly', 'biweekly', 'monthly_weekday', 'monthly_date'] as const;
/** One of `formRepeats`. */
export type FormRepeat = (typeof formRepeats)[number];

/**
 * The RRULE of a form's repetition (`ruleOf`), reading the weekday and the day of the month from
 * `startDate` (`YYYY-MM-DD`): `biweekly` is every other week on that weekday, `monthly_weekday`
 * the same nth weekday of the month (from the 29th on, the last one), `monthly_date` the same
 * date. Until local date `until` (included) when given; null for `once`.
 */
export function ruleOfForm(startDate: string, repeat: FormRepeat, until?: string | null): string | null {
  const first = new Date(`${startDate}T00:00:00Z`);
  const day: Weekday = weekdays[(first.getUTCDay() + 6) % 7];
  const date = first.getUTCDate();
  // The fifth Saturday is not in every month: "the last Saturday" is what people mean by it.
  const nth = date > 28 ? -1 : Math.ceil(date / 7);
  switch (repeat) {
    case 'once':
      return ruleOf({ every: 'once' });
    case 'weekly':
    case 'biweekly':
      return ruleOf({ every: 'week', interval: repeat === 'weekly' ? 1 : 2, days: [day] }, until);
    case 'monthly_weekday':
      return ruleOf({ every: 'month-weekday', nth, day }, until);
    case 'monthly_date':
      return ruleOf({ every: 'month-date', date }, until);
  }
}

/** A recurrence as a row keeps it (shift series, gatherings): the columns `recurrenceOf` reads. */
export interface StoredRecurrence {
  /** The first occurrence's local start, `YYYY-MM-DDTHH:mm`. */
  startLocal: string;
  /** RRULE without DTSTART; null: once. */
  rule: string | null;
  /** `MM-DD`, both set or both null. */
  seasonFrom: string | null;
  seasonUntil: string | null;
  /** Local dates left out, `YYYY-MM-DD` comma-separated (empty: none). */
  exceptions: string;
  /** Moved occurrences, `from>to` local starts comma-separated (empty: none). */
  moves: string;
}

/** A row's recurrence, as the functions above read it. */
export function recurrenceOf(row: StoredRecurrence): Recurrence {
  return {
    start: row.startLocal,
    rule: row.rule,
    season: row.seasonFrom && row.seasonUntil ? { from: row.seasonFrom, until: row.seasonUntil } : null,
    exceptions: row.exceptions ? row.exceptions.split(',') : [],
    moves: movesOf(row),
  };
}

/** A row's moved occurrences, `{ from, to }` local starts, from its stored `from>to,…`. */
export function movesOf(row: Pick<StoredRecurrence, 'moves'>): { from: string; to: string }[] {
  return row.moves
    ? row.moves.split(',').map((m) => {
        const [from, to] = m.split('>');
        return { from, to };
      })
    : [];
}

/** Moves as a row stores them: `from>to` comma-separated, empty for none. */
export const movesText = (moves: readonly { from: string; to: string }[]): string =>
  moves.map((m) => `${m.from}>${m.to}`).join(',');

/**
 * `moves` with `occurrence` (the start its rule gave) happening at local start `to`: an earlier
 * move of it is replaced, and none is kept when `to` is `occurrence` itself (moved back).
 */
export function withMove(
  moves: readonly { from: string; to: string }[],
  occurrence: string,
  to: string,
): { from: string; to: string }[] {
  const kept = moves.filter((m) => m.from !== occurrence);
  if (to !== occurrence) kept.push({ from: occurrence, to });
  return kept;
}

/** The local start of an occurrence: where it was moved to, or the start its rule gave. */
export function localStartOf(row: Pick<StoredRecurrence, 'moves'>, occurrence: string): string {
  return movesOf(row).find((m) => m.from === occurrence)?.to ?? occurrence;
}
