/**
 * The mutable solution of the CVRP fast path: doubly linked routes in typed arrays over one buffer,
 * so a whole solution is copied with a single `set` (no allocation while searching).
 * Node 0 is the depot; customers are 1…n. `next`/`prev` of 0 mean "route end/start".
 */
export class CvrpState {
  /** Successor per node index (0 = back to the depot). */
  readonly next: Int32Array;
  /** Predecessor per node index (0 = from the depot). */
  readonly prev: Int32Array;
  /** Route id per customer, −1 while unrouted. */
  readonly route: Int32Array;
  /** First and last customer per route id (undefined when the route is empty). */
  readonly first: Int32Array;
  readonly last: Int32Array;
  /** Total demand and number of customers per route id. */
  readonly load: Int32Array;
  readonly size: Int32Array;
  /** Stack of free route ids. */
  readonly free: Int32Array;
  /** [free stack height, route count, cost, 1 + highest route id ever used]. */
  readonly meta: Int32Array;
  private readonly all: Int32Array;

  /** Creates an empty solution for `n` customers (every customer unrouted, no routes). */
  constructor(readonly n: number) {
    const n1 = n + 1;
    const r = n + 1;
    this.all = new Int32Array(3 * n1 + 5 * r + 4);
    let o = 0;
    const take = (len: number): Int32Array => {
      const v = this.all.subarray(o, o + len);
      o += len;
      return v;
    };
    this.next = take(n1);
    this.prev = take(n1);
    this.route = take(n1);
    this.first = take(r);
    this.last = take(r);
    this.load = take(r);
    this.size = take(r);
    this.free = take(r);
    this.meta = take(4);
    this.route.fill(-1);
    for (let i = 0; i < r; i++) this.free[i] = r - 1 - i;
    this.meta[0] = r;
  }

  /** Total distance. */
  get cost(): number {
    return this.meta[2];
  }
  set cost(v: number) {
    this.meta[2] = v;
  }
  /** Number of non-empty routes. */
  get routeCount(): number {
    return this.meta[1];
  }

  /** Route ids in use are below this bound (loops over routes stop here). */
  get routeIdBound(): number {
    return this.meta[3];
  }

  /** Makes this solution an exact copy of `other` (same n). */
  copyFrom(other: CvrpState): void {
    this.all.set(other.all);
  }

  /** Opens a new route holding only customer `c`; returns its id. */
  openRoute(c: number, demand: number, addedCost: number): number {
    const r = this.free[--this.meta[0]];
    this.meta[1]++;
    if (r >= this.meta[3]) this.meta[3] = r + 1;
    this.first[r] = c;
    this.last[r] = c;
    this.load[r] = demand;
    this.size[r] = 1;
    this.next[c] = 0;
    this.prev[c] = 0;
    this.route[c] = r;
    this.meta[2] += addedCost;
    return r;
  }

  /** Inserts `c` between `a` and `b` (0 = depot) in route `r`; the caller computed the cost delta. */
  insert(c: number, a: number, b: number, r: number, demand: number, delta: number): void {
    this.next[c] = b;
    this.prev[c] = a;
    if (a === 0) this.first[r] = c;
    else this.next[a] = c;
    if (b === 0) this.last[r] = c;
    else this.prev[b] = c;
    this.route[c] = r;
    this.load[r] += demand;
    this.size[r]++;
    this.meta[2] += delta;
  }

  /** Unlinks customer `c` from its route, frees the route when it empties; the caller gives the delta. */
  remove(c: number, demand: number, delta: number): void {
    const r = this.route[c];
    const a = this.prev[c];
    const b = this.next[c];
    if (a === 0) this.first[r] = b;
    else this.next[a] = b;
    if (b === 0) this.last[r] = a;
    else this.prev[b] = a;
    this.route[c] = -1;
    this.load[r] -= demand;
    this.meta[2] += delta;
    if (--this.size[r] === 0) {
      this.free[this.meta[0]++] = r;
      this.meta[1]--;
    }
  }

  /** The routes as lists of customer indices, in the order of their route ids. */
  toRoutes(): number[][] {
    const out: number[][] = [];
    for (let r = 0; r < this.meta[3]; r++) {
      if (this.size[r] === 0) continue;
      const seq: number[] = [];
      for (let c = this.first[r]; c !== 0; c = this.next[c]) seq.push(c);
      out.push(seq);
    }
    return out;
  }
}
