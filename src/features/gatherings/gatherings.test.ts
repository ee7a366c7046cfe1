import ICAL from 'ical.js';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { makeItem, makeLoan } from '../../../test/support/library.ts';
import { cleaning, makeStreet, moveClock } from '../../../test/support/shifts.ts';
import { communityRoutesOf } from '../../platform/http/community.ts';

const t = useTestApp();

/** An iCalendar text read back by ical.js (an independent parser): each entry's uid, summary, instants and status. */
function events(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      summary: e.summary,
      start: e.startDate.toJSDate().toISOString(),
      end: e.endDate.toJSDate().toISOString(),
      location: e.location,
      status: v.getFirstPropertyValue('status'),
    };
  });
}
const setClock = (instant: string) => moveClock(t, instant);

/** A weekly Saturday potluck from 2027-03-20, 18:00–20:00 in the community's zone. */
const potluck = (more: Record<string, unknown> = {}) => ({
  kind: 'potluck',
  title: 'Shed potluck',
  address: '12 Elm Street, the shed',
  startDate: '2027-03-20',
  startTime: '18:00',
  endTime: '20:00',
  repeat: 'weekly',
  ...more,
});

describe('organizing a gathering', () => {
  it('any member organizes one; only stewards make one public; bad input is refused whole', async () => {
    setClock('2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    const made = await s.asBeto.api('POST', `${s.api}/gatherings`, potluck());
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ rule: 'FREQ=WEEKLY;INTERVAL=1;BYDAY=SA', durationMinutes: 120 });
    const open = await s.asBeto.api('POST', `${s.api}/gatherings`, potluck({ isPublic: true }));
    expect(open.statusCode).toBe(403);
    expect(open.json().code).toBe('gatherings.only_stewards_public');
    expect(
      (await s.asSteward.api('POST', `${s.api}/gatherings`, potluck({ isPublic: true }))).statusCode,
    ).toBe(201);

    const refused = async (body: Record<string, unknown>) => {
      const res = await s.asBeto.api('POST', `${s.api}/gatherings`, potluck(body));
      expect(res.statusCode, res.body).toBe(422);
      return res.json().errors.map((e: { field: string; code: string }) => `${e.field} ${e.code}`);
    };
    expect(await refused({ endTime: '17:00' })).toEqual(['endTime gatherings.ends_before_start']);
    expect(await refused({ endDate: '2027-03-30' })).toEqual(['endDate gatherings.too_long']);
    expect(
      await refused({
        repeat: 'monthly_date',
        startDate: '2027-01-31',
        seasonFrom: '02-01',
        seasonUntil: '02-28',
      }),
    ).toEqual(['repeat calendar.rule_never_occurs']);
    expect(await refused({ repeat: 'once', exceptions: '2027-03-20' })).toEqual([
      'repeat calendar.rule_never_occurs',
    ]);
    expect(await refused({ placeId: s.fridge })).toEqual(['address gatherings.place_or_address']);
    expect(await refused({ unknown: 1 })).toEqual(['unknown validation.additionalProperties']);
    const list = (await s.asBeto.api('GET', `${s.api}/gatherings?from=2027-03-20&weeks=1`)).json().gatherings;
    expect(list).toHaveLength(2);
    // An evening until one in the morning ends the next day.
    const late = await s.asBeto.api(
      'POST',
      `${s.api}/gatherings`,
      potluck({ repeat: 'once', endDate: '2027-03-21', endTime: '01:00' }),
    );
    expect(late.json().durationMinutes).toBe(7 * 60);
    // The form says it in Spanish beside the field, and keeps what was typed.
    const asEs = await t.as(await t.member(s.community, 'member', { locale: 'es' }));
    const page = await asEs.post(`/c/${s.slug}/gatherings`, potluck({ endTime: '07:00' }));
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('El encuentro debe terminar después de empezar');
    expect(page.body).toContain('Shed potluck');
  });
});

describe('answering, capacity and the waiting list', () => {
  it('counts guests, refuses more guests than places left, lets the waiting list in when someone says no', async () => {
    setClock('2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    const g = (await s.asSteward.api('POST', `${s.api}/gatherings`, potluck({ capacity: 4 }))).json();
    const at = `${s.api}/gatherings/${g.id}/occurrences/2027-03-27T18:00`;
    const carla = await t.member(s.community, 'member', { displayName: 'Carla' });
    const asCarla = await t.as(carla);

    expect((await s.asAna.api('PUT', `${at}/rsvp`, { answer: 'yes', guests: 1 })).json()).toEqual({
      answer: 'yes',
      guests: 1,
      waiting: false,
    });
    const tooMany = await s.asBeto.api('PUT', `${at}/rsvp`, { answer: 'yes', guests: 2 });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().errors).toEqual([
      expect.objectContaining({
        field: 'guests',
        code: 'gatherings.guests_above_places',
        message: 'Only a place for you and 1 guest is left. Bring fewer guests.',
      }),
    ]);
    expect((await s.asBeto.api('PUT', `${at}/rsvp`, { answer: 'yes', guests: 1 })).json().waiting).toBe(
      false,
    );
    expect((await asCarla.api('PUT', `${at}/rsvp`, { answer: 'yes' })).json().waiting).toBe(true);
    expect((await s.asSteward.api('PUT', `${at}/rsvp`, { answer: 'maybe', guests: 3 })).json().waiting).toBe(
      false,
    );
    const one = (await s.asAna.api('GET', at)).json();
    expect(one).toMatchObject({
      going: 4,
      maybe: 4,
      waiting: 1,
      placesLeft: 0,
      myAnswer: 'yes',
      myGuests: 1,
    });
    expect(one.waitingList.map((p: { name: string }) => p.name)).toEqual(['Carla']);
    // Another Saturday is counted on its own.
    const other = (
      await s.asAna.api('GET', `${s.api}/gatherings/${g.id}/occurrences/2027-04-03T18:00`)
    ).json();
    expect(other).toMatchObject({ going: 0, placesLeft: 4, myAnswer: null });

    // No capacity below those coming.
    const lower = await s.asSteward.api('PATCH', `${s.api}/gatherings/${g.id}`, { capacity: 3 });
    expect(lower.statusCode).toBe(422);
    expect(lower.json().errors[0]).toMatchObject({
      field: 'capacity',
      code: 'gatherings.capacity_below_going',
    });

    // Ana's guest stays home: one place opens, and Carla (first waiting) comes, and is told.
    expect((await s.asAna.api('PUT', `${at}/rsvp`, { answer: 'yes', guests: 0 })).json().waiting).toBe(false);
    expect((await s.asAna.api('GET', at)).json()).toMatchObject({ going: 4, waiting: 0 });
    await t.runJobs();
    expect(t.mailbox.to(carla.email as string).map((m) => m.subject)).toEqual([
      'A place opened: Shed potluck on Saturday, March 27, 2027',
    ]);
    // Beto says no: two places free; a bigger capacity is fine.
    await s.asBeto.api('PUT', `${at}/rsvp`, { answer: 'no' });
    expect((await s.asAna.api('GET', at)).json()).toMatchObject({ going: 2, placesLeft: 2 });
    expect((await s.asSteward.api('PATCH', `${s.api}/gatherings/${g.id}`, { capacity: 2 })).statusCode).toBe(
      200,
    );
  });

  it('works without JavaScript: the page’s form answers, and says the refusal beside the field', async () => {
    setClock('2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    const g = (await s.asSteward.api('POST', `${s.api}/gatherings`, potluck({ capacity: 3 }))).json();
    const page = `/c/${s.slug}/gatherings/${g.id}/2027-03-20T18:00`;
    const shown = await s.asBeto.get(page);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('Are you coming?');
    const sent = await s.asBeto.post(`${page}/rsvp`, { answer: 'yes', guests: '1' });
    expect(sent.statusCode, sent.body).toBe(303);
    expect((await s.asBeto.get(page)).body).toContain('You are coming');
    const refused = await s.asAna.post(`${page}/rsvp`, { answer: 'yes', guests: '3' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Bring fewer guests');
    const list = await s.asAna.get(`/c/${s.slug}/gatherings`);
    expect(list.body).toContain('2 coming');
    expect(list.body).toContain('1 place left');
  });
});

describe('who may change a gathering, and in which community', () => {
  it('the organizer and stewards change and cancel it; other members not; another community’s is 404', async () => {
    setClock('2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    const g = (await s.asBeto.api('POST', `${s.api}/gatherings`, potluck())).json();
    const at = `${s.api}/gatherings/${g.id}`;
    expect((await s.asAna.api('PATCH', at, { title: 'Mine now' })).statusCode).toBe(403);
    expect((await s.asAna.api('POST', `${at}/occurrences/2027-03-20T18:00/cancel`)).statusCode).toBe(403);
    expect((await s.asAna.get(`/c/${s.slug}/gatherings/${g.id}/edit`)).statusCode).toBe(403);
    expect((await s.asBeto.api('PATCH', at, { title: 'Shed supper' })).json().title).toBe('Shed supper');
    expect((await s.asSteward.api('PATCH', at, { isPublic: true })).json().isPublic).toBe(true);
    expect((await s.asBeto.api('PATCH', at, { isPublic: false })).statusCode).toBe(403);

    const there = await makeStreet(t);
    const elsewhere = `${there.api}/gatherings/${g.id}`;
    expect((await there.asSteward.api('GET', `${elsewhere}/occurrences/2027-03-20T18:00`)).statusCode).toBe(
      404,
    );
    expect((await there.asSteward.api('PATCH', elsewhere, { title: 'x' })).statusCode).toBe(404);
    expect(
      (await there.asSteward.api('PUT', `${elsewhere}/occurrences/2027-03-20T18:00/rsvp`, { answer: 'yes' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await there.asSteward.get(`/c/${there.slug}/gatherings/${g.id}/2027-03-20T18:00`)).statusCode,
    ).toBe(404);
    // A date the rule does not give.
    expect((await s.asAna.api('GET', `${at}/occurrences/2027-03-21T18:00`)).statusCode).toBe(404);
  });

  it('cancelling a date tells everyone who said yes; calling it off tells them for each coming date', async () => {
    setClock('2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    const g = (await s.asBeto.api('POST', `${s.api}/gatherings`, potluck())).json();
    const at = `${s.api}/gatherings/${g.id}/occurrences`;
    await s.asAna.api('PUT', `${at}/2027-03-20T18:00/rsvp`, { answer: 'yes' });
    await s.asSteward.api('PUT', `${at}/2027-03-20T18:00/rsvp`, { answer: 'no' });
    await s.asAna.api('PUT', `${at}/2027-03-27T18:00/rsvp`, { answer: 'yes' });
    expect((await s.asBeto.api('POST', `${at}/2027-03-20T18:00/cancel`)).statusCode).toBe(204);
    expect((await s.asBeto.api('POST', `${at}/2027-03-20T18:00/cancel`)).json().code).toBe(
      'gatherings.cancelled',
    );
    expect((await s.asAna.api('PUT', `${at}/2027-03-20T18:00/rsvp`, { answer: 'yes' })).statusCode).toBe(409);
    await t.runJobs();
    expect(t.mailbox.to(s.ana.email as string).map((m) => m.subject)).toEqual([
      'Cancelled: Shed potluck on Saturday, March 20, 2027',
    ]);
    expect(t.mailbox.to(s.steward.email as string)).toEqual([]);
    expect((await s.asBeto.api('POST', `${s.api}/gatherings/${g.id}/cancel`)).statusCode).toBe(204);
    await t.runJobs();
    expect(t.mailbox.to(s.ana.email as string).at(-1)?.subject).toBe(
      'Cancelled: Shed potluck on Saturday, March 27, 2027',
    );
    expect((await s.asAna.api('GET', `${s.api}/gatherings`)).json().gatherings).toEqual([]);
  });
});

describe('recurrence across daylight-saving changes', () => {
  it('keeps 18:00 local across the change, each date with its own answers; moves one or the following', async () => {
    setClock('2027-03-15T10:00:00Z');
    const s = await makeStreet(t, 'Europe/Madrid');
    const g = (await s.asSteward.api('POST', `${s.api}/gatherings`, potluck({ capacity: 10 }))).json();
    const at = `${s.api}/gatherings/${g.id}/occurrences`;
    await s.asAna.api('PUT', `${at}/2027-03-27T18:00/rsvp`, { answer: 'yes', guests: 2 });
    await s.asBeto.api('PUT', `${at}/2027-04-03T18:00/rsvp`, { answer: 'yes' });
    const list = (await s.asAna.api('GET', `${s.api}/gatherings?from=2027-03-20&weeks=3`)).json().gatherings;
    expect(
      list.map((o: { local: string; startsAt: string; going: number }) => [o.local, o.startsAt, o.going]),
    ).toEqual([
      ['2027-03-20T18:00', '2027-03-20T17:00:00.000Z', 0],
      ['2027-03-27T18:00', '2027-03-27T17:00:00.000Z', 3],
      // Summer time from 28 March: the same wall time is an hour earlier in UTC.
      ['2027-04-03T18:00', '2027-04-03T16:00:00.000Z', 1],
    ]);
    expect(list[1].endsAt).toBe('2027-03-27T19:00:00.000Z');

    // This one only: 3 April moves to 19:00, keeps its answers, Beto is told.
    const moved = await s.asSteward.api('POST', `${at}/2027-04-03T18:00/time`, {
      date: '2027-04-03',
      startTime: '19:00',
      endTime: '21:00',
      which: 'this',
    });
    expect(moved.json()).toEqual({ gatheringId: g.id, occurrence: '2027-04-03T18:00' });
    expect((await s.asBeto.api('GET', `${at}/2027-04-03T18:00`)).json()).toMatchObject({
      local: '2027-04-03T19:00',
      startsAt: '2027-04-03T17:00:00.000Z',
      going: 1,
      myAnswer: 'yes',
    });
    await t.runJobs();
    expect(t.mailbox.to(s.beto.email as string).map((m) => m.subject)).toEqual([
      'New time: Shed potluck on Saturday, April 3, 2027 at 19:00',
    ]);
    // This and the following from 27 March: 17:00, Ana's answer (and guests) go with her date.
    const retimed = (
      await s.asSteward.api('POST', `${at}/2027-03-27T18:00/time`, {
        date: '2027-03-27',
        startTime: '17:00',
        endTime: '19:00',
        which: 'following',
      })
    ).json();
    expect(retimed.occurrence).toBe('2027-03-27T17:00');
    const after = (await s.asAna.api('GET', `${s.api}/gatherings?from=2027-03-20&weeks=4`)).json().gatherings;
    expect(after.map((o: { local: string; going: number }) => [o.local, o.going])).toEqual([
      ['2027-03-20T18:00', 0],
      ['2027-03-27T17:00', 3],
      ['2027-04-03T19:00', 1],
      ['2027-04-10T17:00', 0],
    ]);
    expect(
      (
        await s.asSteward.api(
          'POST',
          `${s.api}/gatherings/${retimed.gatheringId}/occurrences/2027-04-10T17:00/time`,
          {
            date: '2027-04-11',
            startTime: '17:00',
            endTime: '19:00',
            which: 'following',
          },
        )
      ).json().errors[0].code,
    ).toBe('gatherings.following_same_day');
  });
});

describe('the shared calendar and iCalendar', () => {
  it('gives each date as .ics and puts the member’s gatherings in their feed, read back by ical.js', async () => {
    setClock('2027-03-15T10:00:00Z');
    const s = await makeStreet(t, 'Europe/Madrid');
    const g = (await s.asSteward.api('POST', `${s.api}/gatherings`, potluck())).json();
    const page = `/c/${s.slug}/gatherings/${g.id}`;
    const file = await s.asAna.get(`${page}/2027-04-03T18:00/event.ics`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('text/calendar');
    expect(events(file.body)).toEqual([
      {
        uid: `gathering-${g.id}-2027-04-03T18:00@porch.test`,
        summary: 'Shed potluck',
        start: '2027-04-03T16:00:00.000Z',
        end: '2027-04-03T18:00:00.000Z',
        location: '12 Elm Street, the shed',
        status: 'CONFIRMED',
      },
    ]);
    expect((await t.visitor().get(`${page}/2027-04-03T18:00/event.ics`)).statusCode).toBe(303);

    // Ana says yes to two dates across the change to summer time, no to a third; one is cancelled.
    const at = `${s.api}/gatherings/${g.id}/occurrences`;
    await s.asAna.api('PUT', `${at}/2027-03-20T18:00/rsvp`, { answer: 'yes' });
    await s.asAna.api('PUT', `${at}/2027-04-03T18:00/rsvp`, { answer: 'maybe' });
    await s.asAna.api('PUT', `${at}/2027-04-10T18:00/rsvp`, { answer: 'no' });
    await s.asSteward.api('POST', `${at}/2027-03-20T18:00/cancel`);
    // A yes on the waiting list is not in the feed until a place is free.
    const tiny = (
      await s.asSteward.api(
        'POST',
        `${s.api}/gatherings`,
        potluck({ title: 'Tiny table', repeat: 'once', startDate: '2027-04-17', capacity: 1 }),
      )
    ).json();
    const tinyAt = `${s.api}/gatherings/${tiny.id}/occurrences/2027-04-17T18:00/rsvp`;
    await s.asBeto.api('PUT', tinyAt, { answer: 'yes' });
    expect((await s.asAna.api('PUT', tinyAt, { answer: 'yes' })).json().waiting).toBe(true);
    const made = await s.asAna.post('/account/calendar');
    const url = /value="http:\/\/porch\.test(\/calendar\/[A-Za-z0-9_-]+\.ics)"/.exec(
      made.body,
    )?.[1] as string;
    const feed = events((await t.visitor().get(url)).body).filter((e) => e.summary === 'Shed potluck');
    expect(feed.map((e) => [e.start, e.status])).toEqual([
      ['2027-03-20T17:00:00.000Z', 'CANCELLED'],
      ['2027-04-03T16:00:00.000Z', 'CONFIRMED'],
    ]);
    const tinyIn = async () =>
      events((await t.visitor().get(url)).body)
        .filter((e) => e.summary === 'Tiny table')
        .map((e) => [e.start, e.status]);
    expect(await tinyIn()).toEqual([]);
    await s.asBeto.api('PUT', tinyAt, { answer: 'no' });
    expect(await tinyIn()).toEqual([['2027-04-17T16:00:00.000Z', 'CONFIRMED']]);
  });

  it('shows gatherings, shifts and my loans due by month and as a list, everyone’s or mine', async () => {
    setClock('2027-03-15T10:00:00Z');
    const s = await makeStreet(t, 'Europe/Madrid');
    const g = (await s.asSteward.api('POST', `${s.api}/gatherings`, potluck())).json();
    await s.asSteward.api(
      'POST',
      `${s.api}/gatherings`,
      potluck({ title: 'Seed swap', repeat: 'once', startDate: '2027-03-21' }),
    );
    const series = (await s.asAna.api('POST', `${s.api}/shift-series`, cleaning(s.fridge))).json();
    await s.asAna.api('POST', `${s.api}/shift-series/${series.id}/occurrences/2027-03-20T08:00/sign-up`);
    await s.asAna.api('PUT', `${s.api}/gatherings/${g.id}/occurrences/2027-03-27T18:00/rsvp`, {
      answer: 'yes',
    });
    const drill = await makeItem(t, s.community, { owner: s.beto });
    await makeLoan(t, s.community, drill, s.ana, 'out', { startsOn: '2027-03-15', days: 10 });

    const month = (await s.asAna.api('GET', `${s.api}/calendar?month=2027-03`)).json().entries;
    const line = (e: { type: string; title: string; day: string; mine: boolean }) =>
      `${e.day} ${e.type} ${e.title}${e.mine ? ' (mine)' : ''}`;
    expect(month.map(line)).toEqual([
      '2027-03-20 shift Clean the fridge (mine)',
      '2027-03-20 gathering Shed potluck',
      '2027-03-21 gathering Seed swap',
      '2027-03-24 loan Cordless drill (mine)',
      '2027-03-27 shift Clean the fridge',
      '2027-03-27 gathering Shed potluck (mine)',
    ]);
    const mine = (await s.asAna.api('GET', `${s.api}/calendar?month=2027-03&mine=true`)).json().entries;
    expect(mine.map(line)).toEqual([
      '2027-03-20 shift Clean the fridge (mine)',
      '2027-03-24 loan Cordless drill (mine)',
      '2027-03-27 gathering Shed potluck (mine)',
    ]);
    const monthPage = await s.asAna.get(`/c/${s.slug}/calendar/2027-03?mine=1`);
    expect(monthPage.statusCode).toBe(200);
    expect(monthPage.body).toContain('Due back: Cordless drill');
    expect(monthPage.body).toContain('href="#d-2027-03-27"');
    expect(monthPage.body).not.toContain('Seed swap');
    const list = await s.asBeto.get(`/c/${s.slug}/calendar`);
    expect(list.body).toContain('Seed swap');
    expect(list.body).not.toContain('Due back');
    expect((await s.asBeto.get(`/c/${s.slug}/calendar/9999-01`)).statusCode).toBe(422);
  });
});

describe('a potluck’s dish sign-up', () => {
  it('takes dishes by course up to the count wanted, with dietary labels; refuses a count below the promised', async () => {
    setClock('2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    const g = (await s.asSteward.api('POST', `${s.api}/gatherings`, potluck())).json();
    const needs = await s.asSteward.api('PUT', `${s.api}/gatherings/${g.id}/dish-needs`, {
      main: 1,
      side: 2,
    });
    expect(needs.statusCode, needs.body).toBe(200);
    expect((await s.asAna.api('PUT', `${s.api}/gatherings/${g.id}/dish-needs`, { side: 3 })).statusCode).toBe(
      403,
    );
    const at = `${s.api}/gatherings/${g.id}/occurrences/2027-03-20T18:00`;
    const carla = await t.as(await t.member(s.community, 'member', { displayName: 'Carla' }));
    const salad = { course: 'side', name: 'Green salad', labels: ['vegan', 'gluten_free'] };
    expect((await s.asAna.api('POST', `${at}/dishes`, salad)).json().code).toBe('gatherings.answer_first');

    // Without JavaScript: answer, then the dish form with two labels checked.
    const page = `/c/${s.slug}/gatherings/${g.id}/2027-03-20T18:00`;
    await s.asAna.post(`${page}/rsvp`, { answer: 'yes' });
    const form = await s.asAna.post(`${page}/dishes`, {
      course: 'side',
      name: 'Green salad',
      labels: ['vegan', 'gluten_free'],
    } as never);
    expect(form.statusCode, form.body).toBe(303);
    expect((await carla.get(page)).body).toContain('Green salad, by Ana (vegan, gluten-free)');

    await s.asBeto.api('PUT', `${at}/rsvp`, { answer: 'maybe' });
    expect((await s.asBeto.api('POST', `${at}/dishes`, { course: 'side', name: 'Bread' })).statusCode).toBe(
      201,
    );
    await s.asSteward.api('PUT', `${at}/rsvp`, { answer: 'yes' });
    const full = await s.asSteward.api('POST', `${at}/dishes`, { course: 'side', name: 'Rice' });
    expect(full.statusCode).toBe(409);
    expect(full.json()).toMatchObject({ code: 'gatherings.course_full' });
    expect(
      (await s.asSteward.api('POST', `${at}/dishes`, { course: 'main', name: 'Paella' })).statusCode,
    ).toBe(201);
    expect(
      (
        await s.asSteward.api('POST', `${at}/dishes`, { course: 'side', name: 'Rice', labels: ['spicy'] })
      ).json().errors[0].field,
    ).toBe('labels');

    const fewer = await s.asSteward.api('PUT', `${s.api}/gatherings/${g.id}/dish-needs`, {
      side: 1,
      main: 0,
    });
    expect(fewer.statusCode).toBe(422);
    expect(fewer.json().errors.map((e: { field: string; code: string }) => `${e.field} ${e.code}`)).toEqual([
      'main gatherings.dishes_below_promised',
      'side gatherings.dishes_below_promised',
    ]);
    // Beto is not coming after all: his bread goes with him, and one side is enough now.
    await s.asBeto.api('PUT', `${at}/rsvp`, { answer: 'no' });
    expect(
      (await s.asSteward.api('PUT', `${s.api}/gatherings/${g.id}/dish-needs`, { side: 1 })).statusCode,
    ).toBe(200);
    const table = (await carla.api('GET', at)).json().potluck;
    expect(
      table.map((c: { course: string; wanted: number | null; dishes: { name: string }[] }) => [
        c.course,
        c.wanted,
        c.dishes.map((d) => d.name),
      ]),
    ).toEqual([
      ['main', 1, ['Paella']],
      ['side', 1, ['Green salad']],
      ['dessert', null, []],
      ['drink', null, []],
    ]);

    const meeting = (
      await s.asSteward.api('POST', `${s.api}/gatherings`, potluck({ kind: 'gathering' }))
    ).json();
    expect(
      (await s.asSteward.api('PUT', `${s.api}/gatherings/${meeting.id}/dish-needs`, { side: 1 })).json().code,
    ).toBe('gatherings.not_potluck');
  });
});

describe('a public gathering: its invite page and its flyer', () => {
  it('anyone sees it and answers with a name, rate-limited; the flyer’s QR code is the invite’s address', async () => {
    setClock('2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    const g = (
      await s.asSteward.api(
        'POST',
        `${s.api}/gatherings`,
        potluck({ title: 'Open shed day', capacity: 3, isPublic: true }),
      )
    ).json();
    const closed = (await s.asSteward.api('POST', `${s.api}/gatherings`, potluck())).json();
    const page = `/c/${s.slug}/gatherings/${g.id}/2027-03-20T18:00`;
    await s.asAna.api('PUT', `${s.api}/gatherings/${g.id}/occurrences/2027-03-20T18:00/rsvp`, {
      answer: 'yes',
    });

    const visitor = t.visitor();
    const invite = await visitor.get(`${page}/invite`);
    expect(invite.statusCode).toBe(200);
    expect(invite.body).toContain('Open shed day');
    expect(invite.body).toContain('1 coming');
    expect(invite.body).not.toContain('Ana');
    expect(
      (await visitor.get(`/c/${s.slug}/gatherings/${closed.id}/2027-03-20T18:00/invite`)).statusCode,
    ).toBe(404);

    const sent = await visitor.post(`${page}/invite`, {
      name: 'Rosa',
      answer: 'yes',
      guests: '1',
    });
    expect(sent.statusCode, sent.body).toBe(303);
    expect((await visitor.get(`${page}/invite`)).body).toContain('Thank you, Rosa');
    const seen = (
      await s.asBeto.api('GET', `${s.api}/gatherings/${g.id}/occurrences/2027-03-20T18:00`)
    ).json();
    expect(seen).toMatchObject({ going: 3, placesLeft: 0 });
    expect(seen.yes).toEqual([
      { name: 'Ana', guests: 0, visitor: false },
      { name: 'Rosa', guests: 1, visitor: true },
    ]);
    expect(JSON.stringify(seen)).not.toContain('rosa@example.org');
    // Full: the next visitor waits.
    await visitor.post(`${page}/invite`, { name: 'Tomás', answer: 'yes' });
    expect(
      (await s.asBeto.api('GET', `${s.api}/gatherings/${g.id}/occurrences/2027-03-20T18:00`)).json().waiting,
    ).toBe(1);
    const refused = await visitor.post(`${page}/invite`, { name: 'Rosa\u202E', answer: 'yes' });
    expect(refused.statusCode).toBe(422);

    // Ten answers an hour from one address, then 429.
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await visitor.post(`${page}/invite`, { name: `N${i}`, answer: 'maybe' })).statusCode);
    expect(statuses).toEqual([303, 303, 303, 303, 303, 303, 303, 429]);

    const flyer = await s.asSteward.get(`${page}/flyer?paper=letter`);
    expect(flyer.statusCode).toBe(200);
    const url = `http://porch.test${page}/invite`;
    const svg = await QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    expect(flyer.body).toContain(svg);
    expect(flyer.body).toContain(url);
    expect(flyer.body).toContain('class="flyer paper-letter"');
    expect(flyer.body).toContain('Everyone is welcome');
    expect(flyer.body).toContain('Todo el mundo es bienvenido');
    expect((await s.asBeto.get(`${page}/flyer`)).statusCode).toBe(403);
    const noFlyer = await s.asSteward.get(`/c/${s.slug}/gatherings/${closed.id}/2027-03-20T18:00/flyer`);
    expect(noFlyer.statusCode).toBe(403);
    expect(noFlyer.body).toContain('Only a public gathering has a flyer');
  });
});

describe('workshops hosted by a neighbor who shares the skill', () => {
  it('from "who could teach me" to a proposal the host accepts; only members with the skill may be asked', async () => {
    setClock('2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    expect(
      (await s.asAna.api('PATCH', '/api/v1/me/profile', { skillsToShare: ['Bike repair'] })).statusCode,
    ).toBe(200);
    await s.asBeto.api('PATCH', '/api/v1/me/profile', { skillsToLearn: ['bike repair'] });
    const directory = await s.asBeto.get(`/c/${s.slug}/members`);
    const link = `/c/${s.slug}/gatherings/workshops/new?skill=bike+repair`;
    expect(directory.body).toContain(link.replace('?', '?').replaceAll('&', '&amp;'));
    const form = await s.asBeto.get(link);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`<option value="${s.ana.id}"`);

    const workshop = {
      title: 'Fix your bike',
      skill: 'bike repair',
      hostId: s.ana.id,
      address: 'The shed',
      startDate: '2027-03-27',
      startTime: '10:00',
      endTime: '12:00',
      repeat: 'once',
    };
    const wrongHost = await s.asBeto.api('POST', `${s.api}/workshops`, { ...workshop, hostId: s.steward.id });
    expect(wrongHost.statusCode).toBe(422);
    expect(wrongHost.json().errors[0]).toMatchObject({
      field: 'hostId',
      code: 'gatherings.host_lacks_skill',
    });
    const sent = await s.asBeto.post(`/c/${s.slug}/gatherings/workshops`, workshop);
    expect(sent.statusCode, sent.body).toBe(303);
    const id = /workshops\/([0-9a-f-]{36})$/.exec(sent.headers.location as string)?.[1] as string;
    // Not on the calendar until the host accepts; the host is asked.
    expect(
      (await s.asBeto.api('GET', `${s.api}/gatherings?from=2027-03-27&weeks=1`)).json().gatherings,
    ).toEqual([]);
    await t.runJobs();
    expect(t.mailbox.to(s.ana.email as string).map((m) => m.subject)).toEqual([
      'Beto asks you to host a workshop: Fix your bike',
    ]);
    expect((await s.asSteward.api('POST', `${s.api}/workshops/${id}/accept`)).statusCode).toBe(403);
    const carla = await t.as(await t.member(s.community, 'member'));
    expect((await carla.get(`/c/${s.slug}/gatherings/workshops/${id}`)).statusCode).toBe(403);
    const page = await s.asAna.get(`/c/${s.slug}/gatherings/workshops/${id}`);
    expect(page.body).toContain('Yes, I will host it');
    expect((await s.asAna.post(`/c/${s.slug}/gatherings/workshops/${id}/accept`)).statusCode).toBe(303);
    expect((await s.asAna.api('POST', `${s.api}/workshops/${id}/decline`)).json().code).toBe(
      'gatherings.already_answered',
    );
    const list = (await carla.api('GET', `${s.api}/gatherings?from=2027-03-27&weeks=1`)).json().gatherings;
    expect(list.map((o: { title: string; kind: string }) => `${o.kind} ${o.title}`)).toEqual([
      'workshop Fix your bike',
    ]);
    await t.runJobs();
    expect(t.mailbox.to(s.beto.email as string).map((m) => m.subject)).toEqual([
      'Ana will host Fix your bike',
    ]);
    // The accepted host organizes it with the proposer.
    expect((await s.asAna.api('PATCH', `${s.api}/gatherings/${id}`, { capacity: 8 })).statusCode).toBe(200);

    // Declined: withdrawn, the proposer told.
    const again = (await s.asBeto.api('POST', `${s.api}/workshops`, { ...workshop, title: 'Brakes' })).json();
    expect(again.hostStatus).toBe('proposed');
    expect((await s.asAna.api('POST', `${s.api}/workshops/${again.id}/decline`)).json().hostStatus).toBe(
      'declined',
    );
    expect(
      (await s.asBeto.api('GET', `${s.api}/gatherings?from=2027-03-27&weeks=1`)).json().gatherings,
    ).toHaveLength(1);
  });
});

describe('reminders before a gathering', () => {
  it('reminds who is coming the day before, by their preferences and language; not who said no, waits or turned them off', async () => {
    setClock('2027-03-15T10:00:00Z');
    const s = await makeStreet(t, 'Europe/Madrid');
    const g = (await s.asSteward.api('POST', `${s.api}/gatherings`, potluck({ capacity: 2 }))).json();
    const at = `${s.api}/gatherings/${g.id}/occurrences/2027-03-27T18:00`;
    const dora = await t.member(s.community, 'member', { displayName: 'Dora', locale: 'es' });
    const asDora = await t.as(dora);
    const quiet = await t.member(s.community, 'member', { displayName: 'Quiet' });
    const asQuiet = await t.as(quiet);
    await asQuiet.api('PUT', '/api/v1/me/notification-preferences', {
      choices: [
        { kind: 'gatherings.reminders', channel: 'mail', cadence: 'off' },
        { kind: 'gatherings.reminders', channel: 'push', cadence: 'off' },
      ],
    });
    await asDora.api('PUT', `${at}/rsvp`, { answer: 'yes' });
    await asQuiet.api('PUT', `${at}/rsvp`, { answer: 'yes' });
    await s.asBeto.api('PUT', `${at}/rsvp`, { answer: 'yes' }); // waits: full
    await s.asAna.api('PUT', `${at}/rsvp`, { answer: 'yes' }); // waits too
    await s.asAna.api('PUT', `${at}/rsvp`, { answer: 'no' });
    // Moved an hour later: the reminder follows the new time.
    await s.asSteward.api('POST', `${at}/time`, {
      date: '2027-03-27',
      startTime: '19:00',
      endTime: '21:00',
      which: 'this',
    });
    const reminders = (email: string | null) =>
      t.mailbox.to(email as string).filter((m) => /^(Mañana|Tomorrow)/.test(m.subject));
    setClock('2027-03-26T17:59:00Z'); // 24 hours before 19:00 CET is 18:00 UTC
    await t.runJobs();
    expect(reminders(dora.email)).toHaveLength(0);
    setClock('2027-03-26T18:01:00Z');
    await t.runJobs();
    expect(reminders(dora.email).map((m) => m.subject)).toEqual(['Mañana: Shed potluck a las 19:00']);
    expect(reminders(quiet.email)).toEqual([]);
    expect(reminders(s.beto.email)).toEqual([]);
    expect(reminders(s.ana.email)).toEqual([]);
    // Still in Quiet's inbox, where every notification is.
    const inbox = (await asQuiet.api('GET', `/api/v1/communities/${s.slug}/notifications`)).json();
    expect(JSON.stringify(inbox)).toContain('Shed potluck');
  });
});

describe('another community’s gathering, on every route that names one', () => {
  it('is 404 to a steward of another community, pages and API alike, and changes nothing', async () => {
    // A day later than the public gathering's test: its visitors' hour of answers is over.
    setClock('2027-03-02T10:00:00Z');
    const s = await makeStreet(t);
    const g = (await s.asSteward.api('POST', `${s.api}/gatherings`, potluck({ isPublic: true }))).json();
    await s.asSteward.api('PUT', `${s.api}/gatherings/${g.id}/dish-needs`, { side: 2 });
    const at = `${s.api}/gatherings/${g.id}/occurrences/2027-03-20T18:00`;
    await s.asAna.api('PUT', `${at}/rsvp`, { answer: 'yes' });
    const dish = (await s.asAna.api('POST', `${at}/dishes`, { course: 'side', name: 'Salad' })).json();
    const there = await makeStreet(t);
    // A body each route accepts, so that only the gathering's community is wrong.
    const bodies: [RegExp, Record<string, unknown>][] = [
      [/\/rsvp$/, { answer: 'yes' }],
      [/\/time$/, { date: '2027-03-20', startTime: '19:00', endTime: '20:00', which: 'this' }],
      [/:occurrence\/dishes$/, { course: 'side', name: 'Bread' }],
      [/\/invite$/, { name: 'Rosa', answer: 'yes' }],
      [/\/edit$/, { title: 'Ours now' }],
    ];
    const routes = communityRoutesOf(t.app).filter(
      (r) => r.url.includes(':gatheringId') && r.method !== 'HEAD',
    );
    expect(routes.length).toBeGreaterThan(20);
    const wrong: string[] = [];
    for (const r of routes) {
      const path = r.url
        .replace(':community', there.slug)
        .replace(':gatheringId', g.id)
        .replace(':occurrence', '2027-03-20T18:00')
        .replace(':dishId', dish.id);
      const body = bodies.find(([re]) => re.test(r.url))?.[1] ?? {};
      const res = r.url.startsWith('/api/')
        ? await there.asSteward.api(
            r.method as 'GET',
            path,
            r.method === 'GET' || r.method === 'DELETE' ? undefined : body,
          )
        : r.method === 'GET'
          ? await there.asSteward.get(path)
          : await there.asSteward.post(path, body as Record<string, string>);
      if (res.statusCode !== 404) wrong.push(`${r.method} ${r.url}: ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
    const still = (await s.asAna.api('GET', at)).json();
    expect(still).toMatchObject({
      title: 'Shed potluck',
      going: 1,
      local: '2027-03-20T18:00',
      cancelled: false,
    });
    expect(still.potluck[1].dishes.map((d: { name: string }) => d.name)).toEqual(['Salad']);
  });
});
