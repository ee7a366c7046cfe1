/**
 * Runs the route planner in a worker thread so the server keeps answering requests while it plans.
 */
import { Worker } from 'node:worker_threads';
import type { Plan, Problem } from '../../planner/model.ts';
import { ProblemError } from '../../planner/model.ts';
import { buildFile, fromBuild } from '../files.ts';

// From the sources the worker must register tsx itself (see worker-bootstrap.mjs); the build has it bundled.
const workerEntry = fromBuild
  ? buildFile('planner-worker.mjs')
  : new URL('./worker-bootstrap.mjs', import.meta.url);

/** Options of a planning run. */
export interface WorkerPlanOptions {
  /** Time budget in milliseconds (default 2000). */
  timeLimitMs?: number;
  /** Iteration limit (for reproducible runs). */
  maxIterations?: number;
  /** Seed of the solver's generator (default 1). */
  seed?: number;
  /** Aborting makes the solver stop and resolve with the best plan found so far. */
  signal?: AbortSignal;
  /** Extra time after the limit before the worker is terminated as unresponsive (default 2000 ms). */
  graceMs?: number;
}

/** Thrown when the worker dies, cannot start, or does not answer within the time limit plus grace. */
export class PlannerWorkerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlannerWorkerError';
  }
}

/**
 * Solves `problem` in a worker thread and resolves with the plan (best found by the time limit or the
 * abort). Rejects with ProblemError for a malformed problem, PlannerWorkerError when the worker fails.
 */
export function planInWorker(problem: Problem, options: WorkerPlanOptions = {}): Promise<Plan> {
  const timeLimitMs = options.timeLimitMs ?? (options.maxIterations === undefined ? 2000 : undefined);
  const stop = new Int32Array(new SharedArrayBuffer(4));
  return new Promise<Plan>((resolve, reject) => {
    const worker = new Worker(workerEntry);
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      options.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      fn();
    };
    const onAbort = (): void => {
      Atomics.store(stop, 0, 1);
    };
    const deadline = setTimeout(
      () => finish(() => reject(new PlannerWorkerError('the planner did not answer in time'))),
      (timeLimitMs ?? 60_000) + (options.graceMs ?? 2000),
    );
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort);
    worker.on('message', (msg: { plan?: Plan; error?: { name: string; message: string } }) => {
      if (msg.plan) finish(() => resolve(msg.plan!));
      else {
        const e = msg.error!;
        finish(() =>
          reject(e.name === 'ProblemError' ? new ProblemError(e.message) : new PlannerWorkerError(e.message)),
        );
      }
    });
    worker.on('error', (e) =>
      finish(() => reject(new PlannerWorkerError(`planner worker failed: ${e.message}`))),
    );
    worker.on('exit', (code) =>
      finish(() => reject(new PlannerWorkerError(`planner worker exited with code ${code}`))),
    );
    worker.postMessage({
      problem,
      options: { timeLimitMs, maxIterations: options.maxIterations, seed: options.seed },
      stop,
    });
  });
}
