/**
 * The general path: compiles a problem of the general model (compile.ts), searches it with the shared
 * route model (search.ts) and writes the plan: every vehicle's route with its locked steps first, the
 * times of each stop, loads, destinations, and every job not served with its reason (reasons.ts).
 * Serving jobs comes first: an unserved job costs more than any detour it could cause (and a vehicle
 * it may need), times 1 + its priority; then travel and the fixed costs of the vehicles used.
 */
import { type Compiled, compile, type FlatMatrices } from './compile.ts';
import type { Plan, PlannedRoute, Problem, Step, UnassignedJob } from './model.ts';
import type { SolveOptions } from './options.ts';
import { explainUnassigned } from './reasons.ts';
import { search, type Tuning } from './search.ts';
import type { Solution } from './solution.ts';

/** Options of `solvePlan`: the stop rule, and progress reports of the best plan. */
export interface PlanOptions extends SolveOptions {
  /**
   * Called with the best plan so far: the first complete plan at once, then while it improves at most
   * every `progressEveryMs`, so a caller that must stop the solver abruptly still has a plan.
   */
  onPlan?: (plan: Plan) => void;
  /** Least time between two `onPlan` reports, milliseconds (default 200). */
  progressEveryMs?: number;
  /** The problem's matrices already flattened (`flattenMatrices`); the problem's own are then not read. */
  matrices?: FlatMatrices;
}

/**
 * Solves a problem of the general model and returns the best plan found before the time or iteration
 * limit or cancellation. Every job is in a route (as a stop, or on board) or listed as unassigned with
 * its reason.
 * @throws ProblemError when the problem is malformed (see compile()).
 */
export function solvePlan(problem: Problem, options: PlanOptions = {}, tuning: Partial<Tuning> = {}): Plan {
  const m = compile(problem, options.matrices);
  let lastReport = -Infinity;
  const every = options.progressEveryMs ?? 200;
  const onBest = options.onPlan
    ? (best: Solution, ms: number): void => {
        if (ms - lastReport < every) return;
        lastReport = ms;
        options.onPlan!(toPlan(problem, m, best, 0));
      }
    : undefined;
  const { best, iterations } = search(m, options, tuning, onBest);
  return toPlan(problem, m, best, iterations);
}

/** Writes a solution as a Plan, re-computing every time, load and total from the problem's matrices. */
export function toPlan(problem: Problem, m: Compiled, s: Solution, iterations: number): Plan {
  const routes: PlannedRoute[] = [];
  const S = m.size;
  const D = m.dims;
  const jobOf = new Map(problem.jobs.map((j) => [j.id, j]));
  let duration = 0;
  let distance = 0;
  let cost = 0;
  // Routes in the problem's vehicle order.
  const routeOf = new Int32Array(problem.vehicles.length).fill(-1);
  for (let r = 0; r < m.routes; r++) routeOf[m.routeVehicle[r]] = r;
  problem.vehicles.forEach((v, vi) => {
    const r = routeOf[vi];
    if (r < 0 || !s.used(r)) return;
    const jobs = [
      ...(v.steps ?? []).map((id) => jobOf.get(id)!),
      ...s.jobsOf(r).map((x) => problem.jobs[m.jobIndex[x]]),
    ];
    const load = new Array<number>(D).fill(0);
    for (const id of v.onBoard ?? []) {
      (jobOf.get(id)!.demand ?? []).forEach((q, k) => {
        load[k] += q;
      });
    }
    let at = v.start;
    const [shiftStart] = v.shift ?? [0, Infinity];
    let t = shiftStart;
    let travel = 0;
    let dist = 0;
    let routeCost = 0;
    const steps: Step[] = jobs.map((job) => {
      const leg = at * S + job.location;
      const arrival = t + m.time[leg];
      travel += m.time[leg];
      dist += m.dist[leg];
      routeCost += m.cost[leg];
      const start = earliestStart(job.timeWindows, arrival);
      t = start + (job.service ?? 0);
      (job.demand ?? []).forEach((q, k) => {
        load[k] += q;
      });
      at = job.location;
      return { job: job.id, arrival, start, departure: t, load: load.slice() };
    });
    const d = s.dest[r];
    const end = d >= 0 ? m.destLoc[d] : v.end === null || v.end === undefined ? -1 : v.end;
    if (end >= 0) {
      const leg = at * S + end;
      t += m.time[leg];
      travel += m.time[leg];
      dist += m.dist[leg];
      routeCost += m.cost[leg];
    }
    duration += travel;
    distance += dist;
    cost += routeCost + (v.fixedCost ?? 0);
    const route: PlannedRoute = {
      vehicle: v.id,
      onBoard: [...(v.onBoard ?? [])],
      steps,
      departure: shiftStart,
      arrival: t,
      duration: travel,
      distance: dist,
      load,
    };
    if (d >= 0) route.destination = problem.destinations![d].id;
    routes.push(route);
  });
  const unassigned: UnassignedJob[] = [];
  for (let x = 0; x < m.jobs; x++) {
    if (s.route[x] < 0)
      unassigned.push({ job: problem.jobs[m.jobIndex[x]].id, ...explainUnassigned(problem, m, s, x) });
  }
  return { routes, unassigned, duration, distance, cost, iterations };
}

/** Earliest start of service at or after `arrival` within the windows (the solver kept it feasible). */
function earliestStart(windows: [number, number][] | undefined, arrival: number): number {
  if (!windows || windows.length === 0) return arrival;
  for (const [a, b] of windows) if (arrival <= b) return Math.max(arrival, a);
  return arrival;
}
