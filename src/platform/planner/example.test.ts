import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../../planner/check.ts';
import type { Plan, Problem } from '../../planner/model.ts';
import { solvePlan } from '../../planner/plan-solve.ts';
import { estimateMatrices } from '../geo/matrix.ts';
import { parseProblem } from './validate.ts';

/** The evacuation example of docs/planner.md, read and given matrices as `porch plan` does. */
function example(): Problem {
  const doc = readFileSync(new URL('../../../docs/planner.md', import.meta.url), 'utf8');
  const at = doc.indexOf('<!-- evacuation example');
  const json = /```json\n([\s\S]*?)```/.exec(doc.slice(at))![1];
  const { locations, ...problem } = parseProblem(JSON.parse(json));
  return { ...problem, ...estimateMatrices(locations!) };
}

const summary = (plan: Plan) =>
  Object.fromEntries(
    plan.routes.map((r) => [r.vehicle, { to: r.destination, jobs: r.steps.map((s) => s.job).sort() }]),
  );

describe('the evacuation example of docs/planner.md', () => {
  it('serves every household as the docs say, within the shelters, places, pets and windows', () => {
    const problem = example();
    const plan = solvePlan(problem, { maxIterations: 500, seed: 1 });
    expect(checkPlan(problem, plan)).toEqual([]);
    expect(plan.unassigned).toEqual([]);
    expect(summary(plan)).toEqual({
      anna: { to: 'school', jobs: ['schmidt', 'yilmaz'] },
      ben: { to: 'community-hall', jobs: ['okafor'] },
      carla: { to: 'community-hall', jobs: ['garcia', 'lee', 'novak'] },
    });
    expect(plan.routes.find((r) => r.vehicle === 'anna')!.steps[0].job).toBe('schmidt');
    const into = (shelter: string) =>
      plan.routes
        .filter((r) => r.destination === shelter)
        .reduce((a, r) => a.map((q, k) => q + r.load[k]), [0, 0]);
    expect(into('community-hall')).toEqual([7, 1]);
    expect(into('school')).toEqual([4, 0]);
  });

  it('re-plans after Ben drops out without moving anyone already in a car', () => {
    const problem = example();
    problem.vehicles = problem.vehicles.filter((v) => v.id !== 'ben');
    const carla = problem.vehicles.find((v) => v.id === 'carla')!;
    Object.assign(carla, { start: 7, shift: [600, 5400], onBoard: ['novak'], steps: ['garcia'] });
    const plan = solvePlan(problem, { maxIterations: 500, seed: 1 });
    expect(checkPlan(problem, plan)).toEqual([]);
    const route = plan.routes.find((r) => r.vehicle === 'carla')!;
    expect(route.onBoard).toEqual(['novak']);
    expect(route.steps[0].job).toBe('garcia');
    expect(plan.unassigned).toEqual([
      {
        job: 'okafor',
        reason: 'capacity_exceeded',
        detail: 'no suitable vehicle has enough wheelchair (needs 1)',
      },
    ]);
  });
});
