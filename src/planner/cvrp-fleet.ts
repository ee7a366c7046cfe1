/** Route (fleet) minimisation for the CVRP fast path. */
import type { Sisr } from './cvrp-sisr.ts';
import { CvrpState } from './cvrp-state.ts';
import type { CvrpInstance } from './cvrplib.ts';
import { progress, type StopRule } from './options.ts';
import type { Rng } from './rng.ts';

/**
 * Fleet minimisation (after the absence-based procedure of SISR, section 6): empties the smallest
 * route, then ruins and recreates without opening routes, accepting a candidate when fewer customers
 * are left out or when those left out have been out less often (absence counters), until none is
 * left out; repeats while routes exceed ⌈total demand / capacity⌉ and the share of the budget lasts.
 * Returns the solution with the fewest routes found, or undefined when none was found.
 */
export function minimizeRoutes(
  inst: CvrpInstance,
  start: CvrpState,
  search: Sisr,
  rule: StopRule,
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
