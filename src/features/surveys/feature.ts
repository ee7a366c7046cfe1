/**
 * Needs surveys as `app.ts` lists it: their pages and API in a community (issue 18, step 1).
 */
import type { Feature } from '../../platform/module.ts';
import { surveyRoutes } from './routes.ts';

/** The needs surveys capability. */
export const surveys: Feature = {
  name: 'surveys',
  communityRoutes: surveyRoutes,
};
