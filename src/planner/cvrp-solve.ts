/**
 * The CVRP fast path: SISR ruin-and-recreate with simulated-annealing acceptance
 * (Christiaens & Vanden Berghe, "Slack Induction by String Removals for Vehicle Routing Problems",
 * Transportation Science 54(2), 2020), with insertion restricted to granular neighbor lists
 * (Toth & Vigo 2003) and a local search on improving solutions (see cvrp-localsearch.ts).
 */

import { buildSavings } from './cvrp-construct.ts';
import { minimizeRoutes } from './cvrp-fleet.ts';
import { CvrpLocalSearch } from './cvrp-localsearch.ts';
import { Sisr } from './cvrp-sisr.ts';
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
