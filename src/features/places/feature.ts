/**
 * Places as `app.ts` lists them: a community's fridges, pantries, shed, gardens, meeting spots and
 * shelters, their pages and API, the public page of each fridge and pantry, and at start the rule
 * for who sees their photos and their reports' photos.
 */
import type { Feature } from '../../platform/module.ts';
import { registerPhotoOwner } from '../../platform/uploads/routes.ts';
import { placeRoutes } from './routes.ts';
import { placeKinds, placePhotoVisible } from './service.ts';

/** The places capability. */
export const places: Feature = {
  name: 'places',
  communityRoutes: placeRoutes,
  notifications: placeKinds,
  onReady() {
    registerPhotoOwner('place', placePhotoVisible);
  },
};
