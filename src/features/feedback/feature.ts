/**
 * Feedback as `app.ts` lists it: its pages and API in a community, and the job that asks
 * whoever took part in a thing how it went.
 */
import type { Services } from '../../platform/context.ts';
import type { Feature } from '../../platform/module.ts';
import { feedbackRoutes } from './routes.ts';
import { askKind, registerFeedbackJobs, startFeedbackJobs } from './service.ts';

/** The feedback capability. */
export const feedback: Feature = {
  name: 'feedback',
  communityRoutes: feedbackRoutes,
  jobs(services: Services) {
    registerFeedbackJobs(services);
  },
  async onReady(services: Services) {
    await startFeedbackJobs(services);
  },
  notifications: [askKind],
};
