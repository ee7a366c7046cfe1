/**
 * Places as `app.ts` lists them: a community's fridges, pantries, shed, gardens, meeting spots and
 * shelters, their public pages and reports.
 */
import type { Feature } from '../../platform/module.ts';

/** The places capability. */
export const places: Feature = {
  name: 'places',
};
