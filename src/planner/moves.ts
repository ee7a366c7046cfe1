/**
 * What the local-search operators share: the pair context, the `Operator` unit and the checks they
 * use. Each operator is a unit in its own file (relocate.ts, swap.ts, two-opt.ts, two-opt-star.ts,
 * or-opt.ts, swap-star.ts, choose-destination.ts): it evaluates the best variant of its move between
 * a job u and one of its granular neighbours v (Toth & Vigo 2003) and applies it on request. Moves between two
 * routes join a head of one route to a tail of another, so capacity (prefix loads) and time windows
 * (forward departure, backward latest arrival: Savelsbergh 1992) are checked in O(1); moves inside one
 * route walk the part that changes. The cost is evaluated first and feasibility only for an
 * improvement. The moves are those of the classic CVRP/VRPTW local searches (relocate, swap, 2-opt,
 * 2-opt*, or-opt; see Vidal, "Hybrid genetic search for the CVRP: Open-source implementation and SWAP*
 * neighborhood", Computers & Operations Research 140, 2022) plus the choice of a route's destination.
 * Every operator keeps the solution's cost exact (it is recomputed from edges as routes change).
 */
import type { Compiled } from './compile.ts';
import type { Solution } from './solution.ts';

/**
 * The pair of jobs a move is evaluated for, with what every operator reads of it, filled once per
 * pair by the local search: their routes and neighbours.
 */
export class Pair {
  u = 0;
  v = 0;
  ru = 0;
  rv = 0;
  same = false;
  pu = 0;
  nu = 0;
  pv = 0;
  nv = 0;
  /** Locations of u, v and their neighbours (matrix indices). */
  lu = 0;
  lv = 0;
  lpu = 0;
  lnu = 0;
  lpv = 0;
  lnv = 0;
  /** Costs of the edges leaving pu, u, pv and v (the routes' cached `out`). */
  oPu = 0;
  oU = 0;
  oPv = 0;
  oV = 0;
  /** Every job fits every route (one vehicle class, no destinations): no per-job checks. */
  readonly anyRoute: boolean;
  /** One capacity dimension and no destinations: scalar capacity checks. */
  readonly oneDim: boolean;
  /** Every route ends at one place (no destinations to choose): exchanged tails keep their last legs. */
  readonly oneEnd: boolean;

  constructor(m: Compiled) {
    this.anyRoute = m.classes === 1 && m.dests === 0;
    this.oneDim = m.dims === 1 && m.dests === 0;
    let oneEnd = m.dests === 0 && m.routes > 0;
    for (let r = 1; r < m.routes && oneEnd; r++) oneEnd = m.endLoc[r] === m.endLoc[0];
    this.oneEnd = oneEnd;
  }

  /** Fills the context for jobs u and v (routed, their routes' data fresh) of solution s. */
  set(s: Solution, u: number, v: number): void {
    const { next, prev, route, loc, out } = s;
    this.u = u;
    this.v = v;
    this.ru = route[u];
    this.rv = route[v];
    this.same = this.ru === this.rv;
    const pu = prev[u];
    const nu = next[u];
    const pv = prev[v];
    const nv = next[v];
    this.pu = pu;
    this.nu = nu;
    this.pv = pv;
    this.nv = nv;
    this.lu = loc[u];
    this.lv = loc[v];
    this.lpu = loc[pu];
    this.lnu = loc[nu];
    this.lpv = loc[pv];
    this.lnv = loc[nv];
    this.oPu = out[pu];
    this.oU = out[u];
    this.oPv = out[pv];
    this.oV = out[v];
  }
}

/** Which pairs an operator moves: jobs of one route, of two routes, or both (a bit mask). */
export const SAME_ROUTE = 1;
export const TWO_ROUTES = 2;

/** A local-search move between two jobs. */
export interface Operator {
  /** SAME_ROUTE, TWO_ROUTES or both: the local search calls `evaluate` only for those pairs. */
  readonly scope: number;
  /**
   * Cost change of the best variant for the pair (both routed, their routes' data fresh), or Infinity
   * when no variant is feasible; the variant is remembered for `apply`.
   */
  evaluate(s: Solution, p: Pair): number;
  /** Applies the variant last evaluated. */
  apply(s: Solution): void;
}

/** Slack allowed on capacity comparisons (floating-point loads). */
export const SPARE = 1e-9;

/**
 * Whether route r can take the load change delta[0 … dims): its vehicle capacity, and its destination's
 * capacity unless the change comes from a route with the same destination (`otherDest`).
 */
export function loadOk(s: Solution, r: number, delta: Float64Array, otherDest: number): boolean {
  const m = s.m;
  const D = m.dims;
  for (let k = 0; k < D; k++) if (s.load[r * D + k] + delta[k] > m.capacity[r * D + k] + SPARE) return false;
  const d = s.dest[r];
  if (d >= 0 && d !== otherDest) {
    for (let k = 0; k < D; k++) {
      if (delta[k] > 0 && s.destLoad[d * D + k] + delta[k] > m.destCap[d * D + k] + SPARE) return false;
    }
  }
  return true;
}

/** Whether every job of the chain from `head` up to (not including) `stop` may ride on route r. */
export function chainFits(s: Solution, head: number, stop: number, r: number): boolean {
  for (let x = head; x !== stop; x = s.next[x]) if (!s.fits(x, r)) return false;
  return true;
}

/** Cost saved by taking the chain u … w out of its route (−Infinity-safe: empties the route when it is all of it). */
export function removalDelta(s: Solution, u: number, w: number, len: number): number {
  const r = s.route[u];
  const pu = s.prev[u];
  const nw = s.next[w];
  if (s.size[r] === len && !s.m.forced[r]) return -s.rcost[r];
  return s.c(pu, nw) - s.out[pu] - s.out[w];
}

/** Copies the jobs of the chain from `head` up to (not including) `stop` into buf from index i; returns the new length. */
export function copyChain(s: Solution, head: number, stop: number, buf: Int32Array, i: number): number {
  for (let x = head; x !== stop; x = s.next[x]) buf[i++] = x;
  return i;
}
