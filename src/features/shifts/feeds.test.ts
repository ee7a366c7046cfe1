import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { newId } from '../../platform/db/ids.ts';

const t = useTestApp();
const setClock = (instant: string) => t.clock.advance((Date.parse(instant) - t.clock.now().getTime()) / 1000);

/** A feed read back by ical.js (an independent parser): each entry's summary, start, end and description. */
function entries(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return {
      summary: e.summary,
      start: e.startDate.isDate ? e.startDate.toString() : e.startDate.toJSDate().toISOString(),
      end: e.endDate.isDate ? e.endDate.toString() : e.endDate.toJSDate().toISOString(),
      description: e.description,
    };
  });
}

async function street() {
  const { community, steward } = await t.community({ timeZone: 'Pacific/Auckland' });
  const ana = await t.member(community, 'member', { displayName: 'Ana' });
  const now = t.clock.now().toISOString();
  const fridge = newId();
  await t.services.db
    .insertInto('place')
    .values({
      id: fridge,
      communityId: community.id,
      kind: 'fridge',
      name: 'Kauri Street fridge',
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  const shed = newId();
  await t.services.db
    .insertInto('place')
    .values({
      id: shed,
      communityId: community.id,
      kind: 'tool_shed',
      name: 'The shed',
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  const api = `/api/v1/communities/${community.slug}`;
  const asSteward = await t.as(steward);
  const series = (
    await asSteward.api('POST', `${api}/shift-series`, {
      title: 'Clean the fridge',
      placeId: fridge,
      startDate: '2027-03-27',
      startTime: '08:00',
      endTime: '09:00',
      repeat: 'weekly',
      peopleNeeded: 2,
    })
  ).json();
  return { community, steward, ana, fridge, shed, api, asSteward, asAna: await t.as(ana), series };
}

describe('a member’s calendar feed', () => {
  it('holds their shifts across the change to winter time, at a secret link they can make anew', async () => {
    setClock('2027-03-20T00:00:00Z');
    const s = await street();
    for (const day of ['2027-03-27', '2027-04-03']) {
      await s.asAna.api('POST', `${s.api}/shift-series/${s.series.id}/occurrences/${day}T08:00/sign-up`);
    }
    expect((await s.asAna.get('/account/calendar')).body).toContain('Make my calendar link');
    const made = await s.asAna.post('/account/calendar');
    expect(made.statusCode).toBe(200);
    const url = /value="(http:\/\/porch\.test\/calendar\/[A-Za-z0-9_-]+\.ics)"/.exec(
      made.body,
    )?.[1] as string;
    expect(url).toBeDefined();
    const path = url.replace('http://porch.test', '');

    const feed = await t.visitor().get(path);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    expect(entries(feed.body)).toEqual([
      // 08:00 NZDT (+13), then 08:00 NZST (+12): Auckland leaves summer time on 4 April 2027.
      expect.objectContaining({
        summary: 'Clean the fridge',
        start: '2027-03-26T19:00:00.000Z',
        end: '2027-03-26T20:00:00.000Z',
      }),
      expect.objectContaining({ summary: 'Clean the fridge', start: '2027-04-02T19:00:00.000Z' }),
    ]);
    const pageAgain = await s.asAna.get('/account/calendar');
    expect(pageAgain.body).not.toContain(url);

    // A new link: the old one stops working.
    await s.asAna.post('/account/calendar');
    expect((await t.visitor().get(path)).statusCode).toBe(404);
    expect((await t.visitor().get('/calendar/not-a-token-at-all-000000.ics')).statusCode).toBe(404);
    expect((await t.visitor().post('/account/calendar')).statusCode).toBe(303);
  });

  it('holds the things the member borrowed, on the day each is due back', async () => {
    setClock('2027-03-20T00:00:00Z');
    const s = await street();
    const item = (
      await s.asSteward.api('POST', `${s.api}/items`, {
        name: 'Ladder',
        category: 'tools',
        condition: 'good',
        valueBand: 'low',
        loanDays: 7,
      })
    ).json();
    const loan = (
      await s.asAna.api('POST', `${s.api}/items/${item.id}/loans`, {
        startsOn: '2027-03-21',
        dueOn: '2027-03-25',
      })
    ).json();
    expect((await s.asSteward.api('POST', `${s.api}/loans/${loan.id}/approve`, {})).statusCode).toBe(200);
    const made = await s.asAna.post('/account/calendar');
    const path = /value="http:\/\/porch\.test(\/calendar\/[^"]+)"/.exec(made.body)?.[1] as string;
    expect(entries((await t.visitor().get(path)).body)).toEqual([
      expect.objectContaining({ summary: 'Bring back: Ladder', start: '2027-03-25', end: '2027-03-26' }),
    ]);
  });
});

describe('a place’s feed', () => {
  it('is public for a fridge, without names; for members for the shed; 404 in another community', async () => {
    setClock('2027-03-20T00:00:00Z');
    const s = await street();
    await s.asAna.api('POST', `${s.api}/shift-series/${s.series.id}/occurrences/2027-03-27T08:00/sign-up`);
    const feed = await t.visitor().get(`/c/${s.community.slug}/shifts/places/${s.fridge}/shifts.ics`);
    expect(feed.statusCode).toBe(200);
    const list = entries(feed.body);
    expect(list).toHaveLength(8);
    expect(list[0]).toMatchObject({
      summary: 'Clean the fridge',
      start: '2027-03-26T19:00:00.000Z',
      description: '1 of 2 places open',
    });
    expect(feed.body).not.toContain('Ana');
    expect(
      (await t.visitor().get(`/c/${s.community.slug}/shifts/places/${s.shed}/shifts.ics`)).statusCode,
    ).toBe(303);
    expect((await s.asAna.get(`/c/${s.community.slug}/shifts/places/${s.shed}/shifts.ics`)).statusCode).toBe(
      200,
    );
    const other = await street();
    expect(
      (await t.visitor().get(`/c/${other.community.slug}/shifts/places/${s.fridge}/shifts.ics`)).statusCode,
    ).toBe(404);
  });

  it('stamps each shift with when it was written, and its sequence rises when it moves or is cancelled', async () => {
    setClock('2027-03-20T00:00:00Z');
    const s = await street();
    const occ = (key: string) => `${s.api}/shift-series/${s.series.id}/occurrences/${key}`;
    const revisions = async () => {
      const text = (await t.visitor().get(`/c/${s.community.slug}/shifts/places/${s.fridge}/shifts.ics`))
        .body;
      return new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => {
        const stamp = v.getFirstPropertyValue('dtstamp') as ICAL.Time;
        return `${stamp.toJSDate().toISOString()} ${v.getFirstPropertyValue('sequence')}`;
      });
    };
    expect((await revisions()).slice(0, 2)).toEqual([
      '2027-03-20T00:00:00.000Z 0',
      '2027-03-20T00:00:00.000Z 0',
    ]);
    setClock('2027-03-20T01:00:00Z');
    const moved = await s.asSteward.api('POST', `${occ('2027-04-03T08:00')}/time`, {
      date: '2027-04-03',
      startTime: '10:00',
      endTime: '11:00',
      which: 'this',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    setClock('2027-03-20T02:00:00Z');
    expect((await s.asSteward.api('POST', `${occ('2027-04-10T08:00')}/cancel`)).statusCode).toBe(200);
    const after = await revisions();
    expect(after[1]).toBe('2027-03-20T01:00:00.000Z 3600'); // moved (the series was written)
    expect(after[2]).toBe('2027-03-20T02:00:00.000Z 7200'); // cancelled
  });
});
