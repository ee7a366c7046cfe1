/**
 * The route planner's public surface: pure functions, no I/O, nothing imported from the app.
 * - `solvePlan(problem, options)`: the general model (model.ts) → Plan.
 * - `solveCvrp(instance, options)`: the classic CVRP fast path; `parseCvrplib(text)` reads CVRPLIB files.
 */
export { checkCvrp, checkPlan } from './check.ts';
export { type CvrpSolution, solveCvrp } from './cvrp-solve.ts';
export { CvrpFormatError, type CvrpInstance, euc2d, parseCvrplib } from './cvrplib.ts';
export type {
  Job,
  Plan,
  PlannedRoute,
  Problem,
  Step,
  UnassignedJob,
  UnassignedReason,
  Vehicle,
} from './model.ts';
export { ProblemError } from './model.ts';
export type { SolveOptions } from './options.ts';
export { solvePlan } from './plan-solve.ts';
