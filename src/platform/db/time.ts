/**
 * Time: instants, the clock, and a community's calendar.
 *
 * Instants are stored as ISO-8601 UTC text. People, though, live in their community's time zone
 * (`community.time_zone`, an IANA name such as `America/Chicago`): loans are agreed in days, a
 * pledge names a month, a meeting has a local date and time. The helpers below translate between
 * the two with `Intl.DateTimeFormat` alone (the zone data is the runtime's ICU data).
 *
 * Shapes, all text that sorts correctly as text:
 * - a local date (`day`): `YYYY-MM-DD`, a date of the proleptic Gregorian calendar;
 * - a local month: `YYYY-MM`;
 * - a local date-time: `YYYY-MM-DDTHH:mm` (what an `<input type="datetime-local">` sends), or
 *   with seconds, `YYYY-MM-DDTHH:mm:ss`.
 *
 * Every function taking `timeZone` throws `RangeError` for a name the runtime does not know.
 * Sub-second parts of instants are ignored when reading a wall clock.
 */

/** Where "now" comes from; tests pass a fixed or movable clock. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * An instant as fixed-width ISO-8601 UTC text (`2026-11-29T17:53:00.000Z`), the stored form on
 * both dialects: it sorts and compares correctly as text.
 */
export function iso(date: Date): string {
  return date.toISOString();
}

/** `date` plus `seconds` seconds. */
export function addSeconds(date: Date, seconds: number): Date {
  return new Date(date.getTime() + seconds * 1000);
}

const dayMs = 86_400_000;

/** The fields of a wall clock, as numbers: month 1–12, day 1–31, hour 0–23. */
interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// Building a formatter costs far more than using one: one per time zone, kept for the process
// (a server sees a handful of zones).
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    // Numeric parts are read from formatToParts, so the locale's field order does not matter;
    // h23 keeps midnight at 0 (some runtimes show 24 with hour12: false).
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, format);
  }
  return format;
}

// The last wall clock read in each time zone, and the second it shows: reading one costs tens of
// µs (formatToParts), and a page asks for today and this month several times within a second.
const lastRead = new Map<string, { second: number; wall: Readonly<WallClock> }>();

/** The wall clock in `timeZone` at instant `at` (shared: not to be changed). */
function wallClock(at: Date, timeZone: string): Readonly<WallClock> {
  const second = Math.floor(at.getTime() / 1000);
  const last = lastRead.get(timeZone);
  if (last?.second === second) return last.wall;
  const w: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of formatFor(timeZone).formatToParts(at)) {
    if (p.type in w) w[p.type as keyof WallClock] = Number(p.value);
  }
  lastRead.set(timeZone, { second, wall: w });
  return w;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD` of the date of `w`. */
function dayOf(w: Pick<WallClock, 'year' | 'month' | 'day'>): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** The UTC date whose calendar fields are `day` (`YYYY-MM-DD`), at midnight; throws on bad text. */
function utcMidnight(day: string): Date {
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}-\d{2}$/.test(day)) {
    throw new RangeError(`not a date YYYY-MM-DD: ${day}`);
  }
  return d;
}

/**
 * How far `timeZone`'s wall clock is ahead of UTC at instant `at`, in milliseconds (negative west
 * of Greenwich: -18 000 000 for Chicago in winter; +50 400 000 for Kiritimati).
 */
export function zoneOffsetMs(at: Date, timeZone: string): number {
  const w = wallClock(at, timeZone);
  const shown = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  // The wall clock shows whole seconds; compare with the instant cut to whole seconds too.
  return shown - Math.floor(at.getTime() / 1000) * 1000;
}

/** The local date `YYYY-MM-DD` in `timeZone` at instant `at` ("today" there when `at` is now). */
export function localDate(at: Date, timeZone: string): string {
  return dayOf(wallClock(at, timeZone));
}

/**
 * The local date-time `YYYY-MM-DDTHH:mm` in `timeZone` at instant `at` (seconds dropped), the
 * value of an `<input type="datetime-local">`.
 */
export function localDateTime(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone);
  return `${dayOf(w)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** The local month `YYYY-MM` in `timeZone` at instant `at`. */
export function localMonth(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}`;
}

/** The local year in `timeZone` at instant `at` (a number, e.g. 2031). */
export function localYear(at: Date, timeZone: string): number {
  return wallClock(at, timeZone).year;
}

/**
 * Local date `day` (`YYYY-MM-DD`) plus `days` calendar days (negative: earlier), across month
 * and year ends. Pure calendar arithmetic: no time zone, no daylight saving. Throws `RangeError`
 * for text that is not a date.
 */
export function addDays(day: string, days: number): string {
  const d = utcMidnight(day);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Whole calendar days from local date `from` to local date `to` (`YYYY-MM-DD`), positive when
 * `to` is later: `daysBetween('2030-02-28', '2030-03-01')` is 1.
 */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMidnight(to).getTime() - utcMidnight(from).getTime()) / dayMs);
}

/** Local month `month` (`YYYY-MM`) plus `months` months (negative: earlier), across year ends. */
export function addMonths(month: string, months: number): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new RangeError(`not a month YYYY-MM: ${month}`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1 + months, 1));
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}`;
}

/**
 * The local date-time `YYYY-MM-DDTHH:mm` of `hour`:`minute` (0–23, 0–59) on local date `day`
 * (`YYYY-MM-DD`), for `zonedInstant`: `onDayAt('2030-03-01', 9)` is `2030-03-01T09:00`.
 */
export function onDayAt(day: string, hour: number, minute = 0): string {
  return `${day}T${pad(hour)}:${pad(minute)}`;
}

/**
 * The instant at which the wall clock in `timeZone` shows `local`: a local date `YYYY-MM-DD`
 * (its midnight), a local date-time `YYYY-MM-DDTHH:mm` or `YYYY-MM-DDTHH:mm:ss`. Fields out of
 * range carry over as in `Date.UTC` (`T24:00` is the next midnight): validate input at the edge.
 * Throws `RangeError` for any other shape.
 *
 * A daylight-saving change makes some wall times ambiguous. We follow the `'compatible'`
 * disambiguation of TC39 Temporal (`Temporal.ZonedDateTime.from`), which matches RFC 5545
 * §3.3.5 (iCalendar DATE-TIME with TZID):
 * - a time skipped when clocks go forward (02:30 in Chicago on the second Sunday of March) is
 *   read with the offset in force before the change, so it lands as far after the change as it
 *   was meant to lie after the skipped hour's start: 03:30 CDT. The later side, never earlier.
 * - a time that happens twice when clocks go back (01:30 in Chicago on the first Sunday of
 *   November) is the earlier of the two: 01:30 CDT, not 01:30 CST.
 *
 * How (as Temporal's reference implementation does): the offsets one day either side of the
 * wall time are the candidates; a candidate offset is right when the instant it gives has that
 * offset. Both right: an overlap, take the earlier instant. Neither: a gap, use the offset
 * before it. This assumes at most one offset change within a day of the wall time, as holds
 * for every zone's present-day rules.
 */
export function zonedInstant(local: string, timeZone: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(local);
  if (!m) throw new RangeError(`not a local date-time YYYY-MM-DD[THH:mm[:ss]]: ${local}`);
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0));
  // The wall time read as if it were UTC; the answer is `wall - offset` for the right offset.
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const before = zoneOffsetMs(new Date(wall - dayMs), timeZone);
  const after = zoneOffsetMs(new Date(wall + dayMs), timeZone);
  let found: number | undefined;
  for (const offset of before === after ? [before] : [before, after]) {
    const instant = wall - offset;
    if (zoneOffsetMs(new Date(instant), timeZone) === offset && (found === undefined || instant < found)) {
      found = instant;
    }
  }
  return new Date(found ?? wall - before);
}

/** Whether `zone` is an IANA time zone this runtime knows (`America/Chicago`). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
