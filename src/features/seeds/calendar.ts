/**
 * The seed library's calendar: the community's own, in its time zone (`community.time_zone`, an
 * IANA zone such as `America/Chicago`), never UTC. A pledge names a month of that calendar
 * (`YYYY-MM`, from `localMonth` and `addMonths`), its reminder goes out on that month's first
 * morning there, and "this year" is the year there (`localYear`). Those helpers are
 * `platform/db/time.ts`'s; only the seed library's own rule is here.
 */
import { onDayAt, zonedInstant } from '../../platform/db/time.ts';

/** Local hour of the first day of the month at which a pledge reminder goes out: mid-morning. */
export const reminderHour = 10;

/**
 * When the reminder of a pledge for `month` (`YYYY-MM`) goes out: the first day of that month at
 * `reminderHour`:00 in `timeZone` (a gentle nudge in the morning, not a night-time ping). Should
 * a daylight-saving change skip that hour, the instant the clock would have shown it (see
 * `zonedInstant`).
 */
export function reminderTime(month: string, timeZone: string): Date {
  return zonedInstant(onDayAt(`${month}-01`, reminderHour), timeZone);
}
