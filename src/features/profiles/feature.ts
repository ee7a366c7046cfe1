/**
 * Profiles as `app.ts` lists them: "My profile" outside any community; the members directory
 * and member pages inside one.
 */
import type { Feature } from '../../platform/module.ts';
import { memberRoutes, profileRoutes } from './routes.ts';

/** The profiles capability. */
export const profiles: Feature = { name: 'profiles', routes: profileRoutes, communityRoutes: memberRoutes };
