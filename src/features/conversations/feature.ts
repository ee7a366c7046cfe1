/** Conversations as `app.ts` lists them: their pages and API in a community, and their mail jobs. */
import type { Feature } from '../../platform/module.ts';
import { conversationKinds, registerConversationJobs } from './jobs.ts';
import { conversationsPorch } from './porch.ts';
import { conversationRoutes } from './routes.ts';

/** The conversations capability. */
export const conversations: Feature = {
  name: 'conversations',
  communityRoutes: conversationRoutes,
  jobs: registerConversationJobs,
  porch: conversationsPorch,
  notifications: conversationKinds,
};
