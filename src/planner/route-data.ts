/**
 * An immutable route of the general model with the data for O(1) insertion checks: departure times,
 * latest feasible service starts (the forward/backward time slack of Savelsbergh 1992) and the load.
 */
import type { Compiled } from './compile.ts';

/** One vehicle's route: job indices in order plus cached schedule and load. Never mutated once built. */
export interface RouteData {
  vehicle: number;
  seq: number[];
  /** Departure (end of service) per position, seconds. */
  dep: Float64Array;
  /** Latest start of service per position that keeps the rest of the route feasible, seconds. */
  latest: Float64Array;
  /** Latest arrival at the end location (or end of last service when open), seconds. */
  latestEnd: number;
  /** Load per dimension. */
  load: Float64Array;
  /** Objective cost of the route (0 when empty). */
  cost: number;
}

/** Builds the cached data of a route; the caller guarantees feasibility (or checks with `feasible`). */
export function buildRoute(p: Compiled, vehicle: number, seq: number[]): RouteData {
  const L = seq.length;
  const dep = new Float64Array(L);
  const latest = new Float64Array(L);
  const load = new Float64Array(p.dims);
  const S = p.size;
  let t = p.shiftStart[vehicle];
  let prev = p.vStart[vehicle];
  let cost = 0;
  for (let i = 0; i < L; i++) {
    const j = seq[i];
    const l = p.jobLoc[j];
    const start = Math.max(t + p.time[prev * S + l], p.twStart[j]);
    t = start + p.service[j];
    dep[i] = t;
    cost += p.cost[prev * S + l];
    for (let k = 0; k < p.dims; k++) load[k] += p.demand[j * p.dims + k];
    prev = l;
  }
  const end = p.vEnd[vehicle];
  if (L > 0 && end >= 0) cost += p.cost[prev * S + end];
  const latestEnd = p.shiftEnd[vehicle];
  let next = latestEnd;
  let nextLoc = end;
  for (let i = L - 1; i >= 0; i--) {
    const j = seq[i];
    const l = p.jobLoc[j];
    const travel = nextLoc >= 0 ? p.time[l * S + nextLoc] : 0;
    latest[i] = Math.min(p.twEnd[j], next - travel - p.service[j]);
    next = latest[i];
    nextLoc = l;
  }
  return { vehicle, seq, dep, latest, latestEnd, load, cost };
}

/** Whether the route's schedule meets every time window and the shift end (start of the first leg included). */
export function routeFeasible(p: Compiled, r: RouteData): boolean {
  if (r.seq.length === 0) return true;
  const first = r.seq[0];
  const arr = p.shiftStart[r.vehicle] + p.time[p.vStart[r.vehicle] * p.size + p.jobLoc[first]];
  if (arr > r.latest[0]) return false;
  for (let k = 0; k < p.dims; k++) if (r.load[k] > p.capacity[r.vehicle * p.dims + k] + 1e-9) return false;
  return true;
}

/**
 * Cost delta of inserting job j at position pos (before seq[pos]) in r, or NaN when infeasible
 * (time window, shift end). Capacity is checked by the caller once per route.
 */
export function insertionDelta(p: Compiled, r: RouteData, j: number, pos: number): number {
  const S = p.size;
  const v = r.vehicle;
  const L = r.seq.length;
  const prevLoc = pos === 0 ? p.vStart[v] : p.jobLoc[r.seq[pos - 1]];
  const prevDep = pos === 0 ? p.shiftStart[v] : r.dep[pos - 1];
  const l = p.jobLoc[j];
  const start = Math.max(prevDep + p.time[prevLoc * S + l], p.twStart[j]);
  if (start > p.twEnd[j]) return Number.NaN;
  const dep = start + p.service[j];
  let delta = p.cost[prevLoc * S + l];
  if (pos < L) {
    const nextLoc = p.jobLoc[r.seq[pos]];
    if (dep + p.time[l * S + nextLoc] > r.latest[pos]) return Number.NaN;
    delta += p.cost[l * S + nextLoc] - p.cost[prevLoc * S + nextLoc];
  } else {
    const end = p.vEnd[v];
    if (end >= 0) {
      if (dep + p.time[l * S + end] > r.latestEnd) return Number.NaN;
      delta += p.cost[l * S + end] - (L > 0 ? p.cost[prevLoc * S + end] : 0);
    } else if (dep > r.latestEnd) {
      return Number.NaN;
    }
  }
  return delta;
}
