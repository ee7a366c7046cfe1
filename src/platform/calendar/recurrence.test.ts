import { describe, expect, it } from 'vitest';
import { Invalid } from '../errors.ts';
import {
  checkRecurrence,
  isOccurrence,
  localStartOf,
  movesOf,
  movesText,
  nextOccurrences,
  occurrencesBetween,
  type Recurrence,
  recurrenceOf,
  ruleOf,
  ruleOfForm,
  withMove,
} from './recurrence.ts';

const between = (r: Recurrence, zone: string, from: string, until: string) =>
  occurrencesBetween(r, zone, new Date(from), new Date(until)).map((o) => o.start.toISOString());
const locals = (r: Recurrence, zone: string, from: string, until: string) =>
  occurrencesBetween(r, zone, new Date(from), new Date(until)).map((o) => o.local);
const refusal = (r: Recurrence) => {
  try {
    checkRecurrence(r);
  } catch (e) {
    if (e instanceof Invalid) return e.fields.map((f) => `${f.field} ${f.code}`).join();
    throw e;
  }
  return 'accepted';
};

describe('a Saturday 08:00 shift stays at 08:00 local across daylight-saving changes', () => {
  const saturdays = (start: string): Recurrence => ({ start, rule: 'FREQ=WEEKLY;BYDAY=SA' });

  it('in Madrid, spring and autumn', () => {
    const r = saturdays('2027-03-20T08:00');
    expect(between(r, 'Europe/Madrid', '2027-03-20T00:00Z', '2027-04-04T00:00Z')).toEqual([
      '2027-03-20T07:00:00.000Z',
      '2027-03-27T07:00:00.000Z', // the night before the change: still CET
      '2027-04-03T06:00:00.000Z', // CEST
    ]);
    expect(between(r, 'Europe/Madrid', '2027-10-25T00:00Z', '2027-11-08T00:00Z')).toEqual([
      '2027-10-30T06:00:00.000Z',
      '2027-11-06T07:00:00.000Z',
    ]);
  });

  it('in New York, spring and autumn', () => {
    const r = saturdays('2027-03-06T08:00');
    expect(between(r, 'America/New_York', '2027-03-06T00:00Z', '2027-03-21T00:00Z')).toEqual([
      '2027-03-06T13:00:00.000Z',
      '2027-03-13T13:00:00.000Z',
      '2027-03-20T12:00:00.000Z',
    ]);
    expect(between(r, 'America/New_York', '2027-11-01T00:00Z', '2027-11-14T00:00Z')).toEqual([
      '2027-11-06T12:00:00.000Z',
      '2027-11-13T13:00:00.000Z',
    ]);
  });

  it('in Auckland, where April is autumn and September spring', () => {
    const r = saturdays('2027-03-27T08:00');
    expect(locals(r, 'Pacific/Auckland', '2027-03-26T00:00Z', '2027-04-11T00:00Z')).toEqual([
      '2027-03-27T08:00',
      '2027-04-03T08:00',
      '2027-04-10T08:00',
    ]);
    expect(between(r, 'Pacific/Auckland', '2027-03-30T00:00Z', '2027-04-11T00:00Z')).toEqual([
      '2027-04-02T19:00:00.000Z', // NZDT, +13
      '2027-04-09T20:00:00.000Z', // NZST, +12
    ]);
    expect(between(r, 'Pacific/Auckland', '2027-09-17T00:00Z', '2027-10-03T00:00Z')).toEqual([
      '2027-09-17T20:00:00.000Z',
      '2027-09-24T20:00:00.000Z',
      '2027-10-01T19:00:00.000Z',
    ]);
  });
});

describe('a local time that does not exist or exists twice', () => {
  // Weekly on Sundays at a time inside the change's hour: that Sunday it is skipped or repeated.
  const cases = [
    // zone, start, the change's Sunday, what it becomes
    ['Europe/Madrid', '2027-03-21T02:30', '2027-03-28T01:30:00.000Z'], // skipped: 03:30 CEST
    ['Europe/Madrid', '2027-10-24T02:30', '2027-10-31T00:30:00.000Z'], // twice: the first, CEST
    ['America/New_York', '2027-03-07T02:30', '2027-03-14T07:30:00.000Z'], // skipped: 03:30 EDT
    ['America/New_York', '2027-10-31T01:30', '2027-11-07T05:30:00.000Z'], // twice: the first, EDT
    ['Pacific/Auckland', '2027-09-19T02:30', '2027-09-25T14:30:00.000Z'], // skipped: 03:30 NZDT
    ['Pacific/Auckland', '2027-03-28T02:30', '2027-04-03T13:30:00.000Z'], // twice: the first, NZDT
  ] as const;

  it.each(cases)('in %s, a Sunday series from %s happens at %s on the change', (zone, start, expected) => {
    const r: Recurrence = { start, rule: 'FREQ=WEEKLY;BYDAY=SU' };
    // From a day before (UTC), so that the first Sunday is in whatever the zone.
    const from = new Date(new Date(`${start.slice(0, 10)}T00:00Z`).getTime() - 86_400_000);
    const [, second] = nextOccurrences(r, zone, from, 2).map((o) => o.start.toISOString());
    expect(second).toBe(expected);
  });
});

describe('the repetitions a form offers', () => {
  const zone = 'America/New_York';
  const from = '2027-01-01T00:00Z';

  it('every other week', () => {
    const r = { start: '2027-01-05T18:00', rule: ruleOf({ every: 'week', interval: 2, days: ['TU'] }) };
    expect(locals(r, zone, from, '2027-02-10T00:00Z')).toEqual([
      '2027-01-05T18:00',
      '2027-01-19T18:00',
      '2027-02-02T18:00',
    ]);
  });

  it('the second Tuesday and the last Friday of each month', () => {
    const second = { start: '2027-01-01T10:00', rule: ruleOf({ every: 'month-weekday', nth: 2, day: 'TU' }) };
    expect(locals(second, zone, from, '2027-04-01T00:00Z')).toEqual([
      '2027-01-12T10:00',
      '2027-02-09T10:00',
      '2027-03-09T10:00',
    ]);
    const last = { start: '2027-01-01T10:00', rule: ruleOf({ every: 'month-weekday', nth: -1, day: 'FR' }) };
    expect(locals(last, zone, from, '2027-03-01T00:00Z')).toEqual(['2027-01-29T10:00', '2027-02-26T10:00']);
  });

  it('by date, leaving out months without that date (RFC 5545)', () => {
    const r = { start: '2027-01-31T09:00', rule: ruleOf({ every: 'month-date', date: 31 }) };
    expect(locals(r, zone, from, '2027-06-01T00:00Z')).toEqual([
      '2027-01-31T09:00',
      '2027-03-31T09:00',
      '2027-05-31T09:00',
    ]);
  });

  it('until a date, that date included', () => {
    const r = {
      start: '2027-01-02T08:00',
      rule: ruleOf({ every: 'week', interval: 1, days: ['SA'] }, '2027-01-16'),
    };
    expect(locals(r, zone, from, '2028-01-01T00:00Z')).toEqual([
      '2027-01-02T08:00',
      '2027-01-09T08:00',
      '2027-01-16T08:00',
    ]);
  });

  it("reads a form's choice from the first date: its weekday, its nth weekday, its date", () => {
    // Saturday 2027-01-30: the fifth Saturday of January, so "monthly on that weekday" is the last.
    expect(ruleOfForm('2027-01-30', 'once')).toBeNull();
    expect(ruleOfForm('2027-01-30', 'biweekly', '2027-03-01')).toBe(
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=SA;UNTIL=20270301T235959',
    );
    expect(ruleOfForm('2027-01-30', 'monthly_weekday')).toBe('FREQ=MONTHLY;BYDAY=-1SA');
    expect(ruleOfForm('2027-01-12', 'monthly_weekday')).toBe('FREQ=MONTHLY;BYDAY=2TU');
    expect(ruleOfForm('2027-01-30', 'monthly_date')).toBe('FREQ=MONTHLY;BYMONTHDAY=30');
  });
});

describe('seasons, exceptions and moved occurrences', () => {
  const zone = 'Europe/Madrid';

  it('a season across the new year keeps only the days inside it', () => {
    const r: Recurrence = {
      start: '2026-11-01T07:00',
      rule: 'FREQ=WEEKLY;BYDAY=MO',
      season: { from: '12-01', until: '03-15' },
    };
    const days = locals(r, zone, '2026-11-01T00:00Z', '2027-12-10T00:00Z').map((l) => l.slice(0, 10));
    expect(days[0]).toBe('2026-12-07');
    expect(days).toContain('2027-03-15');
    expect(days.filter((d) => d > '2027-03-15' && d < '2027-12-01')).toEqual([]);
    expect(days.at(-1)).toBe('2027-12-06');
  });

  it('an exception leaves its date out; a moved occurrence keeps its key at its new time', () => {
    const r: Recurrence = {
      start: '2027-05-01T08:00',
      rule: 'FREQ=WEEKLY;BYDAY=SA',
      exceptions: ['2027-05-08'],
      moves: [{ from: '2027-05-15T08:00', to: '2027-05-16T10:00' }],
    };
    const found = occurrencesBetween(r, zone, new Date('2027-05-01T00:00Z'), new Date('2027-05-23T00:00Z'));
    expect(found.map((o) => [o.key, o.local])).toEqual([
      ['2027-05-01T08:00', '2027-05-01T08:00'],
      ['2027-05-15T08:00', '2027-05-16T10:00'],
      ['2027-05-22T08:00', '2027-05-22T08:00'],
    ]);
    expect(isOccurrence(r, '2027-05-08T08:00')).toBe(false);
    expect(isOccurrence(r, '2027-05-22T08:00')).toBe(true);
    expect(isOccurrence(r, '2027-05-22T09:00')).toBe(false);
  });

  it('a single occurrence has no rule', () => {
    const r: Recurrence = { start: '2027-05-01T08:00', rule: null };
    expect(locals(r, zone, '2027-01-01T00:00Z', '2028-01-01T00:00Z')).toEqual(['2027-05-01T08:00']);
  });
});

describe('rules that are refused', () => {
  it.each([
    [
      'a 30th of February',
      { start: '2027-01-01T08:00', rule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' },
      'rule calendar.rule_never_occurs',
    ],
    [
      'a daily 31st of April',
      { start: '2027-01-01T08:00', rule: 'FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31' },
      'rule calendar.rule_never_occurs',
    ],
    [
      'an end before the start',
      { start: '2027-05-01T08:00', rule: 'FREQ=WEEKLY;UNTIL=20270401T235959' },
      'rule calendar.rule_never_occurs',
    ],
    [
      'a season that excludes every date of the rule',
      { start: '2027-01-01T08:00', rule: 'FREQ=YEARLY;BYMONTH=1', season: { from: '06-01', until: '06-30' } },
      'rule calendar.rule_never_occurs',
    ],
    [
      'a single date excepted',
      { start: '2027-01-01T08:00', rule: null, exceptions: ['2027-01-01'] },
      'rule calendar.rule_never_occurs',
    ],
    [
      'a sixth Tuesday of the month',
      { start: '2027-01-01T08:00', rule: 'FREQ=MONTHLY;BYDAY=6TU' },
      'rule calendar.rule_never_occurs',
    ],
    ['an hourly rule', { start: '2027-01-01T08:00', rule: 'FREQ=HOURLY' }, 'rule calendar.rule_invalid'],
    ['a misspelt frequency', { start: '2027-01-01T08:00', rule: 'FREQ=WEKLY' }, 'rule calendar.rule_invalid'],
    [
      'a rule with its own start',
      { start: '2027-01-01T08:00', rule: 'FREQ=DAILY;DTSTART=20270101T080000' },
      'rule calendar.rule_invalid',
    ],
    [
      'a rule with a time of day',
      { start: '2027-01-01T08:00', rule: 'FREQ=DAILY;BYHOUR=9' },
      'rule calendar.rule_invalid',
    ],
    ['a start that is no date', { start: '2027-02-30T08:00', rule: null }, 'start calendar.start_invalid'],
    [
      'a season of month 13',
      { start: '2027-01-01T08:00', rule: 'FREQ=DAILY', season: { from: '13-01', until: '01-01' } },
      'season calendar.season_invalid',
    ],
  ] as const)('%s', (_name, r, expected) => {
    expect(refusal(r as Recurrence)).toBe(expected);
  });

  it('accepts a rule whose first date is months away', () => {
    expect(refusal({ start: '2027-01-01T08:00', rule: 'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24' })).toBe(
      'accepted',
    );
  });
});

describe('a recurrence as a row stores it', () => {
  it('reads its columns, and moves an occurrence, again and back', () => {
    const row = {
      startLocal: '2027-01-02T08:00',
      rule: 'FREQ=WEEKLY;BYDAY=SA',
      seasonFrom: null,
      seasonUntil: null,
      exceptions: '2027-01-09',
      moves: '2027-01-16T08:00>2027-01-17T10:00',
    };
    expect(recurrenceOf(row)).toEqual({
      start: '2027-01-02T08:00',
      rule: 'FREQ=WEEKLY;BYDAY=SA',
      season: null,
      exceptions: ['2027-01-09'],
      moves: [{ from: '2027-01-16T08:00', to: '2027-01-17T10:00' }],
    });
    expect(localStartOf(row, '2027-01-16T08:00')).toBe('2027-01-17T10:00');
    expect(localStartOf(row, '2027-01-23T08:00')).toBe('2027-01-23T08:00');
    const again = movesText(withMove(movesOf(row), '2027-01-16T08:00', '2027-01-16T09:00'));
    expect(again).toBe('2027-01-16T08:00>2027-01-16T09:00');
    expect(movesText(withMove(movesOf({ moves: again }), '2027-01-16T08:00', '2027-01-16T08:00'))).toBe('');
    expect(movesOf({ moves: '' })).toEqual([]);
  });
});
