/**
 * The route model shared by every operator and by both the CVRP and the general path: doubly linked
 * routes over typed arrays (one Int32 and one Float64 buffer, so a solution is copied with two `set`
 * calls and nothing is allocated while searching).
 *
 * Nodes 0 … J−1 are jobs; route r has a start node J + r and an end node J + R + r, so every job has a
 * predecessor and a successor. Per route it keeps the load, cost and destination, and per node — lazily,
 * when a route is read after a change — its position, prefix load, earliest departure (forward time)
 * and latest feasible arrival (backward time slack; Savelsbergh, "The vehicle routing problem with time
 * windows: minimizing route duration", ORSA Journal on Computing 4(2), 1992), so a move that joins a
 * route's head to another route's tail is checked for capacity and time windows in O(1).
 */
import type { Compiled } from './compile.ts';

const SPARE = 1e-9;

/** A complete or partial solution: every job is on one route or unassigned. */
export class Solution {
  readonly J: number;
  readonly R: number;
  /** Successor and predecessor per node. */
  readonly next: Int32Array;
  readonly prev: Int32Array;
  /** Route per node (−1: unassigned job). */
  readonly route: Int32Array;
  /** Location per node (end nodes follow the route's destination). */
  readonly loc: Int32Array;
  /** Position per node in its route (start node 0), valid while the route is indexed. */
  readonly pos: Int32Array;
  /** Jobs per route. */
  readonly size: Int32Array;
  /** Destination per route (−1: none, or a route with a fixed end). */
  readonly dest: Int32Array;
  /** 1 when the route's per-node data must be recomputed before it is read. */
  readonly stale: Int32Array;
  /** Per class, a stack of its unused routes: freeTop[c] entries at free[classFirst[c] …]. */
  readonly free: Int32Array;
  readonly freeTop: Int32Array;
  /** [routes used, jobs unassigned, route bound (see `routeBound`)]. */
  readonly imeta: Int32Array;
  /** Load after each node, nodes × dims. */
  readonly preLoad: Float64Array;
  /** Cost of the edge leaving each job or start node (to its successor), valid while its route is indexed. */
  readonly out: Float64Array;
  /** Departure from each node (arrival at an end node), seconds; empty when the problem has no times. */
  readonly fwd: Float64Array;
  /** Latest arrival at each node that keeps the rest of its route feasible (at a start node: latest departure). */
  readonly bwd: Float64Array;
  /** Load per route, routes × dims; load per destination, destinations × dims. */
  readonly load: Float64Array;
  readonly destLoad: Float64Array;
  /** Cost per route: edges, fixed cost and locked steps when used, else 0. */
  readonly rcost: Float64Array;
  /** [sum of route costs, sum of penalties of unassigned jobs]. */
  readonly fmeta: Float64Array;
  private readonly ints: Int32Array;
  private readonly floats: Float64Array;

  /** An empty solution: every route unused (except forced ones), every job unassigned. */
  constructor(readonly m: Compiled) {
    const J = m.jobs;
    const R = m.routes;
    const N = J + 2 * R;
    const D = m.dims;
    this.J = J;
    this.R = R;
    this.ints = new Int32Array(5 * N + 4 * R + m.classes + 3);
    // Times only when the problem has any (a CVRP copies a quarter less per iteration without them).
    const T = m.timed ? N : 0;
    this.floats = new Float64Array(N * D + N + 2 * T + R * D + m.dests * D + R + 2);
    this.partial = D === 1 && T === 0 && m.dests === 0;
    let o = 0;
    const int = (len: number): Int32Array => {
      const v = this.ints.subarray(o, o + len);
      o += len;
      return v;
    };
    this.next = int(N);
    this.prev = int(N);
    this.route = int(N);
    this.loc = int(N);
    this.pos = int(N);
    this.size = int(R);
    this.dest = int(R);
    this.stale = int(R);
    this.free = int(R);
    this.freeTop = int(m.classes);
    this.imeta = int(3);
    o = 0;
    const float = (len: number): Float64Array => {
      const v = this.floats.subarray(o, o + len);
      o += len;
      return v;
    };
    this.preLoad = float(N * D);
    this.out = float(N);
    this.fwd = float(T);
    this.bwd = float(T);
    this.load = float(R * D);
    this.destLoad = float(m.dests * D);
    this.rcost = float(R);
    this.fmeta = float(2);
    this.reset();
  }

  /** Makes this an empty solution again (see the constructor). */
  reset(): void {
    const { m, J, R } = this;
    const D = m.dims;
    this.ints.fill(0);
    this.floats.fill(0);
    this.route.fill(-1, 0, J);
    for (let j = 0; j < J; j++) {
      this.loc[j] = m.loc[j];
      this.fmeta[1] += m.penalty[j];
    }
    this.imeta[1] = J;
    this.dest.fill(-1);
    for (let r = 0; r < R; r++) {
      const s = J + r;
      const e = J + R + r;
      this.next[s] = e;
      this.prev[e] = s;
      this.next[e] = -1;
      this.prev[s] = -1;
      this.route[s] = r;
      this.route[e] = r;
      this.loc[s] = m.startLoc[r];
      this.loc[e] = m.endLoc[r];
      for (let k = 0; k < D; k++) this.load[r * D + k] = m.initLoad[r * D + k];
      this.stale[r] = 1;
      if (m.forced[r]) {
        this.imeta[0]++;
        this.imeta[2] = r + 1;
        if (m.endLoc[r] < 0) this.setDest(r, this.firstDest(r));
        this.rcost[r] = this.emptyCost(r);
        this.fmeta[0] += this.rcost[r];
      }
    }
    // Free routes per class, pushed in reverse so the lowest route id is used first.
    for (let c = 0; c < m.classes; c++) {
      for (let r = m.classFirst[c + 1] - 1; r >= m.classFirst[c]; r--) {
        if (!m.forced[r]) this.free[m.classFirst[c] + this.freeTop[c]++] = r;
      }
    }
  }

  /**
   * Makes this solution an exact copy of `o` (same problem). A plain problem (one dimension, no times,
   * no destinations) with far more route slots than routes in use — the CVRP, one slot per customer —
   * copies only the routes below the larger route bound of the two, which every other route is unused
   * and untouched in both (the same as after a reset, but for caches its stale flag makes it
   * recompute): a third to a fifth of the data, and this copy is once per iteration.
   */
  copyFrom(o: Solution): void {
    const bound = Math.max(this.imeta[2], o.imeta[2]);
    if (!this.partial || 4 * bound > this.R) {
      this.ints.set(o.ints);
      this.floats.set(o.floats);
      return;
    }
    this.views(bound);
    o.views(bound);
    const a = this.iv;
    const b = o.iv;
    for (let k = 0; k < a.length; k++) a[k].set(b[k]);
    const f = this.fv;
    const g = o.fv;
    for (let k = 0; k < f.length; k++) f[k].set(g[k]);
  }

  /**
   * The parts of the buffers `copyFrom` copies for a route bound, as views made once per bound (a
   * view costs far more to make than its few hundred entries to copy): per node (next, prev, route,
   * loc, pos; prefix loads, out) the jobs and start nodes below the bound and the end nodes below
   * it; per route (size, dest, stale; load, cost) below the bound; the free stacks and the totals.
   */
  private views(bound: number): void {
    if (this.viewBound === bound) return;
    this.viewBound = bound;
    const { J, R, ints, floats } = this;
    const N = J + 2 * R;
    const head = J + bound;
    const iv: Int32Array[] = [];
    const fv: Float64Array[] = [];
    for (let k = 0; k < 5; k++) {
      iv.push(ints.subarray(k * N, k * N + head), ints.subarray(k * N + J + R, k * N + J + R + bound));
    }
    for (let k = 0; k < 3; k++) iv.push(ints.subarray(5 * N + k * R, 5 * N + k * R + bound));
    iv.push(ints.subarray(5 * N + 3 * R));
    for (let k = 0; k < 2; k++) {
      fv.push(floats.subarray(k * N, k * N + head), floats.subarray(k * N + J + R, k * N + J + R + bound));
    }
    for (let k = 0; k < 2; k++) fv.push(floats.subarray(2 * N + k * R, 2 * N + k * R + bound));
    fv.push(floats.subarray(2 * N + 2 * R));
    this.iv = iv;
    this.fv = fv;
  }

  private viewBound = -1;
  private iv: Int32Array[] = [];
  private fv: Float64Array[] = [];

  /** Whether `copyFrom` may copy the routes below the bound alone (one dimension, no times, no destinations). */
  private readonly partial: boolean;

  /** Objective: route costs plus the penalties of unassigned jobs. */
  get objective(): number {
    return this.fmeta[0] + this.fmeta[1];
  }
  /** Sum of the route costs. */
  get cost(): number {
    return this.fmeta[0];
  }
  /** Routes in use. */
  get routesUsed(): number {
    return this.imeta[0];
  }
  /** Jobs not on any route. */
  get unassigned(): number {
    return this.imeta[1];
  }
  /**
   * 1 + the highest route id used since the reset (of this solution or of the one it copies): routes
   * from it on are unused, so loops over the routes in use stop there. Unused routes are taken lowest
   * id first, so with as many route slots as jobs (the CVRP) it stays near the most routes in use.
   */
  get routeBound(): number {
    return this.imeta[2];
  }

  /** Start and end node of route r. */
  first(r: number): number {
    return this.J + r;
  }
  last(r: number): number {
    return this.J + this.R + r;
  }
  /** Whether route r counts as used (has jobs, or is forced by on-board jobs or locked steps). */
  used(r: number): boolean {
    return this.size[r] > 0 || this.m.forced[r] === 1;
  }

  /** Cost of route r with no searched jobs: start to end, locked steps and the fixed cost. */
  emptyCost(r: number): number {
    const m = this.m;
    return (
      m.baseCost[r] + m.fixedCost[r] + m.cost[this.loc[this.J + r] * m.size + this.loc[this.J + this.R + r]]
    );
  }

  /** Cost of an edge between two nodes. */
  c(a: number, b: number): number {
    return this.m.cost[this.loc[a] * this.m.size + this.loc[b]];
  }
  /** Travel time between two nodes. */
  t(a: number, b: number): number {
    return this.m.time[this.loc[a] * this.m.size + this.loc[b]];
  }

  /** The lowest allowed destination of route r (by its mask), or −1. */
  private firstDest(r: number): number {
    const m = this.m;
    for (let d = 0; d < m.dests; d++)
      if (m.routeDestMask[r * m.words + (d >>> 5)] & (1 << (d & 31))) return d;
    return -1;
  }

  /** Whether job j allows destination d. */
  jobAllows(j: number, d: number): boolean {
    return (this.m.jobDestMask[j * this.m.words + (d >>> 5)] & (1 << (d & 31))) !== 0;
  }

  /** Whether route r may end at destination d (the vehicle's choices and every job on it allow it). */
  routeAllows(r: number, d: number): boolean {
    const m = this.m;
    if ((m.routeDestMask[r * m.words + (d >>> 5)] & (1 << (d & 31))) === 0) return false;
    const e = this.J + this.R + r;
    for (let x = this.next[this.J + r]; x !== e; x = this.next[x]) if (!this.jobAllows(x, d)) return false;
    return true;
  }

  /** Whether destination d has room for `extra` more load of route r's size (extra per dimension from `src`). */
  destRoom(d: number, src: Float64Array, at: number, sign = 1): boolean {
    const D = this.m.dims;
    for (let k = 0; k < D; k++) {
      if (this.destLoad[d * D + k] + sign * src[at + k] > this.m.destCap[d * D + k] + SPARE) return false;
    }
    return true;
  }

  /**
   * Sets the destination of route r (moving its load from the old destination's count to the new one)
   * and its end node's location; the caller re-costs the route (`recost`) when it is used.
   */
  setDest(r: number, d: number): void {
    const D = this.m.dims;
    const old = this.dest[r];
    if (old === d) return;
    for (let k = 0; k < D; k++) {
      if (old >= 0) this.destLoad[old * D + k] -= this.load[r * D + k];
      if (d >= 0) this.destLoad[d * D + k] += this.load[r * D + k];
    }
    this.dest[r] = d;
    this.loc[this.J + this.R + r] = d >= 0 ? this.m.destLoc[d] : this.m.endLoc[r];
    this.stale[r] = 1;
  }

  /** Inserts unassigned job x after node a (a job or a start node), updating cost, load and counts. */
  insert(x: number, a: number): void {
    const { m } = this;
    const D = m.dims;
    const r = this.route[a];
    const b = this.next[a];
    const wasUsed = this.used(r);
    if (!wasUsed) this.takeRoute(r);
    this.next[a] = x;
    this.prev[x] = a;
    this.next[x] = b;
    this.prev[b] = x;
    this.route[x] = r;
    this.size[r]++;
    const d = this.dest[r];
    for (let k = 0; k < D; k++) {
      const q = m.demand[x * D + k];
      this.load[r * D + k] += q;
      if (d >= 0) this.destLoad[d * D + k] += q;
    }
    const before = this.rcost[r];
    this.rcost[r] = wasUsed
      ? before + this.c(a, x) + this.c(x, b) - this.c(a, b)
      : m.baseCost[r] + m.fixedCost[r] + this.c(a, x) + this.c(x, b);
    this.fmeta[0] += this.rcost[r] - before;
    this.fmeta[1] -= m.penalty[x];
    this.imeta[1]--;
    this.stale[r] = 1;
  }

  /** Unlinks job x from its route (it becomes unassigned), updating cost, load and counts. */
  remove(x: number): void {
    const { m } = this;
    const D = m.dims;
    const r = this.route[x];
    const a = this.prev[x];
    const b = this.next[x];
    this.next[a] = b;
    this.prev[b] = a;
    this.route[x] = -1;
    this.size[r]--;
    const d = this.dest[r];
    for (let k = 0; k < D; k++) {
      const q = m.demand[x * D + k];
      this.load[r * D + k] -= q;
      if (d >= 0) this.destLoad[d * D + k] -= q;
    }
    const before = this.rcost[r];
    if (this.used(r)) this.rcost[r] = before + this.c(a, b) - this.c(a, x) - this.c(x, b);
    else {
      this.rcost[r] = 0;
      this.releaseRoute(r);
    }
    this.fmeta[0] += this.rcost[r] - before;
    this.fmeta[1] += m.penalty[x];
    this.imeta[1]++;
    this.stale[r] = 1;
  }

  /**
   * Exchanges jobs u and v of two different routes, in O(dimensions): their links, the routes' loads
   * (and their destinations' loads) and costs. Class, destination and time windows are the caller's.
   */
  exchange(u: number, v: number): void {
    const { m, next, prev, route } = this;
    const D = m.dims;
    const ru = route[u];
    const rv = route[v];
    const pu = prev[u];
    const nu = next[u];
    const pv = prev[v];
    const nv = next[v];
    const cu = this.c(pu, v) + this.c(v, nu) - this.c(pu, u) - this.c(u, nu);
    const cv = this.c(pv, u) + this.c(u, nv) - this.c(pv, v) - this.c(v, nv);
    next[pu] = v;
    prev[v] = pu;
    next[v] = nu;
    prev[nu] = v;
    route[v] = ru;
    next[pv] = u;
    prev[u] = pv;
    next[u] = nv;
    prev[nv] = u;
    route[u] = rv;
    const du = this.dest[ru];
    const dv = this.dest[rv];
    for (let k = 0; k < D; k++) {
      const q = m.demand[v * D + k] - m.demand[u * D + k];
      this.load[ru * D + k] += q;
      this.load[rv * D + k] -= q;
      if (du !== dv) {
        if (du >= 0) this.destLoad[du * D + k] += q;
        if (dv >= 0) this.destLoad[dv * D + k] -= q;
      }
    }
    this.rcost[ru] += cu;
    this.rcost[rv] += cv;
    this.fmeta[0] += cu + cv;
    this.stale[ru] = 1;
    this.stale[rv] = 1;
  }

  /** Marks an unused route as used (off its class's free stack). */
  private takeRoute(r: number): void {
    const m = this.m;
    const c = m.routeClass[r];
    const base = m.classFirst[c];
    const top = --this.freeTop[c];
    // Usually r is on top (the caller took it from there); otherwise swap it up first.
    for (let i = top; i >= 0; i--) {
      if (this.free[base + i] === r) {
        this.free[base + i] = this.free[base + top];
        break;
      }
    }
    this.imeta[0]++;
    if (r >= this.imeta[2]) this.imeta[2] = r + 1;
    if (m.endLoc[r] < 0 && this.dest[r] < 0) this.setDest(r, this.firstDest(r));
  }

  /** Puts an emptied route back on its class's free stack (its destination choice is dropped). */
  private releaseRoute(r: number): void {
    const m = this.m;
    const c = m.routeClass[r];
    this.free[m.classFirst[c] + this.freeTop[c]++] = r;
    this.imeta[0]--;
    if (m.endLoc[r] < 0) this.setDest(r, -1);
  }

  /** An unused route of class c (the next one its free stack would give), or −1. */
  freeRoute(c: number): number {
    return this.freeTop[c] > 0 ? this.free[this.m.classFirst[c] + this.freeTop[c] - 1] : -1;
  }

  /**
   * Rewrites route r as the jobs buf[from … from + len) in order (jobs may come from other routes,
   * which the caller rewrites too); recomputes its load and cost from scratch. Used by moves that
   * rearrange whole segments (2-opt, 2-opt*, SWAP*).
   */
  rebuild(r: number, buf: Int32Array, len: number, from = 0): void {
    const { m } = this;
    const D = m.dims;
    const wasUsed = this.used(r);
    const s = this.J + r;
    const e = this.J + this.R + r;
    if (len > 0 && !wasUsed) this.takeRoute(r);
    const d = this.dest[r];
    if (d >= 0) for (let k = 0; k < D; k++) this.destLoad[d * D + k] -= this.load[r * D + k];
    for (let k = 0; k < D; k++) this.load[r * D + k] = m.initLoad[r * D + k];
    let a = s;
    for (let i = from; i < from + len; i++) {
      const x = buf[i];
      this.next[a] = x;
      this.prev[x] = a;
      this.route[x] = r;
      for (let k = 0; k < D; k++) this.load[r * D + k] += m.demand[x * D + k];
      a = x;
    }
    this.next[a] = e;
    this.prev[e] = a;
    this.size[r] = len;
    const d2 = this.dest[r];
    if (d2 >= 0) for (let k = 0; k < D; k++) this.destLoad[d2 * D + k] += this.load[r * D + k];
    if (len === 0 && wasUsed && !m.forced[r]) this.releaseRoute(r);
    this.recost(r);
  }

  /** Recomputes route r's cost from its edges (after a destination change or a rebuild). */
  recost(r: number): void {
    const { m } = this;
    const before = this.rcost[r];
    let cost = 0;
    if (this.used(r)) {
      cost = m.baseCost[r] + m.fixedCost[r];
      const e = this.J + this.R + r;
      for (let a = this.J + r; a !== e; a = this.next[a]) cost += this.c(a, this.next[a]);
    }
    this.rcost[r] = cost;
    this.fmeta[0] += cost - before;
    this.stale[r] = 1;
  }

  /** Recomputes the per-node data of route r (positions, prefix loads, forward and backward times) if stale. */
  ensure(r: number): void {
    if (this.stale[r] === 0) return;
    this.stale[r] = 0;
    const { m } = this;
    const D = m.dims;
    const s = this.J + r;
    const e = this.J + this.R + r;
    for (let k = 0; k < D; k++) this.preLoad[s * D + k] = m.initLoad[r * D + k];
    const cost = m.cost;
    const S = m.size;
    const { loc, next, pos, out, preLoad } = this;
    let p = 0;
    let a = s;
    if (D === 1) {
      const demand = m.demand;
      for (let x = next[s]; x !== e; x = next[x]) {
        pos[x] = ++p;
        preLoad[x] = preLoad[a] + demand[x];
        out[a] = cost[loc[a] * S + loc[x]];
        a = x;
      }
    } else {
      for (let x = next[s]; x !== e; x = next[x]) {
        pos[x] = ++p;
        for (let k = 0; k < D; k++) preLoad[x * D + k] = preLoad[a * D + k] + m.demand[x * D + k];
        out[a] = cost[loc[a] * S + loc[x]];
        a = x;
      }
    }
    out[a] = cost[loc[a] * S + loc[e]];
    pos[e] = p + 1;
    if (!m.timed) return;
    this.fwd[s] = m.shiftStart[r];
    a = s;
    for (let x = this.next[s]; x !== e; x = this.next[x]) {
      this.fwd[x] = this.earliest(x, this.fwd[a] + this.t(a, x)) + m.service[x];
      a = x;
    }
    this.fwd[e] = this.fwd[a] + this.t(a, e);
    this.bwd[e] = m.shiftEnd[r];
    let b = e;
    for (let x = this.prev[e]; x !== s; x = this.prev[x]) {
      this.bwd[x] = this.latest(x, this.bwd[b] - this.t(x, b) - m.service[x]);
      b = x;
    }
    this.bwd[s] = this.bwd[b] - this.t(s, b);
  }

  /** Earliest start of service of job x for an arrival time (waiting for a window), or Infinity. */
  earliest(x: number, arrival: number): number {
    const m = this.m;
    const end = m.twFirst[x + 1];
    for (let w = m.twFirst[x]; w < end; w++) {
      if (arrival <= m.twClose[w]) return Math.max(arrival, m.twOpen[w]);
    }
    return Infinity;
  }

  /** Latest arrival at job x whose start of service is at most `limit`, or −Infinity. */
  latest(x: number, limit: number): number {
    const m = this.m;
    for (let w = m.twFirst[x + 1] - 1; w >= m.twFirst[x]; w--) {
      if (m.twOpen[w] <= limit) return Math.min(limit, m.twClose[w]);
    }
    return -Infinity;
  }

  /** Departure from job x when arriving at `arrival` (Infinity when too late for every window). */
  depart(x: number, arrival: number): number {
    return this.earliest(x, arrival) + this.m.service[x];
  }

  /** Whether job x may ride on route r: its class, and the route's destination when it has one. */
  fits(x: number, r: number): boolean {
    const m = this.m;
    if (m.classOk[x * m.classes + m.routeClass[r]] === 0) return false;
    const d = this.dest[r];
    return d < 0 || this.jobAllows(x, d);
  }

  /** Whether route r has room for job x's demand (vehicle and destination), besides what leaves it (`minus`, a job or −1). */
  room(x: number, r: number, minus = -1): boolean {
    const m = this.m;
    const D = m.dims;
    const d = this.dest[r];
    for (let k = 0; k < D; k++) {
      const q = m.demand[x * D + k] - (minus >= 0 ? m.demand[minus * D + k] : 0);
      if (this.load[r * D + k] + q > m.capacity[r * D + k] + SPARE) return false;
      if (d >= 0 && q > 0 && this.destLoad[d * D + k] + q > m.destCap[d * D + k] + SPARE) return false;
    }
    return true;
  }

  /**
   * Cost change of inserting job x between a and its successor, or Infinity when the time windows or
   * the shift forbid it (capacity, class and destination are the caller's: `fits`, `room`). Route a's
   * data must be fresh (`ensure`). Includes the fixed cost when the route was unused.
   */
  insertCost(x: number, a: number): number {
    const b = this.next[a];
    if (this.m.timed) {
      const dep = this.depart(x, this.fwd[a] + this.t(a, x));
      if (dep + this.t(x, b) > this.bwd[b]) return Infinity;
    }
    const r = this.route[a];
    const delta = this.c(a, x) + this.c(x, b);
    return this.used(r) ? delta - this.c(a, b) : delta + this.m.fixedCost[r] + this.m.baseCost[r];
  }

  /**
   * Best cost of using the unused route r for job x alone (choosing the cheapest destination with room
   * when the route has a choice), or Infinity when it cannot; the destination is left in `openDest`.
   */
  openCost(x: number, r: number): number {
    const m = this.m;
    const D = m.dims;
    const S = m.size;
    const from = m.startLoc[r];
    const lx = m.loc[x];
    let dep = 0;
    if (m.timed) {
      dep = this.depart(x, m.shiftStart[r] + m.time[from * S + lx]);
      if (dep === Infinity) return Infinity;
    }
    const head = m.baseCost[r] + m.fixedCost[r] + m.cost[from * S + lx];
    this.openDest = -1;
    if (m.endLoc[r] >= 0) {
      if (m.timed && dep + m.time[lx * S + m.endLoc[r]] > m.shiftEnd[r]) return Infinity;
      return head + m.cost[lx * S + m.endLoc[r]];
    }
    let best = Infinity;
    for (let d = 0; d < m.dests; d++) {
      if ((m.routeDestMask[r * m.words + (d >>> 5)] & (1 << (d & 31))) === 0 || !this.jobAllows(x, d))
        continue;
      const at = m.destLoc[d];
      if (m.timed && dep + m.time[lx * S + at] > m.shiftEnd[r]) continue;
      let room = true;
      for (let k = 0; k < D && room; k++) {
        room =
          this.destLoad[d * D + k] + m.demand[x * D + k] + m.initLoad[r * D + k] <=
          m.destCap[d * D + k] + SPARE;
      }
      const c = head + m.cost[lx * S + at];
      if (room && c < best) {
        best = c;
        this.openDest = d;
      }
    }
    return best;
  }

  /** Destination chosen by the last `openCost`. */
  openDest = -1;

  /**
   * Whether a route, after node `from` (departing at fwd[from]), can visit the jobs buf[0 … len) and
   * then arrive at node `to` by its latest arrival (bwd[to]). Both routes' data must be fresh.
   */
  walk(from: number, buf: Int32Array, len: number, to: number): boolean {
    let t = this.fwd[from];
    let a = from;
    for (let i = 0; i < len; i++) {
      const x = buf[i];
      t = this.depart(x, t + this.t(a, x));
      if (t === Infinity) return false;
      a = x;
    }
    return t + this.t(a, to) <= this.bwd[to];
  }

  /**
   * Whether route r, after node `from`, can visit the chain of jobs from `head` following `next` up to
   * (not including) node `stop`, then arrive at its own end in time. For tails moved between routes
   * with different ends or shifts.
   */
  walkChain(r: number, from: number, head: number, stop: number): boolean {
    let t = this.fwd[from];
    let a = from;
    for (let x = head; x !== stop; x = this.next[x]) {
      t = this.depart(x, t + this.t(a, x));
      if (t === Infinity) return false;
      a = x;
    }
    return t + this.t(a, this.J + this.R + r) <= this.m.shiftEnd[r];
  }

  /** The jobs of route r in order (allocates; for output and tests). */
  jobsOf(r: number): number[] {
    const out: number[] = [];
    const e = this.J + this.R + r;
    for (let x = this.next[this.J + r]; x !== e; x = this.next[x]) out.push(x);
    return out;
  }

  /**
   * Recomputes everything from the routes and checks it (a debugging and test aid, O(size)): cost,
   * loads, capacities, destinations and time windows. Returns the problems found.
   */
  verify(): string[] {
    const { m, J, R } = this;
    const D = m.dims;
    const errors: string[] = [];
    let total = 0;
    const destLoad = new Float64Array(m.dests * D);
    for (let r = 0; r < R; r++) {
      const jobs = this.jobsOf(r);
      if (jobs.length !== this.size[r]) errors.push(`route ${r}: size ${this.size[r]} ≠ ${jobs.length}`);
      let cost = 0;
      if (this.used(r)) {
        cost = m.baseCost[r] + m.fixedCost[r];
        let a = J + r;
        let t = m.shiftStart[r];
        for (const x of jobs) {
          if (this.route[x] !== r) errors.push(`job ${x}: route ${this.route[x]} ≠ ${r}`);
          if (!this.fits(x, r)) errors.push(`job ${x} does not fit route ${r}`);
          cost += this.c(a, x);
          if (m.timed) t = this.depart(x, t + this.t(a, x));
          a = x;
        }
        const e = J + R + r;
        cost += this.c(a, e);
        if (m.timed && t + this.t(a, e) > m.shiftEnd[r] + SPARE) errors.push(`route ${r} is late`);
      }
      if (Math.abs(cost - this.rcost[r]) > 1e-6 * Math.max(1, cost))
        errors.push(`route ${r}: cost ${this.rcost[r]} ≠ ${cost}`);
      total += cost;
      for (let k = 0; k < D; k++) {
        let q = m.initLoad[r * D + k];
        for (const x of jobs) q += m.demand[x * D + k];
        if (Math.abs(q - this.load[r * D + k]) > 1e-6)
          errors.push(`route ${r}: load ${this.load[r * D + k]} ≠ ${q}`);
        if (q > m.capacity[r * D + k] + SPARE) errors.push(`route ${r} over capacity`);
        if (this.dest[r] >= 0) destLoad[this.dest[r] * D + k] += q;
      }
      if (m.endLoc[r] < 0 && this.used(r) && this.dest[r] < 0) errors.push(`route ${r} has no destination`);
    }
    for (let i = 0; i < destLoad.length; i++) {
      if (Math.abs(destLoad[i] - this.destLoad[i]) > 1e-6)
        errors.push(`destination load ${i} ≠ ${destLoad[i]}`);
      if (destLoad[i] > m.destCap[i] + SPARE) errors.push(`destination ${Math.floor(i / D)} over capacity`);
    }
    if (Math.abs(total - this.fmeta[0]) > 1e-6 * Math.max(1, total))
      errors.push(`cost ${this.fmeta[0]} ≠ ${total}`);
    return errors;
  }
}
