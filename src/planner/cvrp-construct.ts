/**
 * Clarke & Wright savings construction (Operations Research 12(4), 1964), parallel version, restricted
 * to pairs of granular neighbors: merge routes end to end in decreasing order of the saving
 * d(0,i) + d(0,j) − d(i,j) while the capacity allows. O(n·k log(n·k)) for k neighbors per customer.
 */

import type { CvrpState } from './cvrp-state.ts';
import type { CvrpInstance } from './cvrplib.ts';

/** Fills an empty CvrpState with the savings routes (every customer routed, each route within capacity). */
export function buildSavings(
  inst: CvrpInstance,
  s: CvrpState,
  neighbors: Int32Array,
  k: number,
  pairs = 30,
): void {
  const n = inst.dimension - 1;
  const dim = inst.dimension;
  const d = inst.distance;
  const Q = inst.capacity;
  const kk = Math.min(pairs, k);
  // Candidate pairs (i < j) from the neighbor lists, sorted by saving, largest first.
  const pi: number[] = [];
  const pj: number[] = [];
  const saving: number[] = [];
  for (let i = 1; i <= n; i++) {
    for (let t = 0; t < kk; t++) {
      const j = neighbors[i * k + t];
      if (j <= i) continue;
      pi.push(i);
      pj.push(j);
      saving.push(d[i] + d[j] - d[i * dim + j]);
    }
  }
  const order = Array.from(saving.keys()).sort((a, b) => saving[b] - saving[a] || a - b);
  // Routes as doubly linked chains; a route is known by its two ends.
  const next = new Int32Array(n + 1);
  const prev = new Int32Array(n + 1);
  const head = new Int32Array(n + 1); // route id → first customer
  const tail = new Int32Array(n + 1);
  const load = new Int32Array(n + 1);
  const id = new Int32Array(n + 1); // customer → route id
  for (let c = 1; c <= n; c++) {
    head[c] = c;
    tail[c] = c;
    load[c] = inst.demand[c];
    id[c] = c;
  }
  const reverse = (r: number): void => {
    let c = head[r];
    while (c !== 0) {
      const nx = next[c];
      next[c] = prev[c];
      prev[c] = nx;
      c = nx;
    }
    const h = head[r];
    head[r] = tail[r];
    tail[r] = h;
  };
  for (const p of order) {
    if (saving[p] <= 0) break;
    const i = pi[p];
    const j = pj[p];
    const ri = id[i];
    const rj = id[j];
    if (ri === rj || load[ri] + load[rj] > Q) continue;
    const iEnd = head[ri] === i || tail[ri] === i;
    const jEnd = head[rj] === j || tail[rj] === j;
    if (!iEnd || !jEnd) continue;
    // Orient so that i is the tail of its route and j the head of its route, then link i → j.
    if (tail[ri] !== i) reverse(ri);
    if (head[rj] !== j) reverse(rj);
    next[i] = j;
    prev[j] = i;
    tail[ri] = tail[rj];
    load[ri] += load[rj];
    for (let c = j; c !== 0; c = next[c]) id[c] = ri;
  }
  for (let r = 1; r <= n; r++) {
    if (id[head[r]] !== r || head[r] === 0) continue;
    const first = head[r];
    if (id[first] !== r) continue;
    const route = s.openRoute(first, inst.demand[first], 2 * d[first]);
    let last = first;
    for (let c = next[first]; c !== 0; c = next[c]) {
      s.insert(c, last, 0, route, inst.demand[c], d[last * dim + c] + d[c] - d[last]);
      last = c;
    }
  }
}
