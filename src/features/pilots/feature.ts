/**
 * Pilots as `app.ts` lists it: their pages and API in a community, and the halfway check-in job
 * (issue 18, step 3).
 */
import type { Services } from '../../platform/context.ts';
import type { Feature } from '../../platform/module.ts';
import { pilotKinds, registerHalfwayJob } from './halfway.ts';
import { pilotRoutes } from './routes.ts';

/** The pilots capability. */
export const pilots: Feature = {
  name: 'pilots',
  communityRoutes: pilotRoutes,
  jobs(services: Services) {
    registerHalfwayJob(services);
  },
  notifications: pilotKinds,
};
