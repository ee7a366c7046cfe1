/**
 * Granular local search over the route model: for a job u and each of its nearest neighbours v, the
 * operators (moves.ts) are evaluated in turn and the first improving move is applied. It runs either
 * over every job, or — after a ruin and recreate — only from the jobs that changed, re-queueing the
 * ends of every applied move, so it looks only where the solution changed (the idea of selective vertex
 * caching in FILO: Accorsi & Vigo, "A fast and scalable heuristic for the solution of large-scale
 * capacitated vehicle routing problems", Transportation Science 55(4), 2021).
 */

import { ChooseDestination } from './choose-destination.ts';
import type { Compiled } from './compile.ts';
import { type Operator, Pair, SAME_ROUTE, TWO_ROUTES } from './moves.ts';
import type { Neighbours } from './neighbours.ts';
import type { PlainMoves } from './plain-moves.ts';
import type { Rng } from './rng.ts';
import { ServeWaiting } from './serve-waiting.ts';
import type { Solution } from './solution.ts';
import { SwapStar } from './swap-star.ts';

/** Least improvement applied, in cost units (guards against cycling on rounding noise). */
export const LOCAL_EPS = 1e-7;
const EPS = LOCAL_EPS;

/** The local search: operators tried in order for each job and neighbour. */
export class LocalSearch {
  private readonly queue: Int32Array;
  private readonly queued: Uint8Array;
  private head = 0;
  private count = 0;
  private readonly order: Int32Array;
  private readonly g: number;
  private readonly destination = new ChooseDestination();
  /** Moves applied since construction (for tests and tuning). */
  applied = 0;

  private readonly J: number;
  private readonly destinations: boolean;

  /**
   * `swapStar`: also SWAP* between the routes a queued run changed and their neighbouring routes.
   * `waiting`: also the moves between jobs left out and routed ones (serve-waiting.ts), for problems
   * whose fleet cannot serve every job.
   */
  constructor(
    m: Compiled,
    private readonly nb: Neighbours,
    private readonly ops: Operator[],
    granularity: number,
    private readonly rng: Rng,
    swapStar = false,
    waiting = false,
  ) {
    const J = m.jobs;
    this.J = J;
    this.destinations = m.dests > 0;
    if (swapStar) this.swapStar = new SwapStar(m.dims, J);
    this.touched = new Int32Array(m.routes);
    this.touchMark = new Int32Array(m.routes);
    this.pairMark = new Int32Array(m.routes);
    this.links = new Int32Array(m.routes);
    this.linked = new Int32Array(m.routes);
    this.queue = new Int32Array(J + 1);
    this.queued = new Uint8Array(J);
    this.order = new Int32Array(J);
    this.g = Math.min(granularity, nb.k);
    if (waiting) this.waiting = new ServeWaiting(nb, this.g);
    this.pair = new Pair(m);
    [this.op0, this.op1, this.op2, this.op3, this.op4] = ops;
    [this.scope0, this.scope1, this.scope2, this.scope3, this.scope4] = [0, 1, 2, 3, 4].map(
      (i) => ops[i]?.scope ?? 0,
    );
  }

  private readonly op0?: Operator;
  private readonly op1?: Operator;
  private readonly op2?: Operator;
  private readonly op3?: Operator;
  private readonly op4?: Operator;
  /** The slots' scopes (0 for an empty slot): an operator is called only for pairs in its scope. */
  private readonly scope0: number;
  private readonly scope1: number;
  private readonly scope2: number;
  private readonly scope3: number;
  private readonly scope4: number;

  private readonly waiting?: ServeWaiting;

  /** The pair context (one for the search: every solution of a search shares its problem). */
  private readonly pair: Pair;

  /**
   * For plain problems, the specialised evaluation of the CVRP operators (plain-moves.ts), used
   * instead of `ops` when set; chosen once per run.
   */
  plain?: PlainMoves;

  /** Queues job x for examination. */
  push(x: number): void {
    if (x >= this.J || this.queued[x] === 1) return;
    this.queued[x] = 1;
    const len = this.queue.length;
    this.queue[(this.head + this.count) % len] = x;
    this.count++;
  }

  /**
   * Runs from the queued jobs until the queue is empty (at most `50 × jobs` examinations, against
   * cycling). The routes it examined are remembered for `polish`.
   */
  runQueued(s: Solution): void {
    this.waiting?.refresh(s);
    this.touchedCount = 0;
    this.touchStamp++;
    this.drain(s);
  }

  private drain(s: Solution, stop?: () => boolean): void {
    const len = this.queue.length;
    let budget = 50 * this.J;
    let polled = 0;
    while (this.count > 0) {
      const u = this.queue[this.head];
      this.head = (this.head + 1) % len;
      this.count--;
      this.queued[u] = 0;
      if (budget-- < 0 || ((++polled & 63) === 0 && stop?.())) {
        budget = -1;
        continue;
      }
      this.touch(s.route[u]);
      this.examine(s, u);
    }
  }

  /**
   * With SWAP*: tries it between each route the last queued run examined and the routes of its jobs'
   * nearest neighbours, runs the local search again from whatever that changed, and repeats (at most
   * 10 rounds). Costly (O(|r1|·|r2|) per pair of routes), so the search calls it for promising
   * solutions only.
   */
  polish(s: Solution): void {
    for (let round = 0; round < 10 && this.swapStar && this.touchedCount > 0; round++) {
      if (!this.swapStarPass(s)) break;
      this.drain(s);
    }
  }

  private readonly swapStar?: SwapStar;
  private readonly touched: Int32Array;
  private readonly touchMark: Int32Array;
  private touchedCount = 0;
  private touchStamp = 1;
  private readonly pairMark: Int32Array;
  /** Neighbour links from the route being polished to each other route, and the routes linked. */
  private readonly links: Int32Array;
  private readonly linked: Int32Array;
  private pairStamp = 1;

  /** Notes route r as changed by this run (for SWAP*). */
  private touch(r: number): void {
    if (r < 0 || this.touchMark[r] === this.touchStamp) return;
    this.touchMark[r] = this.touchStamp;
    this.touched[this.touchedCount++] = r;
  }

  /**
   * SWAP* between each touched route and the routes it is close to: those holding at least two of the
   * five nearest neighbours of its jobs (a stand-in for the overlapping polar sectors of the paper,
   * as the general model has no coordinates). True when a move was applied.
   */
  private swapStarPass(s: Solution): boolean {
    const star = this.swapStar!;
    const { nb, links, linked } = this;
    const k = Math.min(5, nb.k);
    let applied = false;
    const count = this.touchedCount;
    this.touchedCount = 0;
    this.touchStamp++;
    for (let i = 0; i < count; i++) {
      const r1 = this.touched[i];
      if (s.size[r1] === 0) continue;
      this.pairStamp++;
      let n = 0;
      const e1 = s.last(r1);
      for (let x = s.next[s.first(r1)]; x !== e1; x = s.next[x]) {
        for (let j = 0; j < k; j++) {
          const r2 = s.route[nb.list[x * nb.k + j]];
          if (r2 < 0 || r2 === r1) continue;
          if (this.pairMark[r2] !== this.pairStamp) {
            this.pairMark[r2] = this.pairStamp;
            links[r2] = 0;
            linked[n++] = r2;
          }
          links[r2]++;
        }
      }
      for (let j = 0; j < n; j++) {
        const r2 = linked[j];
        if (links[r2] < 2) continue;
        s.ensure(r1);
        s.ensure(r2);
        if (star.evaluate(s, r1, r2) < -EPS) {
          const [u, v] = star.moved;
          star.apply(s);
          this.applied++;
          this.push(u);
          this.push(v);
          applied = true;
          break;
        }
      }
    }
    return applied;
  }

  /**
   * Runs from every job (queued in random order) until no move improves — the queue re-examines only
   * around applied moves — or `stop()` says so (polled every 64 examinations).
   */
  run(s: Solution, stop?: () => boolean): void {
    const { order, rng, J } = this;
    for (let i = 0; i < J; i++) order[i] = i;
    for (let i = J - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    for (let i = 0; i < J; i++) this.push(order[i]);
    this.waiting?.refresh(s);
    this.touchedCount = 0;
    this.touchStamp++;
    this.drain(s, stop);
  }

  /** For waiting job w: the moves with each routed neighbour, the first improving one applied. */
  private serve(s: Solution, w: number, row: number): void {
    const { nb, g } = this;
    for (let j = 0; j < g && s.route[w] < 0; j++) {
      const v = nb.list[row + j];
      const rv = s.route[v];
      if (rv < 0) continue;
      if (s.stale[rv] !== 0) s.ensure(rv);
      this.tryWaiting(s, w, v);
    }
  }

  /** Applies the best move between waiting job w and routed job v (route fresh) when it improves. */
  private tryWaiting(s: Solution, w: number, v: number): boolean {
    const op = this.waiting!;
    if (op.evaluate(s, w, v) >= -EPS) return false;
    const pv = s.prev[v];
    const nv = s.next[v];
    op.apply(s);
    this.applied++;
    this.push(w);
    this.push(v);
    this.push(pv);
    this.push(nv);
    return true;
  }

  /** Tries every operator between u and each of its neighbours, applying the first improvement each time. */
  private examine(s: Solution, u: number): void {
    if (this.plain) {
      this.plain.examine(s, u, this.nb.list, u * this.nb.k, this.g, this);
      return;
    }
    const { nb, g, ops, pair: p } = this;
    const row = u * nb.k;
    if (s.route[u] < 0) {
      if (this.waiting) this.serve(s, u, row);
      return;
    }
    for (let j = 0; j < g; j++) {
      const ru = s.route[u];
      if (ru < 0) return;
      const v = nb.list[row + j];
      const rv = s.route[v];
      if (rv < 0) {
        if (this.waiting) {
          if (s.stale[ru] !== 0) s.ensure(ru);
          this.tryWaiting(s, v, u);
        }
        continue;
      }
      if (s.stale[ru] !== 0) s.ensure(ru);
      if (s.stale[rv] !== 0) s.ensure(rv);
      // One call site per operator slot, so each stays monomorphic (the array's would be megamorphic).
      p.set(s, u, v);
      const scope = ru === rv ? SAME_ROUTE : TWO_ROUTES;
      let op: Operator | undefined;
      if ((this.scope0 & scope) !== 0 && this.op0!.evaluate(s, p) < -EPS) op = this.op0;
      else if ((this.scope1 & scope) !== 0 && this.op1!.evaluate(s, p) < -EPS) op = this.op1;
      else if ((this.scope2 & scope) !== 0 && this.op2!.evaluate(s, p) < -EPS) op = this.op2;
      else if ((this.scope3 & scope) !== 0 && this.op3!.evaluate(s, p) < -EPS) op = this.op3;
      else if ((this.scope4 & scope) !== 0 && this.op4!.evaluate(s, p) < -EPS) op = this.op4;
      else {
        for (let o = 5; o < ops.length; o++) {
          if ((ops[o].scope & scope) !== 0 && ops[o].evaluate(s, p) < -EPS) {
            op = ops[o];
            break;
          }
        }
      }
      if (op) {
        {
          const { pu, nu, pv, nv } = p;
          op.apply(s);
          this.applied++;
          this.push(u);
          this.push(v);
          this.push(pu);
          this.push(nu);
          this.push(pv);
          this.push(nv);
        }
      }
    }
    if (this.destinations) {
      const r = s.route[u];
      if (r >= 0) {
        s.ensure(r);
        if (this.destination.evaluate(s, r) < -EPS) {
          this.destination.apply(s);
          this.applied++;
        }
      }
    }
  }
}
