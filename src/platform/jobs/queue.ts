/**
 * Durable jobs: a `job` table written inside the caller's transaction, so a side effect exists
 * exactly when the change that caused it committed. An in-process worker runs due jobs; on
 * PostgreSQL several Porch processes share the table, each claiming with
 * `FOR UPDATE SKIP LOCKED`. A failed job is retried with exponential backoff, then marked failed.
 */
import type { FastifyBaseLogger } from 'fastify';

import type { Dialect } from '../../../migrations/_columns.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { addSeconds, type Clock, iso } from '../db/time.ts';

/** Runs one job's payload; throwing makes the job retry later. */
export type JobHandler = (payload: any) => Promise<void>;

/** After this many attempts a job is marked failed and left for an operator to look at. */
export const maxAttempts = 6;
/** A claimed job is considered abandoned (its process died) after this many seconds. */
const lockSeconds = 300;

/** The queue: enqueue inside a transaction; `runDue` drains what is due. */
export interface Jobs {
  /** Records a job in `tx` (the caller's transaction), due at `runAt` (default now). */
  enqueue(tx: Db, kind: string, payload: unknown, runAt?: Date): Promise<void>;
  /** Records many jobs in `tx` with a few multi-row inserts (a notice to a thousand members). */
  enqueueMany(tx: Db, jobs: readonly { kind: string; payload: unknown; runAt?: Date }[]): Promise<void>;
  /** Registers the handler for `kind`. */
  register(kind: string, handler: JobHandler): void;
  /** Runs every job due now, one at a time; returns how many ran. */
  runDue(): Promise<number>;
  /** Starts polling every `intervalMs` (and soon after each enqueue). */
  start(intervalMs?: number): void;
  /** Stops polling and waits for the running job. */
  stop(): Promise<void>;
}

/** A job queue over `db`. */
export function createJobs(db: Db, dialect: Dialect, clock: Clock, log: FastifyBaseLogger): Jobs {
  const handlers = new Map<string, JobHandler>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;

  async function claim() {
    const now = iso(clock.now());
    const due = db
      .selectFrom('job')
      .select('id')
      .where('doneAt', 'is', null)
      .where('failedAt', 'is', null)
      .where('runAt', '<=', now)
      .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<', now)]))
      .orderBy('runAt')
      .limit(1);
    return db
      .updateTable('job')
      .set((eb) => ({
        lockedUntil: iso(addSeconds(clock.now(), lockSeconds)),
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', '=', dialect === 'postgres' ? due.forUpdate().skipLocked() : due)
      .returningAll()
      .executeTakeFirst();
  }

  async function drain(): Promise<number> {
    let count = 0;
    for (let job = await claim(); job; job = await claim()) {
      count++;
      const handler = handlers.get(job.kind);
      try {
        if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
        await handler(JSON.parse(job.payload));
        await db
          .updateTable('job')
          .set({ doneAt: iso(clock.now()), lockedUntil: null })
          .where('id', '=', job.id)
          .execute();
      } catch (error) {
        const failed = job.attempts >= maxAttempts;
        log.error({ err: error, job: job.id, kind: job.kind, attempt: job.attempts }, 'job failed');
        await db
          .updateTable('job')
          .set({
            lastError: String(error instanceof Error ? (error.stack ?? error.message) : error).slice(0, 2000),
            lockedUntil: null,
            failedAt: failed ? iso(clock.now()) : null,
            runAt: iso(addSeconds(clock.now(), 2 ** job.attempts * 15)),
          })
          .where('id', '=', job.id)
          .execute();
      }
    }
    return count;
  }

  function runDue(): Promise<number> {
    // One drain at a time in this process; a second caller waits for it and drains again.
    const next = (running ?? Promise.resolve(0)).then(drain, drain);
    running = next;
    return next;
  }

  function schedule(ms: number) {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      runDue()
        .catch((err) => log.error({ err }, 'job worker error'))
        .finally(() => schedule(pollMs));
    }, ms);
    timer.unref();
  }
  let pollMs = 1000;

  return {
    async enqueue(tx, kind, payload, runAt) {
      await tx
        .insertInto('job')
        .values({
          id: newId(),
          kind,
          payload: JSON.stringify(payload),
          runAt: iso(runAt ?? clock.now()),
          createdAt: iso(clock.now()),
        })
        .execute();
      // Soon, not now: the caller's transaction has not committed yet.
      schedule(50);
    },
    async enqueueMany(tx, list) {
      const now = iso(clock.now());
      const rows = list.map((j) => ({
        id: newId(),
        kind: j.kind,
        payload: JSON.stringify(j.payload),
        runAt: j.runAt ? iso(j.runAt) : now,
        createdAt: now,
      }));
      // 5 values a row: well under either database's limit of bound values per statement.
      for (let i = 0; i < rows.length; i += 500)
        await tx
          .insertInto('job')
          .values(rows.slice(i, i + 500))
          .execute();
      if (rows.length > 0) schedule(50);
    },
    register(kind, handler) {
      handlers.set(kind, handler);
    },
    runDue,
    start(intervalMs = 1000) {
      pollMs = intervalMs;
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}

/** Deletes at most `limit` jobs finished before `before`; returns how many. */
export async function pruneJobs(db: Db, before: Date, limit: number): Promise<number> {
  const done = db.selectFrom('job').select('id').where('doneAt', '<', iso(before)).limit(limit);
  const result = await db.deleteFrom('job').where('id', 'in', done).executeTakeFirst();
  return Number(result.numDeletedRows);
}
