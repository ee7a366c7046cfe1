/**
 * The monthly compile: a recurring job (every hour, the schedule kept in the job table and shared
 * by every process) that compiles the current month's draft of every live community without one,
 * by each community's own calendar — so a draft is there within the hour of the month's start,
 * and a server that was down then catches up when it starts.
 */
import type { Services } from '../../platform/context.ts';
import { registerRecurringJob, startRecurringJob } from '../../platform/jobs/recurring.ts';
import { compileDueIssues } from './service.ts';

/** The job's kind. */
export const compileJob = 'newsletter.compile';
/** How often it looks (seconds). */
export const compileEverySeconds = 3600;

/** Registers the job. */
export function registerCompileJob(s: Services): void {
  registerRecurringJob(s, compileJob, compileEverySeconds, async () => {
    await compileDueIssues(s);
  });
}

/** Queues its first run (start-up), unless one waits. */
export function startCompileJob(s: Services): Promise<void> {
  return startRecurringJob(s, compileJob);
}
