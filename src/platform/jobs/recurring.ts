/**
 * Jobs that come back every so often (expiring posts, tidying): each run queues the next, so the
 * schedule lives in the job table, survives restarts and is shared by every process.
 */
import type { Services } from '../context.ts';
import type { Db } from '../db/database.ts';
import { addSeconds, iso } from '../db/time.ts';

/** Whether a job of `kind` is waiting to run (not done, not failed), due after `after` if given. */
export async function hasPendingJob(db: Db, kind: string, after?: string): Promise<boolean> {
  let q = db
    .selectFrom('job')
    .select('id')
    .where('kind', '=', kind)
    .where('doneAt', 'is', null)
    .where('failedAt', 'is', null);
  if (after) q = q.where('runAt', '>', after);
  return Boolean(await q.limit(1).executeTakeFirst());
}

/**
 * Registers the job `kind` to run `handler` every `seconds`: after a run, the next is queued
 * unless one already waits (two processes starting at once may each have queued one; only one
 * chain goes on). `startRecurringJob` queues the first run.
 */
export function registerRecurringJob(
  s: Pick<Services, 'db' | 'jobs' | 'clock'>,
  kind: string,
  seconds: number,
  handler: () => Promise<void>,
): void {
  s.jobs.register(kind, async () => {
    const started = iso(s.clock.now());
    await handler();
    await s.db.transaction().execute(async (tx) => {
      if (await hasPendingJob(tx, kind, started)) return;
      await s.jobs.enqueue(tx, kind, {}, addSeconds(s.clock.now(), seconds));
    });
  });
}

/** Queues the first run of the recurring job `kind`, due now, unless one waits (a restart adds none). */
export async function startRecurringJob(s: Pick<Services, 'db' | 'jobs'>, kind: string): Promise<void> {
  await s.db.transaction().execute(async (tx) => {
    if (await hasPendingJob(tx, kind)) return;
    await s.jobs.enqueue(tx, kind, {});
  });
}

/**
 * Runs `step` (which deletes or changes at most `batch` rows and says how many) until a step does
 * fewer: a backlog is worked off in short statements that hold no lock for long.
 */
export async function inBatches(batch: number, step: (batch: number) => Promise<number>): Promise<number> {
  let total = 0;
  for (let n = batch; n === batch; total += n) n = await step(batch);
  return total;
}
