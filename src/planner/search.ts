/**
 * The search shared by the CVRP and the general path: a first solution (savings for plain problems,
 * greedy insertion otherwise) improved by local search; route minimisation while the fleet is larger
 * than needed; then SISR ruin and recreate (Christiaens & Vanden Berghe, Transportation Science 54(2),
 * 2020) followed by a local search around what changed, accepted by simulated annealing, until the
 * time or iteration limit or cancellation. The best solution by objective is kept.
 */
import type { Compiled } from './compile.ts';
import { buildSavings, isPlain } from './construct.ts';
import { Cross } from './cross.ts';
import { minimizeRoutes } from './fleet.ts';
import { LOCAL_EPS, LocalSearch } from './local-search.ts';
import type { Operator } from './moves.ts';
import { correlatedNeighbours, spatialNeighbours } from './neighbours.ts';
import { elapsed, progress, type SolveOptions, type StopRule, stopRule } from './options.ts';
import { OrOpt } from './or-opt.ts';
import { PlainMoves, plainMovesApply } from './plain-moves.ts';
import { Relocate } from './relocate.ts';
import { Rng } from './rng.ts';
import { Sisr, type SisrTuning, scarceFleet } from './sisr.ts';
import { Solution } from './solution.ts';
import { Swap } from './swap.ts';
import { TwoOpt } from './two-opt.ts';
import { TwoOptStar } from './two-opt-star.ts';

/** Tuning knobs; the defaults (per problem kind) are the recommended ones. */
export interface Tuning extends SisrTuning {
  /** Start and final temperature, as fractions of the average edge cost of the first solution. */
  startTemperature: number;
  finalTemperature: number;
  /** Whether each recreated solution is improved by the local search around the changed jobs. */
  localSearch: boolean;
  /** Neighbours per job examined by the local search. */
  localGranularity: number;
  /** Longest chain moved by or-opt (below 2: no or-opt). */
  orOpt: number;
  /** Share of the budget (0–1) spent first on reducing the number of routes; 0 turns it off. */
  routeMinimization: number;
  /** Iterations a route minimisation attempt may go without leaving fewer jobs out (plus as many as it took to reach its best) before it is given up (fleet.ts). */
  routeMinimizationPatience: number;
  /** Charge per used route in the acceptance test, as a fraction of the average edge cost. */
  routeWeight: number;
  /** Whether the local search also tries SWAP* between the routes it changed and their neighbours. */
  swapStar: boolean;
  /** After route minimisation, the share of the budget each of the plans before and after it is annealed before one is kept. */
  race: number;
  /** Whether, when the fleet cannot carry every job, the local search also moves between the jobs left out and those routed (serve-waiting.ts). */
  serveWaiting: boolean;
  /** Whether, when the fleet cannot carry every job, the local search also exchanges segments of 1–2 jobs of unequal length between routes (cross.ts). */
  cross: boolean;
  /** Whether a plain problem's local search uses the specialised evaluation of its operators (plain-moves.ts). */
  plainMoves: boolean;
}

/** Defaults for plain CVRP-like problems. */
export const CVRP_TUNING: Tuning = {
  averageRemoved: 15,
  maxString: 10,
  blinkRate: 0.01,
  granularity: 30,
  fullScanJobs: 0,
  retryUnassigned: 20,
  startTemperature: 0.5,
  finalTemperature: 0.05,
  localSearch: true,
  localGranularity: 12,
  orOpt: 0,
  routeMinimization: 0.2,
  routeMinimizationPatience: 1000,
  routeWeight: 6,
  // Off: on the CVRP development set (650 ms of CPU, 3 seeds) 0.613 % with it, 0.556 % without.
  swapStar: false,
  race: 0,
  serveWaiting: false,
  cross: false,
  plainMoves: true,
};

/** Defaults for the general model (time windows, several vehicles, destinations). */
export const GENERAL_TUNING: Tuning = {
  averageRemoved: 10,
  maxString: 10,
  blinkRate: 0.01,
  granularity: 30,
  fullScanJobs: 150,
  retryUnassigned: 20,
  // On the region of `npm run bench:plan` (10 s of CPU, 3 seeds): every run served the most it can
  // (538 of 1,000) with it, two of three without.
  smallFirst: true,
  startTemperature: 0.2,
  finalTemperature: 0.005,
  localSearch: true,
  localGranularity: 20,
  orOpt: 3,
  routeMinimization: 0.1,
  // Unlimited: on Solomon's C2, R1 and RC2 (1 s of CPU) a limit of 1,000 changed nothing beyond noise.
  routeMinimizationPatience: Number.POSITIVE_INFINITY,
  routeWeight: 0,
  swapStar: false,
  race: 0.1,
  serveWaiting: true,
  cross: true,
  plainMoves: true,
};

/**
 * Defaults for the general model when the fleet cannot carry every job (a ride network on the day):
 * every car ends full, no plan may serve fewer jobs, and what is left to search is who is served and
 * in which car. On the town of `npm run bench:plan` (300 households, 60 cars; 8 s of CPU, 3 seeds,
 * load 16–19), mean driving after 8 s: 5.66 h with the general defaults, 5.56 h with a hotter
 * annealing (0.8 → 0.02; 0.05 or 0.1 at the start: 5.64 and 5.59 h); then, at real-time priority,
 * 5.51 h against 5.49 h when 10 waiting jobs instead of 20 are given another chance per ruin (40:
 * 5.63 h): most of them find no room, and the iterations they cost are more use elsewhere.
 */
export const SCARCE_TUNING: Tuning = {
  ...GENERAL_TUNING,
  startTemperature: 0.8,
  finalTemperature: 0.02,
  retryUnassigned: 10,
};

/** Outcome of a search: the best solution and the iterations performed. */
export interface SearchResult {
  best: Solution;
  iterations: number;
}

/**
 * Searches until the limit and returns the best solution (by objective: route costs plus the penalties
 * of unassigned jobs). `onBest` is called with each new best and the milliseconds elapsed.
 */
export function search(
  m: Compiled,
  options: SolveOptions,
  tuning: Partial<Tuning> = {},
  onBest?: (best: Solution, elapsedMs: number) => void,
): SearchResult {
  const plain = isPlain(m);
  // With more demand than the fleet carries, the vehicles fill up and which jobs are served is part of
  // the search: the exchanges a full vehicle allows, the moves with the jobs left out, its own defaults.
  const scarce = scarceFleet(m);
  const t: Tuning = { ...(plain ? CVRP_TUNING : scarce ? SCARCE_TUNING : GENERAL_TUNING), ...tuning };
  const rule: StopRule = stopRule(options);
  const rng = new Rng(options.seed ?? 1);
  const current = new Solution(m);
  const candidate = new Solution(m);
  const best = new Solution(m);
  const report = (): void => {
    const ms = elapsed(rule);
    options.onImprove?.(best.objective, ms);
    onBest?.(best, ms);
  };
  if (m.jobs === 0 || m.routes === 0) {
    best.copyFrom(current);
    report();
    return { best, iterations: 0 };
  }
  const spatial = spatialNeighbours(m, Math.max(t.granularity, 100));
  const near = m.timed ? correlatedNeighbours(m, Math.max(t.granularity, t.localGranularity)) : spatial;
  const relocate = new Relocate(m.dims, m.jobs + 2);
  const swap = new Swap(m.dims, m.jobs + 2);
  const twoOpt = new TwoOpt(m.jobs + 2);
  const twoOptStar = new TwoOptStar(m.dims, m.jobs + 2, plain && m.dims === 1);
  const ops: Operator[] = [relocate, swap, twoOpt, twoOptStar];
  if (t.orOpt >= 2) ops.push(new OrOpt(m.dims, m.jobs + 2, t.orOpt));
  if (t.cross && scarce) ops.push(new Cross(m.dims, m.jobs + 2));
  const ls = new LocalSearch(m, near, ops, t.localGranularity, rng, t.swapStar, t.serveWaiting && scarce);
  // The CVRP's operators (no or-opt, no exchanges): their capacity-only evaluation (plain-moves.ts).
  if (t.plainMoves && ops.length === 4 && plainMovesApply(m))
    ls.plain = new PlainMoves(m, relocate, swap, twoOpt, twoOptStar, LOCAL_EPS);
  const sisr = new Sisr(m, spatial, near, t, rng);
  // First solution.
  if (plain) buildSavings(m, current, spatial);
  else {
    for (let j = 0; j < m.jobs; j++) sisr.removed[sisr.removedCount++] = j;
    // Far from the start first: the classic seed order of insertion heuristics (Solomon 1987); when
    // the fleet cannot carry every job, the smallest first, which serves the most.
    sisr.recreate(current, true, sisr.scarce ? 4 : 8);
  }
  best.copyFrom(current);
  report();
  const stop = (): boolean => progress(rule, 0) < 0;
  if (t.localSearch) ls.run(current, stop);
  if (current.objective < best.objective) {
    best.copyFrom(current);
    report();
  }
  const routes0 = Math.max(1, current.routesUsed);
  const avgEdge = Math.max(1e-9, current.cost / (m.jobs - current.unassigned + routes0));
  const routeWeight = t.routeWeight * avgEdge;
  const t0 = t.startTemperature * avgEdge;
  const tf = t.finalTemperature * avgEdge;
  let iteration = 0;

  /**
   * Simulated annealing from `cur` while the run's progress is below `until`; the temperature follows
   * the schedule at progress q, mapped linearly from [pFrom, until] onto [qFrom, qTo]. Returns the
   * current solution at the end and the best objective it reached.
   */
  const anneal = (
    start: Solution,
    spare: Solution,
    until: number,
    qFrom: number,
    qTo: number,
  ): { cur: Solution; spare: Solution; best: number } => {
    let cur = start;
    let cand = spare;
    let phaseBest = cur.objective;
    const pFrom = Math.max(0, progress(rule, iteration));
    for (;;) {
      const p = progress(rule, iteration);
      if (p < 0 || p >= until) break;
      const q = until > pFrom ? qFrom + ((p - pFrom) / (until - pFrom)) * (qTo - qFrom) : qTo;
      const temperature = t0 * (tf / t0) ** q;
      iteration++;
      cand.copyFrom(cur);
      sisr.ruin(cand);
      sisr.retryAbsent(cand);
      sisr.recreate(cand);
      if (t.localSearch) {
        ls.runQueued(cand);
        // SWAP* only where it may matter: candidates close to being accepted.
        if (t.swapStar && cand.objective < cur.objective) ls.polish(cand);
      }
      if (
        cand.objective + routeWeight * cand.routesUsed <
        cur.objective + routeWeight * cur.routesUsed - temperature * Math.log(rng.next())
      ) {
        if (cand.objective < phaseBest) phaseBest = cand.objective;
        if (cand.objective < best.objective - 1e-9) {
          best.copyFrom(cand);
          report();
        }
        const swap = cur;
        cur = cand;
        cand = swap;
      }
    }
    return { cur, spare: cand, best: phaseBest };
  };

  const rm =
    t.routeMinimization > 0
      ? minimizeRoutes(m, current, sisr, rule, rng, t.routeMinimization, t.routeMinimizationPatience)
      : undefined;
  iteration += rm?.iterations ?? 0;
  sisr.ls = t.localSearch ? ls : undefined;
  if (rm?.found) {
    const fewer = rm.found;
    if (t.localSearch) ls.run(fewer, stop);
    if (fewer.objective < best.objective) {
      best.copyFrom(fewer);
      report();
    }
    // Fewer routes is not always shorter (Solomon's R2: the shortest plans use more routes than
    // needed). Race: anneal the plan before and the plan after route minimisation for a share of the
    // budget each, then go on with the one that reached the lower objective.
    const pr = Math.max(0, progress(rule, iteration));
    const race = t.race;
    if (race > 0) {
      const a = anneal(current, candidate, pr + race, pr, pr + race);
      const b = anneal(fewer, new Solution(m), pr + 2 * race, pr, pr + race);
      const winner = a.best <= b.best ? a : b;
      anneal(winner.cur, winner.spare, 1, pr + race, 1);
    } else anneal(fewer, candidate, 1, pr, 1);
  } else {
    anneal(current, candidate, 1, Math.max(0, progress(rule, iteration)), 1);
  }
  return { best, iterations: iteration };
}
