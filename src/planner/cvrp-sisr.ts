/**
 * SISR ruin and recreate for the CVRP fast path (Christiaens & Vanden Berghe, "Slack Induction by String
 * Removals for Vehicle Routing Problems", Transportation Science 54(2), 2020): adjacent string removal
 * and greedy insertion with blinks, insertion positions restricted to granular neighbors.
 */
import type { CvrpLocalSearch } from './cvrp-localsearch.ts';
import type { CvrpTuning } from './cvrp-solve.ts';
import type { CvrpState } from './cvrp-state.ts';
import type { CvrpInstance } from './cvrplib.ts';
import type { Rng } from './rng.ts';

/**
 * Rearranges a[0…m) so that its k smallest values come first (in any order): Hoare's quickselect
 * with a middle pivot, linear on average. Values must be distinct (packed keys are).
 */
function selectSmallest(a: Float64Array, m: number, k: number): void {
  let lo = 0;
  let hi = m - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k - 1 <= j) hi = j;
    else if (k - 1 >= i) lo = i;
    else return;
  }
}

/** Ruin (adjacent string removal) and recreate (greedy insertion with blinks) on a CvrpState. */
export class Sisr {
  readonly neighbors: Int32Array;
  readonly neighborCount: number;
  private readonly n: number;
  private readonly dim: number;
  private readonly d: Int32Array;
  private readonly demand: Int32Array;
  private readonly Q: number;
  readonly removed: Int32Array;
  removedCount = 0;
  private readonly routeMark: Int32Array;
  private mark = 0;
  private readonly key: Float64Array;
  /** Customers whose neighborhood changed in the last ruin and recreate (may repeat). */
  readonly touched: Int32Array;
  touchedCount = 0;

  /** Told which routes change, so it re-reads only those. Set right after construction. */
  ls!: CvrpLocalSearch;

  constructor(
    inst: CvrpInstance,
    private readonly t: CvrpTuning,
    private readonly rng: Rng,
  ) {
    const n = inst.dimension - 1;
    this.n = n;
    this.dim = inst.dimension;
    this.d = inst.distance;
    this.demand = inst.demand;
    this.Q = inst.capacity;
    this.removed = new Int32Array(n);
    this.routeMark = new Int32Array(n + 1);
    this.key = new Float64Array(n + 1);
    this.touched = new Int32Array(4 * n + 4);
    this.absent = new Int32Array(n);
    // Customers sorted by distance per customer; the ruin walks them from the seed outward.
    const k = Math.min(n - 1, Math.max(t.granularity, 100));
    this.neighborCount = k;
    this.neighbors = new Int32Array((n + 1) * k);
    // Sort keys pack distance and index into one float so a native typed-array sort does the work.
    const keys = new Float64Array(n - 1);
    for (let c = 1; c <= n; c++) {
      const row = c * this.dim;
      let m = 0;
      for (let o = 1; o <= n; o++) if (o !== c) keys[m++] = this.d[row + o] * 65536 + o;
      // Only the k nearest are needed: select them in linear time, then sort those few.
      if (k < m) selectSmallest(keys, m, k);
      const nearest = keys.subarray(0, k).sort();
      for (let i = 0; i < k; i++) this.neighbors[c * k + i] = nearest[i] % 65536;
    }
  }

  /** Customers left out by the last recreate without new routes. */
  readonly absent: Int32Array;
  absentCount = 0;

  /** Empties route r into the removed list (route minimisation). */
  removeRoute(s: CvrpState, r: number): void {
    this.removedCount = 0;
    this.touchedCount = 0;
    for (let c = s.first[r]; c !== 0; ) {
      const next = s.next[c];
      this.removeOne(s, c);
      c = next;
    }
  }

  /** Appends customers to the removed list (those absent from the solution, for another try). */
  addRemoved(list: Int32Array, count: number): void {
    for (let i = 0; i < count; i++) this.removed[this.removedCount++] = list[i];
  }

  /** SISR adjacent string removal around a random seed customer. */
  ruin(s: CvrpState): void {
    const { rng, t } = this;
    this.removedCount = 0;
    this.touchedCount = 0;
    this.mark++;
    const avgSize = this.n / Math.max(1, s.routeCount);
    const lsMax = Math.min(t.maxString, avgSize);
    const ksMax = (4 * t.averageRemoved) / (1 + lsMax) - 1;
    const ks = Math.floor(rng.next() * ksMax) + 1;
    const seed = 1 + rng.int(this.n);
    let ruined = 0;
    const k = this.neighborCount;
    for (let i = -1; i < k && ruined < ks; i++) {
      const c = i < 0 ? seed : this.neighbors[seed * k + i];
      const r = s.route[c];
      if (r < 0 || this.routeMark[r] === this.mark) continue;
      const size = s.size[r];
      const ltMax = Math.min(size, lsMax);
      const lt = Math.floor(1 + rng.next() * ltMax);
      if (lt < size && rng.next() < 0.5) this.removeSplitString(s, c, lt);
      else this.removeString(s, c, lt, 0);
      this.routeMark[r] = this.mark;
      ruined++;
    }
  }

  /** Removes `len + keep` consecutive customers containing `c`, except `keep` consecutive ones inside. */
  private removeString(s: CvrpState, c: number, len: number, keep: number): void {
    const r = s.route[c];
    const size = s.size[r];
    const total = len + keep;
    let idx = 0;
    for (let x = s.prev[c]; x !== 0; x = s.prev[x]) idx++;
    const lo = Math.max(0, idx - total + 1);
    const hi = Math.min(idx, size - total);
    const start = lo + this.rng.int(hi - lo + 1);
    let x = c;
    for (let i = idx; i > start; i--) x = s.prev[x];
    const keepAt = keep > 0 ? this.rng.int(len + 1) : -1;
    for (let i = 0; i < total; i++) {
      const nx = s.next[x];
      if (keep === 0 || i < keepAt || i >= keepAt + keep) this.removeOne(s, x);
      x = nx;
    }
  }

  private removeSplitString(s: CvrpState, c: number, len: number): void {
    const size = s.route[c] >= 0 ? s.size[s.route[c]] : 0;
    let keep = 1;
    // Grows the preserved part geometrically (SISR split depth β = 0.01 per step of continuing stop).
    while (len + keep < size && this.rng.next() > 0.5) keep++;
    this.removeString(s, c, len, keep);
  }

  private removeOne(s: CvrpState, c: number): void {
    const a = s.prev[c];
    const b = s.next[c];
    const row = c * this.dim;
    const delta = this.d[a * this.dim + b] - this.d[row + a] - this.d[row + b];
    this.ls.markRoute(s.route[c]);
    s.remove(c, this.demand[c], delta);
    this.removed[this.removedCount++] = c;
    if (this.t.touchNeighbors) {
      this.touched[this.touchedCount++] = a;
      this.touched[this.touchedCount++] = b;
    }
  }

  /** Greedy insertion with blinks of every removed customer, in a randomly chosen SISR order. */
  recreate(s: CvrpState, allowNewRoutes = true, maxRoutes = Infinity): void {
    this.sortRemoved();
    this.absentCount = 0;
    const { d, dim, demand, Q } = this;
    const k = this.neighborCount;
    const g = Math.min(this.t.granularity, k);
    for (let i = 0; i < this.removedCount; i++) {
      const c = this.removed[i];
      const dc = demand[c];
      const row = c * dim;
      let best = allowNewRoutes ? 2 * d[row] : Infinity;
      let bestA = -1;
      let bestB = -1;
      let bestR = -1;
      let found = false;
      for (let j = 0; j < g; j++) {
        const nb = this.neighbors[c * k + j];
        const r = s.route[nb];
        if (r < 0 || s.load[r] + dc > Q) continue;
        found = true;
        const nrow = nb * dim;
        const a = s.prev[nb];
        if (--this.blinkIn === 0) this.nextBlink();
        else {
          const delta = d[row + a] + d[row + nb] - d[a * dim + nb];
          if (delta < best) {
            best = delta;
            bestA = a;
            bestB = nb;
            bestR = r;
          }
        }
        const b = s.next[nb];
        if (--this.blinkIn === 0) this.nextBlink();
        else {
          const delta = d[row + nb] + d[row + b] - d[nrow + b];
          if (delta < best) {
            best = delta;
            bestA = nb;
            bestB = b;
            bestR = r;
          }
        }
      }
      // No neighbor's route had room: widen to the whole neighbor list, then to every route.
      for (let j = g; !found && j < k; j++) {
        const nb = this.neighbors[c * k + j];
        const r = s.route[nb];
        if (r < 0 || s.load[r] + dc > Q) continue;
        found = true;
        this.scanRoute(s, r, c);
      }
      if (!found) {
        for (let r = 0; r < s.routeIdBound; r++) {
          if (s.size[r] > 0 && s.load[r] + dc <= Q) this.scanRoute(s, r, c);
        }
      }
      if (this.scanR >= 0 && this.scanBest < best) {
        best = this.scanBest;
        bestA = this.scanA;
        bestB = this.scanB;
        bestR = this.scanR;
      }
      this.scanR = -1;
      this.scanBest = Infinity;
      if (bestR < 0 && (!allowNewRoutes || s.routeCount >= maxRoutes)) {
        this.absent[this.absentCount++] = c;
        continue;
      }
      if (bestR < 0) bestR = s.openRoute(c, dc, best);
      else s.insert(c, bestA, bestB, bestR, dc, best);
      this.ls.markRoute(bestR);
      if (this.touchedCount < this.touched.length) this.touched[this.touchedCount++] = c;
    }
    this.removedCount = 0;
  }

  private scanBest = Infinity;
  private scanA = 0;
  private scanB = 0;
  private scanR = -1;

  /** Best insertion of c anywhere in route r, kept in the scan* fields across calls. */
  private scanRoute(s: CvrpState, r: number, c: number): void {
    const { d, dim } = this;
    const row = c * dim;
    let a = 0;
    for (let b = s.first[r]; ; b = s.next[b]) {
      const delta = d[row + a] + d[row + b] - d[a * dim + b];
      if (delta < this.scanBest) {
        this.scanBest = delta;
        this.scanA = a;
        this.scanB = b;
        this.scanR = r;
      }
      if (b === 0) break;
      a = b;
    }
  }

  /** Positions until the next blink (skipped position), drawn geometrically: one draw per blink. */
  private blinkIn = 1;

  private nextBlink(): void {
    const b = this.t.blinkRate;
    this.blinkIn = b <= 0 ? 2 ** 30 : 1 + Math.floor(Math.log(1 - this.rng.next()) / Math.log(1 - b));
  }

  /** SISR insertion orders: random (weight 4), demand descending (4), far first (2), close first (1). */
  private sortRemoved(): void {
    const { removed, key, rng, d } = this;
    const m = this.removedCount;
    const pick = rng.int(11);
    for (let i = 0; i < m; i++) {
      const c = removed[i];
      if (pick < 4) key[c] = rng.next();
      else if (pick < 8) key[c] = -this.demand[c] - rng.next() * 0.5;
      else if (pick < 10) key[c] = -d[c];
      else key[c] = d[c];
    }
    // Insertion sort: at most a few dozen customers per ruin.
    for (let i = 1; i < m; i++) {
      const c = removed[i];
      const kc = key[c];
      let j = i - 1;
      while (j >= 0 && key[removed[j]] > kc) {
        removed[j + 1] = removed[j];
        j--;
      }
      removed[j + 1] = c;
    }
  }
}
