/**
 * Gatherings at their edges: a membership that ends, a date moved alone, the waiting list and
 * dishes, messages with counts, the calendar's bounds, a moved date in calendar apps.
 */
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { makeStreet, moveClock } from '../../../test/support/shifts.ts';

const t = useTestApp();

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

describe('a membership that ends', () => {
  it('takes back the member’s coming answers and dishes and lets the waiting list in; past dates keep theirs', async () => {
    moveClock(t, '2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    const g = (await s.asSteward.api('POST', `${s.api}/gatherings`, potluck({ capacity: 2 }))).json();
    const at = (day: string) => `${s.api}/gatherings/${g.id}/occurrences/${day}T18:00`;
    const carla = await t.member(s.community, 'member', { displayName: 'Carla' });
    const asCarla = await t.as(carla);
    for (const day of ['2027-03-20', '2027-03-27']) {
      expect((await s.asBeto.api('PUT', `${at(day)}/rsvp`, { answer: 'yes', guests: 1 })).statusCode).toBe(
        200,
      );
      expect((await asCarla.api('PUT', `${at(day)}/rsvp`, { answer: 'yes' })).json().waiting).toBe(true);
    }
    expect(
      (await s.asBeto.api('POST', `${at('2027-03-27')}/dishes`, { course: 'main', name: 'Stew' })).statusCode,
    ).toBe(201);
    await s.asAna.api('PUT', `${at('2027-03-27')}/rsvp`, { answer: 'maybe' });

    // The first Saturday is over when Beto is removed and Ana leaves.
    moveClock(t, '2027-03-22T10:00:00Z');
    expect((await s.asSteward.api('DELETE', `${s.api}/members/${s.beto.id}`)).statusCode).toBe(200);
    expect((await s.asAna.api('POST', `${s.api}/leave`)).statusCode).toBe(200);

    const next = (await asCarla.api('GET', at('2027-03-27'))).json();
    expect(next).toMatchObject({ going: 1, maybe: 0, waiting: 0, myWaiting: false });
    expect(next.yes.map((p: { name: string }) => p.name)).toEqual(['Carla']);
    expect(next.potluck.flatMap((c: { dishes: unknown[] }) => c.dishes)).toEqual([]);
    await t.runJobs();
    expect(t.mailbox.to(carla.email as string).map((m) => m.subject)).toContain(
      'A place opened: Shed potluck on Saturday, March 27, 2027',
    );
    // Who came to the first Saturday stays on record.
    const past = await t.services.db
      .selectFrom('gatheringRsvp')
      .select('accountId')
      .where('communityId', '=', s.community.id)
      .where('accountId', '=', s.beto.id)
      .execute();
    expect(past).toHaveLength(1);
  });
});

describe('a date moved alone', () => {
  it('keeps the end it was given, in the API, the page and the .ics, whose SEQUENCE rises; the same start and end is refused', async () => {
    moveClock(t, '2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    const g = (await s.asSteward.api('POST', `${s.api}/gatherings`, potluck())).json();
    const at = `${s.api}/gatherings/${g.id}/occurrences/2027-03-27T18:00`;
    const ics = `/c/${s.slug}/gatherings/${g.id}/2027-03-27T18:00/event.ics`;
    const sequence = async () => /SEQUENCE:(\d+)/.exec((await s.asAna.get(ics)).body)?.[1];
    expect(await sequence()).toBe('0');
    const move = (body: Record<string, unknown>) =>
      s.asSteward.api('POST', `${at}/time`, { date: '2027-03-27', which: 'this', ...body });
    const same = await move({ startTime: '20:00', endTime: '20:00' });
    expect(same.statusCode).toBe(422);
    expect(same.json().errors[0]).toMatchObject({
      field: 'endTime',
      code: 'gatherings.same_start_and_end',
      message: expect.stringContaining('another time than the start'),
    });
    // Moved within the second it was made: calendar apps still see a new revision.
    expect((await move({ startTime: '20:00', endTime: '23:00' })).statusCode).toBe(200);
    const view = (await s.asAna.api('GET', at)).json();
    expect(new Date(view.endsAt).getTime() - new Date(view.startsAt).getTime()).toBe(3 * 3600_000);
    const file = (await s.asAna.get(ics)).body;
    const seconds = (prop: string) => {
      const v = new RegExp(`${prop}:(\\d{8}T\\d{6}Z)`).exec(file)?.[1] as string;
      return Date.parse(
        `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 11)}:${v.slice(11, 13)}:${v.slice(13)}`,
      );
    };
    expect(seconds('DTEND') - seconds('DTSTART')).toBe(3 * 3600_000);
    expect(Number(await sequence())).toBeGreaterThan(0);
    const page = (await s.asAna.get(`/c/${s.slug}/gatherings/${g.id}/2027-03-27T18:00`)).body;
    expect(page).toContain('11:00');
    // The other Saturdays keep two hours.
    const other = (
      await s.asAna.api('GET', `${s.api}/gatherings/${g.id}/occurrences/2027-04-03T18:00`)
    ).json();
    expect(new Date(other.endsAt).getTime() - new Date(other.startsAt).getTime()).toBe(2 * 3600_000);
  });
});

describe('dishes and the waiting list, and messages with counts', () => {
  it('refuses a dish from someone waiting for a place, and says how many dishes a full course asked for', async () => {
    moveClock(t, '2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    const g = (await s.asSteward.api('POST', `${s.api}/gatherings`, potluck({ capacity: 1 }))).json();
    await s.asSteward.api('PUT', `${s.api}/gatherings/${g.id}/dish-needs`, { main: 1, side: 0 });
    const at = `${s.api}/gatherings/${g.id}/occurrences/2027-03-20T18:00`;
    await s.asAna.api('PUT', `${at}/rsvp`, { answer: 'yes' });
    expect((await s.asBeto.api('PUT', `${at}/rsvp`, { answer: 'yes' })).json().waiting).toBe(true);
    const waiting = await s.asBeto.api('POST', `${at}/dishes`, { course: 'main', name: 'Stew' });
    expect(waiting.statusCode).toBe(409);
    expect(waiting.json()).toMatchObject({
      code: 'gatherings.dish_while_waiting',
      detail: expect.stringContaining('waiting list'),
    });
    expect((await s.asAna.api('POST', `${at}/dishes`, { course: 'main', name: 'Paella' })).statusCode).toBe(
      201,
    );
    const full = await s.asAna.api('POST', `${at}/dishes`, { course: 'main', name: 'More paella' });
    expect(full.json()).toMatchObject({
      code: 'gatherings.course_full',
      detail: 'This course has the 1 dish it asked for. Choose another course.',
    });
    const none = await s.asAna.api('POST', `${at}/dishes`, { course: 'side', name: 'Bread' });
    expect(none.json()).toMatchObject({ code: 'gatherings.course_not_wanted' });
  });

  it('bounds the calendar both ways, saying how far, on the page and in the API', async () => {
    moveClock(t, '2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    for (const month of ['0000-01', '2024-12', '2029-04']) {
      const api = await s.asAna.api('GET', `${s.api}/calendar?month=${month}`);
      expect(api.statusCode, month).toBe(422);
      expect(api.json().errors[0].message).toMatch(
        /Gatherings (can be planned up to|are shown back to) 2 years/,
      );
      expect((await s.asAna.get(`/c/${s.slug}/calendar/${month}`)).statusCode, month).toBe(422);
    }
    expect((await s.asAna.api('GET', `${s.api}/calendar?month=2025-03`)).statusCode).toBe(200);
    expect((await s.asAna.get(`/c/${s.slug}/calendar/2029-03`)).statusCode).toBe(200);
  });
});

describe('budgets per member', () => {
  it('organizing: twenty gatherings an hour, through the form and the API together', async () => {
    moveClock(t, '2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    const form = { ...potluck(), repeat: 'once', description: '' };
    for (let i = 0; i < 10; i++) {
      expect(
        (await s.asBeto.api('POST', `${s.api}/gatherings`, potluck({ title: `API ${i}` }))).statusCode,
      ).toBe(201);
      expect(
        (await s.asBeto.post(`/c/${s.slug}/gatherings`, { ...form, title: `Form ${i}` })).statusCode,
      ).toBe(303);
    }
    const more = await s.asBeto.api('POST', `${s.api}/gatherings`, potluck({ title: 'One more' }));
    expect(more.statusCode).toBe(429);
    expect(more.json().code).toBe('errors.too_many_requests');
    expect((await s.asBeto.post(`/c/${s.slug}/gatherings`, { ...form, title: 'Form more' })).statusCode).toBe(
      429,
    );
    // Another member's budget is their own.
    expect((await s.asAna.api('POST', `${s.api}/gatherings`, potluck())).statusCode).toBe(201);
  });
});

describe('visitors’ answers to a public gathering', () => {
  it('bring at most four guests; whoever runs the gathering removes one, and the waiting list comes in', async () => {
    moveClock(t, '2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    const made = potluck({ title: 'Open shed day', capacity: 5, isPublic: true });
    const g = (await s.asSteward.api('POST', `${s.api}/gatherings`, made)).json();
    const page = `/c/${s.slug}/gatherings/${g.id}/2027-03-20T18:00`;
    const at = `${s.api}/gatherings/${g.id}/occurrences/2027-03-20T18:00`;
    const visitor = t.visitor();
    await visitor.get(`${page}/invite`);
    const tooMany = await visitor.post(`${page}/invite`, { name: 'Crowd', answer: 'yes', guests: '5' });
    expect(tooMany.statusCode).toBe(422);
    expect(
      (await visitor.post(`${page}/invite`, { name: 'Rosa', answer: 'yes', guests: '4' })).statusCode,
    ).toBe(303);
    expect((await s.asAna.api('PUT', `${at}/rsvp`, { answer: 'yes' })).json().waiting).toBe(true);

    // Members see who answered, not the answer's id; who runs it sees the id and a button.
    const seen = (await s.asBeto.api('GET', at)).json();
    expect(seen.yes).toEqual([{ name: 'Rosa', guests: 4, visitor: true }]);
    const managed = (await s.asSteward.api('GET', at)).json();
    const answerId = managed.yes[0].answerId as string;
    expect(answerId).toBeTruthy();
    expect((await s.asSteward.get(page)).body).toContain(`${page}/visitors/${answerId}/remove`);
    expect((await s.asBeto.get(page)).body).not.toContain('/visitors/');

    expect((await s.asBeto.api('DELETE', `${at}/visitors/${answerId}`)).json().code).toBe(
      'gatherings.only_organizers',
    );
    // A member's answer is theirs to change.
    const own = (await s.asSteward.api('PUT', `${at}/rsvp`, { answer: 'maybe' })).statusCode;
    expect(own).toBe(200);
    const members = (await s.asSteward.api('GET', at)).json();
    expect(members.maybeList[0].answerId).toBeUndefined();
    expect((await s.asSteward.post(`${page}/visitors/${answerId}/remove`, {})).statusCode).toBe(303);
    expect((await s.asSteward.api('DELETE', `${at}/visitors/${answerId}`)).statusCode).toBe(404);
    expect((await s.asAna.api('GET', at)).json()).toMatchObject({ going: 1, waiting: 0, myWaiting: false });
  });
});

describe('what a visitor gives', () => {
  it('is a name, no email: the invite page does not ask for one and the answer refuses it', async () => {
    moveClock(t, '2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    const made = potluck({ title: 'Open shed day', isPublic: true });
    const g = (await s.asSteward.api('POST', `${s.api}/gatherings`, made)).json();
    const page = `/c/${s.slug}/gatherings/${g.id}/2027-03-20T18:00`;
    const visitor = t.visitor();
    expect((await visitor.get(`${page}/invite`)).body).not.toContain('name="email"');
    const sent = await visitor.post(`${page}/invite`, {
      name: 'Rosa',
      email: 'rosa@example.org',
      answer: 'yes',
    });
    expect(sent.statusCode).toBe(422);
    expect((await visitor.post(`${page}/invite`, { name: 'Rosa', answer: 'yes' })).statusCode).toBe(303);
  });
});

describe('workshop proposals when a membership ends', () => {
  it('are withdrawn when their host or their proposer goes, and the other one is told', async () => {
    moveClock(t, '2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    await s.asAna.api('PATCH', '/api/v1/me/profile', { skillsToShare: ['Bike repair'] });
    await s.asBeto.api('PATCH', '/api/v1/me/profile', { skillsToShare: ['Knitting'] });
    const carla = await t.member(s.community, 'member', { displayName: 'Carla' });
    const asCarla = await t.as(carla);
    const workshop = (skill: string, hostId: string) => ({
      title: `Learn ${skill}`,
      skill,
      hostId,
      address: 'The shed',
      startDate: '2027-03-27',
      startTime: '10:00',
      endTime: '12:00',
      repeat: 'once',
    });
    const bikes = await asCarla.api('POST', `${s.api}/workshops`, workshop('bike repair', s.ana.id));
    expect(bikes.statusCode, bikes.body).toBe(201);
    const knitting = await asCarla.api('POST', `${s.api}/workshops`, workshop('knitting', s.beto.id));
    expect(knitting.statusCode).toBe(201);
    await t.runJobs();

    // The host Ana leaves: Carla's proposal to her is withdrawn, and Carla told.
    expect((await s.asAna.api('POST', `${s.api}/leave`)).statusCode).toBe(200);
    await t.runJobs();
    expect(t.mailbox.to(carla.email as string).map((m) => m.subject)).toContain(
      'Ana cannot host Learn bike repair',
    );
    // The proposer Carla is removed: Beto is no longer asked, and told.
    expect((await s.asSteward.api('DELETE', `${s.api}/members/${carla.id}`)).statusCode).toBe(200);
    await t.runJobs();
    expect(t.mailbox.to(s.beto.email as string).map((m) => m.subject)).toContain(
      'Carla withdrew the workshop Learn knitting',
    );
    const left = await t.services.db
      .selectFrom('gathering')
      .select('id')
      .where('communityId', '=', s.community.id)
      .where('kind', '=', 'workshop')
      .execute();
    expect(left).toEqual([]);
  });
});
