/**
 * The seed library's calendar: the community's own, in its time zone (`community.time_zone`, an
 * IANA zone such as `America/Chicago`), never UTC. A pledge names a month of that calendar, its
 * reminder goes out on that month's first morning there, and "this year" is the year there.
 * Months are `YYYY-MM` strings (they sort as text).
 *
 * Built on `Intl.DateTimeFormat` alone. The lending library has the same kind of helpers in its
 * own `dates.ts`, which features may not import from each other; a shared helper in platform
 * would replace both.
 */

/** Local hour of the first day of the month at which a pledge reminder goes out: mid-morning. */
export const reminderHour = 10;

const formats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of instant `at` in `timeZone`, as numbers (hour 0–23). */
function wallClock(at: Date, timeZone: string) {
  let format = formats.get(timeZone);
  if (!format) {
    // Building a formatter is slow: one per time zone.
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
  const parts: Record<string, number> = {};
  for (const p of format.formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
}

/** How far `timeZone`'s wall clock is ahead of UTC at instant `at`, in milliseconds. */
function offsetMs(at: Date, timeZone: string): number {
  const w = wallClock(at, timeZone);
  const shown = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return shown - Math.floor(at.getTime() / 1000) * 1000;
}

/** The year in `timeZone` at instant `now` (a harvest or a memory may not be later than it). */
export function localYear(now: Date, timeZone: string): number {
  return wallClock(now, timeZone).year;
}

/** The month `YYYY-MM` that is `months` months after the month of `now` in `timeZone` (0: this month). */
export function monthAfter(now: Date, months: number, timeZone: string): string {
  const w = wallClock(now, timeZone);
  const d = new Date(Date.UTC(w.year, w.month - 1 + months, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * When the reminder of a pledge for `month` (`YYYY-MM`) goes out: the first day of that month at
 * `reminderHour`:00 in `timeZone` (a gentle nudge in the morning, not a night-time ping).
 */
export function reminderTime(month: string, timeZone: string): Date {
  const [year, m] = month.split('-').map(Number);
  const wall = Date.UTC(year, m - 1, 1, reminderHour);
  // The offset at the wall time read as UTC is a guess; the offset at the first answer is the
  // right one unless a daylight-saving change lies between the two.
  const first = wall - offsetMs(new Date(wall), timeZone);
  return new Date(wall - offsetMs(new Date(first), timeZone));
}
