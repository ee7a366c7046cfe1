/** The six steps guide as `app.ts` lists it: its page and API in a community. */
import type { Feature } from '../../platform/module.ts';
import { stepsRoutes } from './routes.ts';

/** The six steps guide. */
export const steps: Feature = {
  name: 'steps',
  communityRoutes: stepsRoutes,
};
