/**
 * Moves between a waiting job (one the plan leaves out) and a routed job near it, for problems whose
 * fleet cannot serve every job: which jobs are served matters as much as their order. The classic
 * insertion and exchange moves of selective routing (add a job, swap a served job for an unserved
 * one: Gendreau, Laporte & Semet, "A tabu search heuristic for the undirected selective travelling
 * salesman problem", EJOR 106(2–3), 1998; Vansteenwegen, Souffriau & Van Oudheusden, "The
 * orienteering problem: a survey", EJOR 209(1), 2011), plus a short ejection chain: the waiting job
 * takes the routed job's place and the routed job moves to a nearby route with room, which is how a
 * seat left free in one car and one in another become room for a household of two.
 *
 * Evaluated like the operators of moves.ts, in O(1) per position (capacity and time windows from the
 * routes' cached data), and only where the penalties and costs say the move improves.
 */
import type { Neighbours } from './neighbours.ts';
import type { Solution } from './solution.ts';

const SPARE = 1e-9;
/** Routes with room kept for the long moves; beyond this many there is room enough nearby. */
const MAX_ROOMY = 32;

/** The best improving move between waiting job w and routed job v, and its application. */
export class ServeWaiting {
  /** 0: insert w after `a`; 1: w replaces v; 2: w replaces v and v goes after `b`; 3: w then `second` replace v. */
  private kind = 0;
  private second = -1;
  private readonly pair = new Int32Array(2);
  private w = -1;
  private v = -1;
  private a = -1;
  private b = -1;

  /** Used routes with some room left when `refresh` last looked (at most `MAX_ROOMY`; none when more). */
  private readonly roomy: Int32Array;
  private roomyCount = 0;

  constructor(
    private readonly nb: Neighbours,
    private readonly g: number,
  ) {
    this.roomy = new Int32Array(MAX_ROOMY);
  }

  /**
   * Notes the routes with room left, where a routed job may move to make room for a waiting one when
   * none of its neighbours' routes has any: when the vehicles are nearly full, the last free seats
   * are few and often far apart. Called before each local search run; moves since only make the
   * list a little stale (each use checks the room again).
   */
  refresh(s: Solution): void {
    const m = s.m;
    const D = m.dims;
    this.roomyCount = 0;
    for (let r = 0; r < m.routes; r++) {
      if (!s.used(r)) continue;
      let k = 0;
      while (k < D && m.capacity[r * D + k] - s.load[r * D + k] <= SPARE) k++;
      if (k === D) continue;
      if (this.roomyCount === MAX_ROOMY) {
        this.roomyCount = 0;
        return;
      }
      this.roomy[this.roomyCount++] = r;
    }
  }

  /**
   * Cost change (penalties included) of the best move between waiting job w and job v (routed, its
   * route's data fresh), or Infinity when none is feasible; remembered for `apply`.
   */
  evaluate(s: Solution, w: number, v: number): number {
    const m = s.m;
    const r = s.route[v];
    if (!s.fits(w, r)) return Infinity;
    const penW = m.penalty[w];
    let best = Infinity;
    if (s.room(w, r)) {
      // Insert w right before or right after v.
      const pv = s.prev[v];
      const before = s.insertCost(w, pv);
      const after = s.insertCost(w, v);
      const c = Math.min(before, after);
      if (c === Infinity) return Infinity;
      this.remember(0, w, v, before <= after ? pv : v, -1);
      return c - penW;
    }
    if (!s.room(w, r, v)) return Infinity;
    // w in v's place: pv → w → nv.
    const pv = s.prev[v];
    const nv = s.next[v];
    if (m.timed && s.depart(w, s.fwd[pv] + s.t(pv, w)) + s.t(w, nv) > s.bwd[nv]) return Infinity;
    const swap = s.c(pv, w) + s.c(w, nv) - s.c(pv, v) - s.c(v, nv);
    const replace = swap + m.penalty[v] - penW;
    let near = false;
    if (replace < best) {
      best = replace;
      this.remember(1, w, v, -1, -1);
    }
    // Two for one: w and another waiting neighbour x of v in v's place, when v leaves room for both.
    const { nb, g } = this;
    const row = v * nb.k;
    const pair = this.pair;
    for (let i = 0; i < g; i++) {
      const x = nb.list[row + i];
      if (x === w || s.route[x] >= 0 || !this.roomForTwo(s, r, v, w, x) || !s.fits(x, r)) continue;
      for (let o = 0; o < 2; o++) {
        pair[o] = w;
        pair[1 - o] = x;
        const d =
          s.c(pv, pair[0]) +
          s.c(pair[0], pair[1]) +
          s.c(pair[1], nv) -
          s.c(pv, v) -
          s.c(v, nv) +
          m.penalty[v] -
          penW -
          m.penalty[x];
        if (d >= best || (m.timed && !s.walk(pv, pair, 2, nv))) continue;
        best = d;
        this.remember(3, pair[0], v, -1, -1);
        this.second = pair[1];
      }
    }
    // And v to a route nearby with room for it: before or after one of its neighbours there.
    for (let i = 0; i < g; i++) {
      const x = nb.list[row + i];
      const rb = s.route[x];
      if (rb < 0 || rb === r || !s.fits(v, rb) || !s.room(v, rb) || !this.destOk(s, w, r, rb)) continue;
      s.ensure(rb);
      const px = s.prev[x];
      const c1 = s.insertCost(v, px);
      const c2 = s.insertCost(v, x);
      const c = Math.min(c1, c2);
      if (c === Infinity || swap + c - penW >= best) continue;
      best = swap + c - penW;
      near = true;
      this.remember(2, w, v, -1, c1 <= c2 ? px : x);
    }
    if (near) return best;
    // None nearby: any route with room left, at its best position.
    for (let i = 0; i < this.roomyCount; i++) {
      const rb = this.roomy[i];
      if (rb === r || !s.used(rb) || !s.fits(v, rb) || !s.room(v, rb) || !this.destOk(s, w, r, rb)) continue;
      s.ensure(rb);
      const e = s.last(rb);
      for (let a = s.first(rb); a !== e; a = s.next[a]) {
        const c = s.insertCost(v, a);
        if (c === Infinity || swap + c - penW >= best) continue;
        best = swap + c - penW;
        this.remember(2, w, v, -1, a);
      }
    }
    return best;
  }

  /** Whether route r has room for w and x once v leaves it (vehicle and destination). */
  private roomForTwo(s: Solution, r: number, v: number, w: number, x: number): boolean {
    const m = s.m;
    const D = m.dims;
    const d = s.dest[r];
    for (let k = 0; k < D; k++) {
      const q = m.demand[w * D + k] + m.demand[x * D + k] - m.demand[v * D + k];
      if (s.load[r * D + k] + q > m.capacity[r * D + k] + SPARE) return false;
      if (d >= 0 && q > 0 && s.destLoad[d * D + k] + q > m.destCap[d * D + k] + SPARE) return false;
    }
    return true;
  }

  /**
   * With v moving from route r to route rb, both ending at one destination: that destination ends up
   * with w's load more (room(v, rb) saw v's alone).
   */
  private destOk(s: Solution, w: number, r: number, rb: number): boolean {
    const d = s.dest[r];
    if (d < 0 || d !== s.dest[rb]) return true;
    const m = s.m;
    const D = m.dims;
    for (let k = 0; k < D; k++) {
      const q = m.demand[w * D + k];
      if (q > 0 && s.destLoad[d * D + k] + q > m.destCap[d * D + k] + SPARE) return false;
    }
    return true;
  }

  private remember(kind: number, w: number, v: number, a: number, b: number): void {
    this.kind = kind;
    this.w = w;
    this.v = v;
    this.a = a;
    this.b = b;
  }

  /** Applies the move last remembered by `evaluate`. */
  apply(s: Solution): void {
    const { w, v } = this;
    if (this.kind === 0) {
      s.insert(w, this.a);
      return;
    }
    // w goes in after v before v leaves, so a route v was alone on stays in use with its destination.
    s.insert(w, v);
    if (this.kind === 3) s.insert(this.second, w);
    s.remove(v);
    if (this.kind === 2) s.insert(v, this.b);
  }
}
