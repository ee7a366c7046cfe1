/**
 * Local-search operators as units: each evaluates the best variant of its move between a job u and
 * one of its granular neighbours v (Toth & Vigo 2003) and applies it on request. Moves between two
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
  /** Every job fits every route (one vehicle class, no destinations): no per-job checks. */
  readonly anyRoute: boolean;
  /** One capacity dimension and no destinations: scalar capacity checks. */
  readonly oneDim: boolean;

  constructor(m: Compiled) {
    this.anyRoute = m.classes === 1 && m.dests === 0;
    this.oneDim = m.dims === 1 && m.dests === 0;
  }

  /** Fills the context for jobs u and v (routed) of solution s. */
  set(s: Solution, u: number, v: number): void {
    const { next, prev, route } = s;
    this.u = u;
    this.v = v;
    this.ru = route[u];
    this.rv = route[v];
    this.same = this.ru === this.rv;
    this.pu = prev[u];
    this.nu = next[u];
    this.pv = prev[v];
    this.nv = next[v];
  }
}

/** A local-search move between two jobs. */
export interface Operator {
  /**
   * Cost change of the best variant for the pair (both routed, their routes' data fresh), or Infinity
   * when no variant is feasible; the variant is remembered for `apply`.
   */
  evaluate(s: Solution, p: Pair): number;
  /** Applies the variant last evaluated. */
  apply(s: Solution): void;
}

const SPARE = 1e-9;

/**
 * Whether route r can take the load change delta[0 … dims): its vehicle capacity, and its destination's
 * capacity unless the change comes from a route with the same destination (`otherDest`).
 */
function loadOk(s: Solution, r: number, delta: Float64Array, otherDest: number): boolean {
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
function chainFits(s: Solution, head: number, stop: number, r: number): boolean {
  for (let x = head; x !== stop; x = s.next[x]) if (!s.fits(x, r)) return false;
  return true;
}

/** Cost saved by taking the chain u … w out of its route (−Infinity-safe: empties the route when it is all of it). */
function removalDelta(s: Solution, u: number, w: number, len: number): number {
  const r = s.route[u];
  const pu = s.prev[u];
  const nw = s.next[w];
  if (s.size[r] === len && !s.m.forced[r]) return -s.rcost[r];
  return s.c(pu, nw) - s.out[pu] - s.out[w];
}

/** Copies the jobs of the chain from `head` up to (not including) `stop` into buf from index i; returns the new length. */
function copyChain(s: Solution, head: number, stop: number, buf: Int32Array, i: number): number {
  for (let x = head; x !== stop; x = s.next[x]) buf[i++] = x;
  return i;
}

/** Moves job u to after v or to before v, in the same or another route. */
export class Relocate implements Operator {
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
    const { pu, nu, pv, nv } = p;
    const cost = s.m.cost;
    const S = s.m.size;
    const { loc, out } = s;
    const lu = loc[u];
    const lv = loc[v];
    const Lu = lu * S;
    // Taking u out (a route left empty costs nothing any more).
    const rem =
      same || s.size[p.ru] > 1 ? cost[loc[pu] * S + loc[nu]] - out[pu] - out[u] : this.emptied(s, p);
    // After v (v → u → nv), or before v (pv → u → v); neither where u already is.
    const after = v === pu || nv === u ? Infinity : rem + cost[lv * S + lu] + cost[Lu + loc[nv]] - out[v];
    const before = pv === u || v === nu ? Infinity : rem + cost[loc[pv] * S + lu] + cost[Lu + lv] - out[pv];
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

  apply(s: Solution): void {
    s.remove(this.u);
    s.insert(this.u, this.a);
  }
}

/** Exchanges jobs u and v, in the same or in two routes. */
export class Swap implements Operator {
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
      const { pu, nu, pv, nv } = p;
      const S = m.size;
      const { loc, out } = s;
      const lu = loc[u];
      const lv = loc[v];
      const gain =
        cost[loc[pu] * S + lv] +
        cost[lv * S + loc[nu]] +
        cost[loc[pv] * S + lu] +
        cost[lu * S + loc[nv]] -
        out[pu] -
        out[u] -
        out[pv] -
        out[v];
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

  apply(s: Solution): void {
    const { u, v } = this;
    const ru = s.route[u];
    const rv = s.route[v];
    const buf = this.buf;
    let len = 0;
    for (let x = s.next[s.first(ru)]; x !== s.last(ru); x = s.next[x])
      buf[len++] = x === u ? v : x === v ? u : x;
    if (ru === rv) {
      s.rebuild(ru, buf, len);
      return;
    }
    let len2 = len;
    for (let x = s.next[s.first(rv)]; x !== s.last(rv); x = s.next[x]) buf[len2++] = x === v ? u : x;
    s.rebuild(ru, buf, len);
    s.rebuild(rv, buf.subarray(len), len2 - len);
  }
}

/** 2-opt inside one route: reverses the part between u and v so that they become adjacent. */
export class TwoOpt implements Operator {
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
    buf.subarray(start, len).reverse();
    for (x = s.next[this.to]; x !== e; x = s.next[x]) buf[len++] = x;
    s.rebuild(r, buf, len);
  }
}

/**
 * 2-opt* between two routes: exchanges their tails, after u and after v (u → next(v), v → next(u)) or
 * after u and before v (u → v, prev(v) → next(u)); with `reversed` (symmetric, untimed, identical
 * routes from one depot) also u → v with both heads' orientation reversed.
 */
export class TwoOptStar implements Operator {
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
    const d1 = this.tails(s, p, u, v);
    const d2 = this.tails(s, p, u, p.pv);
    let best = d1;
    this.x = v;
    this.rev = false;
    if (d2 < best) {
      best = d2;
      this.x = s.prev[v];
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

  /** Exchanging the tails after u and after x (x may be a start node). */
  private tails(s: Solution, p: Pair, u: number, x: number): number {
    const m = s.m;
    const cost = m.cost;
    const S = m.size;
    const { loc, next, prev } = s;
    const ru = s.route[u];
    const rx = s.route[x];
    const nu = next[u];
    const ny = next[x];
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
    const Lu = loc[u] * S;
    const Lx = loc[x] * S;
    const sameEnd = loc[eu] === loc[ex];
    let gain: number;
    const out = s.out;
    if (sameEnd) {
      // Ends at one place: the tails' last legs stay as they are.
      gain = cost[Lu + loc[ny]] + cost[Lx + loc[nu]] - out[u] - out[x];
    } else {
      const lu = prev[eu];
      const lx = prev[ex];
      const lEu = loc[eu];
      const lEx = loc[ex];
      gain =
        (emptyX ? cost[Lu + lEu] : cost[Lu + loc[ny]] + cost[loc[lx] * S + lEu]) +
        (emptyU ? cost[Lx + lEx] : cost[Lx + loc[nu]] + cost[loc[lu] * S + lEx]) -
        (emptyU ? out[u] : out[u] + out[lu]) -
        (emptyX ? out[x] : out[x] + out[lx]);
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
    const { u, v, ru, rv, nu, nv } = p;
    const preU = s.preLoad[u];
    const preV = s.preLoad[v];
    const Q = m.capacity[0];
    if (preU + preV > Q + SPARE || s.load[ru] - preU + s.load[rv] - preV > Q + SPARE) return Infinity;
    const cost = m.cost;
    const S = m.size;
    const loc = s.loc;
    const Lu = loc[u] * S;
    const lnv = loc[nv];
    const lnu = loc[nu];
    const gain = cost[Lu + loc[v]] + cost[lnu * S + lnv] - s.out[u] - s.out[v];
    return gain < 0 ? gain : Infinity;
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
    s.rebuild(rx, buf.subarray(a), b - a);
  }
}

/** Or-opt: moves a chain of 2 or 3 jobs starting at u after v or after its predecessor, kept or reversed. */
export class OrOpt implements Operator {
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

/**
 * The destination of a route that may end at several: the cheapest one that every job on it allows,
 * that has room for its load and that it reaches within its shift. Route-level (not between two jobs).
 */
export class ChooseDestination {
  private r = -1;
  private d = -1;

  /** Cost change of the best other destination for route r (data fresh), or Infinity. */
  evaluate(s: Solution, r: number): number {
    const m = s.m;
    if (m.endLoc[r] >= 0 || m.dests < 2 || !s.used(r)) return Infinity;
    const e = s.last(r);
    const last = s.prev[e];
    const cur = s.dest[r];
    const S = m.size;
    const from = s.loc[last];
    const now = m.cost[from * S + s.loc[e]];
    let best = Infinity;
    for (let d = 0; d < m.dests; d++) {
      if (d === cur) continue;
      const to = m.destLoc[d];
      const gain = m.cost[from * S + to] - now;
      if (gain >= 0 || gain >= best) continue;
      if (m.timed && s.fwd[last] + m.time[from * S + to] > m.shiftEnd[r]) continue;
      if (!s.destRoom(d, s.load, r * m.dims) || !s.routeAllows(r, d)) continue;
      best = gain;
      this.r = r;
      this.d = d;
    }
    return best;
  }

  apply(s: Solution): void {
    s.setDest(this.r, this.d);
    s.recost(this.r);
  }
}

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
