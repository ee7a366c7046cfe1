import { describe, expect, it } from 'vitest';
import { checkPlan } from '../../planner/check.ts';
import type { Plan, Problem } from '../../planner/model.ts';
import { ProblemError } from '../../planner/model.ts';
import { PlannerWorkerError, planInWorker } from './run.ts';

function lineProblem(jobs: number): Problem {
  const points = Array.from({ length: jobs + 1 }, (_, i) => [(i * 7919) % 1000, (i * 104_729) % 1000]);
  const durations = points.map(([x1, y1]) =>
    points.map(([x2, y2]) => Math.round(Math.hypot(x1 - x2, y1 - y2))),
  );
  return {
    durations,
    vehicles: [0, 1, 2].map((v) => ({ id: `v${v}`, start: 0, end: 0, capacity: [Math.ceil(jobs / 3) + 1] })),
    jobs: Array.from({ length: jobs }, (_, j) => ({ id: `j${j}`, location: j + 1, demand: [1] })),
  };
}

describe('planning in a worker thread', () => {
  it('returns a feasible plan while the main thread stays responsive', async () => {
    const problem = lineProblem(40);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const plan = await planInWorker(problem, { timeLimitMs: 400 });
    clearInterval(timer);
    expect(checkPlan(problem, plan)).toEqual([]);
    expect(plan.unassigned).toEqual([]);
    expect(ticks).toBeGreaterThan(5);
  });

  it('stops on abort and resolves with the best plan so far', async () => {
    const problem = lineProblem(60);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    // The limit is an hour: only the abort can end this run before the test's own timeout.
    const plan = await planInWorker(problem, { timeLimitMs: 3_600_000, signal: controller.signal });
    expect(checkPlan(problem, plan)).toEqual([]);
  }, 60_000);

  it('reports improving plans while it runs, then returns the best', async () => {
    const problem = lineProblem(120);
    const seen: Plan[] = [];
    const plan = await planInWorker(problem, { timeLimitMs: 600, onPlan: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(0);
    for (const p of seen) expect(checkPlan(problem, p)).toEqual([]);
    expect(checkPlan(problem, plan)).toEqual([]);
    expect(plan.cost).toBeLessThanOrEqual(seen[seen.length - 1].cost);
  });

  it('returns a plan even when the worker has to be terminated (no grace after the limit)', async () => {
    const problem = lineProblem(150);
    const plan = await planInWorker(problem, { timeLimitMs: 300, graceMs: 0 });
    expect(checkPlan(problem, plan)).toEqual([]);
  });

  it('fails only when the worker never sent a plan', async () => {
    await expect(planInWorker(lineProblem(10), { startTimeoutMs: 1 })).rejects.toThrow(PlannerWorkerError);
  });

  it('rejects a malformed problem with a ProblemError', async () => {
    await expect(
      planInWorker({ durations: [[0]], vehicles: [], jobs: [{ id: 'j', location: 3 }] }),
    ).rejects.toThrow(ProblemError);
    const ragged = {
      ...lineProblem(3),
      distances: [
        [0, 1, 2, 3],
        [1, 0, 1],
        [2, 1, 0, 1],
        [3, 2, 1, 0],
      ],
    };
    await expect(planInWorker(ragged)).rejects.toThrow('distances[1]: must have 4 entries, one per location');
  });

  it('plans with the matrices it was given, distances apart from durations', async () => {
    // An open route from 0: the durations favour j0 first (10 + 10 against 50 + 10), the distances
    // (the objective) j1 first (1 + 100 against 100 + 100). A plan that read the durations as the
    // distances, or lost the distances on the way to the thread, would go the other way.
    const problem: Problem = {
      durations: [
        [0, 10, 50],
        [10, 0, 10],
        [50, 10, 0],
      ],
      distances: [
        [0, 100, 1],
        [100, 0, 100],
        [1, 100, 0],
      ],
      objective: 'distance',
      vehicles: [{ id: 'v', start: 0, capacity: [2] }],
      jobs: [
        { id: 'j0', location: 1, demand: [1] },
        { id: 'j1', location: 2, demand: [1] },
      ],
    };
    const plan = await planInWorker(problem, { maxIterations: 50, seed: 1 });
    expect(checkPlan(problem, plan)).toEqual([]);
    expect(plan.routes[0].steps.map((s) => s.job)).toEqual(['j1', 'j0']);
    expect(plan.distance).toBe(101);
    expect(plan.duration).toBe(60);
    expect(problem.durations[1][2]).toBe(10); // the caller's problem is left as it was
  });
});
