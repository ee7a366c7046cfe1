/**
 * Dates as pages show them: in the reader's language (`view.locale`) and, for an instant, in the
 * community's time zone (UTC outside a community).
 */
import type { View } from './view.ts';

// Building a formatter costs far more than using one (a board page shows dozens of dates).
const formats = new Map<string, Intl.DateTimeFormat>();

/** A formatter for `locale` with `options`, built once per locale and options. */
export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

/** A calendar day (`YYYY-MM-DD`) written out in the reader's language ("Sun, Nov 29, 2026"). */
export function formatDay(view: View, day: string): string {
  return dateFormat(view.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/**
 * An instant (ISO 8601) in the community's time zone and the reader's language: "Dec 7, 2026,
 * 6:30 PM", or the date alone when `withTime` is false.
 */
export function formatInstant(view: View, instant: string, withTime = true): string {
  return dateFormat(view.locale, {
    dateStyle: 'medium',
    ...(withTime ? { timeStyle: 'short' } : {}),
    timeZone: view.community?.timeZone ?? 'UTC',
  }).format(new Date(instant));
}
