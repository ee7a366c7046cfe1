/**
 * The CVRP fast path: SISR ruin-and-recreate with simulated-annealing acceptance
 * (Christiaens & Vanden Berghe, "Slack Induction by String Removals for Vehicle Routing Problems",
 * Transportation Science 54(2), 2020), with insertion restricted to granular neighbor lists
 * (Toth & Vigo 2003) and a local search on improving solutions (see cvrp-localsearch.ts).
 */

import { buildSavings } from './cvrp-construct.ts';
import { CvrpLocalSearch } from './cvrp-localsearch.ts';
import { CvrpState } from './cvrp-state.ts';
import type { CvrpInstance } from './cvrplib.ts';
import { progress, type SolveOptions, stopRule } from './options.ts';
import { Rng } from './rng.ts';

/** A CVRP solution: routes of node indices (0 = depot, left out), total distance, iterations done. */
export interface CvrpSolution {
  /** Each route as customer node indices (into the instance arrays), depot excluded. */
  routes: number[][];
  /** Sum of the rounded edge distances, depot legs included. */
  cost: number;
  /** Ruin-and-recreate iterations performed. */
  iterations: number;
}

/** Tuning knobs; the defaults are the recommended ones. */
export interface CvrpTuning {
  /** Average number of customers removed per ruin (SISR c̄). */
  averageRemoved: number;
  /** Maximum string length (SISR L^max). */
  maxString: number;
  /** Probability of skipping an insertion position (SISR blink rate). */
  blinkRate: number;
  /** Start and final temperature, as fractions of the average edge length of the first solution. */
  startTemperature: number;
  finalTemperature: number;
  /** Neighbors per customer considered as insertion anchors. */
  granularity: number;
  /** Whether each recreated solution is improved by the local search around the changed customers. */
  localSearch: boolean;
  /** Neighbors per customer examined by the local search. */
  localGranularity: number;
  /** Share of the budget (0–1) spent first on reducing the number of routes; 0 turns it off. */
  routeMinimization: number;
  /** Whether, after route minimisation, the search keeps to the number of routes it reached. */
  capRoutes: boolean;
  /** Weight of a route in the acceptance test, as a fraction of the average edge length. */
  routeWeight: number;
  /** Whether the local search moves pairs of customers (or-opt). */
  orOpt: boolean;
  /** Whether the local search also starts from the former neighbors of removed customers. */
  touchNeighbors: boolean;
}

const DEFAULT_TUNING: CvrpTuning = {
  averageRemoved: 15,
  maxString: 10,
  blinkRate: 0.01,
  startTemperature: 0.5,
  finalTemperature: 0.05,
  granularity: 30,
  localSearch: true,
  localGranularity: 12,
  touchNeighbors: false,
  orOpt: false,
  routeMinimization: 0.2,
  capRoutes: false,
  routeWeight: 6,
};

/**
 * Solves a classic CVRP (unlimited identical fleet, closed routes from the depot) until the time or
 * iteration limit or cancellation, and returns the best solution found. Every returned solution is
 * feasible (each route's demand ≤ capacity, every customer exactly once).
 * @throws Error when a customer's demand exceeds the capacity (no feasible solution exists), or for more
 * than 65,535 customers (neighbor lists pack a customer index into 16 bits).
 */
export function solveCvrp(
  instance: CvrpInstance,
  options: SolveOptions = {},
  tuning: Partial<CvrpTuning> = {},
): CvrpSolution {
  const t = { ...DEFAULT_TUNING, ...tuning };
  const rule = stopRule(options);
  const rng = new Rng(options.seed ?? 1);
  const n = instance.dimension - 1;
  const Q = instance.capacity;
  for (let c = 1; c <= n; c++) {
    if (instance.demand[c] > Q)
      throw new Error(`customer ${instance.label[c]} demands more than the capacity`);
  }
  if (n === 0) return { routes: [], cost: 0, iterations: 0 };
  if (n > 65535) throw new Error('at most 65,535 customers are supported');
  const search = new Sisr(instance, t, rng);
  const ls = new CvrpLocalSearch(
    instance,
    search.neighbors,
    search.neighborCount,
    rng,
    t.localGranularity,
    t.orOpt,
  );
  search.ls = ls;
  let current = new CvrpState(n);
  let candidate = new CvrpState(n);
  const best = new CvrpState(n);
  buildSavings(instance, current, search.neighbors, search.neighborCount);
  options.onImprove?.(current.cost, rule.now() - rule.start);
  // The first descent stops with the budget too (a large instance on a slow start).
  ls.run(current, () => progress(rule, 0) < 0);
  best.copyFrom(current);
  options.onImprove?.(best.cost, rule.now() - rule.start);
  const avgEdge = current.cost / (n + current.routeCount);
  // Acceptance (not the result) charges each route a little, so a fleet squeezed by the route
  // minimisation is not given up lightly.
  const routeWeight = t.routeWeight * avgEdge;
  let routeCap = Infinity;
  if (t.routeMinimization > 0) {
    const fewer = minimizeRoutes(instance, current, search, rule, rng, t.routeMinimization);
    if (fewer) {
      if (t.capRoutes) routeCap = fewer.routeCount;
      current.copyFrom(fewer);
      ls.run(current);
      if (current.cost < best.cost) {
        best.copyFrom(current);
        options.onImprove?.(best.cost, rule.now() - rule.start);
      }
    }
  }
  const t0 = t.startTemperature * avgEdge;
  const tf = t.finalTemperature * avgEdge;
  let iteration = 0;
  let p = 0;
  let temperature = t0;
  for (;;) {
    if ((iteration & 15) === 0) {
      p = progress(rule, iteration);
      if (p < 0) break;
      temperature = t0 * (tf / t0) ** p;
    }
    iteration++;
    candidate.copyFrom(current);
    search.ruin(candidate);
    search.recreate(candidate, true, routeCap);
    if (search.absentCount > 0) continue; // would need a route beyond the cap
    if (t.localSearch) {
      for (let i = 0; i < search.touchedCount; i++) ls.push(search.touched[i]);
      ls.runQueued(candidate);
    }
    // Accept with the simulated-annealing rule; an improvement of the best is polished by local search.
    if (
      candidate.cost + routeWeight * candidate.routeCount <
      current.cost + routeWeight * current.routeCount - temperature * Math.log(rng.next())
    ) {
      if (candidate.cost < best.cost) {
        best.copyFrom(candidate);
        options.onImprove?.(best.cost, rule.now() - rule.start);
      }
      const swap = current;
      current = candidate;
      candidate = swap;
    }
  }
  return { routes: best.toRoutes(), cost: best.cost, iterations: iteration };
}

/**
 * Fleet minimisation (after the absence-based procedure of SISR, section 6): empties the smallest
 * route, then ruins and recreates without opening routes, accepting a candidate when fewer customers
 * are left out or when those left out have been out less often (absence counters), until none is
 * left out; repeats while routes exceed ⌈total demand / capacity⌉ and the share of the budget lasts.
 * Returns the solution with the fewest routes found, or undefined when none was found.
 */
function minimizeRoutes(
  inst: CvrpInstance,
  start: CvrpState,
  search: Sisr,
  rule: ReturnType<typeof stopRule>,
  rng: Rng,
  share: number,
): CvrpState | undefined {
  const n = inst.dimension - 1;
  let total = 0;
  for (let c = 1; c <= n; c++) total += inst.demand[c];
  const lowerBound = Math.ceil(total / inst.capacity);
  if (start.routeCount <= lowerBound) return undefined;
  let base = new CvrpState(n);
  base.copyFrom(start);
  let found: CvrpState | undefined;
  let cur = new CvrpState(n);
  let cand = new CvrpState(n);
  const absentCur = new Int32Array(n);
  const absence = new Int32Array(n + 1);
  let iteration = 0;
  while (base.routeCount > lowerBound) {
    cur.copyFrom(base);
    // Empty the route with the fewest customers (ties: the lowest id).
    let smallest = -1;
    for (let r = 0; r < cur.routeIdBound; r++) {
      if (cur.size[r] > 0 && (smallest < 0 || cur.size[r] < cur.size[smallest])) smallest = r;
    }
    search.removeRoute(cur, smallest);
    let curCount = search.removedCount;
    for (let i = 0; i < curCount; i++) absentCur[i] = search.removed[i];
    search.removedCount = 0;
    absence.fill(0);
    let success = false;
    for (;;) {
      if ((iteration++ & 15) === 0) {
        const p = progress(rule, iteration);
        if (p < 0 || p > share) break;
      }
      cand.copyFrom(cur);
      search.ruin(cand);
      search.addRemoved(absentCur, curCount);
      search.recreate(cand, false);
      const candCount = search.absentCount;
      let candScore = 0;
      for (let i = 0; i < candCount; i++) candScore += absence[search.absent[i]];
      let curScore = 0;
      for (let i = 0; i < curCount; i++) curScore += absence[absentCur[i]];
      if (candCount < curCount || (candCount === curCount && candScore < curScore) || rng.next() < 0.001) {
        const swap = cur;
        cur = cand;
        cand = swap;
        curCount = candCount;
        absentCur.set(search.absent.subarray(0, candCount));
      }
      for (let i = 0; i < curCount; i++) absence[absentCur[i]]++;
      if (curCount === 0) {
        success = true;
        break;
      }
    }
    if (!success) break;
    const done = new CvrpState(n);
    done.copyFrom(cur);
    found = done;
    base = done;
  }
  return found;
}

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
class Sisr {
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
