/**
 * The capacity-only specialisation of the shared operators' evaluation, for plain problems (the
 * classic CVRP: identical vehicles from one depot, one capacity dimension, symmetric costs, no time
 * windows, destinations or fixed costs). It evaluates relocate (u after v, u before v), swap, 2-opt
 * (both ways) inside a route and 2-opt* between routes (after u and after v, after u and before v,
 * and with both heads reversed) for one pair in a single call, reading the pair's route data once,
 * and takes the first improving variant in that order. The moves are applied by the shared operators
 * (relocate.ts, swap.ts, two-opt.ts, two-opt-star.ts), so it is a faster evaluation of the same
 * moves, not another local search: in the general operators each one reads the pair context again
 * and checks what a plain problem does not have, which cost about twice as much per pair.
 * Chosen once per run (`plainMoves`); every operator of the general path stays exact for the CVRP too.
 */
import type { Compiled } from './compile.ts';
import { isPlain } from './construct.ts';
import type { Relocate } from './relocate.ts';
import type { Solution } from './solution.ts';
import type { Swap } from './swap.ts';
import type { TwoOpt } from './two-opt.ts';
import type { TwoOptStar } from './two-opt-star.ts';

const RELOCATE = 0;
const SWAP = 1;
const TWO_OPT = 2;
const TWO_OPT_STAR = 3;
/** Slack on capacity comparisons (moves.ts SPARE; a local constant, read in the hottest loop). */
const SPARE = 1e-9;

/**
 * Whether the model is plain enough for the specialised evaluation: plain (construct.ts `isPlain`),
 * one capacity dimension, no fixed cost and a zero cost from the depot to itself (so emptying a route
 * saves exactly its edges, as the general formulas assume).
 */
export function plainMovesApply(m: Compiled): boolean {
  if (!isPlain(m) || m.dims !== 1) return false;
  for (let r = 0; r < m.routes; r++) if (m.fixedCost[r] !== 0 || m.baseCost[r] !== 0) return false;
  const depot = m.startLoc[0];
  return m.cost[depot * m.size + depot] === 0;
}

/** Where applied moves are reported: the local search's queue. */
export interface Queue {
  applied: number;
  push(x: number): void;
}

/** Relocate, swap, 2-opt and 2-opt* for the pairs of a plain problem, evaluated in one call per job. */
export class PlainMoves {
  private readonly cost: Compiled['cost'];
  private readonly S: number;
  private readonly demand: Float64Array;
  private readonly Q: number;
  private op = -1;

  /** `eps`: least improvement taken (the local search's). */
  constructor(
    m: Compiled,
    private readonly relocate: Relocate,
    private readonly swap: Swap,
    private readonly twoOpt: TwoOpt,
    private readonly twoOptStar: TwoOptStar,
    private readonly eps: number,
  ) {
    this.cost = m.cost;
    this.S = m.size;
    this.demand = m.demand;
    this.Q = m.capacity[0];
  }

  /**
   * Examines job u with the neighbours list[row … row + g) in turn, as the local search does: for each
   * (u, v), both routed, the first improving move in the order above is applied at once (the routes'
   * data is refreshed when stale) and the nodes around it are given to `queue` to examine again.
   * Returns the number of moves applied; `gain` is then the sum of their cost changes.
   */
  examine(s: Solution, u: number, list: Int32Array, row: number, g: number, queue?: Queue): number {
    const { next, prev, route, loc, out, load, stale, pos, preLoad: pre } = s;
    const { cost, S, demand: dem, eps } = this;
    const Q1 = this.Q + SPARE;
    let applied = 0;
    this.gain = 0;
    pairs: for (let j = 0; j < g; j++) {
      const ru = route[u];
      if (ru < 0) break;
      const v = list[row + j];
      const rv = route[v];
      if (rv < 0) continue;
      if (stale[ru] !== 0) s.ensure(ru);
      if (stale[rv] !== 0) s.ensure(rv);
      const pu = prev[u];
      const nu = next[u];
      const pv = prev[v];
      const nv = next[v];
      const lu = loc[u];
      const lv = loc[v];
      const lpu = loc[pu];
      const lnu = loc[nu];
      const lpv = loc[pv];
      const lnv = loc[nv];
      const U = lu * S;
      const V = lv * S;
      const oU = out[u];
      const oV = out[v];
      const oPu = out[pu];
      const oPv = out[pv];
      const du = dem[u];
      const same = ru === rv;
      let delta = 0;
      // Left at the first improving variant (its operator set for apply); no move: the next pair.
      for (;;) {
        const removeGain = cost[lpu * S + lnu] - oPu - oU;
        if (same || load[rv] + du <= Q1) {
          if (nv !== u) {
            delta = removeGain + cost[V + lu] + cost[U + lnv] - oV;
            if (delta < -eps) {
              this.set(RELOCATE, u, v, false);
              break;
            }
          }
          if (pv !== u) {
            delta = removeGain + cost[lpv * S + lu] + cost[U + lv] - oPv;
            if (delta < -eps) {
              this.set(RELOCATE, u, pv, false);
              break;
            }
          }
        }
        if (nu !== v && pu !== v) {
          const dv = dem[v];
          if (same || (load[ru] - du + dv <= Q1 && load[rv] - dv + du <= Q1)) {
            delta = cost[V + lpu] + cost[V + lnu] - oPu - oU + cost[U + lpv] + cost[U + lnv] - oPv - oV;
            if (delta < -eps) {
              this.set(SWAP, u, v, false);
              break;
            }
          }
        }
        if (same) {
          // 2-opt: u → v and next(u) → next(v), or prev(u) → prev(v) and u → v (symmetric costs).
          const before = pos[u] < pos[v];
          delta = cost[U + lv] + cost[lnu * S + lnv] - oU - oV;
          if (delta < -eps) {
            this.set(TWO_OPT, before ? nu : nv, before ? v : u, false);
            break;
          }
          delta = cost[U + lv] + cost[lpu * S + lpv] - oPu - oPv;
          if (delta < -eps) {
            this.set(TWO_OPT, before ? u : v, before ? pv : pu, false);
            break;
          }
          continue pairs;
        }
        const loadU = load[ru];
        const loadV = load[rv];
        const preU = pre[u];
        const preV = pre[v];
        // 2-opt*: tails exchanged after u and after v (u → next(v), v → next(u)).
        if (preU + loadV - preV <= Q1 && preV + loadU - preU <= Q1) {
          delta = cost[U + lnv] + cost[V + lnu] - oU - oV;
          if (delta < -eps) {
            this.set(TWO_OPT_STAR, u, v, false);
            break;
          }
        }
        // After u and before v (u → v, prev(v) → next(u)); prev(v) may be the start: v's route empties.
        const preP = preV - dem[v];
        if (preU + loadV - preP <= Q1 && preP + loadU - preU <= Q1) {
          delta = cost[U + lv] + cost[lpv * S + lnu] - oU - oPv;
          if (delta < -eps) {
            this.set(TWO_OPT_STAR, u, pv, false);
            break;
          }
        }
        // Both heads reversed: u → v and next(u) → next(v).
        if (preU + preV <= Q1 && loadU - preU + loadV - preV <= Q1) {
          delta = cost[U + lv] + cost[lnu * S + lnv] - oU - oV;
          if (delta < -eps) {
            this.set(TWO_OPT_STAR, u, v, true);
            break;
          }
        }
        continue pairs;
      }
      this.apply(s);
      this.gain += delta;
      applied++;
      if (queue) {
        queue.applied++;
        queue.push(u);
        queue.push(v);
        queue.push(pu);
        queue.push(nu);
        queue.push(pv);
        queue.push(nv);
      }
    }
    return applied;
  }

  /** Sum of the cost changes applied by the last `examine` (negative when it applied any). */
  gain = 0;

  /** Hands the move to the operator that applies it. */
  private set(op: number, a: number, b: number, flag: boolean): void {
    this.op = op;
    if (op === RELOCATE) this.relocate.set(a, b);
    else if (op === SWAP) this.swap.set(a, b);
    else if (op === TWO_OPT) this.twoOpt.set(a, b);
    else this.twoOptStar.set(a, b, flag);
  }

  /** Applies the move last found. */
  private apply(s: Solution): void {
    const op = this.op;
    if (op === RELOCATE) this.relocate.apply(s);
    else if (op === SWAP) this.swap.apply(s);
    else if (op === TWO_OPT) this.twoOpt.apply(s);
    else if (op === TWO_OPT_STAR) this.twoOptStar.apply(s);
  }
}
