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

/**
 * The community's place volunteers who are still active members, with their names: a volunteer
 * who left or was removed is neither shown nor told (their row stays, should they come back).
 * Every read of volunteers starts here.
 */
function activeVolunteers(db: Db, communityId: string) {
  return db
    .selectFrom('placeVolunteer')
    .innerJoin('membership', (j) =>
      j
        .onRef('membership.accountId', '=', 'placeVolunteer.accountId')
        .onRef('membership.communityId', '=', 'placeVolunteer.communityId'),
    )
    .innerJoin('account', 'account.id', 'placeVolunteer.accountId')
    .where('placeVolunteer.communityId', '=', communityId)
    .where('membership.status', '=', 'active');
}

/** The account ids of the place's volunteers who are still active members, in no order. */
export async function volunteerIds(db: Db, communityId: string, placeId: string): Promise<string[]> {
  const rows = await activeVolunteers(db, communityId)
    .select('placeVolunteer.accountId')
    .where('placeVolunteer.placeId', '=', placeId)
    .execute();
  return rows.map((r) => r.accountId);
}

/** The place's volunteers (active members) with their names, by name. */
export function listVolunteers(db: Db, communityId: string, placeId: string) {
  return activeVolunteers(db, communityId)
    .select(['placeVolunteer.accountId', 'account.displayName'])
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

/** The community's active members who may be named volunteers, by name (at most 1,000). */
export function listActiveMembers(db: Db, communityId: string) {
  return db
    .selectFrom('membership')
    .innerJoin('account', 'account.id', 'membership.accountId')
    .select(['account.id as accountId', 'account.displayName'])
    .where('membership.communityId', '=', communityId)
    .where('membership.status', '=', 'active')
    .orderBy('account.displayName')
    .limit(1000)
    .execute();
}

/** The volunteers (active members) of the places `placeIds` with their names, by name. */
export function listVolunteersOf(db: Db, communityId: string, placeIds: readonly string[]) {
  return activeVolunteers(db, communityId)
    .select(['placeVolunteer.placeId', 'placeVolunteer.accountId', 'account.displayName'])
    .where('placeVolunteer.placeId', 'in', placeIds.length ? placeIds : [''])
    .orderBy('account.displayName')
    .execute();
}

// ── photos ───────────────────────────────────────────────────────────────────────────────

/** The photos of the places `placeIds`, in display order. */
export function listPlacePhotos(db: Db, communityId: string, placeIds: readonly string[]) {
  return db
    .selectFrom('placePhoto')
    .select(['placeId', 'photoId'])
    .where('communityId', '=', communityId)
    .where('placeId', 'in', placeIds.length ? placeIds : [''])
    .orderBy('position')
    .execute();
}

/** Links saved photos to a place after the ones it has. */
export async function addPlacePhotos(db: Db, communityId: string, placeId: string, photoIds: string[]) {
  if (photoIds.length === 0) return;
  const last = await db
    .selectFrom('placePhoto')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('communityId', '=', communityId)
    .where('placeId', '=', placeId)
    .executeTakeFirst();
  const start = Number(last?.position ?? -1) + 1;
  await db
    .insertInto('placePhoto')
    .values(photoIds.map((photoId, i) => ({ communityId, placeId, photoId, position: start + i })))
    .execute();
}

/** The place showing the photo `photoId` (its link row), if any. */
export function findPhotoPlace(db: Db, communityId: string, photoId: string) {
  return db
    .selectFrom('placePhoto')
    .innerJoin('place', (j) =>
      j
        .onRef('place.id', '=', 'placePhoto.placeId')
        .onRef('place.communityId', '=', 'placePhoto.communityId'),
    )
    .select(['place.id', 'place.archivedAt'])
    .where('placePhoto.communityId', '=', communityId)
    .where('placePhoto.photoId', '=', photoId)
    .executeTakeFirst();
}

/** The report showing the photo `photoId`, with its place, if any. */
export function findPhotoReport(db: Db, communityId: string, photoId: string) {
  return db
    .selectFrom('placeReport')
    .select(['id', 'placeId', 'hiddenAt'])
    .where('communityId', '=', communityId)
    .where('photoId', '=', photoId)
    .executeTakeFirst();
}

/** Unlinks a photo from a place; true when it was the place's. */
export async function removePlacePhoto(db: Db, communityId: string, placeId: string, photoId: string) {
  const result = await db
    .deleteFrom('placePhoto')
    .where('communityId', '=', communityId)
    .where('placeId', '=', placeId)
    .where('photoId', '=', photoId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The latest reports about a place, newest first (hidden ones too when `withHidden`). */
export function listReports(
  db: Db,
  communityId: string,
  placeId: string,
  options: { withHidden: boolean; limit: number },
) {
  let q = db
    .selectFrom('placeReport')
    .leftJoin('account', 'account.id', 'placeReport.accountId')
    .selectAll('placeReport')
    .select('account.displayName as reporterName')
    .where('placeReport.communityId', '=', communityId)
    .where('placeReport.placeId', '=', placeId);
  if (!options.withHidden) q = q.where('placeReport.hiddenAt', 'is', null);
  return q
    .orderBy('placeReport.createdAt', 'desc')
    .orderBy('placeReport.id', 'desc')
    .limit(options.limit)
    .execute();
}

/** The report, if it is about that place. */
export function findReport(db: Db, communityId: string, placeId: string, reportId: string) {
  return db
    .selectFrom('placeReport')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('placeId', '=', placeId)
    .where('id', '=', reportId)
    .executeTakeFirst();
}

/** Hides a report (by `accountId`, at instant `now`). */
export async function hideReport(
  db: Db,
  communityId: string,
  reportId: string,
  accountId: string,
  now: string,
) {
  await db
    .updateTable('placeReport')
    .set({ hiddenAt: now, hiddenBy: accountId })
    .where('communityId', '=', communityId)
    .where('id', '=', reportId)
    .execute();
}

/**
 * Sets the place's stock level and when it was reported, and when it was last cleaned, from its
 * latest visible reports (after a report is hidden, what the others said stands).
 */
export async function restateFromReports(db: Db, communityId: string, placeId: string): Promise<void> {
  const latest = (kinds: PlaceReportKind[]) =>
    db
      .selectFrom('placeReport')
      .select(['stockLevel', 'createdAt'])
      .where('communityId', '=', communityId)
      .where('placeId', '=', placeId)
      .where('hiddenAt', 'is', null)
      .where('kind', 'in', kinds)
      .orderBy('createdAt', 'desc')
      .limit(1)
      .executeTakeFirst();
  const stock = await latest(['stocked', 'empty']);
  const cleaned = await latest(['cleaned']);
  await db
    .updateTable('place')
    .set({
      stockLevel: stock?.stockLevel ?? null,
      stockReportedAt: stock?.createdAt ?? null,
      ...(cleaned ? { cleanedAt: cleaned.createdAt } : {}),
    })
    .where('communityId', '=', communityId)
    .where('id', '=', placeId)
    .execute();
}

/** The live places of every community with a longest time between checks (`check_hours`). */
export function listPlacesWithCheckHours(db: Db): Promise<Place[]> {
  return (
    db
      .selectFrom('place')
      .selectAll()
      // Every community: the scope is named, as the tenant guard asks of each query.
      .where('communityId', 'is not', null)
      .where('checkHours', 'is not', null)
      .where('archivedAt', 'is', null)
      .execute()
  );
}
