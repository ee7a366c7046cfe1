/**
 * The general solver: SISR ruin-and-recreate (Christiaens & Vanden Berghe, Transportation Science
 * 54(2), 2020) over a fixed fleet with capacity vectors, skills, shifts, time windows and open routes.
 * Jobs that fit nowhere stay unassigned at a priority-weighted penalty, so the fleet serves the most
 * important jobs first; insertion checks are O(1) per position from the cached time slack (route-data.ts).
 */
import { type Compiled, compile } from './compile.ts';
import type { Plan, PlannedRoute, Problem, UnassignedJob } from './model.ts';
import { progress, type SolveOptions, stopRule } from './options.ts';
import { explainUnassigned } from './reasons.ts';
import { Rng } from './rng.ts';
import { buildRoute, insertionDelta, type RouteData } from './route-data.ts';

interface State {
  routes: RouteData[];
  /** Vehicle per job, −1 when unassigned. */
  routeOf: Int32Array;
  /** Routing cost plus the penalties of unassigned jobs. */
  objective: number;
}

const AVERAGE_REMOVED = 10;
const MAX_STRING = 10;
const BLINK_RATE = 0.01;
/** Unassigned jobs retried per iteration besides the ones the ruin removed. */
const RETRY_UNASSIGNED = 20;

/**
 * Solves a problem of the general model and returns the best plan found before the time or iteration
 * limit or cancellation. Every job is either in a route or listed as unassigned with its reason.
 * @throws ProblemError when the problem is malformed (see compile()).
 */
export function solvePlan(problem: Problem, options: SolveOptions = {}): Plan {
  const p = compile(problem);
  const rule = stopRule(options);
  const rng = new Rng(options.seed ?? 1);
  const J = p.jobs;
  let maxCost = 0;
  for (let i = 0; i < p.cost.length; i++) if (p.cost[i] > maxCost) maxCost = p.cost[i];
  // Larger than any detour one job can cause, so serving a job always pays for its travel.
  const big = 2 * maxCost + 1;
  const penalty = new Float64Array(J);
  for (let j = 0; j < J; j++) penalty[j] = big * (1 + p.priority[j]);
  const neighbors = jobNeighbors(p, Math.min(J - 1, 100));
  const K = Math.max(0, Math.min(J - 1, 100));

  let current: State = {
    routes: Array.from({ length: p.vehicles }, (_, v) => buildRoute(p, v, [])),
    routeOf: new Int32Array(J).fill(-1),
    objective: 0,
  };
  for (let j = 0; j < J; j++) current.objective += penalty[j];
  const all: number[] = Array.from({ length: J }, (_, j) => j);
  recreate(p, current, all, penalty, rng);
  let best = current;
  let iteration = 0;
  const assignedCost = (s: State): number => s.routes.reduce((a, r) => a + r.cost, 0);
  const avgEdge = Math.max(1e-9, assignedCost(current) / Math.max(1, J));
  const t0 = 0.2 * avgEdge;
  const tf = 0.005 * avgEdge;
  let temperature = t0;
  while (J > 0 && p.vehicles > 0) {
    if ((iteration & 7) === 0) {
      const pr = progress(rule, iteration);
      if (pr < 0) break;
      temperature = t0 * (tf / t0) ** pr;
    }
    iteration++;
    const candidate: State = {
      routes: current.routes.slice(),
      routeOf: current.routeOf.slice(),
      objective: current.objective,
    };
    const open = ruin(p, candidate, neighbors, K, rng, penalty);
    // Unassigned jobs get another chance next to the ones just removed: all of them while they are
    // few, a random sample when the fleet is far too small (so an iteration stays cheap).
    const waiting: number[] = [];
    for (let j = 0; j < J; j++) if (candidate.routeOf[j] < 0 && !open.includes(j)) waiting.push(j);
    for (let i = 0; i < waiting.length && i < RETRY_UNASSIGNED; i++) {
      const pick = i + rng.int(waiting.length - i);
      open.push(waiting[pick]);
      waiting[pick] = waiting[i];
    }
    recreate(p, candidate, open, penalty, rng);
    if (candidate.objective < current.objective - temperature * Math.log(rng.next())) {
      current = candidate;
      if (current.objective < best.objective - 1e-9) best = current;
    }
  }
  return toPlan(problem, p, best, iteration);
}

function jobNeighbors(p: Compiled, k: number): Int32Array {
  const J = p.jobs;
  const out = new Int32Array(J * Math.max(k, 0));
  if (k <= 0) return out;
  for (let j = 0; j < J; j++) {
    const lj = p.jobLoc[j];
    const others = Array.from({ length: J }, (_, i) => i).filter((i) => i !== j);
    others.sort((a, b) => p.cost[lj * p.size + p.jobLoc[a]] - p.cost[lj * p.size + p.jobLoc[b]] || a - b);
    for (let i = 0; i < k; i++) out[j * k + i] = others[i];
  }
  return out;
}

/** Adjacent string removal around a random seed job; returns the removed jobs (their routeOf is −1). */
function ruin(p: Compiled, s: State, nb: Int32Array, K: number, rng: Rng, penalty: Float64Array): number[] {
  const removed: number[] = [];
  const used = s.routes.filter((r) => r.seq.length > 0);
  if (used.length === 0) return removed;
  const assigned = s.routeOf.reduce((a, v) => a + (v >= 0 ? 1 : 0), 0);
  const lsMax = Math.min(MAX_STRING, assigned / used.length);
  const ksMax = (4 * AVERAGE_REMOVED) / (1 + lsMax) - 1;
  const ks = Math.floor(rng.next() * ksMax) + 1;
  let seed = rng.int(p.jobs);
  for (let tries = 0; s.routeOf[seed] < 0 && tries < p.jobs; tries++) seed = (seed + 1) % p.jobs;
  const ruined = new Set<number>();
  for (let i = -1; i < K && ruined.size < ks; i++) {
    const j = i < 0 ? seed : nb[seed * K + i];
    const v = s.routeOf[j];
    if (v < 0 || ruined.has(v)) continue;
    ruined.add(v);
    const seq = s.routes[v].seq;
    const lt = Math.floor(1 + rng.next() * Math.min(seq.length, lsMax));
    const at = seq.indexOf(j);
    const lo = Math.max(0, at - lt + 1);
    const hi = Math.min(at, seq.length - lt);
    const start = lo + rng.int(hi - lo + 1);
    const out = seq.slice(start, start + lt);
    const kept = seq.slice(0, start).concat(seq.slice(start + lt));
    for (const x of out) {
      s.routeOf[x] = -1;
      removed.push(x);
      s.objective += penalty[x];
    }
    s.objective -= s.routes[v].cost;
    s.routes[v] = buildRoute(p, v, kept);
    s.objective += s.routes[v].cost;
  }
  return removed;
}

/** Greedy insertion with blinks: highest priority first, then a random SISR order. */
function recreate(p: Compiled, s: State, jobs: number[], penalty: Float64Array, rng: Rng): void {
  const kind = rng.int(11);
  const key = new Map<number, number>();
  for (const j of jobs) {
    const depot = p.vStart[0] ?? 0;
    const far = p.cost[depot * p.size + p.jobLoc[j]];
    let demand = 0;
    for (let k = 0; k < p.dims; k++) demand += p.demand[j * p.dims + k];
    key.set(j, kind < 4 ? rng.next() : kind < 8 ? -demand - rng.next() * 0.5 : kind < 10 ? -far : far);
  }
  jobs.sort((a, b) => p.priority[b] - p.priority[a] || key.get(a)! - key.get(b)!);
  const V = p.vehicles;
  for (const j of jobs) {
    let best = Infinity;
    let bestV = -1;
    let bestPos = -1;
    for (let v = 0; v < V; v++) {
      if (p.compatible[j * V + v] === 0) continue;
      const r = s.routes[v];
      let fits = true;
      for (let k = 0; k < p.dims && fits; k++) {
        fits = r.load[k] + p.demand[j * p.dims + k] <= p.capacity[v * p.dims + k] + 1e-9;
      }
      if (!fits) continue;
      for (let pos = 0; pos <= r.seq.length; pos++) {
        if (rng.next() < BLINK_RATE) continue;
        const delta = insertionDelta(p, r, j, pos);
        if (delta < best) {
          best = delta;
          bestV = v;
          bestPos = pos;
        }
      }
    }
    if (bestV < 0) continue;
    const r = s.routes[bestV];
    const seq = r.seq.slice();
    seq.splice(bestPos, 0, j);
    s.objective -= r.cost + penalty[j];
    s.routes[bestV] = buildRoute(p, bestV, seq);
    s.objective += s.routes[bestV].cost;
    s.routeOf[j] = bestV;
  }
}

function toPlan(problem: Problem, p: Compiled, s: State, iterations: number): Plan {
  const routes: PlannedRoute[] = [];
  let duration = 0;
  let distance = 0;
  for (const r of s.routes) {
    if (r.seq.length === 0) continue;
    const v = r.vehicle;
    const S = p.size;
    let prev = p.vStart[v];
    let t = p.shiftStart[v];
    let travel = 0;
    let dist = 0;
    const load = new Array(p.dims).fill(0);
    const steps = r.seq.map((j) => {
      const l = p.jobLoc[j];
      const arrival = t + p.time[prev * S + l];
      travel += p.time[prev * S + l];
      dist += p.dist[prev * S + l];
      const start = Math.max(arrival, p.twStart[j]);
      t = start + p.service[j];
      for (let k = 0; k < p.dims; k++) load[k] += p.demand[j * p.dims + k];
      prev = l;
      return { job: problem.jobs[j].id, arrival, start, departure: t, load: load.slice() };
    });
    const end = p.vEnd[v];
    if (end >= 0) {
      t += p.time[prev * S + end];
      travel += p.time[prev * S + end];
      dist += p.dist[prev * S + end];
    }
    duration += travel;
    distance += dist;
    routes.push({
      vehicle: problem.vehicles[v].id,
      steps,
      departure: p.shiftStart[v],
      arrival: t,
      duration: travel,
      distance: dist,
      load,
    });
  }
  const unassigned: UnassignedJob[] = [];
  for (let j = 0; j < p.jobs; j++) {
    if (s.routeOf[j] < 0) unassigned.push({ job: problem.jobs[j].id, ...explainUnassigned(problem, p, j) });
  }
  return { routes, unassigned, duration, distance, iterations };
}
