/**
 * Shifts as `app.ts` lists it: their pages and API in a community, their timed jobs (reminders, the stale-check alert, the nudge).
 */
import type { Services } from '../../platform/context.ts';
import type { Feature } from '../../platform/module.ts';
import { alertKind, registerCheckJobs, startCheckJobs } from './checks.ts';
import { nudgeKind, registerNudgeJobs, startNudgeJobs } from './nudges.ts';
import { calendarRoutes, shiftRoutes } from './routes.ts';
import { registerShiftJobs, shiftKinds } from './service.ts';

/** The shifts capability. */
export const shifts: Feature = {
  name: 'shifts',
  routes: calendarRoutes,
  communityRoutes: shiftRoutes,
  jobs(services: Services) {
    registerShiftJobs(services);
    registerCheckJobs(services);
    registerNudgeJobs(services);
  },
  async onReady(services: Services) {
    await startCheckJobs(services);
    await startNudgeJobs(services);
  },
  notifications: [...shiftKinds, alertKind, nudgeKind],
};
