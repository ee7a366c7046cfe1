/**
 * Dates on the board's forms: people type local dates and times of the community's time zone;
 * the database keeps UTC instants. Intl gives a zone's offset at an instant; two passes settle
 * the offset around a daylight-saving change.
 */

function offsetMs(date: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(date.getTime() / 1000) * 1000;
}

/** The instant of local `YYYY-MM-DDTHH:mm` (or `YYYY-MM-DD`, midnight) in `timeZone`. */
export function zonedToUtc(local: string, timeZone: string): Date {
  const [day, time = '00:00'] = local.split('T');
  const [y, m, d] = day.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  const first = guess - offsetMs(new Date(guess), timeZone);
  return new Date(guess - offsetMs(new Date(first), timeZone));
}

/** `date` as local `YYYY-MM-DDTHH:mm` in `timeZone` (for a datetime-local input). */
export function utcToZonedLocal(date: Date, timeZone: string): string {
  return new Date(date.getTime() + offsetMs(date, timeZone)).toISOString().slice(0, 16);
}

/** The local date `YYYY-MM-DD` of `date` in `timeZone`. */
export function localDate(date: Date, timeZone: string): string {
  return utcToZonedLocal(date, timeZone).slice(0, 10);
}

/** The last second of local day `YYYY-MM-DD` in `timeZone`: "open until" a date means all of it. */
export function endOfLocalDay(day: string, timeZone: string): Date {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return new Date(zonedToUtc(next.toISOString().slice(0, 10), timeZone).getTime() - 1000);
}

/** A local date `days` days after `date`'s local date in `timeZone`. */
export function addLocalDays(date: Date, days: number, timeZone: string): string {
  const day = new Date(`${localDate(date, timeZone)}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}
