import { chainFits, copyChain, loadOk, type Operator, type Pair, SPARE, TWO_ROUTES } from './moves.ts';
import type { Solution } from './solution.ts';

/**
 * 2-opt* between two routes: exchanges their tails, after u and after v (u → next(v), v → next(u)) or
 * after u and before v (u → v, prev(v) → next(u)); with `reversed` (symmetric, untimed, identical
 * routes from one depot) also u → v with both heads' orientation reversed.
 */
export class TwoOptStar implements Operator {
  readonly scope = TWO_ROUTES;
  private u = -1;
  private x = -1;
  private rev = false;
  private readonly delta: Float64Array;
  private readonly buf: Int32Array;

  constructor(
    dims: number,
    nodes: number,
    private readonly reversed: boolean,
  ) {
    this.delta = new Float64Array(dims);
    this.buf = new Int32Array(nodes);
  }

  evaluate(s: Solution, p: Pair): number {
    if (p.same) return Infinity;
    const { u, v } = p;
    this.u = u;
    const d1 = this.tails(s, p, v, p.nv, p.lv, p.lnv, p.oV);
    const d2 = this.tails(s, p, p.pv, v, p.lpv, p.lv, p.oPv);
    let best = d1;
    this.x = v;
    this.rev = false;
    if (d2 < best) {
      best = d2;
      this.x = p.pv;
    }
    if (this.reversed) {
      const d3 = this.crossed(s, p);
      if (d3 < best) {
        best = d3;
        this.x = v;
        this.rev = true;
      }
    }
    return best;
  }

  /**
   * Exchanging the tails after u and after x (x in v's route, may be its start node; ny = next(x),
   * lx and lny their locations, oX the cost of the edge leaving x).
   */
  private tails(s: Solution, p: Pair, x: number, ny: number, lx: number, lny: number, oX: number): number {
    const m = s.m;
    const cost = m.cost;
    const S = m.size;
    const { loc, prev } = s;
    const { u, nu, ru } = p;
    const rx = p.rv;
    const eu = s.last(ru);
    const ex = s.last(rx);
    const emptyU = nu === eu;
    const emptyX = ny === ex;
    if (emptyU && emptyX) return Infinity;
    const D = m.dims;
    // Load change of ru: + tail of rx − tail of ru (checked first: cached data, refuses most pairs).
    if (p.oneDim) {
      const q = s.load[rx] - s.preLoad[x] - (s.load[ru] - s.preLoad[u]);
      if (s.load[ru] + q > m.capacity[ru] + SPARE || s.load[rx] - q > m.capacity[rx] + SPARE) return Infinity;
    } else {
      for (let k = 0; k < D; k++) {
        this.delta[k] =
          s.load[rx * D + k] - s.preLoad[x * D + k] - (s.load[ru * D + k] - s.preLoad[u * D + k]);
      }
      if (!loadOk(s, ru, this.delta, s.dest[rx])) return Infinity;
      for (let k = 0; k < D; k++) this.delta[k] = -this.delta[k];
      if (!loadOk(s, rx, this.delta, s.dest[ru])) return Infinity;
    }
    const Lu = p.lu * S;
    const Lx = lx * S;
    const sameEnd = p.oneEnd || loc[eu] === loc[ex];
    let gain: number;
    const out = s.out;
    if (sameEnd) {
      // Ends at one place: the tails' last legs stay as they are.
      gain = cost[Lu + lny] + cost[Lx + p.lnu] - p.oU - oX;
    } else {
      const lastU = prev[eu];
      const lastX = prev[ex];
      const lEu = loc[eu];
      const lEx = loc[ex];
      gain =
        (emptyX ? cost[Lu + lEu] : cost[Lu + lny] + cost[loc[lastX] * S + lEu]) +
        (emptyU ? cost[Lx + lEx] : cost[Lx + p.lnu] + cost[loc[lastU] * S + lEx]) -
        (emptyU ? p.oU : p.oU + out[lastU]) -
        (emptyX ? oX : oX + out[lastX]);
    }
    // Route rx emptied entirely (u's route takes all of it): it is no longer used.
    if (emptyU && x === s.first(rx) && !m.forced[rx])
      gain -= cost[Lx + loc[ex]] + m.fixedCost[rx] + m.baseCost[rx];
    if (gain >= 0) return Infinity;
    if (!m.uniform || s.dest[ru] !== s.dest[rx]) {
      if (!chainFits(s, ny, ex, ru) || !chainFits(s, nu, eu, rx)) return Infinity;
    }
    if (m.timed) {
      if (sameEnd && m.shiftEnd[ru] === m.shiftEnd[rx]) {
        if (s.fwd[u] + s.t(u, ny) > s.bwd[ny] || s.fwd[x] + s.t(x, nu) > s.bwd[nu]) return Infinity;
      } else if (!s.walkChain(ru, u, ny, ex) || !s.walkChain(rx, x, nu, eu)) return Infinity;
    }
    return gain;
  }

  /** u → v and next(u) → next(v), reversing v's head and u's tail (plain CVRP only). */
  private crossed(s: Solution, p: Pair): number {
    const m = s.m;
    const { u, v, ru, rv } = p;
    const preU = s.preLoad[u];
    const preV = s.preLoad[v];
    const Q = m.capacity[0];
    if (preU + preV > Q + SPARE || s.load[ru] - preU + s.load[rv] - preV > Q + SPARE) return Infinity;
    const cost = m.cost;
    const S = m.size;
    const gain = cost[p.lu * S + p.lv] + cost[p.lnu * S + p.lnv] - p.oU - p.oV;
    return gain < 0 ? gain : Infinity;
  }

  /**
   * Sets the move to apply: the tails after u and after x exchanged, or with `rev` u → x and both heads
   * reversed (for an evaluation made elsewhere: plain-moves.ts).
   */
  set(u: number, x: number, rev: boolean): void {
    this.u = u;
    this.x = x;
    this.rev = rev;
  }

  apply(s: Solution): void {
    const { u, x } = this;
    const ru = s.route[u];
    const rx = s.route[x];
    const eu = s.last(ru);
    const ex = s.last(rx);
    const buf = this.buf;
    let a = 0;
    a = copyChain(s, s.next[s.first(ru)], s.next[u], buf, a);
    if (this.rev) {
      for (let y = x; y !== s.first(rx); y = s.prev[y]) buf[a++] = y;
    } else a = copyChain(s, s.next[x], ex, buf, a);
    let b = a;
    if (this.rev) {
      for (let y = s.prev[eu]; y !== u; y = s.prev[y]) buf[b++] = y;
      b = copyChain(s, s.next[x], ex, buf, b);
    } else {
      if (x !== s.first(rx)) b = copyChain(s, s.next[s.first(rx)], s.next[x], buf, b);
      b = copyChain(s, s.next[u], eu, buf, b);
    }
    s.rebuild(ru, buf, a);
    s.rebuild(rx, buf, b - a, a);
  }
}
