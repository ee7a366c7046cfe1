/**
 * Ruin and recreate of SISR (Christiaens & Vanden Berghe, "Slack Induction by String Removals for
 * Vehicle Routing Problems", Transportation Science 54(2), 2020) on the route model: adjacent string
 * removal around a random seed job, then greedy insertion with blinks in one of the paper's orders.
 * Insertion positions are looked for next to the job's nearest neighbours (granular), wider only when
 * none of their routes can take it; jobs that fit nowhere stay unassigned at their penalty.
 */
import type { Compiled } from './compile.ts';
import { isPlain } from './construct.ts';
import type { LocalSearch } from './local-search.ts';
import type { Neighbours } from './neighbours.ts';
import type { Rng } from './rng.ts';
import type { Solution } from './solution.ts';

/** Parameters of the ruin and recreate. */
export interface SisrTuning {
  /** Average number of jobs removed per ruin (SISR c̄). */
  averageRemoved: number;
  /** Maximum string length (SISR L^max). */
  maxString: number;
  /** Probability of skipping an insertion position (SISR blink rate). */
  blinkRate: number;
  /** Neighbours per job whose positions are tried first. */
  granularity: number;
  /** Up to this many jobs, every position of every route is tried (no granular restriction). */
  fullScanJobs: number;
  /** Unassigned jobs retried per recreate besides those just removed. */
  retryUnassigned: number;
  /** With a scarce fleet, whether the waiting jobs retried at random are the smaller of two draws. */
  smallFirst?: boolean;
}

/** Ruin and recreate on a Solution; the removed and still absent jobs are kept in typed lists. */
export class Sisr {
  /** Jobs removed by the last ruin (then: to insert). */
  readonly removed: Int32Array;
  removedCount = 0;
  /** Jobs the last recreate could not insert. */
  readonly absent: Int32Array;
  absentCount = 0;
  /** The seed job of the last ruin (−1 before any). */
  private seed = -1;
  /** Jobs placed by the last recreate (for the local search to start from). */
  readonly touched: Int32Array;
  touchedCount = 0;
  private readonly routeMark: Int32Array;
  private mark = 0;
  private readonly key: Float64Array;
  private readonly okStamp: Int32Array;
  private readonly okValue: Uint8Array;
  private stamp = 0;
  private blinkIn = 1;
  /** The local search, told which jobs changed. */
  ls?: LocalSearch;

  constructor(
    private readonly m: Compiled,
    private readonly spatial: Neighbours,
    private readonly near: Neighbours,
    private readonly t: SisrTuning,
    private readonly rng: Rng,
  ) {
    const J = m.jobs;
    this.removed = new Int32Array(J);
    this.absent = new Int32Array(J);
    this.touched = new Int32Array(J);
    this.routeMark = new Int32Array(m.routes);
    this.key = new Float64Array(J);
    this.okStamp = new Int32Array(m.routes);
    this.okValue = new Uint8Array(m.routes);
    this.scanned = new Int32Array(m.routes);
    this.maxRoom = new Float64Array(m.dims);
    this.taken = new Int32Array(J);
    this.samePenalty = m.penalty.every((p) => p === m.penalty[0]);
    this.scarce = scarceFleet(m);
    this.plain = isPlain(m);
  }

  /** Whether the problem is plain (construct.ts): identical routes from one depot, one per job. */
  private readonly plain: boolean;

  /**
   * Whether the jobs' demand exceeds what the whole fleet carries in some dimension, so some must be
   * left out: then the demand order inserts the smallest first, which serves the most jobs.
   */
  readonly scarce: boolean;

  /** Whether every job has the same penalty (then the insertion order ignores it). */
  private readonly samePenalty: boolean;

  /** SISR adjacent string removal (strings and split strings) from routes near a random seed job. */
  ruin(s: Solution): void {
    const { rng, t, spatial } = this;
    this.removedCount = 0;
    this.mark++;
    const J = this.m.jobs;
    const assigned = J - s.unassigned;
    if (assigned === 0) return;
    const avgSize = assigned / Math.max(1, s.routesUsed);
    const lsMax = Math.min(t.maxString, avgSize);
    const ksMax = (4 * t.averageRemoved) / (1 + lsMax) - 1;
    const ks = Math.floor(rng.next() * ksMax) + 1;
    let seed = rng.int(J);
    while (s.route[seed] < 0) seed = (seed + 1) % J;
    this.seed = seed;
    const k = spatial.k;
    let ruined = 0;
    for (let i = -1; i < k && ruined < ks; i++) {
      const c = i < 0 ? seed : spatial.list[seed * k + i];
      const r = s.route[c];
      if (r < 0 || this.routeMark[r] === this.mark) continue;
      const size = s.size[r];
      const lt = Math.floor(1 + rng.next() * Math.min(size, lsMax));
      if (lt < size && rng.next() < 0.5) {
        // Split string: keep a run inside, grown geometrically (continue with probability 1/2).
        let keep = 1;
        while (lt + keep < size && rng.next() > 0.5) keep++;
        this.removeString(s, c, lt, keep);
      } else this.removeString(s, c, lt, 0);
      this.routeMark[r] = this.mark;
      ruined++;
    }
  }

  /** Empties route r into the removed list (route minimisation). */
  removeRoute(s: Solution, r: number): void {
    this.removedCount = 0;
    const e = s.last(r);
    for (let x = s.next[s.first(r)]; x !== e; ) {
      const nx = s.next[x];
      this.take(s, x);
      x = nx;
    }
  }

  /** Appends jobs to the removed list (e.g. those absent from the solution, for another try). */
  addRemoved(list: Int32Array, count: number): void {
    for (let i = 0; i < count; i++) this.removed[this.removedCount++] = list[i];
  }

  /** Removes `len + keep` consecutive jobs containing c, except `keep` consecutive ones inside. */
  private removeString(s: Solution, c: number, len: number, keep: number): void {
    const r = s.route[c];
    const size = s.size[r];
    const total = len + keep;
    let idx = 0;
    const start0 = s.first(r);
    for (let x = s.prev[c]; x !== start0; x = s.prev[x]) idx++;
    const lo = Math.max(0, idx - total + 1);
    const hi = Math.min(idx, size - total);
    const start = lo + this.rng.int(hi - lo + 1);
    let x = c;
    for (let i = idx; i > start; i--) x = s.prev[x];
    const keepAt = keep > 0 ? this.rng.int(len + 1) : -1;
    for (let i = 0; i < total; i++) {
      const nx = s.next[x];
      if (keep === 0 || i < keepAt || i >= keepAt + keep) this.take(s, x);
      x = nx;
    }
  }

  private take(s: Solution, x: number): void {
    s.remove(x);
    this.removed[this.removedCount++] = x;
  }

  /**
   * Adds up to `retryUnassigned` jobs that were already unassigned to the removed list, so every
   * recreate gives them another chance: all of them while few; otherwise half from those nearest the
   * last ruin's seed (where room was just made: with a scarce fleet, trading a served job for a
   * waiting one next to it is how the plan gets shorter) and the rest a random sample.
   */
  retryAbsent(s: Solution): void {
    const J = this.m.jobs;
    const waiting = s.unassigned - this.removedCount;
    if (waiting <= 0) return;
    const taken = this.taken;
    const stamp = ++this.takenStamp;
    for (let i = 0; i < this.removedCount; i++) taken[this.removed[i]] = stamp;
    const take = (x: number): void => {
      taken[x] = stamp;
      this.removed[this.removedCount++] = x;
    };
    let want = Math.min(waiting, this.t.retryUnassigned);
    if (want < waiting && this.seed >= 0) {
      const { k, list } = this.spatial;
      let near = want >> 1;
      for (let i = 0; i < k && near > 0; i++) {
        const x = list[this.seed * k + i];
        if (s.route[x] >= 0 || taken[x] === stamp) continue;
        take(x);
        near--;
        want--;
      }
    }
    if (want * 4 < waiting && waiting * 4 >= J) {
      // Many waiting: draw jobs at random (a few draws each) rather than walk over all of them. With
      // a scarce fleet, the smaller of two draws: a small job is the one that may fit in where a
      // larger one leaves, and serving more jobs comes first.
      const D = this.m.dims;
      const demand = this.m.demand;
      const size = (x: number): number => {
        let q = 0;
        for (let k = 0; k < D; k++) q += demand[x * D + k];
        return q;
      };
      const draw = (): number => {
        for (let tries = 0; tries < 16; tries++) {
          const x = this.rng.int(J);
          if (s.route[x] < 0 && taken[x] !== stamp) return x;
        }
        return -1;
      };
      for (let tries = 0; want > 0 && tries < J; tries++) {
        let x = draw();
        if (x < 0) continue;
        if (this.scarce && this.t.smallFirst) {
          const y = draw();
          if (y >= 0 && size(y) < size(x)) x = y;
        }
        take(x);
        want--;
      }
      return;
    }
    // Walk from a random job; take each waiting one with the probability that leaves `want` on average.
    const p = want / waiting;
    const start = this.rng.int(J);
    for (let i = 0; i < J && want > 0; i++) {
      const x = (start + i) % J;
      if (s.route[x] >= 0 || taken[x] === stamp) continue;
      if (p < 1 && this.rng.next() >= p) continue;
      take(x);
      want--;
    }
  }

  /**
   * Greedy insertion with blinks of every removed job, in a randomly chosen SISR order (higher
   * priority first), or the given one (0–3 random, 4–7 demand, 8–9 far first, 10 close first). With
   * `allowNewRoutes` false, only routes in use are considered (route minimisation).
   */
  recreate(s: Solution, allowNewRoutes = true, order = -1): void {
    this.sortRemoved(order);
    this.absentCount = 0;
    this.touchedCount = 0;
    const { m, near, t, maxRoom } = this;
    const full = m.jobs <= t.fullScanJobs;
    const g = Math.min(t.granularity, near.k);
    const C = m.classes;
    const D = m.dims;
    // The most room any route in use has left, per dimension: an upper bound while jobs go in, so a
    // job larger than it fits no route in use and is not looked for in each (with a scarce fleet,
    // most of the jobs given another chance).
    // Plain problems (as many identical routes as jobs) skip it: a new route is always there, and the
    // loop over every route slot would cost more than it saves.
    maxRoom.fill(this.plain ? Infinity : -Infinity);
    for (let r = 0, bound = s.routeBound; r < bound && !this.plain; r++) {
      if (!s.used(r)) continue;
      for (let k = 0; k < D; k++) {
        const left = m.capacity[r * D + k] - s.load[r * D + k];
        if (left > maxRoom[k]) maxRoom[k] = left;
      }
    }
    for (let i = 0; i < this.removedCount; i++) {
      const x = this.removed[i];
      this.stamp++;
      let best = Infinity;
      let bestA = -1;
      let bestR = -1;
      let bestDest = -1;
      if (m.classes === 1 && m.classOk[x] === 0) {
        this.absent[this.absentCount++] = x;
        continue;
      }
      let inUse = true;
      for (let k = 0; k < D; k++) if (m.demand[x * D + k] > maxRoom[k] + 1e-9) inUse = false;
      if (allowNewRoutes && s.routesUsed < m.routes) {
        for (let c = 0; c < C; c++) {
          if (m.classOk[x * C + c] === 0) continue;
          const r = s.freeRoute(c);
          if (r < 0) continue;
          const cost = s.openCost(x, r);
          if (cost < best) {
            best = cost;
            bestR = r;
            bestA = s.first(r);
            bestDest = s.openDest;
          }
        }
      }
      // Positions next to the nearest neighbours first; if none is feasible, every position of the
      // routes of the whole neighbour list; if still none, of every route in use.
      let placed = false;
      if (!inUse) {
        // No route in use can take it: only a new one.
      } else if (!full) {
        const cost = m.cost;
        const S = m.size;
        const { loc, prev, next, route, load } = s;
        const list = near.list;
        const lx = m.loc[x];
        const Lx = lx * S;
        const timed = m.timed;
        const row = x * near.k;
        // One vehicle kind, one dimension, no destinations: the capacity check inline.
        const oneDim = m.classes === 1 && m.dests === 0 && m.dims === 1;
        const dx = m.demand[x * m.dims];
        const cap = m.capacity;
        for (let j = 0; j < g; j++) {
          const nb = list[row + j];
          const r = route[nb];
          if (r < 0) continue;
          if (oneDim) {
            if (load[r] + dx > cap[r] + 1e-9) continue;
            if (timed) s.ensure(r);
          } else if (!this.routeOk(s, x, r)) continue;
          const a = prev[nb];
          const lnb = loc[nb];
          if (--this.blinkIn === 0) this.nextBlink();
          else {
            const La = loc[a] * S;
            const d = timed ? s.insertCost(x, a) : cost[La + lx] + cost[Lx + lnb] - cost[La + lnb];
            if (d < Infinity) placed = true;
            if (d < best) {
              best = d;
              bestA = a;
              bestR = r;
              bestDest = -1;
            }
          }
          if (--this.blinkIn === 0) this.nextBlink();
          else {
            const lb = loc[next[nb]];
            const d = timed ? s.insertCost(x, nb) : cost[lnb * S + lx] + cost[Lx + lb] - cost[lnb * S + lb];
            if (d < Infinity) placed = true;
            if (d < best) {
              best = d;
              bestA = nb;
              bestR = r;
              bestDest = -1;
            }
          }
        }
        this.scanStamp++;
        for (let j = g; !placed && j < near.k; j++) {
          const r = s.route[near.list[x * near.k + j]];
          if (r < 0 || this.scanned[r] === this.scanStamp || !this.routeOk(s, x, r)) continue;
          this.scanned[r] = this.scanStamp;
          placed = this.scan(s, x, r);
        }
      }
      if (inUse && (full || !placed)) {
        const { load } = s;
        const cap = m.capacity;
        const xD = x * D;
        for (let r = 0, bound = s.routeBound; r < bound; r++) {
          // The vehicle's room first, inline: with a scarce fleet most routes are full.
          let k = 0;
          while (k < D && load[r * D + k] + m.demand[xD + k] <= cap[r * D + k] + 1e-9) k++;
          if (k === D && s.used(r) && this.routeOk(s, x, r)) this.scan(s, x, r);
        }
      }
      if (this.scanR >= 0 && this.scanBest < best) {
        best = this.scanBest;
        bestA = this.scanA;
        bestR = this.scanR;
        bestDest = -1;
      }
      this.scanR = -1;
      this.scanBest = Infinity;
      if (bestR < 0) {
        this.absent[this.absentCount++] = x;
        continue;
      }
      if (bestDest >= 0) s.setDest(bestR, bestDest);
      s.insert(x, bestA);
      // A new route's room joins the bound.
      for (let k = 0; k < D; k++) {
        const left = m.capacity[bestR * D + k] - s.load[bestR * D + k];
        if (left > maxRoom[k]) maxRoom[k] = left;
      }
      this.touched[this.touchedCount++] = x;
      this.ls?.push(x);
    }
    this.removedCount = 0;
  }

  private scanBest = Infinity;
  private scanA = -1;
  private scanR = -1;
  private readonly scanned: Int32Array;
  private readonly maxRoom: Float64Array;
  /** Jobs already in the removed list while retrying the waiting ones (marked with `takenStamp`). */
  private readonly taken: Int32Array;
  private takenStamp = 0;
  private scanStamp = 0;

  /** Tries every position of route r for job x (with blinks), keeping the best in scan*; true if one is feasible. */
  private scan(s: Solution, x: number, r: number): boolean {
    const e = s.last(r);
    let feasible = false;
    for (let a = s.first(r); a !== e; a = s.next[a]) {
      if (--this.blinkIn === 0) {
        this.nextBlink();
        continue;
      }
      const d = s.insertCost(x, a);
      if (d === Infinity) continue;
      feasible = true;
      if (d < this.scanBest) {
        this.scanBest = d;
        this.scanA = a;
        this.scanR = r;
      }
    }
    return feasible;
  }

  /** Whether route r (in use) can take job x at all: class, destination and capacity; fresh data as a side effect. Cached per job. */
  private routeOk(s: Solution, x: number, r: number): boolean {
    const m = this.m;
    if (m.classes === 1 && m.dests === 0) {
      // One kind of vehicle, no destinations: only the capacity can refuse (the class was checked per job).
      const D = m.dims;
      for (let k = 0; k < D; k++) {
        if (s.load[r * D + k] + m.demand[x * D + k] > m.capacity[r * D + k] + 1e-9) return false;
      }
      if (m.timed) s.ensure(r);
      return true;
    }
    if (this.okStamp[r] === this.stamp) return this.okValue[r] === 1;
    this.okStamp[r] = this.stamp;
    const ok = s.used(r) && s.fits(x, r) && s.room(x, r);
    this.okValue[r] = ok ? 1 : 0;
    if (ok && this.m.timed) s.ensure(r);
    return ok;
  }

  /** Positions until the next blink (skipped position), drawn geometrically: one draw per blink. */
  private nextBlink(): void {
    const b = this.t.blinkRate;
    this.blinkIn = b <= 0 ? 2 ** 30 : 1 + Math.floor(Math.log(1 - this.rng.next()) / Math.log(1 - b));
  }

  /**
   * SISR insertion orders: random (weight 4), demand descending (4; ascending when the fleet is
   * scarce), far first (2), close first (1); priority first.
   */
  private sortRemoved(order: number): void {
    const { removed, key, rng, m } = this;
    const n = this.removedCount;
    const pick = order >= 0 ? order : rng.int(11);
    const D = m.dims;
    const from = m.routes > 0 ? m.startLoc[0] * m.size : 0;
    for (let i = 0; i < n; i++) {
      const x = removed[i];
      let k: number;
      if (pick < 4) k = rng.next();
      else if (pick < 8) {
        let q = 0;
        for (let d = 0; d < D; d++) q += m.demand[x * D + d];
        k = this.scarce ? q + rng.next() * 0.5 : -q - rng.next() * 0.5;
      } else if (pick < 10) k = -m.cost[from + m.loc[x]];
      else k = m.cost[from + m.loc[x]];
      key[x] = k;
    }
    // Insertion sort (a few dozen jobs), higher priority (penalty) first.
    const pen = m.penalty;
    if (this.samePenalty) {
      for (let i = 1; i < n; i++) {
        const c = removed[i];
        const kc = key[c];
        let j = i - 1;
        while (j >= 0 && key[removed[j]] > kc) {
          removed[j + 1] = removed[j];
          j--;
        }
        removed[j + 1] = c;
      }
      return;
    }
    for (let i = 1; i < n; i++) {
      const c = removed[i];
      const kc = key[c];
      const pc = pen[c];
      let j = i - 1;
      while (j >= 0 && (pen[removed[j]] < pc || (pen[removed[j]] === pc && key[removed[j]] > kc))) {
        removed[j + 1] = removed[j];
        j--;
      }
      removed[j + 1] = c;
    }
  }
}

/** Whether the jobs' total demand exceeds the fleet's total capacity (free of what is on board) in some dimension. */
export function scarceFleet(m: Compiled): boolean {
  const D = m.dims;
  for (let k = 0; k < D; k++) {
    let demand = 0;
    let room = 0;
    for (let j = 0; j < m.jobs; j++) demand += m.demand[j * D + k];
    for (let r = 0; r < m.routes; r++) room += m.capacity[r * D + k] - m.initLoad[r * D + k];
    if (demand > room + 1e-9) return true;
  }
  return false;
}
