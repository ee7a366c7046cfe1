/**
 * Guidelines as `app.ts` lists it: proposals decided by consent, the guidelines' versions and
 * acknowledgements, their pages and API in a community, and the jobs that close proposals at
 * their deadline and remind the stewards of a review date.
 */
import type { Services } from '../../platform/context.ts';
import type { Feature } from '../../platform/module.ts';
import { guidelinesRoutes } from './routes.ts';
import { guidelineKinds, registerGuidelineJobs } from './service.ts';

/** The guidelines capability. */
export const guidelines: Feature = {
  name: 'guidelines',
  communityRoutes: guidelinesRoutes,
  jobs(services: Services) {
    registerGuidelineJobs(services);
  },
  notifications: guidelineKinds,
};
