/**
 * The classic CVRP (unlimited identical fleet, closed routes from one depot) through the shared route
 * model and search (search.ts): the general model's plain special case, compiled directly from a
 * CVRPLIB instance, searched with the savings construction and the CVRP tuning. It replaces
 * cvrp-solve.ts once it is as fast per second on the CVRP benchmark.
 */
import { compileCvrp } from './compile.ts';
import type { CvrpSolution } from './cvrp-solve.ts';
import type { CvrpInstance } from './cvrplib.ts';
import type { SolveOptions } from './options.ts';
import { search, type Tuning } from './search.ts';

/**
 * Solves a classic CVRP until the time or iteration limit or cancellation, and returns the best solution
 * found. Every returned solution is feasible (each route's demand ≤ capacity, every customer exactly once).
 * @throws Error when a customer's demand exceeds the capacity (no feasible solution exists).
 */
export function solveCvrpUnified(
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
