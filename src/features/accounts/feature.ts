/** Accounts as `app.ts` lists them: sign-in, sign-out and first-run setup, outside any community. */
import type { Feature } from '../../platform/module.ts';
import { accountRoutes } from './routes.ts';

/** The accounts capability. */
export const accounts: Feature = { name: 'accounts', routes: accountRoutes };
