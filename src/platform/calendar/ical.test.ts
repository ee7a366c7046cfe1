import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { feedText } from './ical.ts';
import { occurrencesBetween } from './recurrence.ts';

/** The feed read back by ical.js, an independent parser (Mozilla's, used by Thunderbird). */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return {
    calendar,
    events: calendar.getAllSubcomponents('vevent').map((v) => {
      const e = new ICAL.Event(v);
      return {
        uid: e.uid,
        summary: e.summary,
        description: e.description,
        start: e.startDate.toJSDate().toISOString(),
        end: e.endDate.toJSDate().toISOString(),
        utc: e.startDate.zone?.tzid === 'UTC',
        status: String(v.getFirstPropertyValue('status')),
      };
    }),
  };
}

describe('an iCalendar feed', () => {
  it('parses back, with another parser, to the same instants across a daylight-saving change', () => {
    const r = { start: '2027-03-06T08:00', rule: 'FREQ=WEEKLY;BYDAY=SA' };
    const zone = 'America/New_York';
    const found = occurrencesBetween(r, zone, new Date('2027-03-01T00:00Z'), new Date('2027-03-28T00:00Z'));
    const text = feedText({
      name: 'Fridge shifts',
      events: found.map((o) => ({
        uid: `shift-s1-${o.key}@porch.test`,
        start: o.start,
        end: new Date(o.start.getTime() + 90 * 60_000),
        summary: 'Clean the fridge; check the temperature, then restock',
        description: 'Línea uno, with a comma\nand a second line — “quoted”',
      })),
    });
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const { calendar, events } = parse(text);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(events.map((e) => e.start)).toEqual([
      '2027-03-06T13:00:00.000Z',
      '2027-03-13T13:00:00.000Z',
      '2027-03-20T12:00:00.000Z',
      '2027-03-27T12:00:00.000Z',
    ]);
    expect(events.every((e) => e.utc)).toBe(true);
    expect(events[2]).toMatchObject({
      uid: 'shift-s1-2027-03-20T08:00@porch.test',
      end: '2027-03-20T13:30:00.000Z',
      summary: 'Clean the fridge; check the temperature, then restock',
      description: 'Línea uno, with a comma\nand a second line — “quoted”',
      status: 'CONFIRMED',
    });
  });

  it('marks a cancelled entry so that apps strike it', () => {
    const start = new Date('2027-05-01T06:00:00Z');
    const text = feedText({
      name: 'x',
      events: [{ uid: 'a@b', start, end: start, summary: 'Off', cancelled: true }],
    });
    expect(parse(text).events[0].status).toBe('CANCELLED');
  });

  it("escapes the calendar's name as it does every text (RFC 7986 NAME is TEXT)", () => {
    const name = 'Ics; test, "quoted" \\ back';
    const lines = feedText({ name, events: [] }).replaceAll('\r\n ', '').split('\r\n');
    // ical.js does not know NAME's type, so it is read here as written.
    const escaped = 'Ics\\; test\\, "quoted" \\\\ back';
    expect(lines).toContain(`NAME:${escaped}`);
    expect(lines).toContain(`X-WR-CALNAME:${escaped}`);
  });
});
