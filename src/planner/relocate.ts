import { copyChain, loadOk, type Operator, type Pair, SAME_ROUTE, SPARE, TWO_ROUTES } from './moves.ts';
import type { Solution } from './solution.ts';

/** Moves job u to after v or to before v, in the same or another route. */
export class Relocate implements Operator {
  readonly scope = SAME_ROUTE | TWO_ROUTES;
  private u = -1;
  private a = -1;
  private readonly delta: Float64Array;
  private readonly buf: Int32Array;

  constructor(dims: number, nodes: number) {
    this.delta = new Float64Array(dims);
    this.buf = new Int32Array(nodes);
  }

  evaluate(s: Solution, p: Pair): number {
    const { u, v, same } = p;
    if (u === v || (!same && !this.room(s, p))) return Infinity;
    const { pu, nu, pv, nv, lu, lv } = p;
    const cost = s.m.cost;
    const S = s.m.size;
    const Lu = lu * S;
    // Taking u out (a route left empty costs nothing any more).
    const rem = same || s.size[p.ru] > 1 ? cost[p.lpu * S + p.lnu] - p.oPu - p.oU : this.emptied(s, p);
    // After v (v → u → nv), or before v (pv → u → v); neither where u already is.
    const after = v === pu || nv === u ? Infinity : rem + cost[lv * S + lu] + cost[Lu + p.lnv] - p.oV;
    const before = pv === u || v === nu ? Infinity : rem + cost[p.lpv * S + lu] + cost[Lu + lv] - p.oPv;
    return after < 0 || before < 0 ? this.choose(s, p, after, before) : Infinity;
  }

  /** Whether v's route can take u (capacity and compatibility, from cached data: they refuse most moves between routes). */
  private room(s: Solution, p: Pair): boolean {
    const m = s.m;
    const { u, rv } = p;
    if (p.oneDim) {
      if (s.load[rv] + m.demand[u] > m.capacity[rv] + SPARE) return false;
    } else {
      const D = m.dims;
      for (let k = 0; k < D; k++) this.delta[k] = m.demand[u * D + k];
      if (!loadOk(s, rv, this.delta, s.dest[p.ru])) return false;
    }
    return p.anyRoute || s.fits(u, rv);
  }

  /** Cost change of taking u, alone on its route, out: the route is no longer used, unless forced. */
  private emptied(s: Solution, p: Pair): number {
    const { u, pu, nu, ru } = p;
    return s.m.forced[ru] ? s.c(pu, nu) - s.out[pu] - s.out[u] : -s.rcost[ru];
  }

  /** The better feasible of the two improving variants (or Infinity), remembered for apply. */
  private choose(s: Solution, p: Pair, after: number, before: number): number {
    const { u, v, pv, same } = p;
    this.u = u;
    if (after <= before) {
      if (after < 0 && this.feasible(s, u, v, same)) return after;
      if (before < 0 && this.feasible(s, u, pv, same)) return before;
    } else {
      if (before < 0 && this.feasible(s, u, pv, same)) return before;
      if (after < 0 && this.feasible(s, u, v, same)) return after;
    }
    return Infinity;
  }

  /** Whether u may go after node a (then remembered as the move). */
  private feasible(s: Solution, u: number, a: number, same: boolean): boolean {
    this.a = a;
    const m = s.m;
    const b = s.next[a];
    const pu = s.prev[u];
    const nu = s.next[u];
    if (!same) {
      if (m.timed) {
        if (s.fwd[pu] + s.t(pu, nu) > s.bwd[nu]) return false;
        if (s.depart(u, s.fwd[a] + s.t(a, u)) + s.t(u, b) > s.bwd[b]) return false;
      }
      return true;
    }
    if (!m.timed) return true;
    const buf = this.buf;
    let len = 0;
    if (s.pos[a] < s.pos[u]) {
      buf[len++] = u;
      len = copyChain(s, b, u, buf, len);
      return s.walk(a, buf, len, nu);
    }
    len = copyChain(s, nu, b, buf, len);
    buf[len++] = u;
    return s.walk(pu, buf, len, b);
  }

  /** Sets the move to apply: u to after node a (for an evaluation made elsewhere: plain-moves.ts). */
  set(u: number, a: number): void {
    this.u = u;
    this.a = a;
  }

  apply(s: Solution): void {
    s.remove(this.u);
    s.insert(this.u, this.a);
  }
}
