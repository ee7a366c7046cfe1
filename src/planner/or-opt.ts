import {
  copyChain,
  loadOk,
  type Operator,
  type Pair,
  removalDelta,
  SAME_ROUTE,
  TWO_ROUTES,
} from './moves.ts';
import type { Solution } from './solution.ts';

/** Or-opt: moves a chain of 2 or 3 jobs starting at u after v or after its predecessor, kept or reversed. */
export class OrOpt implements Operator {
  readonly scope = SAME_ROUTE | TWO_ROUTES;
  private u = -1;
  private w = -1;
  private a = -1;
  private flip = false;
  private readonly delta: Float64Array;
  private readonly buf: Int32Array;
  private readonly seg: Int32Array;

  constructor(
    dims: number,
    nodes: number,
    private readonly maxLength = 3,
  ) {
    this.delta = new Float64Array(dims);
    this.buf = new Int32Array(nodes);
    this.seg = new Int32Array(maxLength);
  }

  evaluate(s: Solution, p: Pair): number {
    const { u, v, pu } = p;
    const m = s.m;
    const flips = m.timed || !m.symmetric ? 1 : 2;
    const ru = p.ru;
    const eu = s.last(ru);
    // Removing the chain u … w first, costed once per length.
    let best = Infinity;
    let w = u;
    for (let len = 2; len <= this.maxLength; len++) {
      w = s.next[w];
      if (w === eu) break;
      for (let t = 0; t < 2; t++) {
        const a = t === 0 ? v : p.pv;
        // a and b = next(a) must lie outside the chain (positions in u's route), and a ≠ prev(u).
        if (a === pu || (s.route[a] === ru && s.pos[a] >= s.pos[u] - 1 && s.pos[a] <= s.pos[w])) continue;
        for (let f = 0; f < flips; f++) {
          const d = this.at(s, u, w, len, a, f === 1, best);
          if (d < best) {
            best = d;
            this.u = u;
            this.w = w;
            this.a = a;
            this.flip = f === 1;
          }
        }
      }
    }
    return best;
  }

  /** Cost of moving the chain u … w (len jobs) after node a, reversed when `flip`; Infinity unless below `bound`. */
  private at(
    s: Solution,
    u: number,
    w: number,
    len: number,
    a: number,
    flip: boolean,
    bound: number,
  ): number {
    const m = s.m;
    const b = s.next[a];
    const ru = s.route[u];
    const r = s.route[a];
    const pu = s.prev[u];
    const nw = s.next[w];
    const first = flip ? w : u;
    const lastN = flip ? u : w;
    const cost = m.cost;
    const S = m.size;
    const { loc, out } = s;
    const ins = cost[loc[a] * S + loc[first]] + cost[loc[lastN] * S + loc[b]] - out[a];
    const gain =
      (ru === r ? cost[loc[pu] * S + loc[nw]] - out[pu] - out[w] : removalDelta(s, u, w, len)) + ins;
    if (gain >= bound || gain >= 0) return Infinity;
    const seg = this.seg;
    for (let i = 0, x = u; i < len; i++, x = s.next[x]) seg[flip ? len - 1 - i : i] = x;
    if (ru !== r) {
      const D = m.dims;
      for (let i = 0; i < len; i++) if (!s.fits(seg[i], r)) return Infinity;
      for (let k = 0; k < D; k++) this.delta[k] = s.preLoad[w * D + k] - s.preLoad[pu * D + k];
      if (!loadOk(s, r, this.delta, s.dest[ru])) return Infinity;
      if (m.timed) {
        if (s.fwd[pu] + s.t(pu, nw) > s.bwd[nw]) return Infinity;
        if (!s.walk(a, seg, len, b)) return Infinity;
      }
      return gain;
    }
    if (m.timed) {
      const buf = this.buf;
      let n = 0;
      if (s.pos[a] < s.pos[u]) {
        for (let i = 0; i < len; i++) buf[n++] = seg[i];
        n = copyChain(s, b, u, buf, n);
        if (!s.walk(a, buf, n, nw)) return Infinity;
      } else {
        n = copyChain(s, nw, b, buf, n);
        for (let i = 0; i < len; i++) buf[n++] = seg[i];
        if (!s.walk(pu, buf, n, b)) return Infinity;
      }
    }
    return gain;
  }

  apply(s: Solution): void {
    const { u, w, a } = this;
    const seg = this.seg;
    let len = 0;
    for (let x = u; ; x = s.next[x]) {
      seg[len++] = x;
      if (x === w) break;
    }
    if (this.flip) seg.subarray(0, len).reverse();
    // Remove the chain, then insert it after a in order (a stays in place: it is outside the chain).
    for (let i = 0; i < len; i++) s.remove(seg[i]);
    let at = a;
    for (let i = 0; i < len; i++) {
      s.insert(seg[i], at);
      at = seg[i];
    }
  }
}
