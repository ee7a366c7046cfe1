import { describe, expect, it } from 'vitest';
import { checkPlan } from './check.ts';
import type { Problem } from './model.ts';
import { ProblemError } from './model.ts';
import { solvePlan } from './plan-solve.ts';
import { Rng } from './rng.ts';

/** Points on a line or plane → matrices in metres and seconds (10 m/s). */
function matrices(points: [number, number][]): { durations: number[][]; distances: number[][] } {
  const distances = points.map(([x1, y1]) =>
    points.map(([x2, y2]) => Math.round(Math.hypot(x1 - x2, y1 - y2))),
  );
  return { distances, durations: distances.map((row) => row.map((d) => Math.round(d / 10))) };
}

/** A random evacuation-like problem: drivers at home, one shelter, seats and wheelchair spaces, windows. */
function randomProblem(seed: number, jobs: number, vehicles: number): Problem {
  const rng = new Rng(seed);
  const points: [number, number][] = [];
  for (let i = 0; i < jobs + vehicles + 1; i++) points.push([rng.int(10_000), rng.int(10_000)]);
  const shelter = jobs + vehicles;
  return {
    ...matrices(points),
    capacityNames: ['seats', 'wheelchair'],
    vehicles: Array.from({ length: vehicles }, (_, v) => ({
      id: `v${v}`,
      start: jobs + v,
      end: v % 3 === 2 ? null : shelter,
      capacity: [4 + rng.int(4), v % 2],
      skills: v % 2 === 0 ? ['pets'] : [],
      shift: [0, 4000 + rng.int(4000)] as [number, number],
      maxDuration: v % 4 === 1 ? 3000 : undefined,
    })),
    jobs: Array.from({ length: jobs }, (_, j) => {
      const open = rng.int(3000);
      return {
        id: `j${j}`,
        location: j,
        demand: [1 + rng.int(3), rng.next() < 0.15 ? 1 : 0],
        skills: rng.next() < 0.2 ? ['pets'] : [],
        service: 60 + rng.int(240),
        priority: rng.int(3),
        timeWindow: rng.next() < 0.5 ? ([open, open + 600 + rng.int(2400)] as [number, number]) : undefined,
      };
    }),
  };
}

describe('the general planner', () => {
  it('returns feasible plans that account for every job (property, 8 random problems)', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const problem = randomProblem(seed, 15 + seed * 5, 2 + (seed % 4));
      const plan = solvePlan(problem, { maxIterations: 150, seed });
      expect(checkPlan(problem, plan)).toEqual([]);
      expect(plan.routes.reduce((a, r) => a + r.steps.length, 0) + plan.unassigned.length).toBe(
        problem.jobs.length,
      );
    }
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
        { id: 'far', location: 3, demand: [1, 0], timeWindow: [0, 600] },
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
        { id: 'near-late', location: 1, demand: [1], timeWindow: [1000, 1100] },
        { id: 'far-early', location: 2, demand: [1], timeWindow: [0, 300], service: 60 },
      ],
    };
    const plan = solvePlan(problem, { maxIterations: 100 });
    expect(checkPlan(problem, plan)).toEqual([]);
    expect(plan.routes[0].steps.map((s) => [s.job, s.start])).toEqual([
      ['far-early', 200],
      ['near-late', 1000],
    ]);
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
