/**
 * Problems for tests: matrices from points on a plane, and random evacuation-like problems using
 * every part of the model (seats and wheelchair places, skills, shifts, several time windows,
 * shelters with shared capacity that some households require, fixed costs, jobs on board, locked
 * steps and locked assignments), so properties can be checked over many shapes.
 */
import type { Problem } from './model.ts';
import { Rng } from './rng.ts';

/** Points (metres) → distance matrix (metres, rounded) and durations (seconds at 10 m/s, rounded). */
export function matrices(points: [number, number][]): { durations: number[][]; distances: number[][] } {
  const distances = points.map(([x1, y1]) =>
    points.map(([x2, y2]) => Math.round(Math.hypot(x1 - x2, y1 - y2))),
  );
  return { distances, durations: distances.map((row) => row.map((d) => Math.round(d / 10))) };
}

/** What a random problem uses beyond capacities, skills, shifts and single windows. */
export interface RandomOptions {
  /** Two shelters with capacity; some vehicles choose between them; some jobs require one. */
  destinations?: boolean;
  /** Some jobs with two windows. */
  multiWindows?: boolean;
  /** A fixed cost per vehicle. */
  fixedCosts?: boolean;
  /** Jobs on board, locked steps and jobs locked to a vehicle. */
  locks?: boolean;
}

/**
 * A random evacuation-like problem: `jobs` households and `vehicles` drivers starting at home over a
 * 10 km square, ending at a shelter, at home, open, or at one of two shelters.
 */
export function randomProblem(seed: number, jobs: number, vehicles: number, o: RandomOptions = {}): Problem {
  const rng = new Rng(seed);
  const points: [number, number][] = [];
  for (let i = 0; i < jobs + vehicles + 2; i++) points.push([rng.int(10_000), rng.int(10_000)]);
  const shelter = jobs + vehicles;
  const problem: Problem = {
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
      fixedCost: o.fixedCosts ? rng.int(2000) : undefined,
    })),
    jobs: Array.from({ length: jobs }, (_, j) => {
      const open = rng.int(3000);
      const width = 600 + rng.int(2400);
      const windows: [number, number][] | undefined =
        rng.next() < 0.5
          ? o.multiWindows && rng.next() < 0.5
            ? [
                [open, open + 300],
                [open + 300 + width, open + 600 + 2 * width],
              ]
            : [[open, open + width]]
          : undefined;
      return {
        id: `j${j}`,
        location: j,
        demand: [1 + rng.int(3), rng.next() < 0.15 ? 1 : 0],
        skills: rng.next() < 0.2 ? ['pets'] : [],
        service: 60 + rng.int(240),
        priority: rng.int(3),
        timeWindows: windows,
      };
    }),
  };
  if (o.destinations) {
    problem.destinations = [
      { id: 'school', location: shelter, capacity: [Math.ceil(jobs * 0.8), 2] },
      { id: 'hall', location: shelter + 1, capacity: [Math.ceil(jobs * 0.8), 3] },
    ];
    problem.vehicles.forEach((v, i) => {
      if (i % 2 === 0) {
        v.end = undefined;
        v.destinations = i % 4 === 0 ? ['school', 'hall'] : ['hall'];
      }
    });
    problem.jobs.forEach((j, i) => {
      if (i % 5 === 0) j.destinations = ['hall'];
    });
  }
  if (o.locks && vehicles > 1 && jobs > 6) {
    // v0 carries j0 and has been sent to j1, then j2; j3 must go with v1.
    const v0 = problem.vehicles[0];
    for (const j of problem.jobs.slice(0, 3)) {
      j.skills = [];
      j.timeWindows = undefined;
      j.demand = [1, 0];
    }
    v0.onBoard = ['j0'];
    v0.steps = ['j1', 'j2'];
    v0.shift = [0, 20_000];
    v0.maxDuration = undefined;
    if (v0.end === null) v0.end = shelter;
    problem.jobs[3].vehicle = 'v1';
    problem.jobs[3].skills = [];
  }
  return problem;
}
