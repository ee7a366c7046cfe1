/**
 * Proposals' and the guidelines' pages. The JSON API is in `api.ts`; `guidelinesRoutes(app)`
 * registers both.
 */
import type { App } from '../../platform/module.ts';
import { guidelinesApi } from './api.ts';

/** Registers the proposals' and guidelines' pages and API, in the community scope. */
export function guidelinesRoutes(app: App): void {
  guidelinesApi(app);
}
