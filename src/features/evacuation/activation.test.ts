import { describe, expect, it } from 'vitest';
import { type Client, useTestApp } from '../../../test/support/app.ts';
import type { Account, Community } from '../../platform/db/database.ts';
import { setBeforeReplanStoreForTests } from './activation-replan.ts';
import { escalateDrills } from './escalation.ts';
import { noticeGone } from './gone.ts';

const t = useTestApp();

const api = (c: Community, rest = '') => `/api/v1/communities/${c.slug}/evacuation${rest}`;
const page = (c: Community, rest = '') => `/c/${c.slug}/evacuation${rest}`;

/**
 * A street: a coordinator, a shelter (20 people), two drivers with a car each, three households
 * (Hana with Bea as her buddy, Hugo, and Pablo, a paper member the coordinator registered), and a
 * plan that serves them all.
 */
async function street() {
  const { community, steward } = await t.community();
  const coordinator = await t.member(community, 'coordinator', { displayName: 'Cora Coordinator' });
  const dan = await t.member(community, 'member', { displayName: 'Dan Driver' });
  const dora = await t.member(community, 'member', { displayName: 'Dora Driver' });
  const hana = await t.member(community, 'member', { displayName: 'Hana Household', locale: 'es' });
  const hugo = await t.member(community, 'member', { displayName: 'Hugo Household' });
  const bea = await t.member(community, 'member', { displayName: 'Bea Buddy' });
  const pablo = await t.member(community, 'member', { displayName: 'Pablo Paper', email: null });
  const outsider = await t.member(community, 'member', { displayName: 'Olga Other' });
  const as = (a: Account) => t.as(a);
  const c = await as(coordinator);
  const place = await (await as(steward)).api('POST', `/api/v1/communities/${community.slug}/places`, {
    kind: 'shelter',
    name: 'School gym',
    address: '1 Main Street',
    latitude: 41.86,
    longitude: -87.67,
  });
  const shelter = place.json().place.id as string;
  const ok = <R extends { statusCode: number; body: string }>(res: R, status = 200) => {
    expect(res.statusCode, res.body).toBe(status);
    return res;
  };
  ok(
    await c.api('PUT', api(community, `/shelters/${shelter}`), {
      capacity: 20,
      accessible: true,
      pets: true,
    }),
    204,
  );
  const car = (latitude: number, vehicle: string) => ({
    vehicle,
    seats: 4,
    address: 'Dune Road',
    latitude,
    longitude: -87.661,
    phone: '+1 312 555 0202',
    consent: true,
  });
  ok(await (await as(dan)).api('PUT', api(community, '/driver'), car(41.851, 'Blue minivan')));
  ok(await (await as(dora)).api('PUT', api(community, '/driver'), car(41.852, 'Red hatchback')));
  const home = (latitude: number, extra: Record<string, unknown> = {}) => ({
    address: `${latitude} Harbour Lane`,
    latitude,
    longitude: -87.665,
    people: 2,
    phone: '+1 312 555 0101',
    consent: true,
    ...extra,
  });
  const households = {
    hana: ok(
      await (await as(hana)).api('PUT', api(community, '/household'), home(41.854, { buddyId: bea.id })),
    ).json().id as string,
    // Hugo names Bea too, but she has not answered him: she is not told about him.
    hugo: ok(
      await (await as(hugo)).api('PUT', api(community, '/household'), home(41.855, { buddyId: bea.id })),
    ).json().id as string,
    pablo: ok(
      await c.api('POST', api(community, '/households'), { accountId: pablo.id, ...home(41.853) }),
      201,
    ).json().id as string,
  };
  // A buddy is told only once they have accepted.
  ok(
    await (await as(bea)).api('PUT', api(community, `/buddy/${households.hana}`), { answer: 'accepted' }),
    204,
  );
  const plan = ok(await c.api('POST', api(community, '/plan'), {}), 201).json().plan;
  expect(plan.unserved).toEqual([]);
  const routeOf = (householdId: string) =>
    plan.routes.find((r: any) => r.stops.some((s: any) => s.householdId === householdId));
  const driverOf = (householdId: string) => (routeOf(householdId).driverName === 'Dan Driver' ? dan : dora);
  return {
    community,
    steward,
    coordinator,
    dan,
    dora,
    hana,
    hugo,
    bea,
    pablo,
    outsider,
    shelter,
    households,
    plan,
    driverOf,
    as,
    c,
  };
}

type Street = Awaited<ReturnType<typeof street>>;

async function raise(s: Street, extra: Record<string, unknown> = {}) {
  const res = await s.c.api('POST', api(s.community, '/alert'), {
    reason: 'Flood warning for the harbour',
    message: 'Bring medicines and papers.',
    shelters: [s.shelter],
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function tap(client: Client, s: Street, status: string, householdId?: string) {
  return client.api('POST', api(s.community, '/alert/route'), {
    status,
    ...(householdId ? { householdId } : {}),
  });
}

const board = async (s: Street) => (await s.c.api('GET', api(s.community, '/alert'))).json().board;

describe('raising an alert', () => {
  it('tells everyone in the plan at once, through quiet hours, each in their language and with what is theirs', async () => {
    const s = await street();
    // Hana keeps quiet hours all day long: an evacuation alert comes anyway.
    await t.services.db
      .insertInto('notificationSetting')
      .values({ accountId: s.hana.id, timeZone: 'UTC', quietStart: '00:00', quietEnd: '23:59' })
      .execute();
    // The driver who does not pick Hana up reads Spanish.
    const hanaDriver = s.driverOf(s.households.hana);
    const spanish = hanaDriver.id === s.dan.id ? s.dora : s.dan;
    await t.services.db.updateTable('account').set({ locale: 'es' }).where('id', '=', spanish.id).execute();
    const raised = await raise(s);
    expect(raised.alert.shelters.map((x: any) => x.name)).toEqual(['School gym']);
    await t.runJobs();
    // Before it: Bea's answer to being asked ("te llamará en una emergencia").
    const [toHana] = t.mailbox.to(s.hana.email as string).filter((m) => m.subject.startsWith('Alerta'));
    const first = (hanaDriver.displayName as string).split(' ')[0];
    expect(toHana.subject).toBe(`Alerta de evacuación: Flood warning for the harbour. ${first} te recoge`);
    expect(toHana.text).toContain(`${first} te recoge en su coche`);
    expect(toHana.text).toContain('School gym');
    const [toDriver] = t.mailbox.to(hanaDriver.email as string);
    expect(toDriver.subject).toBe('Evacuation alert: Flood warning for the harbour. Your route');
    expect(toDriver.text).toMatch(/You drive [12] households? to School gym/);
    const alertTo = (a: Account, start: string) =>
      t.mailbox.to(a.email as string).filter((m) => m.subject.startsWith(start))[0]?.text;
    expect(alertTo(spanish, 'Alerta')).toMatch(/Llevas [12] hogar(es)? a School gym/);
    expect(alertTo(s.hugo, 'Evacuation alert')).toMatch(/picks you up|coordinator will call/);
    // No mail of the alert says a catalog key instead of words (a plural's key needs `count`).
    const mails = t.mailbox.messages.filter((m) => /evacua/i.test(m.subject));
    expect(mails.length).toBeGreaterThanOrEqual(4);
    // (Links are left out: the unsubscribe link names the kind, evacuation.alerts.)
    for (const m of mails)
      expect(`${m.subject}\n${m.text}`.replace(/https?:\/\/\S+/g, ''), m.text).not.toMatch(
        /evacuation\.[a-z_.]+/,
      );
    // Each one's mail carries their personal link, which works without signing in.
    expect(toDriver.text).toContain(`/c/${s.community.slug}/evacuation/safe/`);
    expect(toHana.text).toContain(`/c/${s.community.slug}/evacuation/safe/`);
    const toBea = t.mailbox.to(s.bea.email as string).at(-1);
    expect(toBea?.text).toContain('Please check on Hana Household');
    expect(toBea?.text).not.toContain('Hugo');
    // Nobody outside the plan is told; the paper member is on the board's list to phone.
    expect(t.mailbox.to(s.outsider.email as string)).toHaveLength(0);
    expect(raised.toPhone).toEqual([
      { name: 'Pablo Paper', phone: '+1 312 555 0101', role: 'household', about: '' },
    ]);
    expect(raised.unaccounted).toBe(3);
    // The plan is the day's now: a plan made by hand would move whoever is in a car.
    const byHand = await s.c.api('POST', api(s.community, '/plan'), {});
    expect(byHand.statusCode).toBe(409);
    expect(byHand.json().code).toBe('evacuation.errors.plan_during_alert');
    // A second alert while one is on is refused.
    const again = await s.c.api('POST', api(s.community, '/alert'), {
      reason: 'Again',
      shelters: [s.shelter],
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('evacuation.errors.alert_on');
  });

  it('refuses a blank reason, no shelter, a shelter not set up, or a registry with nobody to drive: 422, nothing stored', async () => {
    const s = await street();
    const refused = async (body: Record<string, unknown>, field: string, code: string) => {
      const res = await s.c.api('POST', api(s.community, '/alert'), {
        reason: 'Fire',
        shelters: [s.shelter],
        ...body,
      });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().errors).toContainEqual(expect.objectContaining({ field, code }));
    };
    await refused({ reason: '   ' }, 'reason', 'validation.minLength');
    const none = await s.c.api('POST', api(s.community, '/alert'), { reason: 'Fire', shelters: [] });
    expect(none.statusCode).toBe(422);
    const other = await (await t.as(s.steward)).api(
      'POST',
      `/api/v1/communities/${s.community.slug}/places`,
      {
        kind: 'shelter',
        name: 'Library',
        address: '2 Main Street',
        latitude: 41.87,
        longitude: -87.68,
      },
    );
    await refused({ shelters: [other.json().place.id] }, 'shelters', 'evacuation.errors.shelter_not_open');
    await refused({ shelters: [s.shelter], unknown: 1 }, 'unknown', 'validation.additionalProperties');
    // The page says it beside the fields, in Spanish for a Spanish reader.
    const form = await s.c.post(
      page(s.community, '/alert'),
      { reason: '', message: 'x' },
      { headers: { 'accept-language': 'es' } },
    );
    expect(form.statusCode).toBe(422);
    expect((await board(s)) ?? null).toBeNull();
    const empty = await t.community();
    const lone = await t.member(empty.community, 'coordinator');
    const res = await (await t.as(lone)).api('POST', api(empty.community, '/alert'), {
      reason: 'Fire',
      shelters: [s.shelter],
    });
    expect(res.statusCode).toBe(422);
    expect(
      await t.services.db
        .selectFrom('evacuationAlert')
        .select('id')
        .where('communityId', '=', s.community.id)
        .execute(),
    ).toEqual([]);
  });
});

describe('the day', () => {
  it('drivers tap in order, the board shows routes and households (unaccounted first), and out of order is 422 with nothing stored', async () => {
    const s = await street();
    await raise(s);
    const driver = s.driverOf(s.households.hana);
    const other = driver.id === s.dan.id ? s.dora : s.dan;
    const d = await s.as(driver);
    const stops = s.plan.routes
      .find((r: any) => r.driverName === driver.displayName)
      .stops.map((x: any) => x.householdId);
    const notMine = Object.values(s.households).find((id) => !stops.includes(id));
    const expect422 = async (res: { statusCode: number; json(): any }, code: string) => {
      expect(res.statusCode).toBe(422);
      expect(res.json().errors[0].code).toBe(code);
    };
    await expect422(await tap(d, s, 'picked_up', s.households.hana), 'evacuation.errors.route_not_started');
    expect((await tap(d, s, 'started')).statusCode).toBe(204);
    await expect422(await tap(d, s, 'started'), 'evacuation.errors.route_already_started');
    if (notMine) await expect422(await tap(d, s, 'picked_up', notMine), 'evacuation.errors.not_on_route');
    expect((await tap(d, s, 'picked_up', s.households.hana)).statusCode).toBe(204);
    await expect422(await tap(d, s, 'picked_up', s.households.hana), 'evacuation.errors.already_picked_up');
    await expect422(await tap(d, s, 'dropped_out'), 'evacuation.errors.riders_aboard');
    // A member who drives no route has nothing to tap.
    expect((await tap(await s.as(s.hugo), s, 'started')).statusCode).toBe(404);
    let b = await board(s);
    const route = b.routes.find((r: any) => r.driverId && r.driverName === driver.displayName);
    expect(route).toMatchObject({ state: 'en_route', pickedUp: 1, households: expect.any(Array) });
    expect(b.households[0].unaccounted).toBe(true);
    expect(b.households.find((h: any) => h.householdId === s.households.hana).state).toBe('picked_up');
    // Arriving with a stop left is refused until each is picked up or could not be found.
    const rest = [...new Set<string>(stops)].filter((id) => id !== s.households.hana);
    for (const id of rest) {
      await expect422(await tap(d, s, 'arrived'), 'evacuation.errors.stops_left');
      expect((await tap(d, s, 'not_found', id)).statusCode).toBe(204);
    }
    expect((await tap(d, s, 'arrived')).statusCode).toBe(204);
    await expect422(await tap(d, s, 'started'), 'evacuation.errors.route_over');
    b = await board(s);
    expect(b.households.find((h: any) => h.householdId === s.households.hana).state).toBe('safe');
    expect(b.households.at(-1).state).toBe('safe');
    // Exactly the taps that were in order are in the timeline.
    const stored = await t.services.db
      .selectFrom('evacuationUpdate')
      .select('status')
      .where('communityId', '=', s.community.id)
      .orderBy('at')
      .orderBy('id')
      .execute();
    expect(stored.map((u) => u.status)).toEqual([
      'started',
      'picked_up',
      ...rest.map(() => 'not_found'),
      'arrived',
    ]);
    // Hugo marks himself safe; a coordinator marks Pablo (from a phone call) as needing help.
    const hugo = await s.as(s.hugo);
    expect(
      (await hugo.post(page(s.community, `/alert/households/${s.households.hugo}`), { status: 'safe' }))
        .statusCode,
    ).toBe(303);
    expect(
      (
        await s.c.api('POST', api(s.community, `/alert/households/${s.households.pablo}`), {
          status: 'needs_help',
          note: 'Fell on the stairs',
        })
      ).statusCode,
    ).toBe(204);
    b = await board(s);
    expect(b.households[0]).toMatchObject({
      householdId: s.households.pablo,
      state: 'needs_help',
      note: 'Fell on the stairs',
    });
    expect(b.unaccounted).toBe(1);
    // The plain page: when it was read, a Refresh link, never cached, nothing refreshes by itself.
    const html = await s.c.get(page(s.community, '/alert'));
    expect(html.statusCode).toBe(200);
    expect(html.headers['cache-control']).toBe('no-store');
    expect(html.body).toContain('As of');
    expect(html.body).toContain(`href="${page(s.community, '/alert')}">Refresh</a>`);
    expect(html.body).not.toMatch(/http-equiv="refresh"/i);
    expect(html.body).toContain('data-live="replace"');
    expect(html.body.indexOf('Pablo Paper')).toBeLessThan(html.body.indexOf('Hana Household'));
    // The other driver's page offers their steps; a form tap works without JavaScript.
    const o = await s.as(other);
    const card = await o.get(page(s.community, '/route'));
    expect(card.body).toContain('I am on my way');
    expect((await o.post(page(s.community, '/route/status'), { status: 'started' })).statusCode).toBe(303);
    const refused = await o.post(page(s.community, '/route/status'), { status: 'started' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('You are already on your way.');
    // With stops to do (a coordinator heard they need help), the card offers no "Arrived" but
    // says what is left, and arriving is refused in words; stops safe already do not hold it.
    const theirs = [
      ...new Set<string>(
        s.plan.routes
          .find((r: any) => r.driverName === other.displayName)
          .stops.map((x: any) => x.householdId),
      ),
    ];
    const markAll = async (status: string) => {
      for (const id of theirs)
        expect(
          (await s.c.api('POST', api(s.community, `/alert/households/${id}`), { status })).statusCode,
        ).toBe(204);
    };
    await markAll('needs_help');
    const going = await o.get(page(s.community, '/route'));
    expect(going.body).toContain('value="picked_up"');
    expect(going.body).not.toContain('value="arrived"');
    expect(going.body).toContain(
      theirs.length === 1 ? '1 stop is still to do' : `${theirs.length} stops are still to do`,
    );
    const early = await tap(o, s, 'arrived');
    expect(early.statusCode).toBe(422);
    expect(early.json().errors[0]).toMatchObject({ field: 'status', code: 'evacuation.errors.stops_left' });
    expect(early.json().errors[0].message).toMatch(/^\d stops? (is|are) still to do\. Tap “Picked up”/);
    const es = await o.post(
      page(s.community, '/route/status'),
      { status: 'arrived' },
      { headers: { 'accept-language': 'es' } },
    );
    expect(es.statusCode).toBe(422);
    expect(es.body).toMatch(/Te queda(n)? \d paradas?\. Toca «Recogido»/);
    await markAll('safe');
    expect((await o.get(page(s.community, '/route'))).body).toContain('value="arrived"');
    expect((await tap(o, s, 'arrived')).statusCode).toBe(204);
  });

  it('the role matrix: a member sees only their own part, a driver only their route, another community nothing', async () => {
    const s = await street();
    await raise(s);
    const hugo = await s.as(s.hugo);
    expect((await hugo.api('GET', api(s.community, '/alert'))).statusCode).toBe(403);
    const mine = (await hugo.api('GET', api(s.community, '/alert/me'))).json().day;
    expect(mine.household.householdId).toBe(s.households.hugo);
    expect(mine.checks).toEqual([]);
    expect(JSON.stringify(mine)).not.toContain(s.households.hana);
    // Bea checks on Hana: she sees Hana's state and may mark her; Hugo may not.
    const bea = await s.as(s.bea);
    expect((await bea.api('GET', api(s.community, '/alert/me'))).json().day.checks).toEqual([
      { householdId: s.households.hana, name: 'Hana Household', state: 'waiting' },
    ]);
    expect(
      (await hugo.api('POST', api(s.community, `/alert/households/${s.households.hana}`), { status: 'safe' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await bea.api('POST', api(s.community, `/alert/households/${s.households.hana}`), { status: 'safe' }))
        .statusCode,
    ).toBe(204);
    // Hugo named Bea too, but she never accepted: she may not mark him.
    expect(
      (await bea.api('POST', api(s.community, `/alert/households/${s.households.hugo}`), { status: 'safe' }))
        .statusCode,
    ).toBe(403);
    // The driver's part names their own stops only.
    const driver = s.driverOf(s.households.hugo);
    const day = (await (await s.as(driver)).api('GET', api(s.community, '/alert/me'))).json().day;
    const own = s.plan.routes
      .find((r: any) => r.driverName === driver.displayName)
      .stops.map((x: any) => x.householdId);
    expect(day.route.stops.map((x: any) => x.householdId).sort()).toEqual([...new Set(own)].sort());
    // The steward runs the community but reads no board.
    expect((await (await s.as(s.steward)).api('GET', api(s.community, '/alert'))).statusCode).toBe(403);
    // A coordinator of another community: 404 for this one's household and alert, nothing of its board.
    const b = await t.community();
    const theirs = await t.as(await t.member(b.community, 'coordinator'));
    expect((await theirs.api('GET', api(b.community, '/alert'))).json().board).toBeNull();
    expect(
      (
        await theirs.api('POST', api(b.community, `/alert/households/${s.households.hana}`), {
          status: 'safe',
        })
      ).statusCode,
    ).toBe(404);
    const alertId = (await board(s)).alert.id;
    expect((await theirs.api('GET', api(b.community, `/alerts/${alertId}`))).statusCode).toBe(404);
    expect(
      (await theirs.api('PUT', api(b.community, `/alerts/${alertId}/feedback`), { feedback: 'went_well' }))
        .statusCode,
    ).toBe(404);
    // Olga registers during the alert: the board shows her, unaccounted for, with what to do.
    const olga = await s.as(s.outsider);
    const late = await olga.api('PUT', api(s.community, '/household'), {
      people: 1,
      latitude: 41.856,
      longitude: -87.665,
      consent: true,
    });
    expect(late.statusCode).toBe(200);
    expect((await board(s)).households).toContainEqual(
      expect.objectContaining({
        name: 'Olga Other',
        unaccounted: true,
        unserved: expect.stringMatching(/^Registered after the alert's plan was made/),
      }),
    );
    // A member may not ask for a re-plan; the coordinator does, and Olga gets a ride.
    expect((await olga.api('POST', api(s.community, '/alert/replan'))).statusCode).toBe(403);
    expect((await s.c.post(page(s.community, '/alert/replan'))).statusCode).toBe(303);
    await t.runJobs();
    const olgaNow = (await board(s)).households.find((h: any) => h.name === 'Olga Other');
    expect(olgaNow).toMatchObject({ unserved: null, driverName: expect.any(String) });
    const review = (await s.c.api('GET', api(s.community, `/alerts/${(await board(s)).alert.id}`))).json();
    expect(review.timeline.at(-1)).toMatchObject({ status: 'replanned', by: 'Cora Coordinator' });
    // Every board read is in the log of reads.
    const reads = await t.services.db
      .selectFrom('evacuationAccess')
      .select('what')
      .where('communityId', '=', s.community.id)
      .where('what', '=', 'board')
      .execute();
    expect(reads.length).toBeGreaterThan(0);
    // Hugo sees that the coordinator read the board, which names his household.
    const mineRead = (await hugo.api('GET', api(s.community, '/reads'))).json().reads;
    expect(mineRead).toContainEqual(expect.objectContaining({ what: 'board', role: 'coordinator' }));
  });

  it('personal links: a household says it is safe and a driver taps without signing in, until the alert ends', async () => {
    const s = await street();
    await raise(s);
    await t.runJobs();
    const linkIn = (mail: { text: string } | undefined) => {
      const token = /\/evacuation\/safe\/([A-Za-z0-9_-]{43})/.exec(mail?.text ?? '')?.[1];
      expect(token).toBeTruthy();
      return page(s.community, `/safe/${token}`);
    };
    const hanaLink = linkIn(t.mailbox.to(s.hana.email as string).at(-1));
    const driver = s.driverOf(s.households.hana);
    const driverLink = linkIn(t.mailbox.to(driver.email as string).at(-1));
    const visitor = t.visitor();
    const opened = await visitor.get(hanaLink);
    expect(opened.statusCode).toBe(200);
    expect(opened.headers['cache-control']).toBe('no-store');
    expect(opened.headers['referrer-policy']).toBe('no-referrer');
    expect(opened.body).toContain('Hana Household');
    expect(opened.body).not.toContain('Hugo Household');
    // The driver sets off and picks Hana up through their link; a household's link taps nothing.
    expect((await visitor.post(`${driverLink}/route`, { status: 'started' })).statusCode).toBe(303);
    const again = await visitor.post(`${driverLink}/route`, { status: 'started' });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('You are already on your way.');
    expect((await visitor.post(`${hanaLink}/route`, { status: 'started' })).statusCode).toBe(404);
    expect((await visitor.post(hanaLink, { status: 'safe' })).statusCode).toBe(303);
    const review = await s.c.api('GET', api(s.community, `/alerts/${(await board(s)).alert.id}`));
    expect(review.json().timeline.at(-1)).toMatchObject({
      status: 'safe',
      household: 'Hana Household',
      by: 'Hana Household',
    });
    // Each opening is in the log of reads, as the link's member.
    const logged = await t.services.db
      .selectFrom('evacuationAccess')
      .select(['what', 'role', 'accountId'])
      .where('communityId', '=', s.community.id)
      .where('what', '=', 'alert_link')
      .execute();
    expect(logged).toContainEqual({ what: 'alert_link', role: 'link', accountId: s.hana.id });
    // The token is kept nowhere: not in a notification (a reference to the link), nor a job.
    const token = hanaLink.split('/').at(-1) as string;
    const notes = await t.services.db
      .selectFrom('notification')
      .select(['path', 'params', 'accountId'])
      .where('communityId', '=', s.community.id)
      .execute();
    const jobs = await t.services.db.selectFrom('job').selectAll().execute();
    expect(JSON.stringify([notes, jobs])).not.toContain(token);
    const ref = notes.find((n) => n.accountId === s.hana.id && n.path.startsWith('/evacuation/link/'))?.path;
    expect(ref).toMatch(/^\/evacuation\/link\/safe\/[0-9a-f-]{36}$/);
    // In the inbox, the reference sends Hana (signed in) on to her link; nobody else.
    const viaInbox = await (await s.as(s.hana)).get(`/c/${s.community.slug}${ref}`);
    expect(viaInbox.statusCode).toBe(303);
    expect(viaInbox.headers.location).toBe(hanaLink);
    expect((await (await s.as(s.hugo)).get(`/c/${s.community.slug}${ref}`)).statusCode).toBe(404);
    // Another community's address does not open it; the end of the alert ends it.
    const other = await t.community();
    expect((await visitor.get(hanaLink.replace(s.community.slug, other.community.slug))).statusCode).toBe(
      404,
    );
    expect((await s.c.api('POST', api(s.community, '/alert/end'), {})).statusCode).toBe(200);
    const ended = await visitor.get(hanaLink);
    expect(ended.statusCode).toBe(404);
    expect(ended.body).toContain('This link does not work any more');
    // Her inbox's reference says the alert ended instead of sending her on to a dead link.
    const endedRef = await (await s.as(s.hana)).get(`/c/${s.community.slug}${ref}`);
    expect(endedRef.statusCode).toBe(404);
    expect(endedRef.body).toContain('La alerta para la que era este enlace ha terminado');
    expect((await (await s.as(s.hugo)).get(`/c/${s.community.slug}${ref}`)).body).not.toContain(
      'ha terminado',
    );
  });

  it('a buddy checks on a household through their own link: its address and phone while the alert is on, logged; safe, needs help or no answer', async () => {
    const s = await street();
    const { alert } = await raise(s);
    await t.runJobs();
    const mail = t.mailbox.to(s.bea.email as string).at(-1);
    expect(mail?.text).toContain('Please check on Hana Household');
    const token = /\/evacuation\/safe\/([A-Za-z0-9_-]{43})/.exec(mail?.text ?? '')?.[1];
    expect(token).toBeTruthy();
    const link = page(s.community, `/safe/${token}`);
    const visitor = t.visitor();
    const opened = await visitor.get(link);
    expect(opened.statusCode).toBe(200);
    expect(opened.headers['referrer-policy']).toBe('no-referrer');
    expect(opened.body).toContain('Please check on Hana Household');
    expect(opened.body).toContain('41.854 Harbour Lane');
    expect(opened.body).toContain('+1 312 555 0101');
    expect(opened.body).not.toContain('Hugo');
    // Each opening is a read of Hana's data by Bea, and Hana sees it among the reads of hers.
    const reads = (await (await s.as(s.hana)).api('GET', api(s.community, '/reads'))).json();
    expect(JSON.stringify(reads)).toContain('Bea Buddy');
    // The household's own link cannot say nobody answered; the buddy's can.
    const hanaLink = /\/evacuation\/safe\/[A-Za-z0-9_-]{43}/.exec(
      t.mailbox.to(s.hana.email as string).find((m) => m.subject.startsWith('Alerta'))?.text ?? '',
    )?.[0] as string;
    expect(
      (await visitor.post(`/c/${s.community.slug}${hanaLink}`, { status: 'no_answer' })).statusCode,
    ).toBe(422);
    expect((await visitor.post(link, { status: 'no_answer' })).statusCode).toBe(303);
    const b = await board(s);
    expect(b.households.find((h: any) => h.householdId === s.households.hana)).toMatchObject({
      state: 'no_answer',
      unaccounted: true,
    });
    const timeline = (await s.c.api('GET', api(s.community, `/alerts/${alert.id}`))).json().timeline;
    expect(timeline.at(-1)).toMatchObject({
      status: 'no_answer',
      household: 'Hana Household',
      by: 'Bea Buddy',
    });
    expect((await visitor.post(link, { status: 'safe' })).statusCode).toBe(303);
    expect((await board(s)).households.find((h: any) => h.householdId === s.households.hana).state).toBe(
      'safe',
    );
    // A buddy link opens nothing else: no driver's taps.
    expect((await visitor.post(`${link}/route`, { status: 'started' })).statusCode).toBe(404);
    // Bea's phone view on her buddy page is a read too.
    expect((await (await s.as(s.bea)).get(page(s.community, '/buddy'))).statusCode).toBe(200);
    const logged = await t.services.db
      .selectFrom('evacuationAccess')
      .select(['what', 'accountId', 'subjectId'])
      .where('communityId', '=', s.community.id)
      .where('what', 'in', ['buddy_check', 'buddy_phone'])
      .execute();
    expect(logged).toContainEqual({ what: 'buddy_check', accountId: s.bea.id, subjectId: s.households.hana });
    expect(logged).toContainEqual({ what: 'buddy_phone', accountId: s.bea.id, subjectId: s.households.hana });
    // Once Bea stops being Hana's buddy, her link opens nothing.
    expect(
      (
        await (
          await s.as(s.bea)
        ).api('PUT', api(s.community, `/buddy/${s.households.hana}`), { answer: 'declined' })
      ).statusCode,
    ).toBe(204);
    expect((await visitor.get(link)).statusCode).toBe(404);
  });

  it('the registry holds still through an alert: no drill starts, an open one stops asking buddies, a planned registration is not changed', async () => {
    const s = await street();
    const drill = await s.c.api('POST', api(s.community, '/drills'), {
      deadline: new Date(t.clock.now().getTime() + 3600_000).toISOString(),
    });
    expect(drill.statusCode, drill.body).toBe(201);
    await t.runJobs();
    const checkIn = new URL(t.mailbox.lastLink(s.hana.email as string) as string).pathname;
    await raise(s);
    await t.runJobs();
    // Past the drill's deadline: Bea (Hana's buddy) is not asked in the middle of the day.
    t.clock.advance(2 * 3600);
    expect(await escalateDrills(t.services)).toEqual({ buddies: 0, backups: 0, coordinators: 0, closed: 0 });
    // Hana's check-in, her own edit and Dan's are refused in words.
    const changed = await t.visitor().api('POST', api(s.community, checkIn.replace(/^.*\/evacuation/, '')), {
      answer: 'confirm',
      people: 3,
    });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().detail).toContain('call a coordinator');
    const hana = await (await s.as(s.hana)).api('PUT', api(s.community, '/household'), {
      address: 'Elsewhere',
      people: 5,
      consent: true,
    });
    expect(hana.statusCode).toBe(409);
    const dan = await (await s.as(s.dan)).api('PUT', api(s.community, '/driver'), {
      seats: 1,
      consent: true,
    });
    expect(dan.statusCode).toBe(409);
    expect(dan.json().detail).toContain('Please call a coordinator');
    expect((await board(s)).households.find((h: any) => h.name === 'Hana Household')).toMatchObject({
      people: 2,
    });
    // Nor can a driver or household the plan holds withdraw (they would vanish from the day
    // unseen): 409 in words, the driver and the paper member's coordinator alike; the board keeps them.
    const quits = [
      await (await s.as(s.dan)).api('DELETE', api(s.community, '/driver')),
      await (await s.as(s.hugo)).api('DELETE', api(s.community, '/household')),
      await s.c.api('DELETE', api(s.community, `/households/${s.households.pablo}`)),
    ];
    for (const res of quits) {
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'evacuation.errors.withdraw_during_alert' });
      expect(res.json().detail).toContain("taps “I can't drive”");
    }
    const kept = await board(s);
    expect(kept.households).toHaveLength(3);
    expect(kept.routes.some((r: any) => r.driverName === 'Dan Driver')).toBe(true);
    // A new drill waits for the end of the alert.
    const { id } = drill.json();
    expect((await s.c.api('POST', api(s.community, `/drills/${id}/cancel`), {})).statusCode).toBe(200);
    const again = await s.c.api('POST', api(s.community, '/drills'), {
      deadline: new Date(t.clock.now().getTime() + 3600_000).toISOString(),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('evacuation.errors.drill_during_alert');
  });

  it('a driver who leaves the community during the alert is a drop-out: their stops stay on the board with why, and are planned again', async () => {
    const s = await street();
    await raise(s);
    const theirs = [
      ...new Set<string>(
        s.plan.routes.find((r: any) => r.driverName === 'Dan Driver').stops.map((x: any) => x.householdId),
      ),
    ];
    const left = await (await s.as(s.dan)).api('POST', `/api/v1/communities/${s.community.slug}/leave`, {});
    expect(left.statusCode, left.body).toBe(200);
    let b = await board(s);
    expect(b.replanning).toBe(true);
    expect(b.households).toHaveLength(3);
    for (const id of theirs)
      expect(b.households.find((h: any) => h.householdId === id)).toMatchObject({
        driverName: null,
        unaccounted: true,
        unserved: expect.stringContaining('Its driver left the community during the alert'),
      });
    await t.runJobs();
    b = await board(s);
    expect(b.replanning).toBe(false);
    expect(b.households).toHaveLength(3);
    // Never "registered after the plan": each has Dora now, or the planner's reason.
    for (const h of b.households) expect(h.unserved ?? '').not.toContain('Registered after');
    expect(b.households.filter((h: any) => h.driverName === 'Dora Driver').length).toBeGreaterThan(0);
  });

  it('a household whose member leaves, is removed or is erased during the alert stays on the board and in its route, marked; its driver is told; it goes when the alert ends', async () => {
    const s = await street();
    const { alert } = await raise(s);
    await t.runJobs();
    const slug = s.community.slug;
    const ok = (res: { statusCode: number; body: string }) => expect(res.statusCode, res.body).toBe(200);
    // Hugo leaves, Pablo (a paper member) is removed, Hana's account is erased (no app code sees that).
    ok(await (await s.as(s.hugo)).api('POST', `/api/v1/communities/${slug}/leave`, {}));
    ok(await (await s.as(s.steward)).api('DELETE', `/api/v1/communities/${slug}/members/${s.pablo.id}`));
    await t.services.db
      .updateTable('account')
      .set({ erasedAt: t.clock.now().toISOString() })
      .where('id', '=', s.hana.id)
      .execute();
    await t.runJobs();
    const b = await board(s);
    expect(b.households).toHaveLength(3);
    for (const [id, name] of [
      [s.households.hugo, 'Hugo Household'],
      [s.households.pablo, 'Pablo Paper'],
      [s.households.hana, 'Hana Household'],
    ]) {
      const h = b.households.find((x: any) => x.householdId === id);
      expect(h).toMatchObject({ name, unaccounted: true, leftAt: expect.any(String) });
      // Still in its route: the driver the plan gave it.
      expect(h.driverName).toBe(s.driverOf(id).displayName);
      // Nothing reaches them through Porch any more: they are phoned.
      expect(b.toPhone).toContainEqual(expect.objectContaining({ name, role: 'household' }));
    }
    expect(b.unaccounted).toBe(3);
    // The drivers are told which stop left, and that it stays on their route.
    for (const [id, name] of [
      [s.households.hugo, 'Hugo Household'],
      [s.households.pablo, 'Pablo Paper'],
    ]) {
      const driver = s.driverOf(id);
      const mail = t.mailbox
        .to(driver.email as string)
        .find((m) => m.subject === `Evacuation: ${name} left the community`);
      expect(mail?.text).toContain('their stop stays on your route');
      const card = await (await s.as(driver)).api('GET', api(s.community, '/route'));
      expect(card.json().route.stops.find((x: any) => x.householdId === id)).toMatchObject({ left: true });
    }
    const page_ = await (await s.as(s.driverOf(s.households.hugo))).get(page(s.community, '/route'));
    expect(page_.body).toContain('Left the community during the alert');
    expect((await s.c.get(page(s.community, '/alert'))).body).toContain(
      'Left the community during the alert',
    );
    const timeline = (await s.c.api('GET', api(s.community, `/alerts/${alert.id}`))).json().timeline;
    expect(timeline.filter((e: any) => e.status === 'left').map((e: any) => e.household)).toEqual([
      'Hugo Household',
      'Pablo Paper',
    ]);
    // A driver drops out: the re-plan still counts on them.
    const leaving = s.driverOf(s.households.hugo);
    expect((await tap(await s.as(leaving), s, 'dropped_out')).statusCode).toBe(204);
    await t.runJobs();
    const again = await board(s);
    expect(again.replanning).toBe(false);
    expect(again.households.map((h: any) => h.householdId).sort()).toEqual(
      Object.values(s.households).sort(),
    );
    // The alert ends: the data of whoever left goes with their consent, as it would have then.
    expect((await s.c.api('POST', api(s.community, '/alert/end'), {})).statusCode).toBe(200);
    const rows = await t.services.db
      .selectFrom('evacuationHousehold')
      .select('id')
      .where('communityId', '=', s.community.id)
      .execute();
    expect(rows).toEqual([]);
  });

  it('outside an alert, a household whose member leaves is deleted at once, and is not held by the next alert', async () => {
    const s = await street();
    const slug = s.community.slug;
    expect((await (await s.as(s.hugo)).api('POST', `/api/v1/communities/${slug}/leave`, {})).statusCode).toBe(
      200,
    );
    await t.services.db
      .updateTable('account')
      .set({ erasedAt: t.clock.now().toISOString() })
      .where('id', '=', s.hana.id)
      .execute();
    const rows = await t.services.db
      .selectFrom('evacuationHousehold')
      .select(['id', 'leftAt'])
      .where('communityId', '=', s.community.id)
      .execute();
    // Hugo's is gone, and so is Hana's: her account was erased with no app code run, and the
    // database deletes her address, phone and needs at once. An erased driver's car goes too.
    expect(rows.map((r) => r.id)).toEqual([s.households.pablo]);
    await t.services.db
      .updateTable('account')
      .set({ erasedAt: t.clock.now().toISOString() })
      .where('id', '=', s.dora.id)
      .execute();
    const drivers = await t.services.db
      .selectFrom('evacuationDriver')
      .select('accountId')
      .where('communityId', '=', s.community.id)
      .execute();
    expect(drivers).toEqual([{ accountId: s.dan.id }]);
    await raise(s);
    const b = await board(s);
    expect(b.households.map((h: any) => h.householdId)).toEqual([s.households.pablo]);
  });

  it('a member let back in during the alert is a member again on the board and keeps their registration when it ends', async () => {
    const s = await street();
    await raise(s);
    const slug = s.community.slug;
    expect((await (await s.as(s.hugo)).api('POST', `/api/v1/communities/${slug}/leave`, {})).statusCode).toBe(
      200,
    );
    expect(
      (await (await s.as(s.steward)).api('DELETE', `/api/v1/communities/${slug}/members/${s.pablo.id}`))
        .statusCode,
    ).toBe(200);
    let b = await board(s);
    expect(b.households.find((h: any) => h.householdId === s.households.hugo).leftAt).toEqual(
      expect.any(String),
    );
    // Hugo is let back in (an invite, an approval or a raw change all set the membership active).
    await t.services.db
      .updateTable('membership')
      .set({ status: 'active', endedAt: null })
      .where('communityId', '=', s.community.id)
      .where('accountId', '=', s.hugo.id)
      .execute();
    b = await board(s);
    expect(b.households.find((h: any) => h.householdId === s.households.hugo)).toMatchObject({
      leftAt: null,
    });
    expect(b.toPhone).not.toContainEqual(expect.objectContaining({ name: 'Hugo Household' }));
    expect(b.households.find((h: any) => h.householdId === s.households.pablo).leftAt).toEqual(
      expect.any(String),
    );
    expect((await s.c.api('POST', api(s.community, '/alert/end'), {})).statusCode).toBe(200);
    const rows = await t.services.db
      .selectFrom('evacuationHousehold')
      .select(['id', 'leftAt'])
      .where('communityId', '=', s.community.id)
      .execute();
    // Hugo's registration stays, unmarked; Pablo, still removed, is deleted.
    expect(rows.map((r) => r.id).sort()).toEqual([s.households.hana, s.households.hugo].sort());
    expect(rows.every((r) => r.leftAt === null)).toBe(true);
    expect(
      (await (await s.as(s.hugo)).api('GET', api(s.community, '/household'))).json().household,
    ).toMatchObject({ id: s.households.hugo });
  });

  it('a driver removed or erased during the alert: the coordinators are told at once why, each household waiting for them once, by the re-plan, with the cause', async () => {
    for (const how of ['removed', 'erased'] as const) {
      const s = await street();
      await raise(s);
      await t.runJobs();
      const theirs = [s.hana, s.hugo].filter(
        (h) => s.driverOf(s.households[h === s.hana ? 'hana' : 'hugo']).id === s.dan.id,
      );
      const seen = new Map(
        [s.hana, s.hugo, s.coordinator].map((a) => [a.id, t.mailbox.to(a.email as string).length]),
      );
      const since = (a: Account) => t.mailbox.to(a.email as string).slice(seen.get(a.id));
      if (how === 'removed')
        expect(
          (
            await (
              await s.as(s.steward)
            ).api('DELETE', `/api/v1/communities/${s.community.slug}/members/${s.dan.id}`)
          ).statusCode,
        ).toBe(200);
      else {
        await t.services.db
          .updateTable('account')
          .set({ erasedAt: t.clock.now().toISOString() })
          .where('id', '=', s.dan.id)
          .execute();
        // No app code ran: the job that looks every minute finds the driver gone, once.
        expect(await noticeGone(t.services)).toEqual({ drivers: 1, households: 0 });
        expect(await noticeGone(t.services)).toEqual({ drivers: 0, households: 0 });
      }
      await t.runJobs();
      const coordinator = since(s.coordinator).map((m) => m.subject);
      expect(coordinator).toContain(
        how === 'removed'
          ? 'Evacuation: Dan Driver was removed from the community'
          : 'Evacuation: a driver’s account was erased',
      );
      for (const h of theirs) {
        const es = h === s.hana;
        // One message: the re-plan's, with the cause — not "your driver cannot come" first.
        const mails = since(h);
        expect(mails.map((m) => m.subject)).toEqual([
          es ? 'Evacuación: cambió tu traslado' : 'Evacuation: your ride changed',
        ]);
        expect(mails[0]?.text).toContain(
          es
            ? 'Tu conductor ya no es miembro de la comunidad'
            : 'Your driver is no longer a member of the community',
        );
      }
      // The late telling finds the re-plan told them: nothing more.
      t.clock.advance(121);
      await t.runJobs();
      for (const h of theirs) expect(since(h)).toHaveLength(1);
      const b = await board(s);
      expect(b.replanning).toBe(false);
      expect(b.households).toHaveLength(3);
    }
  });

  it('an erased household during the alert: the job tells its driver the stop stays, once', async () => {
    const s = await street();
    await raise(s);
    await t.runJobs();
    await t.services.db
      .updateTable('account')
      .set({ erasedAt: t.clock.now().toISOString() })
      .where('id', '=', s.hugo.id)
      .execute();
    expect(await noticeGone(t.services)).toEqual({ drivers: 0, households: 1 });
    expect(await noticeGone(t.services)).toEqual({ drivers: 0, households: 0 });
    await t.runJobs();
    const driver = s.driverOf(s.households.hugo);
    const mail = t.mailbox.to(driver.email as string).find((m) => m.subject.endsWith('left the community'));
    expect(mail?.text).toContain('their stop stays on your route');
  });

  it('a coordinator corrects a paper member during the alert only with the override: logged, the driver told, the day planned again', async () => {
    const s = await street();
    await raise(s);
    await t.runJobs();
    const paper = (extra: Record<string, unknown> = {}) => ({
      accountId: s.pablo.id,
      address: '41.853 Harbour Lane',
      latitude: 41.853,
      longitude: -87.665,
      people: 3,
      phone: '+1 312 555 0999',
      consent: true,
      ...extra,
    });
    // Without the override: refused as before, nothing changed.
    const plain = await s.c.api('POST', api(s.community, '/households'), paper());
    expect(plain.statusCode).toBe(409);
    expect(plain.json().code).toBe('evacuation.errors.registry_during_alert');
    // The override is a coordinator's, for a paper member: a member who signs in still calls.
    const own = await (await s.as(s.hugo)).api('POST', api(s.community, '/households'), {
      ...paper({ accountId: s.hugo.id }),
      correctDuringAlert: true,
    });
    expect(own.statusCode).toBe(409);
    expect(own.json().code).toBe('evacuation.errors.registry_during_alert');
    // The pin may move, not vanish: a driver may be on the way.
    const noPoint = await s.c.api('POST', api(s.community, '/households'), {
      ...paper({ latitude: undefined, longitude: undefined }),
      correctDuringAlert: true,
    });
    expect(noPoint.statusCode).toBe(422);
    expect(noPoint.json().errors[0]).toMatchObject({
      field: 'latitude',
      code: 'evacuation.errors.point_needed_during_alert',
    });

    const driver = s.driverOf(s.households.pablo);
    const before = t.mailbox.to(driver.email as string).length;
    const fixed = await s.c.api('POST', api(s.community, '/households'), {
      ...paper(),
      correctDuringAlert: true,
    });
    expect(fixed.statusCode, fixed.body).toBe(201);
    expect(fixed.json()).toMatchObject({ people: 3, phone: '+1 312 555 0999' });
    // Logged, for the stewards and among the reads of Pablo's registration.
    const lines = await t.services.db
      .selectFrom('evacuationAccess')
      .select(['what', 'accountId', 'subjectId'])
      .where('communityId', '=', s.community.id)
      .where('what', '=', 'alert_override')
      .execute();
    expect(lines).toEqual([
      { what: 'alert_override', accountId: s.coordinator.id, subjectId: s.households.pablo },
    ]);
    const log = await (await s.as(s.steward)).get(`/c/${s.community.slug}/evacuation/log`);
    expect(log.body).toContain('corrected by a coordinator during an alert');
    await t.runJobs();
    // Its driver is told, and the day is planned again around it (a coordinator asked).
    expect(
      t.mailbox
        .to(driver.email as string)
        .slice(before)
        .map((m) => m.subject),
    ).toContain('Evacuation: the details of a stop changed');
    const b = await board(s);
    expect(b.replanning).toBe(false);
    expect(b.households.find((h: any) => h.householdId === s.households.pablo)).toMatchObject({ people: 3 });
    const replans = await t.services.db
      .selectFrom('evacuationUpdate')
      .select(['status', 'accountId'])
      .where('communityId', '=', s.community.id)
      .where('status', '=', 'replanned')
      .execute();
    expect(replans).toEqual([{ status: 'replanned', accountId: s.coordinator.id }]);
  });

  it('a re-plan keeps each unchanged route at its shelter, though another is nearer now', async () => {
    const s = await street();
    // A shelter next door to every household, opened for the alert after the plan was made to the gym.
    const hall = (
      await (
        await s.as(s.steward)
      ).api('POST', `/api/v1/communities/${s.community.slug}/places`, {
        kind: 'shelter',
        name: 'Corner hall',
        address: '2 Harbour Lane',
        latitude: 41.8535,
        longitude: -87.664,
      })
    ).json().place.id as string;
    expect(
      (
        await s.c.api('PUT', api(s.community, `/shelters/${hall}`), {
          capacity: 40,
          accessible: true,
          pets: true,
        })
      ).statusCode,
    ).toBe(204);
    await raise(s, { shelters: [s.shelter, hall] });
    await t.runJobs();
    expect((await board(s)).routes.every((r: any) => r.shelter === 'School gym')).toBe(true);
    const everyone = [s.dan, s.dora, s.hana, s.hugo].map((a) => a.email as string);
    const mails = () => everyone.flatMap((e) => t.mailbox.to(e)).length;
    const seen = mails();
    expect((await s.c.api('POST', api(s.community, '/alert/replan'), {})).statusCode).toBe(202);
    await t.runJobs();
    const b = await board(s);
    expect(b.replanning).toBe(false);
    expect(b.routes.every((r: any) => r.shelter === 'School gym')).toBe(true);
    // Nothing changed for anyone: nobody is told anything.
    expect(mails()).toBe(seen);
  });

  it('closing a shelter on the day plans the rides again and tells its drivers; more room changes nothing', async () => {
    const s = await street();
    await raise(s);
    await t.runJobs();
    const told = (a: Account) =>
      t.mailbox.to(a.email as string).filter((m) => m.subject.includes('cannot take everyone on your route'));
    const shelter = (capacity: number) =>
      s.c.api('PUT', api(s.community, `/shelters/${s.shelter}`), { capacity, accessible: true, pets: true });
    expect((await shelter(30)).statusCode).toBe(204);
    await t.runJobs();
    expect([...told(s.dan), ...told(s.dora)]).toEqual([]);
    expect((await shelter(0)).statusCode).toBe(204);
    await t.runJobs();
    const mail = [...told(s.dan), ...told(s.dora)][0];
    expect(mail.text).toContain('School gym is closed or has less room now');
    // The only shelter is closed: after the re-plan nobody is sent there, and whoever had a ride
    // is told why in words of the cause — not that a driver dropped out.
    const hugo = t.mailbox.to(s.hugo.email as string).at(-1);
    expect(hugo?.subject).toBe('Evacuation: your ride changed');
    expect(hugo?.text).toContain('A shelter closed or has less room now, and no driver could be planned');
    const after = await board(s);
    expect(after.replanning).toBe(false);
    expect(after.households.every((h: any) => h.driverName === null)).toBe(true);
    const review = await s.c.api('GET', api(s.community, `/alerts/${after.alert.id}`));
    expect(review.json().timeline.at(-1)).toMatchObject({ status: 'replanned', by: 'Cora Coordinator' });
  });

  it('a re-plan that sends a car to another shelter tells its driver and riders where to now, in words that match the cause', async () => {
    const s = await street();
    // A second shelter, farther away: the plan goes to the gym until the gym closes.
    const hall = (
      await (
        await s.as(s.steward)
      ).api('POST', `/api/v1/communities/${s.community.slug}/places`, {
        kind: 'shelter',
        name: 'Church hall',
        address: '9 Hill Road',
        latitude: 41.9,
        longitude: -87.7,
      })
    ).json().place.id as string;
    const set = (id: string, capacity: number) =>
      s.c.api('PUT', api(s.community, `/shelters/${id}`), { capacity, accessible: true, pets: true });
    expect((await set(hall, 40)).statusCode).toBe(204);
    await raise(s, { shelters: [s.shelter, hall] });
    await t.runJobs();
    const count = (a: Account) => t.mailbox.to(a.email as string).length;
    const seen = new Map([s.dan, s.dora, s.hana, s.hugo].map((a) => [a.id, count(a)]));
    const since = (a: Account) => t.mailbox.to(a.email as string).slice(seen.get(a.id));
    expect((await set(s.shelter, 0)).statusCode).toBe(204);
    await t.runJobs();
    const b = await board(s);
    expect(b.routes.every((r: any) => r.shelter === 'Church hall')).toBe(true);
    // Nobody's driver changed: each is told only that the shelter did, and why (no driver dropped out).
    for (const driver of [s.dan, s.dora]) {
      const mails = since(driver);
      const mail = mails.find((m) => m.subject === 'Evacuation: take your riders to Church hall');
      expect(mail?.text).toContain('A shelter closed or has less room now');
      expect(mail?.text).toContain('not School gym');
      expect(mails.some((m) => m.text.includes('drop out'))).toBe(false);
    }
    const hugo = since(s.hugo);
    expect(hugo.map((m) => m.subject)).toEqual(['Evacuation: you go to Church hall now']);
    expect(hugo[0].text).toContain(
      `${s.driverOf(s.households.hugo).displayName.split(' ')[0]} still picks you up`,
    );
    expect(since(s.hana).map((m) => m.subject)).toEqual(['Evacuación: ahora vas a Church hall']);
    expect(since(s.hana)[0].text).toContain('Un refugio cerró o tiene menos sitio');
  });

  it('a server restart keeps every status: a new app on the same database shows the same board', async () => {
    const s = await street();
    await raise(s);
    const driver = await s.as(s.driverOf(s.households.hana));
    await tap(driver, s, 'started');
    await tap(driver, s, 'picked_up', s.households.hana);
    const before = await board(s);
    const restarted = await t.restarted();
    try {
      const res = await restarted.inject({
        method: 'GET',
        url: api(s.community, '/alert'),
        headers: {
          accept: 'application/json',
          cookie: [...s.c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        },
      });
      const after = res.json().board;
      expect({ ...after, readAt: '' }).toEqual({ ...before, readAt: '' });
    } finally {
      await restarted.close();
    }
  });

  it('a driver who drops out has the remaining stops re-planned; riders already in a car stay there; whom it changes is told', async () => {
    const s = await street();
    await raise(s);
    // Three households of two, two cars of four seats: one car takes two households, the other one.
    const leaving = s.driverOf(s.households.hana);
    const staying = leaving.id === s.dan.id ? s.dora : s.dan;
    const keeps = [
      ...new Set<string>(
        s.plan.routes
          .find((r: any) => r.driverName === staying.displayName)
          .stops.map((x: any) => x.householdId),
      ),
    ];
    const st = await s.as(staying);
    expect((await tap(st, s, 'started')).statusCode).toBe(204);
    expect((await tap(st, s, 'picked_up', keeps[0])).statusCode).toBe(204);
    await t.runJobs();
    const mailsBefore = t.mailbox.to(s.hana.email as string).length;
    const drop = await (await s.as(leaving)).post(page(s.community, '/route/status'), {
      status: 'dropped_out',
    });
    expect(drop.statusCode).toBe(303);
    expect((await board(s)).replanning).toBe(true);
    await t.runJobs();
    const b = await board(s);
    expect(b.replanning).toBe(false);
    expect(b.routes.find((r: any) => r.driverName === leaving.displayName).state).toBe('dropped_out');
    // The household in the staying car is still in it, first (on board), and the car takes one more.
    const plan = (await s.c.api('GET', api(s.community, '/plan'))).json().plan;
    const car = plan.routes.find((r: any) => r.driverName === staying.displayName);
    expect(car.stops[0].householdId).toBe(keeps[0]);
    // Everyone who had a ride with the staying car keeps it, in the same order; the dropped
    // route's households only fill the room left.
    expect([...new Set(car.stops.map((x: any) => x.householdId))].slice(0, keeps.length)).toEqual(keeps);
    for (const id of keeps)
      expect(b.households.find((h: any) => h.householdId === id).driverName).toBe(staying.displayName);
    expect(b.households.filter((h: any) => h.driverName === staying.displayName)).toHaveLength(2);
    expect(b.households.find((h: any) => h.householdId === keeps[0]).state).toBe('picked_up');
    // Nobody can take the third: it stays on the board, unaccounted for, with why.
    const left = b.households.filter((h: any) => h.driverName === null);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({
      unaccounted: true,
      unserved: 'Every available driver is full. Ask another driver, or call a taxi.',
    });
    // Hana's driver dropped out: she is told once (in Spanish) that they cannot drive and who
    // picks her up now, or that a coordinator will call; the coordinator is told who dropped out
    // and whose stops move.
    const mails = t.mailbox.to(s.hana.email as string);
    expect(mails).toHaveLength(mailsBefore + 1);
    expect(mails.at(-1)?.text).toContain(
      `${leaving.displayName.split(' ')[0]}, que iba a recogerte, ya no puede conducir`,
    );
    const cora = t.mailbox
      .to(s.coordinator.email as string)
      .find((m) => m.subject === `Evacuation: ${leaving.displayName} cannot drive any more`);
    expect(cora?.text).toContain('Hana Household');
    expect(mails.at(-1)?.subject).toBe('Evacuación: cambió tu traslado');
    const hana = b.households.find((h: any) => h.householdId === s.households.hana);
    expect(mails.at(-1)?.text).toContain(
      hana.driverName ? `${staying.displayName.split(' ')[0]} te recoge` : 'te llamará',
    );
    // The staying driver, whose stops changed, is told too.
    expect(t.mailbox.to(staying.email as string).at(-1)?.subject).toBe('Evacuation: your route changed');
    // Each message of the re-plan carries the same personal link as the alert's, not a signed-in page.
    const linkOf = (text: string | undefined) =>
      /\/evacuation\/safe\/[A-Za-z0-9_-]{43}/.exec(text ?? '')?.[0];
    const first = (a: Account) =>
      linkOf(
        t.mailbox
          .to(a.email as string)
          .find((m) => /^(Evacuation alert|Alerta de evacuación):/.test(m.subject))?.text,
      );
    expect(linkOf(mails.at(-1)?.text)).toBe(first(s.hana));
    expect(linkOf(t.mailbox.to(staying.email as string).at(-1)?.text)).toBe(first(staying));
    expect(first(s.hana)).toBeTruthy();
  });

  it('a re-plan solved while someone got into a car is solved again; one solved while a household was marked is stored', async () => {
    const s = await street();
    await raise(s);
    const leaving = s.driverOf(s.households.hana);
    const staying = leaving.id === s.dan.id ? s.dora : s.dan;
    const keeps = s.plan.routes
      .find((r: any) => r.driverName === staying.displayName)
      .stops.map((x: any) => x.householdId);
    const st = await s.as(staying);
    expect((await tap(st, s, 'started')).statusCode).toBe(204);
    expect((await tap(await s.as(leaving), s, 'dropped_out')).statusCode).toBe(204);
    // While the planner runs: the staying driver picks someone up (a ride changes), then a
    // coordinator hears that Pablo needs help (no ride changes).
    const during = [
      async () => expect((await tap(st, s, 'picked_up', keeps[0])).statusCode).toBe(204),
      async () =>
        expect(
          (
            await s.c.api('POST', api(s.community, `/alert/households/${s.households.pablo}`), {
              status: 'needs_help',
            })
          ).statusCode,
        ).toBe(204),
    ];
    let solved = 0;
    setBeforeReplanStoreForTests(async () => {
      await during[solved]?.();
      solved++;
    });
    try {
      await t.runJobs();
    } finally {
      setBeforeReplanStoreForTests(undefined);
    }
    // The pickup sent it round again; the mark did not.
    expect(solved).toBe(2);
    const plan = (await s.c.api('GET', api(s.community, '/plan'))).json().plan;
    expect(plan.routes.find((r: any) => r.driverName === staying.displayName).stops[0].householdId).toBe(
      keeps[0],
    );
    expect((await board(s)).replanning).toBe(false);
    const replans = await t.services.db
      .selectFrom('evacuationUpdate')
      .select('status')
      .where('communityId', '=', s.community.id)
      .where('status', '=', 'replanned')
      .execute();
    expect(replans).toHaveLength(1);
  });

  it('a re-plan that cannot be made in time: the households of the driver who dropped out are told meanwhile, once, then their new ride', async () => {
    const s = await street();
    await raise(s);
    await t.runJobs();
    const leaving = s.driverOf(s.households.hana);
    const before = t.mailbox.to(s.hana.email as string).length;
    const hana = () =>
      t.mailbox
        .to(s.hana.email as string)
        .slice(before)
        .map((m) => m.subject);
    expect((await tap(await s.as(leaving), s, 'dropped_out')).statusCode).toBe(204);
    // The planner fails (its job is retried later): nothing is told yet, not before two minutes.
    setBeforeReplanStoreForTests(async () => {
      throw new Error('the planner failed');
    });
    try {
      await t.runJobs();
      expect(hana()).toEqual([]);
      t.clock.advance(121);
      await t.runJobs();
      expect(hana()).toEqual(['Evacuación: tu conductor no puede venir']);
      expect(t.mailbox.to(s.hana.email as string).at(-1)?.text).toContain(
        `${leaving.displayName.split(' ')[0]}, que iba a recogerte, ya no puede conducir`,
      );
    } finally {
      setBeforeReplanStoreForTests(undefined);
    }
    // The re-plan succeeds at its next try: then her new ride, or a coordinator's call.
    t.clock.advance(600);
    await t.runJobs();
    expect(hana()).toEqual(['Evacuación: tu conductor no puede venir', 'Evacuación: cambió tu traslado']);
    expect((await board(s)).replanning).toBe(false);
  });

  it('ending the alert tells everyone and asks how it went; the review shows every change, who made it, and the feedback', async () => {
    const s = await street();
    const { alert } = await raise(s);
    const driver = s.driverOf(s.households.hugo);
    const d = await s.as(driver);
    await tap(d, s, 'started');
    await tap(d, s, 'picked_up', s.households.hugo);
    const hugo = await s.as(s.hugo);
    expect(
      (await hugo.api('PUT', api(s.community, `/alerts/${alert.id}/feedback`), { feedback: 'went_well' }))
        .statusCode,
    ).toBe(409);
    const ended = await s.c.post(page(s.community, '/alert/end'), { message: 'The warning is over.' });
    expect(ended.statusCode).toBe(303);
    expect(ended.headers.location).toBe(page(s.community, `/alerts/${alert.id}`));
    await t.runJobs();
    const last = t.mailbox.to(s.hugo.email as string).at(-1);
    expect(last?.subject).toBe('The evacuation alert is over: Flood warning for the harbour');
    expect(last?.text).toContain(`/evacuation/alerts/${alert.id}/feedback`);
    expect((await s.c.api('POST', api(s.community, '/alert/end'), {})).statusCode).toBe(409);
    // Hugo answers on the page, without JavaScript; Olga, who was in nothing, may not.
    expect((await hugo.get(page(s.community, `/alerts/${alert.id}/feedback`))).statusCode).toBe(200);
    expect(
      (
        await hugo.post(page(s.community, `/alerts/${alert.id}/feedback`), {
          feedback: 'could_improve',
          comment: 'The car was late.',
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (
        await (
          await s.as(s.outsider)
        ).api('PUT', api(s.community, `/alerts/${alert.id}/feedback`), { feedback: 'went_well' })
      ).statusCode,
    ).toBe(403);
    const review = (await s.c.api('GET', api(s.community, `/alerts/${alert.id}`))).json();
    expect(review.timeline.map((e: any) => e.status)).toEqual(['raised', 'started', 'picked_up', 'ended']);
    expect(review.timeline[2]).toMatchObject({
      household: 'Hugo Household',
      driver: driver.displayName,
      by: driver.displayName,
    });
    expect(review.timeline[3]).toMatchObject({ by: 'Cora Coordinator', note: 'The warning is over.' });
    expect(review.feedback).toEqual([
      expect.objectContaining({
        name: 'Hugo Household',
        feedback: 'could_improve',
        comment: 'The car was late.',
      }),
    ]);
    const printable = await s.c.get(page(s.community, `/alerts/${alert.id}`));
    expect(printable.body).toContain('picked up Hugo Household');
    expect((await hugo.api('GET', api(s.community, `/alerts/${alert.id}`))).statusCode).toBe(403);
  });
});
