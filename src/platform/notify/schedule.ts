/**
 * When a delivery may go, in the member's own time zone: quiet hours (`HH:mm` to `HH:mm`, across
 * midnight when the end is earlier than the start) hold back what is not an emergency until they
 * end; digests go at `digestHour` the next morning (daily) or the next Monday (weekly, ISO 8601's
 * first day of the week), later if that falls in quiet hours. Wall times are turned into instants
 * by `zonedInstant`, so a daylight-saving change moves them with the clocks (a skipped time is
 * read as the time after the change).
 */
import type { Cadence } from '../db/database.ts';
import { addDays, localDate, localDateTime, onDayAt, zonedInstant } from '../db/time.ts';

/** The local hour at which digests are sent. */
export const digestHour = 8;

/** A member's quiet hours, `HH:mm` each; none when either is null or both are equal. */
export interface Quiet {
  start: string | null;
  end: string | null;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether local time `hhmm` lies in `quiet` (start included, end excluded). */
function quietAt(hhmm: string, quiet: Quiet): boolean {
  if (!quiet.start || !quiet.end || quiet.start === quiet.end) return false;
  const t = minutes(hhmm);
  const [s, e] = [minutes(quiet.start), minutes(quiet.end)];
  return s < e ? t >= s && t < e : t >= s || t < e;
}

/** Whether instant `at` lies in `quiet` in `zone`. */
export function inQuietHours(at: Date, zone: string, quiet: Quiet): boolean {
  return quietAt(localDateTime(at, zone).slice(11), quiet);
}

/** `at` when outside `quiet`, else the instant quiet hours end (that day or the next). */
export function afterQuietHours(at: Date, zone: string, quiet: Quiet): Date {
  if (!inQuietHours(at, zone, quiet)) return at;
  const local = localDateTime(at, zone);
  const day = local.slice(0, 10);
  const end = quiet.end as string;
  // Across midnight and already past the start: they end tomorrow.
  const endDay = minutes(local.slice(11)) >= minutes(end) ? addDays(day, 1) : day;
  const ends = zonedInstant(onDayAt(endDay, (minutes(end) / 60) | 0, minutes(end) % 60), zone);
  return ends > at ? ends : at;
}

/**
 * When a delivery of `cadence` made at `now` may go: now or after quiet hours, or the next digest
 * time. An emergency goes now whatever the cadence (a digest chosen before the kind offered only
 * "at once" included).
 */
export function dueAt(
  now: Date,
  cadence: Exclude<Cadence, 'off'>,
  zone: string,
  quiet: Quiet,
  emergency = false,
): Date {
  if (emergency) return now;
  if (cadence === 'immediate') return afterQuietHours(now, zone, quiet);
  const today = localDate(now, zone);
  let day = today;
  if (cadence === 'weekly') {
    // 0 is Sunday: days until the next Monday (today when it is Monday).
    const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
    day = addDays(today, (8 - weekday) % 7);
  }
  let at = zonedInstant(onDayAt(day, digestHour), zone);
  if (at <= now) at = zonedInstant(onDayAt(addDays(day, cadence === 'weekly' ? 7 : 1), digestHour), zone);
  return afterQuietHours(at, zone, quiet);
}
