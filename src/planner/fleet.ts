/** Route (fleet) minimisation on the route model, for the CVRP and the general path alike. */
import type { Compiled } from './compile.ts';
import { progress, type StopRule } from './options.ts';
import type { Rng } from './rng.ts';
import type { Sisr } from './sisr.ts';
import { Solution } from './solution.ts';

/**
 * A lower bound on the routes needed: per capacity dimension, the fewest routes whose capacities
 * (largest first) hold the total demand, and at least the routes forced by jobs on board or locked.
 */
export function routeLowerBound(m: Compiled): number {
  const D = m.dims;
  let forced = 0;
  for (let r = 0; r < m.routes; r++) forced += m.forced[r];
  let bound = Math.min(1, m.jobs);
  const caps = new Float64Array(m.routes);
  for (let k = 0; k < D; k++) {
    let total = 0;
    for (let j = 0; j < m.jobs; j++) total += m.demand[j * D + k];
    for (let r = 0; r < m.routes; r++) caps[r] = m.capacity[r * D + k] - m.initLoad[r * D + k];
    caps.sort().reverse();
    let n = 0;
    for (let held = 0; held < total - 1e-9 && n < caps.length; n++) held += caps[n];
    bound = Math.max(bound, n);
  }
  return Math.max(bound, forced);
}

/**
 * Fleet minimisation after the absence-based procedure of SISR (section 6): empties the route with the
 * fewest jobs, then ruins and recreates without opening routes, accepting a candidate when fewer jobs
 * are left out or when those left out have been out less often (absence counters), until none is
 * left out; repeats while the routes exceed the lower bound and the share of the budget lasts.
 * An attempt is given up once it has gone `patience` iterations, and as many again as it took to
 * reach its best, without leaving fewer jobs out: on the CVRP development set every successful
 * attempt succeeded within 470 iterations and every failing one stopped improving by 540, then ran
 * 7,000–15,000 more (the rest of the share) for nothing, when the route count the instance needs is
 * above the lower bound (X-n101-k25, X-n148-k46). Starts from a solution with every job assigned. Its iterations count toward the run's iteration
 * limit. Returns the solution with the fewest routes found (undefined when none was found) and the
 * iterations used.
 */
export function minimizeRoutes(
  m: Compiled,
  start: Solution,
  sisr: Sisr,
  rule: StopRule,
  rng: Rng,
  share: number,
  patience = Infinity,
): { found: Solution | undefined; iterations: number } {
  const lowerBound = routeLowerBound(m);
  if (start.unassigned > 0 || start.routesUsed <= lowerBound) return { found: undefined, iterations: 0 };
  const J = m.jobs;
  let base = new Solution(m);
  base.copyFrom(start);
  let found: Solution | undefined;
  let cur = new Solution(m);
  let cand = new Solution(m);
  const absentCur = new Int32Array(J);
  const absence = new Int32Array(J);
  const ls = sisr.ls;
  sisr.ls = undefined;
  let iteration = 0;
  while (base.routesUsed > lowerBound) {
    cur.copyFrom(base);
    let smallest = -1;
    for (let r = 0, bound = cur.routeBound; r < bound; r++) {
      if (cur.size[r] > 0 && !m.forced[r] && (smallest < 0 || cur.size[r] < cur.size[smallest])) smallest = r;
    }
    if (smallest < 0) break;
    sisr.removeRoute(cur, smallest);
    let curCount = sisr.removedCount;
    absentCur.set(sisr.removed.subarray(0, curCount));
    sisr.removedCount = 0;
    absence.fill(0);
    let success = false;
    const attemptStart = iteration;
    let fewest = curCount;
    let fewestAt = 0;
    for (;;) {
      const p = progress(rule, iteration);
      if (p < 0 || p > share) break;
      const tried = iteration - attemptStart;
      if (tried - fewestAt > patience + fewestAt) break;
      iteration++;
      cand.copyFrom(cur);
      sisr.ruin(cand);
      sisr.addRemoved(absentCur, curCount);
      sisr.recreate(cand, false);
      const candCount = sisr.absentCount;
      let candScore = 0;
      for (let i = 0; i < candCount; i++) candScore += absence[sisr.absent[i]];
      let curScore = 0;
      for (let i = 0; i < curCount; i++) curScore += absence[absentCur[i]];
      if (candCount < curCount || (candCount === curCount && candScore < curScore) || rng.next() < 0.001) {
        const swap = cur;
        cur = cand;
        cand = swap;
        curCount = candCount;
        absentCur.set(sisr.absent.subarray(0, candCount));
      }
      for (let i = 0; i < curCount; i++) absence[absentCur[i]]++;
      if (curCount < fewest) {
        fewest = curCount;
        fewestAt = iteration - attemptStart;
      }
      if (curCount === 0) {
        success = true;
        break;
      }
    }
    if (!success) break;
    const done = new Solution(m);
    done.copyFrom(cur);
    found = done;
    base = done;
  }
  sisr.ls = ls;
  return { found, iterations: iteration };
}
