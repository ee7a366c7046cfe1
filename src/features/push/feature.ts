/** Web push as `app.ts` lists it: turning push on per device, outside any community. */
import type { Feature } from '../../platform/module.ts';
import { pushRoutes } from './routes.ts';

/** The push capability (sending is the platform's: `platform/notify/push.ts`). */
export const push: Feature = { name: 'push', routes: pushRoutes };
