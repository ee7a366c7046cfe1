/**
 * The lending library as `app.ts` lists it: its pages and API in a community, its timed jobs
 * (reminders, lapses, holds), and at start the rule for who sees its items' photos.
 */
import type { Services } from '../../platform/context.ts';
import type { Feature } from '../../platform/module.ts';
import { registerPhotoOwner } from '../../platform/uploads/routes.ts';
import { itemPhotoVisible, libraryKinds } from './access.ts';
import { libraryPorch } from './porch.ts';
import { registerReminderJobs } from './reminders.ts';
import { libraryRoutes } from './routes.ts';
import { registerHoldJobs } from './waitlist.ts';

/** The lending library capability. */
export const library: Feature = {
  name: 'library',
  communityRoutes: libraryRoutes,
  jobs(services: Services) {
    registerReminderJobs(services);
    registerHoldJobs(services);
  },
  porch: libraryPorch,
  notifications: libraryKinds,
  onReady() {
    registerPhotoOwner('item', itemPhotoVisible);
  },
};
