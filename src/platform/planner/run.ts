/**
 * Runs the route planner in a worker thread so the server keeps answering requests while it plans.
 *
 * A plan is never lost: the worker says when its solver starts (the time limit counts from then, not
 * from when the thread was asked for, so a slow start under load takes no planning time), then sends
 * its best plan as it improves and a final plan when it stops. Past the limit plus a grace period the
 * solver is told to stop; if it still does not answer, the thread is terminated and the last plan it
 * sent is used. Only a worker that never sent a plan is an error.
 */
import { Worker } from 'node:worker_threads';
import { type FlatMatrices, flattenMatrices } from '../../planner/compile.ts';
import type { Plan, Problem } from '../../planner/model.ts';
import { ProblemError } from '../../planner/model.ts';
import { buildFile, fromBuild } from '../files.ts';

// From the sources the worker must register tsx itself (see worker-bootstrap.mjs); the build has it bundled.
const workerEntry = fromBuild
  ? buildFile('planner-worker.mjs')
  : new URL('./worker-bootstrap.mjs', import.meta.url);

/** Options of a planning run. */
export interface WorkerPlanOptions {
  /** Time budget in milliseconds, counted from the solver's start in the worker (default 2000). */
  timeLimitMs?: number;
  /** Iteration limit (for reproducible runs). */
  maxIterations?: number;
  /** Seed of the solver's generator (default 1). */
  seed?: number;
  /** Aborting makes the solver stop and resolve with the best plan found so far. */
  signal?: AbortSignal;
  /** Time after the limit before the solver is told to stop, and again before the thread is terminated (default 1000 ms). */
  graceMs?: number;
  /** Longest wait for the worker to load and start its solver (default 60 s). */
  startTimeoutMs?: number;
  /** Called with each improving plan the worker sends (the first complete plan at once). */
  onPlan?: (plan: Plan) => void;
}

/** Thrown when the worker dies, cannot start, or stops without ever sending a plan. */
export class PlannerWorkerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlannerWorkerError';
  }
}

/** Messages from the worker (worker.ts). */
export type WorkerMessage =
  | { started: true }
  | { plan: Plan; final: boolean }
  | { error: { name: string; message: string; path?: string } };

/**
 * Solves `problem` in a worker thread and resolves with the plan (the best found by the time limit,
 * the abort, or — as a last resort — when the worker had to be terminated). Rejects with ProblemError
 * for a malformed problem, PlannerWorkerError when the worker failed before sending any plan.
 */
export function planInWorker(problem: Problem, options: WorkerPlanOptions = {}): Promise<Plan> {
  const timeLimitMs = options.timeLimitMs ?? (options.maxIterations === undefined ? 2000 : undefined);
  const grace = options.graceMs ?? 1000;
  const stop = new Int32Array(new SharedArrayBuffer(4));
  return new Promise<Plan>((resolve, reject) => {
    // The matrices go flat, as transferred buffers: copying nested arrays to the thread costs
    // about 90 ms for 1,000 locations. A malformed matrix is refused here, naming the field.
    let matrices: FlatMatrices;
    try {
      matrices = flattenMatrices(problem);
    } catch (e) {
      reject(e);
      return;
    }
    const worker = new Worker(workerEntry);
    let settled = false;
    let started = false;
    let last: Plan | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      fn();
    };
    // Last resort: terminate the thread and keep the last plan it sent.
    const kill = (why: string): void =>
      finish(() => (last ? resolve(last) : reject(new PlannerWorkerError(why))));
    const killLater = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => kill('the planner did not answer after being asked to stop'), grace);
    };
    // Stopping: the solver returns its best plan at its next iteration. Before it has started, it
    // will see the flag when it does and answer with its first plan.
    const onAbort = (): void => {
      Atomics.store(stop, 0, 1);
      if (started) killLater();
    };
    timer = setTimeout(
      () => kill('the planner worker did not start in time'),
      options.startTimeoutMs ?? 60_000,
    );
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort);
    worker.on('message', (msg: WorkerMessage) => {
      if ('started' in msg) {
        started = true;
        clearTimeout(timer);
        if (Atomics.load(stop, 0) === 1) killLater();
        else if (timeLimitMs !== undefined) timer = setTimeout(onAbort, timeLimitMs + grace);
      } else if ('plan' in msg) {
        last = msg.plan;
        if (msg.final) finish(() => resolve(msg.plan));
        else options.onPlan?.(msg.plan);
      } else {
        const e = msg.error;
        finish(() =>
          reject(
            e.name === 'ProblemError'
              ? new ProblemError(e.message, e.path)
              : new PlannerWorkerError(e.message),
          ),
        );
      }
    });
    worker.on('error', (e) => kill(`planner worker failed: ${e.message}`));
    worker.on('exit', (code) => kill(`planner worker exited with code ${code}`));
    const { durations: _, distances: __, ...rest } = problem;
    const transfer = [matrices.durations.buffer as ArrayBuffer];
    if (matrices.distances) transfer.push(matrices.distances.buffer as ArrayBuffer);
    worker.postMessage(
      {
        problem: { ...rest, durations: [] },
        matrices,
        options: { timeLimitMs, maxIterations: options.maxIterations, seed: options.seed },
        stop,
      },
      transfer,
    );
  });
}
