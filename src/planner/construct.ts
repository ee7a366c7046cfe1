/**
 * Clarke & Wright savings construction (Operations Research 12(4), 1964), parallel version, for plain
 * problems (identical vehicles at one depot, no time windows, symmetric costs), restricted to pairs of
 * granular neighbours: routes are merged end to end in decreasing order of the saving
 * c(0,i) + c(0,j) − c(i,j) while the capacity allows. O(J·k log(J·k)) for k neighbours per job.
 */
import type { Compiled } from './compile.ts';
import type { Neighbours } from './neighbours.ts';
import type { Solution } from './solution.ts';

/** Whether the problem is plain enough for the savings construction (and the reversed 2-opt*). */
export function isPlain(m: Compiled): boolean {
  if (!m.uniform || m.timed || m.dests > 0 || !m.symmetric || m.routes === 0) return false;
  for (let r = 0; r < m.routes; r++) {
    if (m.forced[r] || m.startLoc[r] !== m.startLoc[0] || m.endLoc[r] !== m.startLoc[0]) return false;
    for (let k = 0; k < m.dims; k++) if (m.initLoad[r * m.dims + k] !== 0) return false;
  }
  return m.routes >= m.jobs;
}

/** Fills an empty Solution of a plain problem with the savings routes (every job routed, within capacity). */
export function buildSavings(m: Compiled, s: Solution, nb: Neighbours, pairs = 30): void {
  const J = m.jobs;
  const D = m.dims;
  const S = m.size;
  const depot = m.startLoc[0] * S;
  const cost = m.cost;
  const kk = Math.min(pairs, nb.k);
  const pi: number[] = [];
  const pj: number[] = [];
  const saving: number[] = [];
  for (let i = 0; i < J; i++) {
    for (let t = 0; t < kk; t++) {
      const j = nb.list[i * nb.k + t];
      if (j <= i) continue;
      pi.push(i);
      pj.push(j);
      saving.push(cost[depot + m.loc[i]] + cost[depot + m.loc[j]] - cost[m.loc[i] * S + m.loc[j]]);
    }
  }
  const order = savingsOrder(saving, cost instanceof Int32Array);
  // Chains as doubly linked lists (−1 = end); a chain is known by its two ends.
  const next = new Int32Array(J).fill(-1);
  const prev = new Int32Array(J).fill(-1);
  const head = new Int32Array(J);
  const tail = new Int32Array(J);
  const load = new Float64Array(J * D);
  const id = new Int32Array(J);
  for (let c = 0; c < J; c++) {
    head[c] = c;
    tail[c] = c;
    id[c] = c;
    for (let k = 0; k < D; k++) load[c * D + k] = m.demand[c * D + k];
  }
  const reverse = (r: number): void => {
    for (let c = head[r]; c >= 0; ) {
      const nx = next[c];
      next[c] = prev[c];
      prev[c] = nx;
      c = nx;
    }
    const h = head[r];
    head[r] = tail[r];
    tail[r] = h;
  };
  for (let o = 0; o < order.length; o++) {
    const p = order[o];
    if (saving[p] <= 0) break;
    const i = pi[p];
    const j = pj[p];
    const ri = id[i];
    const rj = id[j];
    if (ri === rj) continue;
    let fits = true;
    for (let k = 0; k < D && fits; k++) fits = load[ri * D + k] + load[rj * D + k] <= m.capacity[k] + 1e-9;
    if (!fits) continue;
    if (!(head[ri] === i || tail[ri] === i) || !(head[rj] === j || tail[rj] === j)) continue;
    // Orient so that i is the tail of its chain and j the head of its chain, then link i → j.
    if (tail[ri] !== i) reverse(ri);
    if (head[rj] !== j) reverse(rj);
    next[i] = j;
    prev[j] = i;
    tail[ri] = tail[rj];
    for (let k = 0; k < D; k++) load[ri * D + k] += load[rj * D + k];
    for (let c = j; c >= 0; c = next[c]) id[c] = ri;
  }
  for (let r = 0; r < J; r++) {
    if (id[head[r]] !== r) continue;
    const route = s.freeRoute(0);
    let a = s.first(route);
    for (let c = head[r]; c >= 0; c = next[c]) {
      s.insert(c, a);
      a = c;
    }
  }
}

/**
 * Pair indices by decreasing saving, ties by index. Integer savings (CVRPLIB costs) are packed with
 * the index into one number and sorted natively, several times faster than a comparator over the
 * tens of thousands of pairs of a large instance.
 */
function savingsOrder(saving: number[], integral: boolean): Int32Array {
  const P = saving.length;
  const order = new Int32Array(P);
  let max = 0;
  let min = 0;
  for (let p = 0; p < P; p++) {
    if (saving[p] > max) max = saving[p];
    if (saving[p] < min) min = saving[p];
  }
  // (max − saving) × P + p must stay an exact integer.
  if (integral && (max - min + 1) * P < 2 ** 52) {
    const keys = new Float64Array(P);
    for (let p = 0; p < P; p++) keys[p] = (max - saving[p]) * P + p;
    keys.sort();
    for (let i = 0; i < P; i++) order[i] = keys[i] % P;
    return order;
  }
  const idx = Array.from(saving.keys()).sort((a, b) => saving[b] - saving[a] || a - b);
  for (let i = 0; i < P; i++) order[i] = idx[i];
  return order;
}
