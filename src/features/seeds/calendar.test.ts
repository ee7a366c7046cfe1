import { describe, expect, it } from 'vitest';
import { addMonths, localMonth, localYear } from '../../platform/db/time.ts';
import { reminderTime } from './calendar.ts';

const at = (s: string) => new Date(s);

describe('the seed library calendar', () => {
  it('counts months in the community’s time zone, not in UTC', () => {
    // 1 a.m. on 1 February in Auckland; still January in UTC.
    expect(localMonth(at('2030-01-31T12:00:00Z'), 'Pacific/Auckland')).toBe('2030-02');
    expect(localMonth(at('2030-01-31T12:00:00Z'), 'UTC')).toBe('2030-01');
    // 9 p.m. on 28 February in Los Angeles; already March in UTC.
    expect(addMonths(localMonth(at('2030-03-01T05:00:00Z'), 'America/Los_Angeles'), 1)).toBe('2030-03');
    expect(addMonths(localMonth(at('2030-12-15T12:00:00Z'), 'UTC'), 1)).toBe('2031-01');
    expect(addMonths(localMonth(at('2030-12-15T12:00:00Z'), 'UTC'), 24)).toBe('2032-12');
  });

  it('counts the year in the community’s time zone', () => {
    expect(localYear(at('2030-12-31T12:00:00Z'), 'Pacific/Auckland')).toBe(2031);
    expect(localYear(at('2031-01-01T05:00:00Z'), 'America/Los_Angeles')).toBe(2030);
  });

  it.each([
    ['2030-03', 'Pacific/Auckland', '2030-02-28T21:00:00.000Z'], // NZDT, UTC+13
    ['2030-07', 'Pacific/Auckland', '2030-06-30T22:00:00.000Z'], // NZST, UTC+12
    ['2029-04', 'Pacific/Auckland', '2029-03-31T22:00:00.000Z'], // daylight saving ends that night
    ['2030-01', 'America/Los_Angeles', '2030-01-01T18:00:00.000Z'], // PST
    ['2030-04', 'America/Los_Angeles', '2030-04-01T17:00:00.000Z'], // PDT
    ['2030-03', 'Asia/Kolkata', '2030-03-01T04:30:00.000Z'],
    ['2030-03', 'UTC', '2030-03-01T10:00:00.000Z'],
  ])('reminds of a pledge for %s in %s at 10:00 on the 1st there (%s)', (month, zone, instant) => {
    expect(reminderTime(month, zone).toISOString()).toBe(instant);
  });
});
