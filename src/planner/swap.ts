import { copyChain, loadOk, type Operator, type Pair, SAME_ROUTE, SPARE, TWO_ROUTES } from './moves.ts';
import type { Solution } from './solution.ts';

/** Exchanges jobs u and v, in the same or in two routes. */
export class Swap implements Operator {
  readonly scope = SAME_ROUTE | TWO_ROUTES;
  private u = -1;
  private v = -1;
  private readonly delta: Float64Array;
  private readonly buf: Int32Array;

  constructor(dims: number, nodes: number) {
    this.delta = new Float64Array(dims);
    this.buf = new Int32Array(nodes);
  }

  evaluate(s: Solution, p: Pair): number {
    const { u, v, ru, rv } = p;
    if (u === v) return Infinity;
    this.u = u;
    this.v = v;
    const m = s.m;
    if (!p.same) {
      const cost = m.cost;
      if (p.oneDim) {
        const q = m.demand[v] - m.demand[u];
        if (s.load[ru] + q > m.capacity[ru] + SPARE || s.load[rv] - q > m.capacity[rv] + SPARE)
          return Infinity;
      } else {
        const D = m.dims;
        for (let k = 0; k < D; k++) this.delta[k] = m.demand[v * D + k] - m.demand[u * D + k];
        if (!loadOk(s, ru, this.delta, s.dest[rv])) return Infinity;
        for (let k = 0; k < D; k++) this.delta[k] = -this.delta[k];
        if (!loadOk(s, rv, this.delta, s.dest[ru])) return Infinity;
      }
      const { pu, nu, pv, nv, lu, lv } = p;
      const S = m.size;
      const gain =
        cost[p.lpu * S + lv] +
        cost[lv * S + p.lnu] +
        cost[p.lpv * S + lu] +
        cost[lu * S + p.lnv] -
        p.oPu -
        p.oU -
        p.oPv -
        p.oV;
      if (gain >= 0 || (!p.anyRoute && (!s.fits(v, ru) || !s.fits(u, rv)))) return Infinity;
      if (m.timed) {
        if (s.depart(v, s.fwd[pu] + s.t(pu, v)) + s.t(v, nu) > s.bwd[nu]) return Infinity;
        if (s.depart(u, s.fwd[pv] + s.t(pv, u)) + s.t(u, nv) > s.bwd[nv]) return Infinity;
      }
      return gain;
    }
    // Same route: x before y.
    const x = s.pos[u] < s.pos[v] ? u : v;
    const y = x === u ? v : u;
    const px = s.prev[x];
    const nx = s.next[x];
    const py = s.prev[y];
    const ny = s.next[y];
    const cost = m.cost;
    const S = m.size;
    const { loc, out } = s;
    const lx = loc[x];
    const ly = loc[y];
    const Lpx = loc[px] * S;
    const lny = loc[ny];
    const gain =
      nx === y
        ? cost[Lpx + ly] + cost[ly * S + lx] + cost[lx * S + lny] - out[px] - out[x] - out[y]
        : cost[Lpx + ly] +
          cost[ly * S + loc[nx]] +
          cost[loc[py] * S + lx] +
          cost[lx * S + lny] -
          out[px] -
          out[x] -
          out[py] -
          out[y];
    if (gain >= 0) return Infinity;
    if (m.timed) {
      const buf = this.buf;
      let len = 0;
      buf[len++] = y;
      if (nx !== y) len = copyChain(s, nx, y, buf, len);
      buf[len++] = x;
      if (!s.walk(px, buf, len, ny)) return Infinity;
    }
    return gain;
  }

  /** Sets the move to apply: exchange u and v (for an evaluation made elsewhere: plain-moves.ts). */
  set(u: number, v: number): void {
    this.u = u;
    this.v = v;
  }

  apply(s: Solution): void {
    const { u, v } = this;
    const ru = s.route[u];
    const rv = s.route[v];
    if (ru !== rv) {
      s.exchange(u, v);
      return;
    }
    const buf = this.buf;
    let len = 0;
    for (let x = s.next[s.first(ru)]; x !== s.last(ru); x = s.next[x])
      buf[len++] = x === u ? v : x === v ? u : x;
    s.rebuild(ru, buf, len);
  }
}
