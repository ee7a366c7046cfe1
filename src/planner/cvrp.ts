/**
 * The classic CVRP (unlimited identical fleet, closed routes from one depot) as the plain special case
 * of the shared route model and search (search.ts): compiled directly from a CVRPLIB instance and
 * searched with the savings construction, the CVRP tuning and the capacity-only evaluation of the
 * shared operators (plain-moves.ts). Used by `porch solve-cvrp`.
 */
import { compileCvrp } from './compile.ts';
import type { CvrpInstance } from './cvrplib.ts';
import type { SolveOptions } from './options.ts';
import { search, type Tuning } from './search.ts';

/** A CVRP solution: routes of node indices (0 = depot, left out), total distance, iterations done. */
export interface CvrpSolution {
  /** Each route as customer node indices (into the instance arrays), depot excluded. */
  routes: number[][];
  /** Sum of the rounded edge distances, depot legs included. */
  cost: number;
  /** Ruin-and-recreate iterations performed (route minimisation included). */
  iterations: number;
}

/**
 * Solves a classic CVRP until the time or iteration limit or cancellation, and returns the best
 * solution found. Every returned solution is feasible (each route's demand ≤ capacity, every customer
 * exactly once). `tuning` overrides the CVRP defaults (search.ts `CVRP_TUNING`).
 * @throws Error when a customer's demand exceeds the capacity (no feasible solution exists).
 */
export function solveCvrp(
  instance: CvrpInstance,
  options: SolveOptions = {},
  tuning: Partial<Tuning> = {},
): CvrpSolution {
  const n = instance.dimension - 1;
  for (let c = 1; c <= n; c++) {
    if (instance.demand[c] > instance.capacity)
      throw new Error(`customer ${instance.label[c]} demands more than the capacity`);
  }
  const m = compileCvrp(instance);
  const { best, iterations } = search(m, options, tuning);
  const routes: number[][] = [];
  for (let r = 0; r < m.routes; r++) {
    if (best.size[r] > 0) routes.push(best.jobsOf(r).map((j) => m.jobIndex[j]));
  }
  return { routes, cost: Math.round(best.cost), iterations };
}
