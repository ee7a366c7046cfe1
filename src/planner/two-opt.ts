import { type Operator, type Pair, SAME_ROUTE } from './moves.ts';
import type { Solution } from './solution.ts';

/** 2-opt inside one route: reverses the part between u and v so that they become adjacent. */
export class TwoOpt implements Operator {
  readonly scope = SAME_ROUTE;
  private from = -1;
  private to = -1;
  private readonly buf: Int32Array;

  constructor(nodes: number) {
    this.buf = new Int32Array(nodes);
  }

  evaluate(s: Solution, p: Pair): number {
    const { u, v } = p;
    if (!p.same || u === v) return Infinity;
    const x = s.pos[u] < s.pos[v] ? u : v;
    const y = x === u ? v : u;
    // Variant 1: x → y … next(x) → next(y) (reverses next(x) … y); variant 2: prev(x) → prev(y) … x → y.
    const d1 = s.next[x] === y ? Infinity : this.reversal(s, x, s.next[x], y, s.next[y]);
    const f1 = this.from;
    const d2 = s.prev[y] === x ? Infinity : this.reversal(s, s.prev[x], x, s.prev[y], y);
    if (d1 <= d2) {
      this.from = f1;
      this.to = y;
      return d1;
    }
    this.to = s.prev[y];
    return d2;
  }

  /** Cost of reversing the chain f … l between a and b (Infinity if infeasible); sets this.from. */
  private reversal(s: Solution, a: number, f: number, l: number, b: number): number {
    this.from = f;
    const m = s.m;
    const cost = m.cost;
    const S = m.size;
    const loc = s.loc;
    let gain = cost[loc[a] * S + loc[l]] + cost[loc[f] * S + loc[b]] - s.out[a] - s.out[l];
    if (!m.symmetric) {
      for (let x = f; x !== l; x = s.next[x]) gain += s.c(s.next[x], x) - s.c(x, s.next[x]);
    }
    if (gain >= 0) return Infinity;
    if (m.timed) {
      const buf = this.buf;
      let len = 0;
      for (let x = l; ; x = s.prev[x]) {
        buf[len++] = x;
        if (x === f) break;
      }
      if (!s.walk(a, buf, len, b)) return Infinity;
    }
    return gain;
  }

  /** Sets the move to apply: reverse from … to, in route order (for an evaluation made elsewhere: plain-moves.ts). */
  set(from: number, to: number): void {
    this.from = from;
    this.to = to;
  }

  apply(s: Solution): void {
    const r = s.route[this.from];
    const buf = this.buf;
    let len = 0;
    const e = s.last(r);
    let x = s.next[s.first(r)];
    for (; x !== this.from; x = s.next[x]) buf[len++] = x;
    const start = len;
    for (; ; x = s.next[x]) {
      buf[len++] = x;
      if (x === this.to) break;
    }
    for (let i = start, j = len - 1; i < j; i++, j--) {
      const t = buf[i];
      buf[i] = buf[j];
      buf[j] = t;
    }
    for (x = s.next[this.to]; x !== e; x = s.next[x]) buf[len++] = x;
    s.rebuild(r, buf, len);
  }
}
