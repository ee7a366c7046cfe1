import { describe, expect, it } from 'vitest';
import { checkPlan, solvePlan } from '../../planner/index.ts';
import { estimateMatrices } from '../../platform/geo/matrix.ts';
import { readDay, routeOf, tapProblem } from './day.ts';
import { compilePlan, readPlan } from './plan.ts';

const at = (n: number) => `2026-12-07T10:0${n}:00.000Z`;
const u = (status: any, driverId: string | null, householdId: string | null, n: number, note = '') => ({
  status,
  driverId,
  householdId,
  note,
  at: at(n),
});

describe('the day read from its timeline', () => {
  it('a driver’s arrival makes the households in their car safe; a mark says what was heard, whatever came before', () => {
    const day = readDay([
      u('started', 'd1', null, 0),
      u('picked_up', 'd1', 'h1', 1),
      u('not_found', 'd1', 'h2', 2),
      u('needs_help', null, 'h3', 3, 'stairs'),
      u('arrived', 'd1', null, 4),
      u('safe', null, 'h2', 5),
    ]);
    expect(routeOf(day, 'd1').state).toBe('arrived');
    expect(day.households.get('h1')).toMatchObject({ state: 'safe', at: at(4) });
    expect(day.households.get('h2')?.state).toBe('safe');
    expect(day.households.get('h3')).toMatchObject({ state: 'needs_help', note: 'stairs' });
    expect(routeOf(day, 'd2').state).toBe('not_started');
    expect(readDay([u('dropped_out', 'd2', null, 0)]).replanning).toBe(true);
    expect(readDay([u('dropped_out', 'd2', null, 0), u('replanned', null, null, 1)]).replanning).toBe(false);
  });

  it('refuses taps out of order, each with its own reason', () => {
    const stops = new Set(['h1']);
    const fresh = routeOf(readDay([]), 'd1');
    expect(tapProblem(fresh, stops, { status: 'picked_up', householdId: 'h1' })?.code).toBe(
      'evacuation.errors.route_not_started',
    );
    expect(tapProblem(fresh, stops, { status: 'arrived' })?.code).toBe('evacuation.errors.route_not_started');
    expect(tapProblem(fresh, stops, { status: 'dropped_out' })).toBeNull();
    const going = routeOf(readDay([u('started', 'd1', null, 0)]), 'd1');
    expect(tapProblem(going, stops, { status: 'picked_up', householdId: 'h9' })).toEqual({
      field: 'householdId',
      code: 'evacuation.errors.not_on_route',
    });
    expect(tapProblem(going, stops, { status: 'picked_up' })?.field).toBe('householdId');
    const aboard = routeOf(readDay([u('started', 'd1', null, 0), u('picked_up', 'd1', 'h1', 1)]), 'd1');
    expect(tapProblem(aboard, stops, { status: 'not_found', householdId: 'h1' })?.code).toBe(
      'evacuation.errors.already_picked_up',
    );
    expect(tapProblem(aboard, stops, { status: 'dropped_out' })?.code).toBe(
      'evacuation.errors.riders_aboard',
    );
    expect(tapProblem(aboard, stops, { status: 'arrived' })).toBeNull();
    // Arriving waits for every stop: picked up, could not be found, or safe already.
    const three = new Set(['h1', 'h2', 'h3']);
    const half = routeOf(
      readDay([u('started', 'd1', null, 0), u('picked_up', 'd1', 'h1', 1), u('not_found', 'd1', 'h2', 2)]),
      'd1',
    );
    expect(tapProblem(half, three, { status: 'arrived' })).toEqual({
      field: 'status',
      code: 'evacuation.errors.stops_left',
      params: { count: 1 },
    });
    expect(tapProblem(half, three, { status: 'arrived' }, new Set(['h3']))).toBeNull();
    const done = routeOf(readDay([u('started', 'd1', null, 0), u('arrived', 'd1', null, 1)]), 'd1');
    expect(tapProblem(done, stops, { status: 'started' })?.code).toBe('evacuation.errors.route_over');
  });
});

describe('re-planning after a driver drops out', () => {
  it('keeps a household already in a car in that car, to a shelter, though another car is nearer', async () => {
    const base = { wheelchairs: 0, pets: 0, shelterId: null, shelterNeed: 'none' as const, maySplit: false };
    const car = { seats: 4, wheelchairPlaces: 0, pets: false, availability: [] };
    const compiled = await compilePlan(
      {
        // "rider" is beside the near car; the far car picked it up before its driver's neighbor dropped out.
        households: [
          { id: 'rider', latitude: 41.85, longitude: -87.66, people: 2, ...base },
          { id: 'waiting', latitude: 41.851, longitude: -87.661, people: 2, ...base },
        ],
        drivers: [
          { id: 'near', latitude: 41.85, longitude: -87.66, ...car },
          { id: 'far', latitude: 41.9, longitude: -87.7, ...car },
        ],
        shelters: [
          { id: 'gym', latitude: 41.86, longitude: -87.67, capacity: 50, accessible: true, pets: true },
        ],
        locks: new Map(),
        onBoard: new Map([['rider', 'far']]),
      },
      { slot: 'any', maxMinutes: 90 },
      async (points) => estimateMatrices(points),
    );
    const plan = solvePlan(compiled.problem, { maxIterations: 500, seed: 1 });
    expect(checkPlan(compiled.problem, plan)).toEqual([]);
    const far = plan.routes.find((r) => r.vehicle === 'far');
    expect(far?.onBoard).toEqual(['rider#1']);
    expect(far?.destination).toBe('gym');
    expect(plan.routes.some((r) => r.vehicle === 'near' && r.steps.some((s) => s.job === 'rider#1'))).toBe(
      false,
    );
    const { rides } = readPlan(compiled, plan, { slot: 'any', maxMinutes: 90 });
    expect(rides.find((r) => r.driverId === 'far')?.stops[0]).toMatchObject({
      householdId: 'rider',
      position: 0,
    });
    expect(plan.unassigned).toEqual([]);
  });

  it('keeps every household that had a ride with its driver, in its order; the dropped route’s fill the room left or are left out with why', async () => {
    const base = { wheelchairs: 0, pets: 0, shelterId: null, shelterNeed: 'none' as const, maySplit: false };
    const solve = async (keep?: { order: boolean }) => {
      const compiled = await compilePlan(
        {
          // "near" drives "far" then "mid" (4 seats, full); "close", at its door, was on the dropped route.
          households: [
            { id: 'far', latitude: 41.9, longitude: -87.7, people: 2, ...base },
            { id: 'mid', latitude: 41.88, longitude: -87.68, people: 2, ...base },
            { id: 'close', latitude: 41.8505, longitude: -87.6605, people: 2, ...base },
          ],
          drivers: [
            {
              id: 'near',
              latitude: 41.85,
              longitude: -87.66,
              seats: 4,
              wheelchairPlaces: 0,
              pets: false,
              availability: [],
            },
          ],
          shelters: [
            { id: 'gym', latitude: 41.86, longitude: -87.67, capacity: 50, accessible: true, pets: true },
          ],
          locks: new Map(),
          ...(keep
            ? { keep: { stops: new Map([['near', ['far', 'mid']]]), first: new Set(['close']), ...keep } }
            : {}),
        },
        { slot: 'any', maxMinutes: 90 },
        async (points) => estimateMatrices(points),
      );
      const plan = solvePlan(compiled.problem, { maxIterations: 300, seed: 1 });
      expect(checkPlan(compiled.problem, plan)).toEqual([]);
      return { plan, read: readPlan(compiled, plan, { slot: 'any', maxMinutes: 90 }) };
    };
    // Planned afresh, the car would leave one of its households for the one at its door.
    const afresh = await solve();
    expect(afresh.plan.unassigned.map((u) => u.job)).not.toEqual(['close#1']);
    for (const order of [true, false]) {
      const { plan, read } = await solve({ order });
      const stops = plan.routes[0].steps.map((s) => s.job);
      expect(stops.sort()).toEqual(['far#1', 'mid#1']);
      if (order) expect(plan.routes[0].steps.map((s) => s.job)).toEqual(['far#1', 'mid#1']);
      expect(read.unserved).toMatchObject([{ householdId: 'close', reason: 'fleet_too_small' }]);
    }
  });
});
