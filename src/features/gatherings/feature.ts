/**
 * Gatherings as `app.ts` lists it: their pages and API in a community, and the reminders before each.
 */
import type { Services } from '../../platform/context.ts';
import type { Feature } from '../../platform/module.ts';
import { registerReminderJobs } from './reminders.ts';
import { gatheringRoutes } from './routes.ts';
import { gatheringKinds } from './service.ts';

/** The gatherings capability. */
export const gatherings: Feature = {
  name: 'gatherings',
  communityRoutes: gatheringRoutes,
  jobs(services: Services) {
    registerReminderJobs(services);
  },
  notifications: gatheringKinds,
};
