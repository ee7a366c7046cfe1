import { loadOk, type Operator, type Pair, TWO_ROUTES } from './moves.ts';
import type { Solution } from './solution.ts';

/**
 * CROSS exchange of short segments between two routes (Taillard, Badeau, Gendreau, Guertin & Potvin,
 * "A tabu search heuristic for the vehicle routing problem with soft time windows", Transportation
 * Science 31(2), 1997), for the lengths swap does not cover: the chain of 2 jobs from u for v alone,
 * u alone for the chain of 2 from v, and 2 for 2, each segment keeping its order and taking the
 * other's place. When the vehicles are full, as when the fleet cannot serve every job, a job for a
 * job is often the only exchange capacity allows, and two small households for one larger one the
 * other.
 */
export class Cross implements Operator {
  readonly scope = TWO_ROUTES;
  private u = -1;
  private v = -1;
  private lenU = 0;
  private lenV = 0;
  private readonly delta: Float64Array;
  private readonly buf: Int32Array;
  private readonly segU = new Int32Array(2);
  private readonly segV = new Int32Array(2);

  constructor(dims: number, nodes: number) {
    this.delta = new Float64Array(dims);
    this.buf = new Int32Array(nodes);
  }

  evaluate(s: Solution, p: Pair): number {
    const { u, v, pu, pv } = p;
    const J = s.J;
    const nu = s.next[u];
    const nv = s.next[v];
    // Lengths (1 or 2) of the segments from u and v; a 1-for-1 is swap's.
    let best = Infinity;
    for (let variant = 0; variant < 3; variant++) {
      const a = variant === 1 ? 1 : 2;
      const b = variant === 0 ? 1 : 2;
      if ((a === 2 && nu >= J) || (b === 2 && nv >= J)) continue;
      const eu = a === 2 ? nu : u;
      const ev = b === 2 ? nv : v;
      const after = s.next[eu];
      const afterV = s.next[ev];
      const gain =
        s.c(pu, v) +
        s.c(ev, after) +
        s.c(pv, u) +
        s.c(eu, afterV) -
        s.out[pu] -
        s.out[eu] -
        s.out[pv] -
        s.out[ev];
      if (gain >= 0 || gain >= best) continue;
      if (!this.feasible(s, p, eu, ev, a, b)) continue;
      best = gain;
      this.u = u;
      this.v = v;
      this.lenU = a;
      this.lenV = b;
    }
    return best;
  }

  /** Capacity, vehicle kind, destination and time windows of exchanging u … eu (a jobs) with v … ev (b jobs). */
  private feasible(s: Solution, p: Pair, eu: number, ev: number, a: number, b: number): boolean {
    const m = s.m;
    const D = m.dims;
    const { u, v, ru, rv, pu, pv } = p;
    for (let k = 0; k < D; k++)
      this.delta[k] =
        s.preLoad[ev * D + k] - s.preLoad[pv * D + k] - (s.preLoad[eu * D + k] - s.preLoad[pu * D + k]);
    if (!loadOk(s, ru, this.delta, s.dest[rv])) return false;
    for (let k = 0; k < D; k++) this.delta[k] = -this.delta[k];
    if (!loadOk(s, rv, this.delta, s.dest[ru])) return false;
    const segU = this.segU;
    const segV = this.segV;
    segU[0] = u;
    segU[1] = eu;
    segV[0] = v;
    segV[1] = ev;
    if (!p.anyRoute) {
      for (let i = 0; i < b; i++) if (!s.fits(segV[i], ru)) return false;
      for (let i = 0; i < a; i++) if (!s.fits(segU[i], rv)) return false;
    }
    if (m.timed) {
      if (!s.walk(pu, segV, b, s.next[eu])) return false;
      if (!s.walk(pv, segU, a, s.next[ev])) return false;
    }
    return true;
  }

  apply(s: Solution): void {
    const { u, v, lenU, lenV } = this;
    const ru = s.route[u];
    const rv = s.route[v];
    const eu = lenU === 2 ? s.next[u] : u;
    const ev = lenV === 2 ? s.next[v] : v;
    const buf = this.buf;
    let len = 0;
    // Route ru with v … ev in place of u … eu, then route rv with u … eu in place of v … ev.
    for (let x = s.next[s.first(ru)]; x !== s.last(ru); x = s.next[x]) {
      if (x === u) {
        buf[len++] = v;
        if (lenV === 2) buf[len++] = ev;
        x = eu;
      } else buf[len++] = x;
    }
    let len2 = len;
    for (let x = s.next[s.first(rv)]; x !== s.last(rv); x = s.next[x]) {
      if (x === v) {
        buf[len2++] = u;
        if (lenU === 2) buf[len2++] = eu;
        x = ev;
      } else buf[len2++] = x;
    }
    s.rebuild(ru, buf, len);
    s.rebuild(rv, buf, len2 - len, len);
  }
}
