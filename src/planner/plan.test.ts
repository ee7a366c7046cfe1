import { describe, expect, it } from 'vitest';
import { checkPlan } from './check.ts';
import { matrices, randomProblem } from './fixtures.ts';
import type { Problem } from './model.ts';
import { ProblemError } from './model.ts';
import { solvePlan } from './plan-solve.ts';

describe('the general planner', () => {
  it('returns feasible plans that account for every job (property, 16 random problems, every model part)', () => {
    for (let seed = 1; seed <= 16; seed++) {
      const options = {
        destinations: seed % 2 === 0,
        multiWindows: seed % 3 !== 0,
        fixedCosts: seed % 4 < 2,
        locks: seed > 8,
      };
      const problem = randomProblem(seed, 15 + seed * 3, 2 + (seed % 4), options);
      const plan = solvePlan(problem, { maxIterations: 150, seed });
      expect(checkPlan(problem, plan)).toEqual([]);
      const placed = plan.routes.reduce((a, r) => a + r.steps.length + r.onBoard.length, 0);
      expect(placed + plan.unassigned.length).toBe(problem.jobs.length);
    }
  });

  it('runs exactly the iterations asked for', () => {
    const problem = randomProblem(3, 30, 4);
    for (const n of [1, 7, 9, 100]) expect(solvePlan(problem, { maxIterations: n }).iterations).toBe(n);
  });

  it('is deterministic for a fixed seed and iteration limit', () => {
    const problem = randomProblem(11, 40, 5);
    const a = solvePlan(problem, { maxIterations: 300, seed: 5 });
    const b = solvePlan(problem, { maxIterations: 300, seed: 5 });
    expect(b).toEqual(a);
  });

  it('routes each driver from home to the shelter, or leaves the route open', () => {
    // Homes at x = 0 and x = 10 000, households near each, shelter in the middle.
    const points: [number, number][] = [
      [0, 0],
      [10_000, 0],
      [5000, 0],
      [200, 100],
      [300, -100],
      [9800, 100],
      [9700, 0],
    ];
    const problem: Problem = {
      ...matrices(points),
      vehicles: [
        { id: 'west', start: 0, end: 2, capacity: [4] },
        { id: 'east', start: 1, end: null, capacity: [4] },
      ],
      jobs: [
        { id: 'w1', location: 3, demand: [1] },
        { id: 'w2', location: 4, demand: [1] },
        { id: 'e1', location: 5, demand: [1] },
        { id: 'e2', location: 6, demand: [1] },
      ],
    };
    const plan = solvePlan(problem, { maxIterations: 200 });
    expect(checkPlan(problem, plan)).toEqual([]);
    const byVehicle = Object.fromEntries(
      plan.routes.map((r) => [r.vehicle, r.steps.map((s) => s.job).sort()]),
    );
    expect(byVehicle).toEqual({ west: ['w1', 'w2'], east: ['e1', 'e2'] });
    const east = plan.routes.find((r) => r.vehicle === 'east')!;
    // Open route: ends at the last household, no leg to the shelter.
    expect(east.arrival).toBe(east.steps[east.steps.length - 1].departure);
    const west = plan.routes.find((r) => r.vehicle === 'west')!;
    expect(west.distance).toBeGreaterThan(4500); // includes the leg to the shelter
  });

  it('puts wheelchair users only in wheelchair-capable vehicles and honours skills', () => {
    const points: [number, number][] = [
      [0, 0],
      [100, 0],
      [200, 0],
      [300, 0],
    ];
    const problem: Problem = {
      ...matrices(points),
      capacityNames: ['seats', 'wheelchair'],
      vehicles: [
        { id: 'car', start: 0, end: 0, capacity: [4, 0], skills: ['pets'] },
        { id: 'van', start: 0, end: 0, capacity: [2, 1] },
      ],
      jobs: [
        { id: 'wheelchair', location: 1, demand: [1, 1] },
        { id: 'dog', location: 2, demand: [1, 0], skills: ['pets'] },
        { id: 'family', location: 3, demand: [3, 0] },
      ],
    };
    const plan = solvePlan(problem, { maxIterations: 200 });
    expect(checkPlan(problem, plan)).toEqual([]);
    const where = new Map(plan.routes.flatMap((r) => r.steps.map((s) => [s.job, r.vehicle] as const)));
    expect(where.get('wheelchair')).toBe('van');
    expect(where.get('dog')).toBe('car');
    expect(where.get('family')).toBe('car');
    expect(plan.unassigned).toEqual([]);
  });

  it('explains every unassigned job with the right reason', () => {
    const points: [number, number][] = [
      [0, 0],
      [100, 0],
      [200, 0],
      [50_000, 0],
      [300, 0],
      [400, 0],
    ];
    const problem: Problem = {
      ...matrices(points),
      capacityNames: ['seats', 'wheelchair'],
      vehicles: [{ id: 'car', start: 0, end: 0, capacity: [3, 0], shift: [0, 3600] }],
      jobs: [
        { id: 'horse', location: 1, demand: [1, 0], skills: ['horse trailer'] },
        { id: 'wheelchair', location: 2, demand: [1, 1] },
        { id: 'far', location: 3, demand: [1, 0], timeWindows: [[0, 600]] },
        { id: 'urgent', location: 4, demand: [3, 0], priority: 2 },
        { id: 'routine', location: 5, demand: [2, 0], priority: 0 },
      ],
    };
    const plan = solvePlan(problem, { maxIterations: 200 });
    expect(checkPlan(problem, plan)).toEqual([]);
    const reasons = Object.fromEntries(plan.unassigned.map((u) => [u.job, u.reason]));
    expect(reasons).toEqual({
      horse: 'no_vehicle_with_skills',
      wheelchair: 'capacity_exceeded',
      far: 'time_window_unreachable',
      routine: 'fleet_too_small',
    });
    expect(plan.unassigned.find((u) => u.job === 'wheelchair')!.detail).toContain('wheelchair');
    expect(plan.routes[0].steps.map((s) => s.job)).toEqual(['urgent']);
  });

  it('honours time windows by waiting and reordering', () => {
    const points: [number, number][] = [
      [0, 0],
      [1000, 0],
      [2000, 0],
    ];
    const problem: Problem = {
      ...matrices(points),
      vehicles: [{ id: 'car', start: 0, end: 0, capacity: [4] }],
      jobs: [
        { id: 'near-late', location: 1, demand: [1], timeWindows: [[1000, 1100]] },
        { id: 'far-early', location: 2, demand: [1], timeWindows: [[0, 300]], service: 60 },
      ],
    };
    const plan = solvePlan(problem, { maxIterations: 100 });
    expect(checkPlan(problem, plan)).toEqual([]);
    expect(plan.routes[0].steps.map((s) => [s.job, s.start])).toEqual([
      ['far-early', 200],
      ['near-late', 1000],
    ]);
  });

  it('serves the most households when the fleet cannot take everyone, from its first plan', () => {
    // Two cars of 4 seats; four families of 4 far out and eight people alone nearer: the eight fit, so
    // the first plan (a single iteration) already leaves out the four families, not two of them.
    const points: [number, number][] = [
      [0, 0],
      [1000, 0],
    ];
    for (let i = 0; i < 4; i++) points.push([5000 + 100 * i, 3000]);
    for (let i = 0; i < 8; i++) points.push([1000 + 150 * i, 200 * (i % 3)]);
    const problem: Problem = {
      ...matrices(points),
      vehicles: [
        { id: 'a', start: 0, end: 1, capacity: [4] },
        { id: 'b', start: 0, end: 1, capacity: [4] },
      ],
      jobs: points.slice(2).map((_, i) => ({ id: `h${i}`, location: i + 2, demand: [i < 4 ? 4 : 1] })),
    };
    const plan = solvePlan(problem, { maxIterations: 1 });
    expect(checkPlan(problem, plan)).toEqual([]);
    expect(plan.unassigned.map((u) => u.job).sort()).toEqual(['h0', 'h1', 'h2', 'h3']);
  });

  it('rejects malformed problems with a ProblemError', () => {
    const base = matrices([
      [0, 0],
      [1, 1],
    ]);
    expect(() => solvePlan({ ...base, vehicles: [{ id: 'v', start: 5, capacity: [1] }], jobs: [] })).toThrow(
      ProblemError,
    );
    expect(() =>
      solvePlan({
        ...base,
        vehicles: [{ id: 'v', start: 0, capacity: [1] }],
        jobs: [{ id: 'j', location: 1, demand: [1, 2] }],
      }),
    ).toThrow(/dimension/);
  });
});
