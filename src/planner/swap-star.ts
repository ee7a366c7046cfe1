import { loadOk, SPARE } from './moves.ts';
import type { Solution } from './solution.ts';

/**
 * SWAP* between two routes (Vidal, "Hybrid genetic search for the CVRP: Open-source implementation and
 * SWAP* neighborhood", Computers & Operations Research 140, 2022): exchanges a job u of one route with
 * a job v of the other, each inserted at its best place in the other route rather than in the other's
 * place. For each job the three cheapest insertions into the other route are found first, so a pair is
 * evaluated in O(1); O(|r1|·|r2|) per pair of routes. With time windows, the best candidates by cost
 * are checked in order by walking both new routes.
 */
export class SwapStar {
  private readonly topCost: Float64Array;
  private readonly topAt: Int32Array;
  private readonly cand: Float64Array;
  private readonly delta: Float64Array;
  private readonly buf: Int32Array;
  private readonly buf2: Int32Array;
  /** The chosen move: u (route r1) goes after uAt in r2, v (route r2) goes after vAt in r1. */
  private u = -1;
  private v = -1;
  private uAt = -1;
  private vAt = -1;

  constructor(dims: number, jobs: number) {
    this.topCost = new Float64Array(jobs * 3);
    this.topAt = new Int32Array(jobs * 3);
    this.cand = new Float64Array(4 * 5);
    this.delta = new Float64Array(dims);
    this.buf = new Int32Array(jobs + 2);
    this.buf2 = new Int32Array(jobs + 2);
  }

  /** The three cheapest places (after node a) to insert each job of route `from` into route `into`. */
  private preprocess(s: Solution, from: number, into: number): void {
    const m = s.m;
    const cost = m.cost;
    const S = m.size;
    const { loc, next, out } = s;
    const ef = s.last(from);
    const ei = s.last(into);
    for (let x = next[s.first(from)]; x !== ef; x = next[x]) {
      const lx = loc[x];
      const Lx = lx * S;
      let c0 = Infinity;
      let c1 = Infinity;
      let c2 = Infinity;
      let a0 = -1;
      let a1 = -1;
      let a2 = -1;
      for (let a = s.first(into); a !== ei; a = next[a]) {
        const la = loc[a];
        const lb = loc[next[a]];
        const d = cost[la * S + lx] + cost[Lx + lb] - out[a];
        if (d < c2) {
          if (d < c1) {
            c2 = c1;
            a2 = a1;
            if (d < c0) {
              c1 = c0;
              a1 = a0;
              c0 = d;
              a0 = a;
            } else {
              c1 = d;
              a1 = a;
            }
          } else {
            c2 = d;
            a2 = a;
          }
        }
      }
      this.topCost[x * 3] = c0;
      this.topCost[x * 3 + 1] = c1;
      this.topCost[x * 3 + 2] = c2;
      this.topAt[x * 3] = a0;
      this.topAt[x * 3 + 1] = a1;
      this.topAt[x * 3 + 2] = a2;
    }
  }

  /** Cheapest insertion of x into the other route once y has left it: in y's place or a precomputed place; sets this.at. */
  private insertion(s: Solution, x: number, y: number): number {
    const cost = s.m.cost;
    const S = s.m.size;
    const loc = s.loc;
    const py = s.prev[y];
    const ny = s.next[y];
    const lx = loc[x];
    let best = cost[loc[py] * S + lx] + cost[lx * S + loc[ny]] - cost[loc[py] * S + loc[ny]];
    this.at = py;
    for (let i = 0; i < 3; i++) {
      const a = this.topAt[x * 3 + i];
      if (a < 0) break;
      if (a === y || a === py) continue;
      if (this.topCost[x * 3 + i] < best) {
        best = this.topCost[x * 3 + i];
        this.at = a;
      }
      break;
    }
    return best;
  }

  private at = -1;

  /** Cost change of the best SWAP* between routes r1 and r2 (data fresh), or Infinity; remembered for `apply`. */
  evaluate(s: Solution, r1: number, r2: number): number {
    if (r1 === r2 || s.size[r1] === 0 || s.size[r2] === 0) return Infinity;
    const m = s.m;
    this.preprocess(s, r1, r2);
    this.preprocess(s, r2, r1);
    const cost = m.cost;
    const S = m.size;
    const { loc, next, prev, out } = s;
    const D = m.dims;
    const anyRoute = m.classes === 1 && m.dests === 0;
    const oneDim = D === 1 && m.dests === 0;
    const e1 = s.last(r1);
    const e2 = s.last(r2);
    // Up to 4 best candidates (delta, u, v, uAt, vAt), worst last.
    const cand = this.cand;
    let count = 0;
    for (let u = next[s.first(r1)]; u !== e1; u = next[u]) {
      const remU = cost[loc[prev[u]] * S + loc[next[u]]] - out[prev[u]] - out[u];
      if (!anyRoute && !s.fits(u, r2)) continue;
      for (let v = next[s.first(r2)]; v !== e2; v = next[v]) {
        if (oneDim) {
          const q = m.demand[v] - m.demand[u];
          if (s.load[r1] + q > m.capacity[r1] + SPARE || s.load[r2] - q > m.capacity[r2] + SPARE) continue;
        } else {
          for (let k = 0; k < D; k++) this.delta[k] = m.demand[v * D + k] - m.demand[u * D + k];
          if (!loadOk(s, r1, this.delta, s.dest[r2])) continue;
          for (let k = 0; k < D; k++) this.delta[k] = -this.delta[k];
          if (!loadOk(s, r2, this.delta, s.dest[r1])) continue;
        }
        if (!anyRoute && !s.fits(v, r1)) continue;
        const remV = cost[loc[prev[v]] * S + loc[next[v]]] - out[prev[v]] - out[v];
        const insU = this.insertion(s, u, v);
        const uAt = this.at;
        const insV = this.insertion(s, v, u);
        const vAt = this.at;
        const d = remU + remV + insU + insV;
        if (d >= -1e-9 || (count === 4 && d >= cand[3 * 5])) continue;
        // Insert into the sorted candidate list.
        let i = count < 4 ? count++ : 3;
        while (i > 0 && cand[(i - 1) * 5] > d) {
          for (let k = 0; k < 5; k++) cand[i * 5 + k] = cand[(i - 1) * 5 + k];
          i--;
        }
        cand[i * 5] = d;
        cand[i * 5 + 1] = u;
        cand[i * 5 + 2] = v;
        cand[i * 5 + 3] = uAt;
        cand[i * 5 + 4] = vAt;
      }
    }
    for (let i = 0; i < count; i++) {
      this.u = cand[i * 5 + 1];
      this.v = cand[i * 5 + 2];
      this.uAt = cand[i * 5 + 3];
      this.vAt = cand[i * 5 + 4];
      if (!m.timed) return cand[i * 5];
      const len1 = this.sequence(s, r1, this.u, this.v, this.vAt, this.buf);
      const len2 = this.sequence(s, r2, this.v, this.u, this.uAt, this.buf2);
      if (s.walk(s.first(r1), this.buf, len1, e1) && s.walk(s.first(r2), this.buf2, len2, e2))
        return cand[i * 5];
    }
    return Infinity;
  }

  /** Route r's jobs without `out`, with `in` after node `at` (at may be r's start), into buf; returns the length. */
  private sequence(s: Solution, r: number, out: number, add: number, at: number, buf: Int32Array): number {
    let len = 0;
    if (at === s.first(r)) buf[len++] = add;
    const e = s.last(r);
    for (let x = s.next[s.first(r)]; x !== e; x = s.next[x]) {
      if (x !== out) buf[len++] = x;
      if (x === at) buf[len++] = add;
    }
    return len;
  }

  apply(s: Solution): void {
    const r1 = s.route[this.u];
    const r2 = s.route[this.v];
    const len1 = this.sequence(s, r1, this.u, this.v, this.vAt, this.buf);
    const len2 = this.sequence(s, r2, this.v, this.u, this.uAt, this.buf2);
    s.rebuild(r1, this.buf, len1);
    s.rebuild(r2, this.buf2, len2);
  }

  /** The two jobs exchanged by the last evaluated move. */
  get moved(): [number, number] {
    return [this.u, this.v];
  }
}
