/**
 * Milestones as `app.ts` lists it: their pages and API in a community, the job that detects them,
 * and their place on the front porch.
 */
import type { Services } from '../../platform/context.ts';
import type { Feature } from '../../platform/module.ts';
import { milestonesPorch } from './porch.ts';
import { milestoneRoutes } from './routes.ts';
import { registerMilestoneJobs, startMilestoneJobs } from './service.ts';

/** The milestones capability. */
export const milestones: Feature = {
  name: 'milestones',
  communityRoutes: milestoneRoutes,
  jobs(services: Services) {
    registerMilestoneJobs(services);
  },
  async onReady(services: Services) {
    await startMilestoneJobs(services);
  },
  porch: milestonesPorch,
};
