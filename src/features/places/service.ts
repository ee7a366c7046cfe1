/**
 * Places: a community's fridges, pantries, shed, gardens, meeting spots and shelters — the only
 * file of this feature other features may import (shifts happen at a place and mark it cleaned).
 * Each write follows the same order: validate, load, authorize, check state, write in one
 * transaction, enqueue side effects.
 */
import type { Db, Place } from '../../platform/db/database.ts';
import * as store from './store.ts';

/** The place of the community, archived or not; undefined when it has none of that id. */
export function findPlace(db: Db, communityId: string, placeId: string): Promise<Place | undefined> {
  return store.findPlace(db, communityId, placeId);
}

/** The account ids of the place's volunteers who are active members (whom its alerts reach). */
export function placeVolunteerIds(db: Db, communityId: string, placeId: string): Promise<string[]> {
  return store.volunteerIds(db, communityId, placeId);
}

/**
 * Records that the place was cleaned at instant `at` (ISO text), as a completed cleaning shift
 * says; call it inside the shift's transaction.
 */
export function recordCleaned(db: Db, communityId: string, placeId: string, at: string): Promise<void> {
  return store.markCleaned(db, communityId, placeId, at);
}
