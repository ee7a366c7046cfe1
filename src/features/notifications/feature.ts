/**
 * Notifications as `app.ts` lists them: the inbox of each community (page and API), the
 * preferences and one-click unsubscribe of each account, and stewards' announcements. The
 * service itself is the platform's (`platform/notify`): every feature tells members through it.
 */
import type { Feature } from '../../platform/module.ts';
import { accountRoutes, inboxRoutes } from './routes.ts';

/** The notifications capability. */
export const notifications: Feature = {
  name: 'notifications',
  routes: accountRoutes,
  communityRoutes: inboxRoutes,
  // Rare and for everyone: a daily summary by mail, no push (`platform/notify/kinds.ts`).
  notifications: [{ name: 'notifications.announcements', defaults: { mail: 'daily', push: 'off' } }],
};
