import { describe, expect, it } from 'vitest';
import { checkPlan } from './check.ts';
import { matrices } from './fixtures.ts';
import { type Plan, type Problem, ProblemError } from './model.ts';
import { solvePlan } from './plan-solve.ts';

const solve = (p: Problem, iterations = 300): Plan => {
  const plan = solvePlan(p, { maxIterations: iterations, seed: 1 });
  expect(checkPlan(p, plan)).toEqual([]);
  return plan;
};
const routeOf = (plan: Plan, job: string) => plan.routes.find((r) => r.steps.some((s) => s.job === job));

describe('destinations with capacity', () => {
  // Households 0–5 near shelter A (location 7); shelter B (8) far away; three drivers at 6.
  const points: [number, number][] = [
    [100, 0],
    [120, 10],
    [140, -10],
    [160, 0],
    [180, 10],
    [200, -10],
    [0, 0],
    [300, 0],
    [5000, 0],
  ];
  const base = (): Problem => ({
    ...matrices(points),
    capacityNames: ['seats', 'pets'],
    destinations: [
      { id: 'A', location: 7, capacity: [4, 0] },
      { id: 'B', location: 8 },
    ],
    vehicles: ['d1', 'd2', 'd3'].map((id) => ({ id, start: 6, destinations: ['A', 'B'], capacity: [2, 1] })),
    jobs: Array.from({ length: 6 }, (_, i) => ({ id: `h${i}`, location: i, demand: [1, 0] })),
  });

  it("holds a shelter's capacity across all routes ending there, and sends the rest to another", () => {
    // Three cars of two seats: two fill A (4 places), the third must go on to B.
    const plan = solve(base());
    expect(plan.unassigned).toEqual([]);
    const intoA = plan.routes.filter((r) => r.destination === 'A').reduce((a, r) => a + r.load[0], 0);
    const intoB = plan.routes.filter((r) => r.destination === 'B').reduce((a, r) => a + r.load[0], 0);
    expect(intoA).toBe(4);
    expect(intoB).toBe(2);
  });

  it('takes a job only to a destination it allows (a household with a pet to the shelter that takes pets)', () => {
    const p = base();
    p.destinations![1].capacity = [10, 1];
    p.jobs[0].demand = [1, 1];
    p.jobs[0].destinations = ['B'];
    const plan = solve(p);
    expect(routeOf(plan, 'h0')!.destination).toBe('B');
  });

  it('names the full shelter when a job can go nowhere else', () => {
    const p = base();
    p.destinations = [{ id: 'A', location: 7, capacity: [2, 0] }];
    for (const v of p.vehicles) {
      v.destinations = ['A'];
      v.capacity = [3, 1];
    }
    const plan = solve(p);
    expect(plan.unassigned).toHaveLength(4);
    for (const u of plan.unassigned) {
      expect(u.reason).toBe('destination_full');
      expect(u.detail).toContain('A (seats: 0 left, needs 1)');
    }
  });
  it('calls a shelter smaller than the job itself full, not out of reach', () => {
    const p = base();
    p.destinations = [{ id: 'A', location: 7, capacity: [1, 0] }];
    for (const v of p.vehicles) v.destinations = ['A'];
    p.jobs = [{ id: 'family', location: 0, demand: [2, 0] }];
    const plan = solve(p);
    expect(plan.unassigned).toEqual([
      { job: 'family', reason: 'destination_full', detail: 'smaller than the job: A' },
    ]);
  });
});

describe('locked assignments and a partially executed plan', () => {
  // A line: driver "near" at 0, driver "far" at 10 000, households at 1000–1300, shelter at 2000.
  const points: [number, number][] = [
    [0, 0],
    [10_000, 0],
    [1000, 0],
    [1100, 0],
    [1200, 0],
    [1300, 0],
    [2000, 0],
  ];
  const base = (): Problem => ({
    ...matrices(points),
    vehicles: [
      { id: 'near', start: 0, end: 6, capacity: [4] },
      { id: 'far', start: 1, end: 6, capacity: [4] },
    ],
    jobs: [2, 3, 4, 5].map((location, i) => ({ id: `h${i}`, location, demand: [1] })),
  });

  it('keeps a job locked to its vehicle even when another is nearer', () => {
    const p = base();
    // Alone, "near" serves everyone on its way and "far" stays home.
    expect(solve(p).routes.map((r) => r.vehicle)).toEqual(['near']);
    p.jobs[1].vehicle = 'far';
    expect(routeOf(solve(p), 'h1')!.vehicle).toBe('far');
  });

  it('serves locked steps first and in their order, and delivers the jobs on board at the end', () => {
    const p = base();
    // "near" already carries h0 and has been sent to h3, then h1 (not the shortest order).
    p.vehicles[0].onBoard = ['h0'];
    p.vehicles[0].steps = ['h3', 'h1'];
    const plan = solve(p);
    const near = plan.routes.find((r) => r.vehicle === 'near')!;
    expect(near.onBoard).toEqual(['h0']);
    expect(near.steps.slice(0, 2).map((s) => s.job)).toEqual(['h3', 'h1']);
    expect(near.steps.some((s) => s.job === 'h0')).toBe(false);
    expect(near.load).toEqual([near.steps.length + 1]);
    expect(plan.unassigned).toEqual([]);
  });

  it('moves nobody already in a car when re-planning after a driver drops out', () => {
    const p = base();
    p.vehicles[0].onBoard = ['h0', 'h1', 'h2', 'h3'];
    const plan = solve(p);
    const near = plan.routes.find((r) => r.vehicle === 'near')!;
    expect(near.onBoard).toEqual(['h0', 'h1', 'h2', 'h3']);
    expect(near.steps).toEqual([]);
    expect(near.arrival).toBe(p.durations[0][6]);
  });

  it('refuses locked steps that cannot be kept, naming the field', () => {
    const p = base();
    p.vehicles[0].steps = ['h1'];
    p.jobs[1].timeWindows = [[0, 1]];
    expect(() => solvePlan(p)).toThrow(
      /vehicles\[0\]\.steps\[0\]: locked step "h1" cannot start within its time windows/,
    );
    const twice = base();
    twice.vehicles[0].onBoard = ['h1'];
    twice.vehicles[1].steps = ['h1'];
    expect(() => solvePlan(twice)).toThrow(
      /vehicles\[1\]\.steps\[0\]: job "h1" is already on board or locked/,
    );
  });
});

describe('several time windows per job', () => {
  it('starts service in the first window it can still reach, waiting for the next one if needed', () => {
    const p: Problem = {
      ...matrices([
        [0, 0],
        [5000, 0],
        [100, 0],
      ]),
      vehicles: [{ id: 'car', start: 0, end: 0, capacity: [4], shift: [0, 2000] }],
      jobs: [
        // 500 s away: misses [0, 100], waits for [1000, 1100].
        {
          id: 'late',
          location: 1,
          demand: [1],
          timeWindows: [
            [0, 100],
            [1000, 1100],
          ],
        },
        {
          id: 'early',
          location: 2,
          demand: [1],
          timeWindows: [
            [0, 50],
            [3000, 3100],
          ],
        },
      ],
    };
    const plan = solve(p);
    const starts = Object.fromEntries(plan.routes[0].steps.map((s) => [s.job, s.start]));
    expect(starts).toEqual({ early: 10, late: 1000 });
  });

  it('refuses windows out of order, naming the field', () => {
    const p: Problem = {
      ...matrices([[0, 0]]),
      vehicles: [],
      jobs: [
        {
          id: 'j',
          location: 0,
          timeWindows: [
            [10, 20],
            [15, 30],
          ],
        },
      ],
    };
    expect(() => solvePlan(p)).toThrow(
      /jobs\[0\]\.timeWindows\[1\]: time windows must be in increasing order/,
    );
  });
});

describe('a cost per used vehicle', () => {
  // Two households on either side of a depot; open routes.
  const p = (fixedCost?: number): Problem => ({
    ...matrices([
      [0, 0],
      [-1000, 0],
      [1000, 0],
    ]),
    objective: 'distance',
    vehicles: ['a', 'b'].map((id) => ({ id, start: 0, capacity: [2], fixedCost })),
    jobs: [
      { id: 'west', location: 1, demand: [1] },
      { id: 'east', location: 2, demand: [1] },
    ],
  });

  it('calls out fewer drivers when each costs more than the detour it saves', () => {
    const free = solve(p());
    expect(free.routes).toHaveLength(2);
    expect(free.cost).toBe(2000);
    const paid = solve(p(1500));
    expect(paid.routes).toHaveLength(1);
    expect(paid.cost).toBe(3000 + 1500);
  });
});

describe('unassigned reasons', () => {
  it('says there are no vehicles when the fleet is empty', () => {
    const plan = solve({ ...matrices([[0, 0]]), vehicles: [], jobs: [{ id: 'j', location: 0 }] });
    expect(plan.unassigned).toEqual([
      { job: 'j', reason: 'no_vehicles', detail: 'the problem has no vehicles' },
    ]);
  });

  it('refuses a malformed problem with a ProblemError naming the field', () => {
    const p: Problem = {
      ...matrices([[0, 0]]),
      vehicles: [{ id: 'v', start: 0, capacity: [1], onBoard: ['ghost'] }],
      jobs: [],
    };
    expect(() => solvePlan(p)).toThrow(ProblemError);
    expect(() => solvePlan(p)).toThrow('vehicles[0].onBoard[0]: unknown job "ghost"');
  });
});
