/**
 * Tidying, every hour and set-based: sessions that ended, sign-in links a day after they stopped
 * working, jobs finished more than 30 days ago (the mail they sent included), notifications read
 * more than 90 days ago and what erased accounts left in notifications (`notify/service.ts`).
 * Without it these tables grow with every sign-in and every mail, whatever the number of
 * communities.
 */
import { deleteEndedSessions, deleteEndedSignInLinks } from '../auth/sessions.ts';
import type { Services } from '../context.ts';
import { addSeconds } from '../db/time.ts';
import { tidyNotifications } from '../notify/service.ts';
import { pruneJobs } from './queue.ts';
import { inBatches, registerRecurringJob, startRecurringJob } from './recurring.ts';

/** How often the tidying runs (seconds). */
export const tidyEverySeconds = 3600;
/** How long finished jobs are kept (days), for an operator looking into what was sent. */
export const keepJobsDays = 30;
const batch = 5000;

/** Registers the `platform.tidy` job. */
export function registerTidyJob(s: Services): void {
  registerRecurringJob(s, 'platform.tidy', tidyEverySeconds, async () => {
    const now = s.clock.now();
    await inBatches(batch, (n) => deleteEndedSessions(s.db, now, n));
    await inBatches(batch, (n) => deleteEndedSignInLinks(s.db, addSeconds(now, -86400), n));
    await inBatches(batch, (n) => pruneJobs(s.db, addSeconds(now, -keepJobsDays * 86400), n));
    await tidyNotifications(s, batch);
  });
}

/** Queues the first tidying (start-up), unless one waits. */
export function startTidyJob(s: Services): Promise<void> {
  return startRecurringJob(s, 'platform.tidy');
}
