/**
 * The mutual-aid board as `app.ts` lists it: its pages and API in a community, its jobs (urgent
 * waves, expiry, claims), and at start the first expiry run and its posts named in conversations.
 */
import type { Feature } from '../../platform/module.ts';
import { postsPorch } from './porch.ts';
import { postRoutes } from './routes.ts';
import { describePostsInConversations, postKinds, registerPostJobs, scheduleExpiry } from './service.ts';

/** The board capability. */
export const posts: Feature = {
  name: 'posts',
  communityRoutes: postRoutes,
  jobs: registerPostJobs,
  porch: postsPorch,
  notifications: postKinds,
  onReady(services) {
    describePostsInConversations();
    return scheduleExpiry(services);
  },
};
