/**
 * Local search for the CVRP fast path: relocate, swap, 2-opt (intra-route) and 2-opt* (inter-route:
 * tails exchanged after u and after v, after u and before v, and with both heads reversed), each
 * between a customer and one of its granular neighbors (Toth & Vigo 2003), evaluated in O(1) from
 * per-node position and prefix-load arrays; first improvement until a local optimum.
 */

import type { CvrpState } from './cvrp-state.ts';
import type { CvrpInstance } from './cvrplib.ts';
import type { Rng } from './rng.ts';

/** Improves a CvrpState in place until no move between granular neighbors lowers the cost. */
export class CvrpLocalSearch {
  private readonly n: number;
  private readonly dim: number;
  private readonly d: Int32Array;
  private readonly dem: Int32Array;
  private readonly Q: number;
  private readonly pos: Int32Array;
  private readonly pre: Int32Array;
  private readonly order: Int32Array;
  private readonly buf: Int32Array;
  private readonly buf2: Int32Array;
  private readonly g: number;
  private readonly queue: Int32Array;
  private readonly queued: Uint8Array;
  private head = 0;
  /** Routes whose positions must be re-read before the next queued run (changed since, or reverted). */
  private readonly dirty: Int32Array;
  private dirtyCount = 0;
  private readonly dirtyMark: Int32Array;
  private dirtyStamp = 1;
  /** Routes changed by the last queued run's moves; stay dirty for the next run in case of a revert. */
  private readonly moved: Int32Array;
  private movedCount = 0;
  private readonly movedMark: Int32Array;
  private movedStamp = 1;
  private count = 0;

  constructor(
    inst: CvrpInstance,
    private readonly neighbors: Int32Array,
    private readonly k: number,
    private readonly rng: Rng,
    granularity = 20,
    private readonly orOpt = true,
  ) {
    this.n = inst.dimension - 1;
    this.dim = inst.dimension;
    this.d = inst.distance;
    this.dem = inst.demand;
    this.Q = inst.capacity;
    this.pos = new Int32Array(this.n + 1);
    this.pre = new Int32Array(this.n + 1);
    this.order = new Int32Array(this.n);
    this.buf = new Int32Array(this.n + 1);
    this.buf2 = new Int32Array(this.n + 1);
    this.g = Math.min(granularity, k);
    this.queue = new Int32Array(this.n + 1);
    this.queued = new Uint8Array(this.n + 1);
    this.dirty = new Int32Array(2 * (this.n + 1));
    this.dirtyMark = new Int32Array(this.n + 1);
    this.moved = new Int32Array(2 * (this.n + 1));
    this.movedMark = new Int32Array(this.n + 1);
  }

  /** Notes that route r changed outside the local search (ruin, recreate). */
  markRoute(r: number): void {
    if (this.dirtyMark[r] === this.dirtyStamp) return;
    this.dirtyMark[r] = this.dirtyStamp;
    this.dirty[this.dirtyCount++] = r;
  }

  /** Queues customer c (0, the depot, is ignored) for examination. */
  push(c: number): void {
    if (c === 0 || this.queued[c] === 1) return;
    this.queued[c] = 1;
    const len = this.queue.length;
    this.queue[(this.head + this.count) % len] = c;
    this.count++;
  }

  /**
   * Runs from the queued customers only, re-queueing the ends of every applied move, until the queue
   * is empty: the local search looks only where the solution changed (the idea of FILO's selective
   * vertex caching, Accorsi & Vigo 2021). Keeps `s.cost` exact.
   */
  runQueued(s: CvrpState): void {
    // Positions are valid except in routes changed since the last run: this run's ruin and recreate,
    // and the last run's routes (its candidate may have been rejected, reverting them).
    for (let i = 0; i < this.movedCount; i++) this.markRoute(this.moved[i]);
    for (let i = 0; i < this.dirtyCount; i++) {
      const r = this.dirty[i];
      if (s.size[r] > 0) this.index(s, r);
    }
    this.movedCount = 0;
    this.movedStamp++;
    for (let i = 0; i < this.dirtyCount; i++) this.noteMoved(this.dirty[i], true);
    this.dirtyCount = 0;
    this.dirtyStamp++;
    this.tracking = true;
    const len = this.queue.length;
    let budget = 50 * this.n;
    while (this.count > 0) {
      const u = this.queue[this.head];
      this.head = (this.head + 1) % len;
      this.count--;
      this.queued[u] = 0;
      if (budget-- < 0) continue; // drains the queue; a safety net against cycling
      for (let j = 0; j < this.g; j++) {
        this.tryMoves(s, u, this.neighbors[u * this.k + j]);
      }
    }
    this.tracking = false;
  }

  private tracking = false;

  /** Queues the customers around a move about to be applied (their neighborhoods change). */
  private queueEnds(u: number, v: number, pu: number, nu: number, pv: number, nv: number): void {
    if (!this.tracking) return;
    this.push(u);
    this.push(v);
    this.push(pu);
    this.push(nu);
    this.push(pv);
    this.push(nv);
  }

  /** Remembers a route changed by a move of the queued run. */
  private noteMoved(r: number, force = false): void {
    if ((!this.tracking && !force) || this.movedMark[r] === this.movedStamp) return;
    this.movedMark[r] = this.movedStamp;
    this.moved[this.movedCount++] = r;
  }

  /** Runs to a local optimum, or until `stop()` says so (polled every 64 customers); keeps `s.cost` exact. */
  run(s: CvrpState, stop?: () => boolean): void {
    for (let r = 0; r < s.routeIdBound; r++) if (s.size[r] > 0) this.index(s, r);
    const { order, rng } = this;
    for (let i = 0; i < this.n; i++) order[i] = i + 1;
    let improved = true;
    let passes = 0;
    while (improved && passes++ < 50) {
      improved = false;
      for (let i = this.n - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        const t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      for (let i = 0; i < this.n; i++) {
        if ((i & 63) === 0 && stop?.()) return;
        const u = order[i];
        for (let j = 0; j < this.g; j++) {
          if (this.tryMoves(s, u, this.neighbors[u * this.k + j])) improved = true;
        }
      }
    }
  }

  /** Recomputes positions and prefix loads of route r. */
  private index(s: CvrpState, r: number): void {
    this.noteMoved(r);
    let p = 0;
    let load = 0;
    for (let c = s.first[r]; c !== 0; c = s.next[c]) {
      load += this.dem[c];
      this.pos[c] = p++;
      this.pre[c] = load;
    }
  }

  private tryMoves(s: CvrpState, u: number, v: number): boolean {
    const { d, dim, dem, Q } = this;
    const ru = s.route[u];
    const rv = s.route[v];
    const pu = s.prev[u];
    const nu = s.next[u];
    const pv = s.prev[v];
    const nv = s.next[v];
    const du = dem[u];
    const U = u * dim;
    const V = v * dim;
    const same = ru === rv;
    const removeGain = d[pu * dim + nu] - d[U + pu] - d[U + nu];
    if (same || s.load[rv] + du <= Q) {
      // Relocate u after v.
      if (nv !== u && v !== u) {
        const delta = removeGain + d[U + v] + d[U + nv] - d[V + nv];
        if (delta < 0) {
          this.queueEnds(u, v, pu, nu, pv, nv);
          return this.relocate(s, u, v, nv, rv, delta);
        }
      }
      // Relocate u before v.
      if (pv !== u && v !== u) {
        const delta = removeGain + d[U + pv] + d[U + v] - d[pv * dim + v];
        if (delta < 0) {
          this.queueEnds(u, v, pu, nu, pv, nv);
          return this.relocate(s, u, pv, v, rv, delta);
        }
      }
    }
    // Or-opt: move the pair (u, nu) next to v, in either orientation.
    if (this.orOpt && nu !== 0 && v !== nu) {
      const nnu = s.next[nu];
      const dPair = du + dem[nu];
      if ((same || s.load[rv] + dPair <= Q) && nv !== u) {
        const N = nu * dim;
        const gain = d[pu * dim + nnu] - d[U + pu] - d[N + nnu];
        const base = gain - d[V + nv];
        const kept = base + d[V + u] + d[N + nv];
        const flipped = base + d[V + nu] + d[U + nv];
        if (kept < 0 || flipped < 0) {
          this.queueEnds(u, v, pu, nu, pv, nv);
          this.movePair(s, u, nu, v, nv, rv, flipped < kept, Math.min(kept, flipped));
          return true;
        }
      }
    }
    if (nu !== v && pu !== v) {
      const dv = dem[v];
      if (same || (s.load[ru] - du + dv <= Q && s.load[rv] - dv + du <= Q)) {
        const delta =
          d[V + pu] + d[V + nu] - d[U + pu] - d[U + nu] + d[U + pv] + d[U + nv] - d[V + pv] - d[V + nv];
        if (delta < 0) {
          this.queueEnds(u, v, pu, nu, pv, nv);
          this.swap(s, u, v, delta);
          return true;
        }
      }
    }
    if (same) {
      // 2-opt: reverse the segment between u and v (either orientation, symmetric distances).
      const delta = d[U + v] + d[nu * dim + nv] - d[U + nu] - d[V + nv];
      if (delta < 0) {
        this.queueEnds(u, v, pu, nu, pv, nv);
        this.reverse(s, ru, this.pos[u] < this.pos[v] ? nu : nv, this.pos[u] < this.pos[v] ? v : u, delta);
        return true;
      }
      const delta2 = d[U + v] + d[pu * dim + pv] - d[U + pu] - d[V + pv];
      if (delta2 < 0) {
        this.queueEnds(u, v, pu, nu, pv, nv);
        this.reverse(s, ru, this.pos[u] < this.pos[v] ? u : v, this.pos[u] < this.pos[v] ? pv : pu, delta2);
        return true;
      }
      return false;
    }
    const loadU = s.load[ru];
    const loadV = s.load[rv];
    const preU = this.pre[u];
    const preV = this.pre[v];
    // 2-opt* keeping directions: u→nv and v→nu.
    if (preU + loadV - preV <= Q && preV + loadU - preU <= Q) {
      const delta = d[U + nv] + d[V + nu] - d[U + nu] - d[V + nv];
      if (delta < 0) {
        this.queueEnds(u, v, pu, nu, pv, nv);
        this.crossTails(s, ru, u, rv, v, delta);
        return true;
      }
    }
    // 2-opt* after u and before v: u→v and pv→nu (pv may be the depot: v's route is then emptied).
    const preP = preV - dem[v];
    if (preU + loadV - preP <= Q && preP + loadU - preU <= Q) {
      const P = pv * dim;
      const delta = d[U + v] + d[P + nu] - d[U + nu] - d[P + v];
      if (delta < 0) {
        this.queueEnds(u, v, pu, nu, pv, nv);
        this.crossTails(s, ru, u, rv, pv, delta);
        return true;
      }
    }
    // 2-opt* with reversal: u→v and nu→nv.
    if (preU + preV <= Q && loadU - preU + loadV - preV <= Q) {
      const delta = d[U + v] + d[nu * dim + nv] - d[U + nu] - d[V + nv];
      if (delta < 0) {
        this.queueEnds(u, v, pu, nu, pv, nv);
        this.crossReversed(s, ru, u, rv, v, delta);
        return true;
      }
    }
    return false;
  }

  private relocate(s: CvrpState, u: number, a: number, b: number, r: number, delta: number): boolean {
    const ru = s.route[u];
    const pu = s.prev[u];
    const nu = s.next[u];
    const du = this.dem[u];
    // Unlink without freeing the route id when the route stays in use (same route).
    if (pu === 0) s.first[ru] = nu;
    else s.next[pu] = nu;
    if (nu === 0) s.last[ru] = pu;
    else s.prev[nu] = pu;
    s.load[ru] -= du;
    s.size[ru]--;
    s.next[u] = b;
    s.prev[u] = a;
    if (a === 0) s.first[r] = u;
    else s.next[a] = u;
    if (b === 0) s.last[r] = u;
    else s.prev[b] = u;
    s.route[u] = r;
    s.load[r] += du;
    s.size[r]++;
    s.cost += delta;
    if (s.size[ru] === 0) this.freeRoute(s, ru);
    else this.index(s, ru);
    if (r !== ru) this.index(s, r);
    return true;
  }

  /** Moves the consecutive pair (x, y) between a and b of route r, reversed when `flip`. */
  private movePair(
    s: CvrpState,
    x: number,
    y: number,
    a: number,
    b: number,
    r: number,
    flip: boolean,
    delta: number,
  ): void {
    const rx = s.route[x];
    const px = s.prev[x];
    const ny = s.next[y];
    if (px === 0) s.first[rx] = ny;
    else s.next[px] = ny;
    if (ny === 0) s.last[rx] = px;
    else s.prev[ny] = px;
    const load = this.dem[x] + this.dem[y];
    s.load[rx] -= load;
    s.size[rx] -= 2;
    const head = flip ? y : x;
    const tail = flip ? x : y;
    s.next[head] = tail;
    s.prev[tail] = head;
    s.prev[head] = a;
    s.next[tail] = b;
    if (a === 0) s.first[r] = head;
    else s.next[a] = head;
    if (b === 0) s.last[r] = tail;
    else s.prev[b] = tail;
    s.route[x] = r;
    s.route[y] = r;
    s.load[r] += load;
    s.size[r] += 2;
    s.cost += delta;
    if (s.size[rx] === 0) this.freeRoute(s, rx);
    else this.index(s, rx);
    if (r !== rx) this.index(s, r);
  }

  private freeRoute(s: CvrpState, r: number): void {
    this.noteMoved(r);
    s.free[s.meta[0]++] = r;
    s.meta[1]--;
  }

  private swap(s: CvrpState, u: number, v: number, delta: number): void {
    const ru = s.route[u];
    const rv = s.route[v];
    const pu = s.prev[u];
    const nu = s.next[u];
    const pv = s.prev[v];
    const nv = s.next[v];
    this.place(s, v, pu, nu, ru);
    this.place(s, u, pv, nv, rv);
    const diff = this.dem[v] - this.dem[u];
    s.load[ru] += diff;
    s.load[rv] -= diff;
    s.cost += delta;
    this.index(s, ru);
    if (rv !== ru) this.index(s, rv);
  }

  private place(s: CvrpState, c: number, a: number, b: number, r: number): void {
    s.prev[c] = a;
    s.next[c] = b;
    if (a === 0) s.first[r] = c;
    else s.next[a] = c;
    if (b === 0) s.last[r] = c;
    else s.prev[b] = c;
    s.route[c] = r;
  }

  /** Reverses the customers from `from` to `to` (in route order) inside route r. */
  private reverse(s: CvrpState, r: number, from: number, to: number, delta: number): void {
    let m = 0;
    for (let c = s.first[r]; c !== 0; c = s.next[c]) this.buf[m++] = c;
    let i = this.pos[from];
    let j = this.pos[to];
    while (i < j) {
      const t = this.buf[i];
      this.buf[i++] = this.buf[j];
      this.buf[j--] = t;
    }
    this.rebuild(s, r, this.buf, 0, m);
    s.cost += delta;
  }

  /** Exchanges the tails of routes ru and rv after u and after x (x = 0: all of rv goes to ru). */
  private crossTails(s: CvrpState, ru: number, u: number, rv: number, x: number, delta: number): void {
    const nu = s.next[u];
    const nx = x === 0 ? s.first[rv] : s.next[x];
    let m = 0;
    for (let c = s.first[ru]; c !== nu; c = s.next[c]) this.buf[m++] = c;
    for (let c = nx; c !== 0; c = s.next[c]) this.buf[m++] = c;
    let m2 = 0;
    if (x !== 0) for (let c = s.first[rv]; c !== nx; c = s.next[c]) this.buf2[m2++] = c;
    for (let c = nu; c !== 0; c = s.next[c]) this.buf2[m2++] = c;
    this.rebuild(s, ru, this.buf, 0, m);
    this.rebuild(s, rv, this.buf2, 0, m2);
    s.cost += delta;
  }

  private crossReversed(s: CvrpState, ru: number, u: number, rv: number, v: number, delta: number): void {
    const nu = s.next[u];
    const nv = s.next[v];
    let m = 0;
    for (let c = s.first[ru]; c !== nu; c = s.next[c]) this.buf[m++] = c;
    for (let c = v; c !== 0; c = s.prev[c]) this.buf[m++] = c;
    let m2 = 0;
    for (let c = s.last[ru]; c !== u; c = s.prev[c]) this.buf2[m2++] = c;
    for (let c = nv; c !== 0; c = s.next[c]) this.buf2[m2++] = c;
    this.rebuild(s, ru, this.buf, 0, m);
    this.rebuild(s, rv, this.buf2, 0, m2);
    s.cost += delta;
  }

  /** Rewrites route r as buf[from…to); an empty result frees the route id. */
  private rebuild(s: CvrpState, r: number, buf: Int32Array, from: number, to: number): void {
    this.noteMoved(r);
    if (to === from) {
      if (s.size[r] > 0) {
        s.size[r] = 0;
        s.load[r] = 0;
        this.freeRoute(s, r);
      }
      return;
    }
    let load = 0;
    let prev = 0;
    for (let i = from; i < to; i++) {
      const c = buf[i];
      s.prev[c] = prev;
      if (prev !== 0) s.next[prev] = c;
      s.route[c] = r;
      load += this.dem[c];
      this.pos[c] = i - from;
      this.pre[c] = load;
      prev = c;
    }
    s.next[prev] = 0;
    s.first[r] = buf[from];
    s.last[r] = prev;
    s.load[r] = load;
    s.size[r] = to - from;
  }
}
