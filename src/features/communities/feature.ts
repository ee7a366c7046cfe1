/**
 * Communities as `app.ts` lists them: the start page and starting a community outside any
 * community; each community's page, joining, settings, invites, requests and roles inside one.
 */
import type { Feature } from '../../platform/module.ts';
import { communityKinds } from './membership.ts';
import { communitiesPorch } from './porch.ts';
import { communityRoutes, siteRoutes } from './routes.ts';

/** The communities capability. */
export const communities: Feature = {
  name: 'communities',
  routes: siteRoutes,
  communityRoutes,
  porch: communitiesPorch,
  notifications: communityKinds,
};
