import { describe, expect, it } from 'vitest';
import { type Client, useTestApp } from '../../../test/support/app.ts';
import type { Community } from '../../platform/db/database.ts';
import { estimateMatrices } from '../../platform/geo/matrix.ts';
import {
  compilePlan,
  type PlanDriver,
  type PlanHousehold,
  type PlanShelter,
  readPlan,
  reasonOf,
} from './plan.ts';
import { setBeforeStoreForTests } from './service.ts';

const t = useTestApp();
const api = (c: Community, rest = '') => `/api/v1/communities/${c.slug}/evacuation${rest}`;

describe('the network as a routing problem', () => {
  const matrices = async (points: { lat: number; lng: number }[]) => estimateMatrices(points);
  const home = { latitude: 41.85, longitude: -87.66 };
  const h = (id: string, extra: Partial<PlanHousehold> = {}): PlanHousehold => ({
    id,
    ...home,
    people: 1,
    wheelchairs: 0,
    pets: 0,
    shelterId: null,
    shelterNeed: 'none',
    maySplit: false,
    ...extra,
  });
  const d = (id: string, extra: Partial<PlanDriver> = {}): PlanDriver => ({
    id,
    ...home,
    seats: 4,
    wheelchairPlaces: 0,
    pets: false,
    availability: ['weekend'],
    ...extra,
  });
  const s = (id: string, extra: Partial<PlanShelter> = {}): PlanShelter => ({
    id,
    latitude: 41.86,
    longitude: -87.67,
    capacity: 50,
    accessible: false,
    pets: false,
    ...extra,
  });

  it('splits a household only when it may and no car takes it whole; wheelchairs and pets ride in the first car', async () => {
    const compiled = await compilePlan(
      {
        households: [
          h('big', { people: 9, wheelchairs: 1, pets: 1, maySplit: true }),
          h('whole', { people: 9 }),
          h('fits', { people: 4, maySplit: true }),
        ],
        drivers: [d('van', { seats: 3, wheelchairPlaces: 1, pets: true }), d('car', { seats: 4 })],
        shelters: [s('hall', { accessible: true, pets: true })],
        locks: new Map(),
      },
      { slot: 'any', maxMinutes: 60 },
      matrices,
    );
    const jobs = compiled.problem.jobs.map((j) => [j.id, j.demand, j.skills]);
    expect(jobs).toEqual([
      ['big#1', [3, 1, 4], ['wheelchair', 'pets']],
      ['big#2', [4, 0, 4], []],
      ['big#3', [1, 0, 1], []],
      ['whole#1', [9, 0, 9], []],
      ['fits#1', [4, 0, 4], []],
    ]);
    expect(compiled.problem.vehicles.map((v) => [v.id, v.capacity, v.skills])).toEqual([
      ['van', [3, 1, 4], ['wheelchair', 'pets']],
      ['car', [4, 0, 4], []],
    ]);
  });

  it('keeps drivers available then, shelters that fit, a needed shelter, and a preference until it is relaxed', async () => {
    const input = {
      households: [
        h('wheel', { wheelchairs: 1 }),
        h('needs-school', { shelterId: 'school', shelterNeed: 'needed' as const }),
        h('prefers-school', { shelterId: 'school', shelterNeed: 'preferred' as const }),
        h('nowhere', { latitude: null, longitude: null }),
        h('needs-closed', { shelterId: 'closed', shelterNeed: 'needed' as const }),
      ],
      drivers: [
        d('weekend'),
        d('evening', { availability: ['weekday_evening'] }),
        d('homeless', { latitude: null, longitude: null }),
      ],
      shelters: [s('school'), s('hall', { accessible: true }), s('closed', { capacity: 0 })],
      locks: new Map([
        ['wheel', 'evening'],
        ['needs-school', 'weekend'],
      ]),
    };
    const compiled = await compilePlan(input, { slot: 'weekend', maxMinutes: 45 }, matrices);
    expect(compiled.problem.vehicles.map((v) => v.id)).toEqual(['weekend']);
    expect(compiled.problem.vehicles[0].shift).toEqual([0, 45 * 60]);
    const job = (id: string) => compiled.problem.jobs.find((j) => j.id === id);
    expect(job('wheel#1')).toMatchObject({ destinations: ['hall'], skills: ['wheelchair'] });
    // The lock on a driver who is not available then does not hold; the other does.
    expect(job('wheel#1')?.vehicle).toBeUndefined();
    expect(job('needs-school#1')).toMatchObject({ destinations: ['school'], vehicle: 'weekend' });
    expect(job('prefers-school#1')?.destinations).toEqual(['school']);
    expect(compiled.unserved.map((u) => [u.householdId, u.reason])).toEqual([
      ['nowhere', 'no_point'],
      ['needs-closed', 'needed_shelter'],
    ]);
    const relaxed = await compilePlan(
      input,
      { slot: 'weekend', maxMinutes: 45, relaxed: new Set(['prefers-school']) },
      matrices,
    );
    expect(relaxed.problem.jobs.find((j) => j.id === 'prefers-school#1')?.destinations).toEqual([
      'school',
      'hall',
    ]);
  });
});

describe('the reasons a coordinator reads', () => {
  const part = (wheelchairs: number) => ({ householdId: 'h', part: 1, people: 1, wheelchairs });
  it('names only what the fleet lacks; otherwise a generic reason, never a made-up one', () => {
    const fleet = { seats: 4, wheelchairPlaces: 2, pets: true, both: false };
    expect(reasonOf('no_vehicle_with_skills', part(1), false, { ...fleet, wheelchairPlaces: 0 })).toBe(
      'no_wheelchair_driver',
    );
    expect(reasonOf('no_vehicle_with_skills', part(0), true, { ...fleet, pets: false })).toBe(
      'no_pets_driver',
    );
    expect(reasonOf('no_vehicle_with_skills', part(1), true, fleet)).toBe('no_driver_with_both');
    // A wheelchair user without pets, in a fleet with wheelchair places: not "wheelchair and pets".
    expect(reasonOf('no_vehicle_with_skills', part(1), false, fleet)).toBe('no_driver_fits');
    expect(reasonOf('no_vehicle_with_skills', part(1), true, { ...fleet, both: true })).toBe(
      'no_driver_fits',
    );
  });

  it('a household kept with a driver who cannot take it is reported as that, naming the driver', async () => {
    const compiled = await compilePlan(
      {
        households: [
          {
            id: 'dolores',
            latitude: 41.85,
            longitude: -87.66,
            people: 1,
            wheelchairs: 1,
            pets: 0,
            shelterId: null,
            shelterNeed: 'none',
            maySplit: false,
          },
        ],
        drivers: [
          {
            id: 'tom',
            latitude: 41.85,
            longitude: -87.66,
            seats: 2,
            wheelchairPlaces: 0,
            pets: false,
            availability: [],
          },
        ],
        shelters: [
          { id: 'hall', latitude: 41.86, longitude: -87.67, capacity: 9, accessible: true, pets: false },
        ],
        locks: new Map([['dolores', 'tom']]),
      },
      { slot: 'any', maxMinutes: 60 },
      async (points) => estimateMatrices(points),
    );
    expect(compiled.problem.jobs[0]).toMatchObject({ vehicle: 'tom' });
    const read = readPlan(
      compiled,
      {
        routes: [],
        unassigned: [{ job: 'dolores#1', reason: 'no_vehicle_with_skills' }],
        duration: 0,
        distance: 0,
        cost: 0,
        iterations: 0,
      } as never,
      { slot: 'any', maxMinutes: 60 },
    );
    expect(read.unserved).toEqual([
      expect.objectContaining({
        reason: 'locked_driver_cannot_take',
        detail: expect.objectContaining({ driverId: 'tom' }),
      }),
    ]);
  });
});

/** A coastal street: a coordinator, shelters and the people of the tests. */
async function town() {
  const { community, steward } = await t.community();
  const coordinator = await t.member(community, 'coordinator', { displayName: 'Cora' });
  const cora = await t.as(coordinator);
  const shelter = async (
    name: string,
    lat: number,
    lng: number,
    settings: { capacity: number; accessible: boolean; pets: boolean },
  ) => {
    const res = await (await t.as(steward)).api('POST', `/api/v1/communities/${community.slug}/places`, {
      kind: 'shelter',
      name,
      address: `${name}, Hill Road`,
      latitude: lat,
      longitude: lng,
    });
    const id = res.json().place.id as string;
    expect((await cora.api('PUT', api(community, `/shelters/${id}`), settings)).statusCode).toBe(204);
    return id;
  };
  const person = async (name: string) => t.member(community, 'member', { displayName: name });
  let placed = 0;
  const household = async (name: string, answers: Record<string, unknown>) => {
    const account = await person(name);
    placed += 1;
    const res = await (await t.as(account)).api('PUT', api(community, '/household'), {
      address: `${name}'s house, Shore Road`,
      latitude: 41.85 + (placed % 4) * 0.001,
      longitude: -87.66 - Math.floor(placed / 4) * 0.001,
      phone: '+1 555 0100',
      consent: true,
      ...answers,
    });
    expect(res.statusCode, res.body).toBe(200);
    return { account, id: res.json().id as string };
  };
  const driver = async (name: string, answers: Record<string, unknown>) => {
    const account = await person(name);
    const res = await (await t.as(account)).api('PUT', api(community, '/driver'), {
      latitude: 41.848,
      longitude: -87.658,
      phone: '+1 555 0199',
      availability: ['weekend'],
      consent: true,
      ...answers,
    });
    expect(res.statusCode, res.body).toBe(200);
    return { account, id: res.json().id as string };
  };
  return { community, steward, coordinator, cora, shelter, household, driver };
}

type PlanJson = {
  served: number;
  households: number;
  routes: {
    driverId: string;
    shelter: { placeId: string };
    people: number;
    wheelchairs: number;
    stops: { householdId: string; part: number; parts: number; locked: boolean }[];
  }[];
  unserved: { householdId: string; reason: string; message: string }[];
};
const plan = async (cora: Client, c: Community, body: Record<string, unknown> = {}): Promise<PlanJson> => {
  const res = await cora.api('POST', api(c, '/plan'), body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().plan;
};
const routeOf = (p: PlanJson, householdId: string) =>
  p.routes.find((r) => r.stops.some((s) => s.householdId === householdId));

// Each plan starts the planner's worker thread: a few seconds a test on a busy machine.
describe('making a plan', { timeout: 90_000 }, () => {
  it('serves as many as it can: wheelchairs with a wheelchair place to an accessible shelter, pets to a shelter that takes them, capacities across routes, a split only when allowed', async () => {
    const w = await town();
    const hall = await w.shelter('Community hall', 41.862, -87.671, {
      capacity: 9,
      accessible: true,
      pets: true,
    });
    const school = await w.shelter('School gym', 41.858, -87.676, {
      capacity: 12,
      accessible: false,
      pets: false,
    });
    const van = await w.driver('Vic Van', { seats: 3, wheelchairPlaces: 1 });
    const petCar = await w.driver('Pat Pets', { seats: 3, pets: true });
    const car = await w.driver('Carl Car', { seats: 4 });
    await w.driver('Cleo', { seats: 3 });
    const wheel = await w.household('Wanda', { people: 2, wheelchairs: 1 });
    const dog = await w.household('Dora', { people: 1, pets: 2 });
    const split = await w.household('Sam Big', { people: 6, maySplit: true });
    const whole = await w.household('Walt Big', { people: 6 });
    const school1 = await w.household('Nell', { people: 2, shelterId: school, shelterNeed: 'needed' });
    const nowhere = await w.household('Nowhere', { people: 1, latitude: undefined, longitude: undefined });

    const p = await plan(w.cora, w.community, { slot: 'weekend', maxMinutes: 60 });
    expect(p.households).toBe(6);
    expect(routeOf(p, wheel.id)).toMatchObject({ driverId: van.id, shelter: { placeId: hall } });
    expect(routeOf(p, dog.id)).toMatchObject({ driverId: petCar.id, shelter: { placeId: hall } });
    expect(routeOf(p, school1.id)?.shelter.placeId).toBe(school);
    const parts = p.routes.flatMap((r) => r.stops.filter((s) => s.householdId === split.id));
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((s) => s.parts === parts.length)).toBe(true);
    const reasons = Object.fromEntries(p.unserved.map((u) => [u.householdId, u.reason]));
    expect(reasons[whole.id]).toBe('too_many_people');
    expect(reasons[nowhere.id]).toBe('no_point');
    // Nowhere keeps their own registration: the coordinator is told to ask them, not to drop the pin.
    expect(p.unserved.find((u) => u.householdId === nowhere.id)?.message).toContain(
      'ask Nowhere to drop the pin',
    );
    expect(p.unserved.find((u) => u.householdId === whole.id)?.message).toContain('may ride in several cars');
    // Shelters' capacities hold over every route ending there; cars carry no more than they hold.
    for (const [shelter, capacity] of [
      [hall, 9],
      [school, 12],
    ] as const) {
      const people = p.routes.filter((r) => r.shelter.placeId === shelter).reduce((n, r) => n + r.people, 0);
      expect(people).toBeLessThanOrEqual(capacity);
    }
    expect(p.routes.find((r) => r.driverId === car.id)?.wheelchairs ?? 0).toBe(0);
    expect(p.served).toBe(4);
    expect(p.unserved).toHaveLength(2);

    // The page: the list without JavaScript, the reasons in words, the route cards.
    const shown = await w.cora.get(`/c/${w.community.slug}/evacuation/plan`);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('Vic Van to Community hall');
    expect(shown.body).toContain('No point on the map for the address');
    const cards = await w.cora.get(`/c/${w.community.slug}/evacuation/plan/cards`);
    for (const text of [
      'Route card: Vic Van',
      "Wanda's house, Shore Road",
      'Community hall, Hill Road',
      '+1 555 0100',
    ]) {
      expect(cards.body).toContain(text);
    }
  });

  it('a plan that cannot serve anyone still lists everyone with the reason, never an empty plan', async () => {
    const w = await town();
    const a = await w.household('Ada', { people: 2 });
    let p = await plan(w.cora, w.community);
    expect(p.unserved).toEqual([expect.objectContaining({ householdId: a.id, reason: 'no_shelters' })]);
    // A shelter set up but closed (capacity 0) is not "no shelter set up".
    await w.shelter('Closed school', 41.87, -87.66, { capacity: 0, accessible: true, pets: true });
    p = await plan(w.cora, w.community);
    expect(p.unserved).toEqual([expect.objectContaining({ householdId: a.id, reason: 'shelters_closed' })]);
    expect(p.unserved[0]?.message).toContain('Every shelter is closed');
    await w.shelter('Gym', 41.86, -87.67, { capacity: 1, accessible: false, pets: false });
    p = await plan(w.cora, w.community);
    expect(p.unserved).toEqual([expect.objectContaining({ householdId: a.id, reason: 'no_vehicles' })]);
    await w.driver('Dan', { seats: 4 });
    p = await plan(w.cora, w.community);
    // A shelter smaller than the household.
    expect(p.unserved).toEqual([expect.objectContaining({ householdId: a.id, reason: 'destination_full' })]);
    const es = await w.cora.get(`/c/${w.community.slug}/evacuation/plan`, { 'accept-language': 'es' });
    expect(es.body).toContain('están llenos');
    // A driver with no room at all is refused when registering, with a message.
    const none = await (await t.as(await t.member(w.community))).api('PUT', api(w.community, '/driver'), {
      seats: 0,
      consent: true,
    });
    expect(none.statusCode).toBe(422);
    expect(none.json().errors[0]).toMatchObject({ field: 'seats', code: 'evacuation.errors.no_room' });
    // A driver who is not available then: the plan says there is no driver, and why.
    p = await plan(w.cora, w.community, { slot: 'night' });
    expect(p.unserved[0].message).toContain('No driver is available at that time');
  });

  it('a coordinator moves a household to another driver, keeps it there across re-plans, and lets it go', async () => {
    const w = await town();
    await w.shelter('Hall', 41.862, -87.671, { capacity: 30, accessible: true, pets: true });
    const near = await w.driver('Nina Near', { seats: 4 });
    const far = await w.driver('Fred Far', { seats: 4, latitude: 41.87, longitude: -87.69 });
    const ana = await w.household('Ana', { people: 2 });
    const moved = await w.cora.api('PUT', api(w.community, `/plan/locks/${ana.id}`), { driverId: far.id });
    expect(moved.statusCode, moved.body).toBe(200);
    let p: PlanJson = moved.json().plan;
    expect(routeOf(p, ana.id)).toMatchObject({
      driverId: far.id,
      stops: [expect.objectContaining({ locked: true })],
    });
    p = await plan(w.cora, w.community);
    expect(routeOf(p, ana.id)?.driverId).toBe(far.id);
    // The page form: let go to any driver.
    const form = await w.cora.post(`/c/${w.community.slug}/evacuation/plan/locks/${ana.id}`, {
      driverId: '',
    });
    expect(form.statusCode).toBe(303);
    p = (await w.cora.api('GET', api(w.community, '/plan'))).json().plan;
    expect(routeOf(p, ana.id)?.driverId).toBe(near.id);
    // A member may not move anyone.
    const member = await t.as(ana.account);
    expect(
      (await member.api('PUT', api(w.community, `/plan/locks/${ana.id}`), { driverId: far.id })).statusCode,
    ).toBe(403);
  });

  it('a move to a driver who cannot take the household is refused with why, before anything is stored', async () => {
    const w = await town();
    await w.shelter('Hall', 41.862, -87.671, { capacity: 30, accessible: true, pets: true });
    const van = await w.driver('Walter Van', { seats: 3, wheelchairPlaces: 2, pets: true });
    const tom = await w.driver('Tom Small', { seats: 2 });
    const pat = await w.driver('Pat Pets', { seats: 2, pets: true });
    const owl = await w.driver('Olga Owl', { seats: 4, pets: true, availability: ['night'] });
    const dolores = await w.household('Dolores', { people: 1, wheelchairs: 1 });
    const dora = await w.household('Dora', { people: 3, pets: 1 });
    const before = await plan(w.cora, w.community, { slot: 'weekend' });
    expect(routeOf(before, dolores.id)?.driverId).toBe(van.id);
    for (const [household, driver, code, words] of [
      [dolores.id, tom.id, 'driver_no_wheelchair', 'Tom Small has no wheelchair place'],
      [dora.id, tom.id, 'driver_no_pets', 'Tom Small takes no pets'],
      [dora.id, pat.id, 'driver_too_few_seats', 'Pat Pets has 2 seats, and this household needs 3'],
      [dora.id, owl.id, 'driver_not_available', 'Olga Owl is not available'],
    ] as const) {
      const res = await w.cora.api('PUT', api(w.community, `/plan/locks/${household}`), { driverId: driver });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().errors).toEqual([
        expect.objectContaining({ field: 'driverId', code: `evacuation.errors.${code}` }),
      ]);
      expect(res.json().errors[0].message).toContain(words);
    }
    // The page form says it too, in Spanish.
    const es = await w.cora.post(
      `/c/${w.community.slug}/evacuation/plan/locks/${dolores.id}`,
      { driverId: tom.id },
      { headers: { 'accept-language': 'es' } },
    );
    expect(es.statusCode).toBe(422);
    expect(es.body).toContain('Tom Small no tiene plaza para silla de ruedas');
    // The plan is the same plan, and no lock was kept.
    const after: PlanJson & { id: string } = (await w.cora.api('GET', api(w.community, '/plan'))).json().plan;
    expect(after.id).toBe((before as PlanJson & { id: string }).id);
    expect(after.routes.flatMap((r) => r.stops).some((s) => s.locked)).toBe(false);

    // A lock that held and no longer can (the van gave up its wheelchair places): the driver is named.
    expect(
      (await w.cora.api('PUT', api(w.community, `/plan/locks/${dolores.id}`), { driverId: van.id }))
        .statusCode,
    ).toBe(200);
    const changed = await (await t.as(van.account)).api('PUT', api(w.community, '/driver'), {
      latitude: 41.848,
      longitude: -87.658,
      seats: 3,
      availability: ['weekend'],
      consent: true,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const p = await plan(w.cora, w.community, { slot: 'weekend' });
    const left = p.unserved.find((u) => u.householdId === dolores.id);
    expect(left?.reason).toBe('locked_driver_cannot_take');
    expect(left?.message).toContain('Kept with Walter Van');
  });

  it('a lock is stored with the plan made around it, or not at all', async () => {
    const w = await town();
    await w.shelter('Hall', 41.862, -87.671, { capacity: 30, accessible: true, pets: true });
    const near = await w.driver('Nina Near', { seats: 4 });
    const far = await w.driver('Fred Far', { seats: 4, latitude: 41.87, longitude: -87.69 });
    const ana = await w.household('Ana', { people: 2 });
    const first = await plan(w.cora, w.community);
    expect(routeOf(first, ana.id)?.driverId).toBe(near.id);
    setBeforeStoreForTests(async () => {
      throw new Error('the planner failed');
    });
    try {
      const failed = await w.cora.api('PUT', api(w.community, `/plan/locks/${ana.id}`), { driverId: far.id });
      expect(failed.statusCode).toBe(500);
    } finally {
      setBeforeStoreForTests(undefined);
    }
    const again = await plan(w.cora, w.community);
    expect(routeOf(again, ana.id)?.driverId).toBe(near.id);
    expect(routeOf(again, ana.id)?.stops[0].locked).toBe(false);
  });

  it('a household, driver or shelter gone between solving and storing never fails the plan', async () => {
    const w = await town();
    const hall = await w.shelter('Hall', 41.862, -87.671, { capacity: 30, accessible: true, pets: true });
    const gym = await w.shelter('Gym', 41.84, -87.65, { capacity: 30, accessible: true, pets: true });
    const dan = await w.driver('Dan', { seats: 4 });
    const eve = await w.driver('Eve', { seats: 4, latitude: 41.84, longitude: -87.65 });
    const ben = await w.household('Ben', { people: 4 });
    const cat = await w.household('Cat', { people: 4, latitude: 41.841, longitude: -87.651 });
    const fay = await w.household('Fay', { people: 1, shelterId: gym, shelterNeed: 'needed' });
    setBeforeStoreForTests(async () => {
      // While the planner ran: Ben withdrew, Dan stopped driving, the gym was deleted.
      expect((await (await t.as(ben.account)).api('DELETE', api(w.community, '/household'))).statusCode).toBe(
        204,
      );
      expect((await (await t.as(dan.account)).api('DELETE', api(w.community, '/driver'))).statusCode).toBe(
        204,
      );
      await t.services.db
        .deleteFrom('place')
        .where('communityId', '=', w.community.id)
        .where('id', '=', gym)
        .execute();
    });
    let p: PlanJson;
    try {
      p = await plan(w.cora, w.community);
    } finally {
      setBeforeStoreForTests(undefined);
    }
    expect(p.routes.every((r) => r.driverId !== dan.id && r.shelter.placeId !== gym)).toBe(true);
    expect(p.routes.flatMap((r) => r.stops).some((s) => s.householdId === ben.id)).toBe(false);
    expect(p.unserved.some((u) => u.householdId === ben.id)).toBe(false);
    // Whoever rode with what went is listed as not in the plan, so a coordinator plans again.
    const cats = routeOf(p, cat.id);
    if (!cats) expect(p.unserved.find((u) => u.householdId === cat.id)?.reason).toBe('not_in_plan');
    else expect(cats).toMatchObject({ driverId: eve.id, shelter: { placeId: hall } });
    expect(p.served).toBe(cats ? 1 : 0);
    expect(p.households).toBe(2);
    void fay;
  });

  it('a driver sees their own route card once a plan gives them one, and only what the pickups need', async () => {
    const w = await town();
    await w.shelter('Hall', 41.862, -87.671, { capacity: 30, accessible: true, pets: true });
    const dan = await w.driver('Dan', { seats: 4 });
    const idle = await w.driver('Idle', { seats: 4, availability: ['night'] });
    const before = await (await t.as(dan.account)).api('GET', api(w.community, '/route'));
    expect(before.json().route).toBeNull();
    await w.household('Bea', { people: 1, notes: 'Private note for coordinators', mobilityAids: 'cane' });
    await plan(w.cora, w.community, { slot: 'weekend' });
    const mine = await (await t.as(dan.account)).get(`/c/${w.community.slug}/evacuation/route`);
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain("Bea's house, Shore Road");
    expect(mine.body).toContain('cane');
    expect(mine.body).not.toContain('Private note for coordinators');
    expect((await (await t.as(idle.account)).api('GET', api(w.community, '/route'))).json().route).toBeNull();
    const log = (await (await t.as(w.steward)).api('GET', api(w.community, '/log'))).json().entries;
    expect(log[0]).toMatchObject({ reader: { name: 'Dan' }, role: 'member', what: 'route_card' });
  });
});
