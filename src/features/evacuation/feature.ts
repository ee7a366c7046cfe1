/** The evacuation ride network as `app.ts` lists it: its pages and API. */
import type { Feature } from '../../platform/module.ts';
import { linkHeaders } from './links.ts';
import { evacuationRoutes } from './routes.ts';

/** The evacuation ride network capability (PRODUCT.md capability 9). */
export const evacuation: Feature = {
  name: 'evacuation',
  communityRoutes(scope) {
    // First: the personal links' headers hold for every link route registered after.
    linkHeaders(scope);
    evacuationRoutes(scope);
  },
};
