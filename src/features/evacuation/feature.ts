/**
 * The evacuation ride network as `app.ts` lists it: its pages and API, the drills' escalation job,
 * the day's notifications and re-plan job, the job that finds who went unseen during an alert,
 * the buddies' asks.
 */
import type { Services } from '../../platform/context.ts';
import type { Feature } from '../../platform/module.ts';
import { registerActivationJobs } from './activation-replan.ts';
import { alertKind } from './activation-tell.ts';
import { buddyKind } from './buddies.ts';
import { buddyRoutes } from './buddies-routes.ts';
import { drillKind } from './drills.ts';
import { drillRoutes } from './drills-routes.ts';
import { registerEscalationJob, startEscalationJob } from './escalation.ts';
import { registerGoneJob, startGoneJob } from './gone.ts';
import { linkHeaders } from './links.ts';
import { evacuationRoutes } from './routes.ts';

/** The evacuation ride network capability (PRODUCT.md capability 9). */
export const evacuation: Feature = {
  name: 'evacuation',
  communityRoutes(scope) {
    // First: the personal links' headers hold for every link route registered after.
    linkHeaders(scope);
    evacuationRoutes(scope);
    drillRoutes(scope);
    buddyRoutes(scope);
  },
  jobs(services: Services) {
    registerEscalationJob(services);
    registerActivationJobs(services);
    registerGoneJob(services);
  },
  async onReady(services: Services) {
    await startEscalationJob(services);
    await startGoneJob(services);
  },
  notifications: [drillKind, alertKind, buddyKind],
};
