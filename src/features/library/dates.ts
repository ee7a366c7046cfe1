/**
 * Calendar days for loans: `YYYY-MM-DD` strings in the community's time zone. Loans are agreed
 * in days ("bring it back Sunday"), so days, not instants, are stored; they sort as text. The
 * time-zone and day arithmetic lives in `platform/db/time.ts`; only the loan rules are here.
 */
import { addDays } from '../../platform/db/time.ts';

/** How far ahead a loan may start or fall due, in days: a year, so plans stay plans. */
export const bookingHorizonDays = 365;

/** Whether `day` is past the booking horizon seen from `today` (both `YYYY-MM-DD`). */
export function beyondHorizon(today: string, day: string): boolean {
  return day > addDays(today, bookingHorizonDays);
}

/** The weeks of the month containing `day`, Monday first; days outside the month are null. */
export function monthGrid(day: string): (string | null)[][] {
  const first = `${day.slice(0, 8)}01`;
  const weekday = (new Date(`${first}T00:00:00Z`).getUTCDay() + 6) % 7;
  const weeks: (string | null)[][] = [];
  let week: (string | null)[] = Array(weekday).fill(null);
  for (let d = first; d.slice(0, 7) === first.slice(0, 7); d = addDays(d, 1)) {
    week.push(d);
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  if (week.length) weeks.push([...week, ...Array(7 - week.length).fill(null)]);
  return weeks;
}

/** The last day of a loan of `days` days starting on `startsOn`. */
export function dueFor(startsOn: string, days: number): string {
  return addDays(startsOn, days - 1);
}
