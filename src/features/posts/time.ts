/**
 * Dates on the board's forms: people type local dates and times of the community's time zone;
 * the database keeps UTC instants. The conversions are `platform/db/time.ts`'s; the board's own
 * rule for "open until" is here.
 */
import { addDays, zonedInstant } from '../../platform/db/time.ts';

/**
 * The last second of local day `day` (`YYYY-MM-DD`) in `timeZone`: "open until" a date means all
 * of it. One second before the next day's first instant (its midnight, or the end of the gap
 * where clocks skip midnight).
 */
export function endOfLocalDay(day: string, timeZone: string): Date {
  return new Date(zonedInstant(addDays(day, 1), timeZone).getTime() - 1000);
}
