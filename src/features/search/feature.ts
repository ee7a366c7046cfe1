/** Search as `app.ts` lists it: the search page and API of a community. */
import type { Feature } from '../../platform/module.ts';
import { searchRoutes } from './routes.ts';

/** The search capability. */
export const search: Feature = { name: 'search', communityRoutes: searchRoutes };
