/**
 * Worker-thread side of `planInWorker`: receives `{ problem, matrices, options, stop }`, says `{ started }` when
 * its solver starts, posts `{ plan, final: false }` as the best plan improves and `{ plan, final: true }`
 * at the end, or `{ error }`. `stop` is an Int32Array over a SharedArrayBuffer: when the parent sets it
 * to 1 the solver stops at its next iteration and the best plan so far is the final one.
 */
import { parentPort } from 'node:worker_threads';
import type { FlatMatrices } from '../../planner/compile.ts';
import { type Problem, ProblemError } from '../../planner/model.ts';
import type { SolveOptions } from '../../planner/options.ts';
import { solvePlan } from '../../planner/plan-solve.ts';
import type { WorkerMessage } from './run.ts';

interface Request {
  /** The problem, its matrices left out (sent flat, as transferred buffers). */
  problem: Problem;
  matrices: FlatMatrices;
  options: Pick<SolveOptions, 'timeLimitMs' | 'maxIterations' | 'seed'>;
  stop: Int32Array;
}

const post = (msg: WorkerMessage): void => parentPort?.postMessage(msg);

parentPort?.once('message', (req: Request) => {
  try {
    post({ started: true });
    const plan = solvePlan(req.problem, {
      ...req.options,
      matrices: req.matrices,
      shouldStop: () => Atomics.load(req.stop, 0) === 1,
      onPlan: (p) => post({ plan: p, final: false }),
    });
    post({ plan, final: true });
  } catch (e) {
    const err = e as Error;
    post({
      error:
        err instanceof ProblemError
          ? { name: err.name, message: err.detail, path: err.path }
          : { name: err.name, message: err.message },
    });
  }
});
