/**
 * The front porch as `app.ts` lists it: "My things". The porch itself is the community's page
 * (communities), composed from what every feature tells it (`platform/porch.ts`).
 */
import type { Feature } from '../../platform/module.ts';
import { porchRoutes } from './routes.ts';

/** The front porch capability. */
export const porch: Feature = {
  name: 'porch',
  communityRoutes: porchRoutes,
};
