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
  });
});
