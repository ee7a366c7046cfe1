/**
 * The newsletter as `app.ts` lists it: its pages and API in a community, and the monthly job that
 * compiles each community's draft.
 */
import type { Services } from '../../platform/context.ts';
import type { Feature } from '../../platform/module.ts';
import { registerCompileJob, startCompileJob } from './jobs.ts';
import { newsletterRoutes } from './routes.ts';
import { newsletterKinds } from './service.ts';

/** The newsletter capability. */
export const newsletter: Feature = {
  name: 'newsletter',
  communityRoutes: newsletterRoutes,
  jobs(services: Services) {
    registerCompileJob(services);
  },
  onReady: (services: Services) => startCompileJob(services),
  notifications: newsletterKinds,
};
