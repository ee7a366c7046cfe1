/**
 * Worker-thread side of `planInWorker`: receives `{ problem, options, stop }`, runs the solver, and
 * posts back `{ plan }` or `{ error }`. `stop` is an Int32Array over a SharedArrayBuffer: when the
 * parent sets it to 1 the solver stops at its next poll and the best plan so far is returned.
 */
import { parentPort } from 'node:worker_threads';
import type { Problem } from '../../planner/model.ts';
import type { SolveOptions } from '../../planner/options.ts';
import { solvePlan } from '../../planner/plan-solve.ts';

interface Request {
  problem: Problem;
  options: Pick<SolveOptions, 'timeLimitMs' | 'maxIterations' | 'seed'>;
  stop: Int32Array;
}

parentPort?.once('message', (req: Request) => {
  try {
    const plan = solvePlan(req.problem, {
      ...req.options,
      shouldStop: () => Atomics.load(req.stop, 0) === 1,
    });
    parentPort?.postMessage({ plan });
  } catch (e) {
    const err = e as Error;
    parentPort?.postMessage({ error: { name: err.name, message: err.message } });
  }
});
