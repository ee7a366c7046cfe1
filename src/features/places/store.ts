/**
 * SQL of places, and only SQL. Every function takes the community id and filters by it. Shifts
 * read places through `findPlace`, and mark one cleaned with `markCleaned`.
 */
import type { Insertable, Updateable } from 'kysely';
import type {
  Db,
  Place,
  PlaceProblem,
  PlaceReportKind,
  PlaceTable,
  StockLevel,
} from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';

// ── places ───────────────────────────────────────────────────────────────────────────────

/** The place, archived or not; undefined when the community has none of that id. */
export function findPlace(db: Db, communityId: string, placeId: string): Promise<Place | undefined> {
  return db
    .selectFrom('place')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('id', '=', placeId)
    .executeTakeFirst();
}

/** The community's live places (not archived), by name. */
export function listPlaces(db: Db, communityId: string): Promise<Place[]> {
  return db
    .selectFrom('place')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('archivedAt', 'is', null)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** What a new place is made of (its id and instants are set here). */
export type NewPlace = Omit<Insertable<PlaceTable>, 'id' | 'communityId' | 'createdAt' | 'updatedAt'>;

/** Inserts a place at instant `now` (ISO text); returns its id. */
export async function insertPlace(
  db: Db,
  communityId: string,
  place: NewPlace,
  now: string,
): Promise<string> {
  const id = newId();
  await db
    .insertInto('place')
    .values({ ...place, id, communityId, createdAt: now, updatedAt: now })
    .execute();
  return id;
}

/** Changes a place's fields at instant `now`. */
export async function updatePlace(
  db: Db,
  communityId: string,
  placeId: string,
  changes: Omit<Updateable<PlaceTable>, 'id' | 'communityId' | 'createdAt'>,
  now: string,
): Promise<void> {
  await db
    .updateTable('place')
    .set({ ...changes, updatedAt: now })
    .where('communityId', '=', communityId)
    .where('id', '=', placeId)
    .execute();
}

/** Records that the place was cleaned at instant `at` (a report, or a completed shift). */
export async function markCleaned(db: Db, communityId: string, placeId: string, at: string): Promise<void> {
  await db
    .updateTable('place')
    .set({ cleanedAt: at })
    .where('communityId', '=', communityId)
    .where('id', '=', placeId)
    .execute();
}

// ── volunteers ───────────────────────────────────────────────────────────────────────────

/** The account ids of the place's volunteers who are still active members, in no order. */
export async function volunteerIds(db: Db, communityId: string, placeId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('placeVolunteer')
    .innerJoin('membership', (j) =>
      j
        .onRef('membership.accountId', '=', 'placeVolunteer.accountId')
        .onRef('membership.communityId', '=', 'placeVolunteer.communityId'),
    )
    .select('placeVolunteer.accountId')
    .where('placeVolunteer.communityId', '=', communityId)
    .where('placeVolunteer.placeId', '=', placeId)
    .where('membership.status', '=', 'active')
    .execute();
  return rows.map((r) => r.accountId);
}

/** The place's volunteers with their names, by name. */
export function listVolunteers(db: Db, communityId: string, placeId: string) {
  return db
    .selectFrom('placeVolunteer')
    .innerJoin('account', 'account.id', 'placeVolunteer.accountId')
    .select(['placeVolunteer.accountId', 'account.displayName'])
    .where('placeVolunteer.communityId', '=', communityId)
    .where('placeVolunteer.placeId', '=', placeId)
    .orderBy('account.displayName')
    .execute();
}

/** Makes `accountIds` the place's volunteers (and only them), at instant `now`. */
export async function setVolunteers(
  db: Db,
  communityId: string,
  placeId: string,
  accountIds: readonly string[],
  now: string,
): Promise<void> {
  await db
    .deleteFrom('placeVolunteer')
    .where('communityId', '=', communityId)
    .where('placeId', '=', placeId)
    .execute();
  if (accountIds.length === 0) return;
  await db
    .insertInto('placeVolunteer')
    .values(accountIds.map((accountId) => ({ communityId, placeId, accountId, createdAt: now })))
    .execute();
}

// ── reports ──────────────────────────────────────────────────────────────────────────────

/** What a report says (its id and instant are set here). */
export interface NewReport {
  kind: PlaceReportKind;
  stockLevel: StockLevel | null;
  problem: PlaceProblem | null;
  note: string;
  photoId: string | null;
  accountId: string | null;
}

/** Inserts a report about the place at instant `now`; returns its id. */
export async function insertReport(
  db: Db,
  communityId: string,
  placeId: string,
  report: NewReport,
  now: string,
): Promise<string> {
  const id = newId();
  await db
    .insertInto('placeReport')
    .values({ ...report, id, communityId, placeId, createdAt: now })
    .execute();
  return id;
}
