import { describe, expect, it } from 'vitest';
import { afterQuietHours, dueAt, inQuietHours } from './schedule.ts';

const quiet = { start: '21:00', end: '08:00' };
const at = (s: string) => new Date(s);

describe('quiet hours', () => {
  it('span midnight: late evening and early morning are quiet, the day is not', () => {
    const zone = 'Europe/Madrid'; // UTC+1 in winter
    expect(inQuietHours(at('2026-12-07T20:30:00Z'), zone, quiet)).toBe(true); // 21:30 there
    expect(inQuietHours(at('2026-12-07T05:59:00Z'), zone, quiet)).toBe(true); // 06:59
    expect(inQuietHours(at('2026-12-07T07:00:00Z'), zone, quiet)).toBe(false); // 08:00: over
    expect(inQuietHours(at('2026-12-07T12:00:00Z'), zone, quiet)).toBe(false);
    expect(inQuietHours(at('2026-12-07T12:00:00Z'), zone, { start: '13:00', end: '13:00' })).toBe(false);
  });

  it('hold a notice from the evening until the next morning there, and one after midnight until that morning', () => {
    const zone = 'America/Chicago'; // UTC-6 in winter
    expect(afterQuietHours(at('2026-12-08T04:00:00Z'), zone, quiet).toISOString()).toBe(
      '2026-12-08T14:00:00.000Z',
    );
    expect(afterQuietHours(at('2026-12-08T08:00:00Z'), zone, quiet).toISOString()).toBe(
      '2026-12-08T14:00:00.000Z',
    );
    expect(afterQuietHours(at('2026-12-08T18:00:00Z'), zone, quiet).toISOString()).toBe(
      '2026-12-08T18:00:00.000Z',
    );
  });

  it('end at 08:00 on the wall clock across a daylight-saving change (Chicago, spring forward and fall back)', () => {
    const zone = 'America/Chicago';
    // 2027-03-14: clocks go from 02:00 CST to 03:00 CDT. 22:00 CST on the 13th is 04:00Z on the 14th.
    expect(afterQuietHours(at('2027-03-14T04:00:00Z'), zone, quiet).toISOString()).toBe(
      '2027-03-14T13:00:00.000Z',
    );
    // 2026-11-01: clocks go from 02:00 CDT back to 01:00 CST. 22:00 CDT on Oct 31 is 03:00Z Nov 1.
    expect(afterQuietHours(at('2026-11-01T03:00:00Z'), zone, quiet).toISOString()).toBe(
      '2026-11-01T14:00:00.000Z',
    );
  });

  it('a quiet end that the clocks skip is read as the time after the change', () => {
    const zone = 'America/Chicago';
    const skipped = { start: '23:00', end: '02:30' };
    // 23:30 CST on 2027-03-13; 02:30 does not exist on the 14th: it ends at 03:30 CDT (08:30Z).
    expect(afterQuietHours(at('2027-03-14T05:30:00Z'), zone, skipped).toISOString()).toBe(
      '2027-03-14T08:30:00.000Z',
    );
  });
});

describe('when a delivery is due', () => {
  const zone = 'Pacific/Auckland'; // UTC+13 in December
  const none = { start: null, end: null };

  it('at once, or after quiet hours; an emergency goes through them and through a digest', () => {
    const now = at('2026-12-07T10:00:00Z'); // 23:00 in Auckland
    expect(dueAt(now, 'immediate', zone, none)).toEqual(now);
    expect(dueAt(now, 'immediate', zone, quiet).toISOString()).toBe('2026-12-07T19:00:00.000Z'); // 08:00 there
    expect(dueAt(now, 'immediate', zone, quiet, true)).toEqual(now);
    expect(dueAt(now, 'daily', zone, quiet, true)).toEqual(now);
    expect(dueAt(now, 'weekly', zone, none, true)).toEqual(now);
  });

  it('daily digests at 08:00 there: today if before, else tomorrow; weekly on the next Monday', () => {
    // 2026-12-07 is a Monday. 06:00 in Auckland is 17:00Z the day before.
    expect(dueAt(at('2026-12-06T17:00:00Z'), 'daily', zone, none).toISOString()).toBe(
      '2026-12-06T19:00:00.000Z',
    );
    expect(dueAt(at('2026-12-06T20:00:00Z'), 'daily', zone, none).toISOString()).toBe(
      '2026-12-07T19:00:00.000Z',
    );
    expect(dueAt(at('2026-12-06T17:00:00Z'), 'weekly', zone, none).toISOString()).toBe(
      '2026-12-06T19:00:00.000Z',
    );
    expect(dueAt(at('2026-12-06T20:00:00Z'), 'weekly', zone, none).toISOString()).toBe(
      '2026-12-13T19:00:00.000Z',
    );
    // The same instant is another day and hour in Madrid: its digest comes at 08:00 Madrid time.
    expect(dueAt(at('2026-12-06T20:00:00Z'), 'daily', 'Europe/Madrid', none).toISOString()).toBe(
      '2026-12-07T07:00:00.000Z',
    );
  });

  it('a digest time inside quiet hours waits until they end', () => {
    const late = { start: '21:00', end: '09:30' };
    expect(dueAt(at('2026-12-06T20:00:00Z'), 'daily', zone, late).toISOString()).toBe(
      '2026-12-07T20:30:00.000Z',
    );
  });
});
