/** The evacuation ride network as `app.ts` lists it: its pages and API. */
import type { Feature } from '../../platform/module.ts';
import { evacuationRoutes } from './routes.ts';

/** The evacuation ride network capability (PRODUCT.md capability 9). */
export const evacuation: Feature = {
  name: 'evacuation',
  communityRoutes: evacuationRoutes,
};
