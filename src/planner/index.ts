/**
 * The route planner's public surface: pure functions, no I/O, nothing imported from the app.
 * - `solvePlan(problem, options)`: the general model (model.ts, JSON Schema in schema.ts) → Plan.
 * - `solveCvrp(instance, options)`: the classic CVRP, the plain special case of the same search; `parseCvrplib(text)` reads CVRPLIB files.
 */
export { checkCvrp, checkPlan } from './check.ts';
export { type CvrpSolution, solveCvrp } from './cvrp.ts';
export { CvrpFormatError, type CvrpInstance, euc2d, parseCvrplib } from './cvrplib.ts';
export type {
  Destination,
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
export { type PlanOptions, solvePlan } from './plan-solve.ts';
export { problemSchema } from './schema.ts';
