/**
 * Granular local search over the route model: for a job u and each of its nearest neighbours v, the
 * operators (moves.ts) are evaluated in turn and the first improving move is applied. It runs either
 * over every job, or — after a ruin and recreate — only from the jobs that changed, re-queueing the
 * ends of every applied move, so it looks only where the solution changed (the idea of selective vertex
 * caching in FILO: Accorsi & Vigo, "A fast and scalable heuristic for the solution of large-scale
 * capacitated vehicle routing problems", Transportation Science 55(4), 2021).
 */
import type { Compiled } from './compile.ts';
import { ChooseDestination, type Operator, Pair, SwapStar } from './moves.ts';
import type { Neighbours } from './neighbours.ts';
import type { Rng } from './rng.ts';
import type { Solution } from './solution.ts';

/** Least improvement applied, in cost units (guards against cycling on rounding noise). */
const EPS = 1e-7;

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

  /** `swapStar`: also SWAP* between the routes a queued run changed and their neighbouring routes. */
  constructor(
    m: Compiled,
    private readonly nb: Neighbours,
    private readonly ops: Operator[],
    granularity: number,
    private readonly rng: Rng,
    swapStar = false,
  ) {
    const J = m.jobs;
    this.J = J;
    this.destinations = m.dests > 0;
    if (swapStar) this.swapStar = new SwapStar(m.dims, J);
    this.touched = new Int32Array(m.routes);
    this.touchMark = new Int32Array(m.routes);
    this.pairMark = new Int32Array(m.routes);
    this.queue = new Int32Array(J + 1);
    this.queued = new Uint8Array(J);
    this.order = new Int32Array(J);
    this.g = Math.min(granularity, nb.k);
    [this.op0, this.op1, this.op2, this.op3, this.op4] = ops;
  }

  private readonly op0?: Operator;
  private readonly op1?: Operator;
  private readonly op2?: Operator;
  private readonly op3?: Operator;
  private readonly op4?: Operator;

  private pair?: Pair;

  /** The pair context (made once: every solution of a search shares its problem). */
  private pairOf(s: Solution): Pair {
    if (!this.pair) this.pair = new Pair(s.m);
    return this.pair;
  }

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
   * cycling); then, with SWAP*, tries it between each route the run touched and the routes of its
   * jobs' nearest neighbours, and runs again from whatever that changed.
   */
  runQueued(s: Solution): void {
    const len = this.queue.length;
    let budget = 50 * this.J;
    for (let round = 0; round < 10; round++) {
      while (this.count > 0) {
        const u = this.queue[this.head];
        this.head = (this.head + 1) % len;
        this.count--;
        this.queued[u] = 0;
        if (budget-- < 0) continue;
        this.touch(s.route[u]);
        this.examine(s, u);
      }
      if (!this.swapStar || this.touchedCount === 0 || !this.swapStarPass(s)) break;
    }
    this.touchedCount = 0;
    this.touchStamp++;
  }

  private readonly swapStar?: SwapStar;
  private readonly touched: Int32Array;
  private readonly touchMark: Int32Array;
  private touchedCount = 0;
  private touchStamp = 1;
  private readonly pairMark: Int32Array;
  private pairStamp = 1;

  /** Notes route r as changed by this run (for SWAP*). */
  private touch(r: number): void {
    if (r < 0 || this.touchMark[r] === this.touchStamp) return;
    this.touchMark[r] = this.touchStamp;
    this.touched[this.touchedCount++] = r;
  }

  /** SWAP* between each touched route and its neighbouring routes; true when a move was applied. */
  private swapStarPass(s: Solution): boolean {
    const star = this.swapStar!;
    const { nb } = this;
    const k = Math.min(5, nb.k);
    let applied = false;
    const count = this.touchedCount;
    this.touchedCount = 0;
    this.touchStamp++;
    for (let i = 0; i < count; i++) {
      const r1 = this.touched[i];
      if (s.size[r1] === 0) continue;
      this.pairStamp++;
      const e1 = s.last(r1);
      for (let x = s.next[s.first(r1)]; x !== e1; x = s.next[x]) {
        for (let j = 0; j < k; j++) {
          const r2 = s.route[nb.list[x * nb.k + j]];
          if (r2 < 0 || r2 === r1 || this.pairMark[r2] === this.pairStamp) continue;
          this.pairMark[r2] = this.pairStamp;
          s.ensure(r1);
          s.ensure(r2);
          if (star.evaluate(s, r1, r2) < -EPS) {
            const [u, v] = star.moved;
            star.apply(s);
            this.applied++;
            this.push(u);
            this.push(v);
            applied = true;
          }
        }
        if (applied) break;
      }
    }
    return applied;
  }

  /** Runs over every job in random order until no move improves, or `stop()` says so (polled every 64 jobs). */
  run(s: Solution, stop?: () => boolean): void {
    const { order, rng, J } = this;
    for (let i = 0; i < J; i++) order[i] = i;
    let improved = true;
    for (let pass = 0; improved && pass < 50; pass++) {
      improved = false;
      for (let i = J - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        const t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      const before = this.applied;
      for (let i = 0; i < J; i++) {
        if ((i & 63) === 0 && stop?.()) return;
        this.examine(s, order[i]);
      }
      improved = this.applied > before;
    }
  }

  /** Tries every operator between u and each of its neighbours, applying the first improvement each time. */
  private examine(s: Solution, u: number): void {
    const { nb, g, ops } = this;
    const row = u * nb.k;
    for (let j = 0; j < g; j++) {
      const ru = s.route[u];
      if (ru < 0) return;
      const v = nb.list[row + j];
      const rv = s.route[v];
      if (rv < 0) continue;
      s.ensure(ru);
      if (rv !== ru) s.ensure(rv);
      // One call site per operator slot, so each stays monomorphic (the array's would be megamorphic).
      const p = this.pairOf(s);
      p.set(s, u, v);
      let op: Operator | undefined;
      if (this.op0 && this.op0.evaluate(s, p) < -EPS) op = this.op0;
      else if (this.op1 && this.op1.evaluate(s, p) < -EPS) op = this.op1;
      else if (this.op2 && this.op2.evaluate(s, p) < -EPS) op = this.op2;
      else if (this.op3 && this.op3.evaluate(s, p) < -EPS) op = this.op3;
      else if (this.op4 && this.op4.evaluate(s, p) < -EPS) op = this.op4;
      else {
        for (let o = 5; o < ops.length; o++) {
          if (ops[o].evaluate(s, p) < -EPS) {
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
