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
