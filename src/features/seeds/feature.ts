/**
 * The seed library as `app.ts` lists it: its pages and API in a community, pledge reminders,
 * and at start the rule for who sees its stories' photos.
 */

import type { Feature } from '../../platform/module.ts';
import { registerPhotoOwner } from '../../platform/uploads/routes.ts';
import { registerSeedJobs, seedKinds } from './jobs.ts';
import { seedsPorch } from './porch.ts';
import { seedRoutes } from './routes.ts';
import { storyPhotoVisible } from './service.ts';

/** The seed library capability. */
export const seeds: Feature = {
  name: 'seeds',
  communityRoutes: seedRoutes,
  jobs: registerSeedJobs,
  porch: seedsPorch,
  notifications: seedKinds,
  onReady() {
    registerPhotoOwner('story', storyPhotoVisible);
  },
};
