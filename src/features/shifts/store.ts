/**
 * Shifts' SQL: series, shifts (occurrences), sign-ups, trained volunteers, no-shows and the
 * calendar feeds here; a place's checks and alerts in `store-checks.ts`, swaps and nudges in
 * `store-swaps.ts`, both re-exported from here. Every function takes the community's id and
 * names it in every statement.
 */
import { type Insertable, sql } from 'kysely';
import type { Db, ShiftSeriesTable } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';

export * from './store-checks.ts';
export * from './store-swaps.ts';

/** A series of the community (archived or not). */
export function findSeries(db: Db, communityId: string, seriesId: string) {
  return db
    .selectFrom('shiftSeries')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('id', '=', seriesId)
    .executeTakeFirst();
}

/** The community's live series, by title; of one place when `placeId` is given. */
export function listSeries(db: Db, communityId: string, placeId?: string) {
  let q = db
    .selectFrom('shiftSeries')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('archivedAt', 'is', null);
  if (placeId) q = q.where('placeId', '=', placeId);
  return q.orderBy('title').orderBy('id').execute();
}

/** A new series, as the service checked it. */
export type NewSeries = Omit<Insertable<ShiftSeriesTable>, 'id'>;

/** Inserts a series; returns its id. */
export async function insertSeries(db: Db, series: NewSeries): Promise<string> {
  const id = newId();
  await db
    .insertInto('shiftSeries')
    .values({ ...series, id })
    .execute();
  return id;
}

/** Changes a series. */
export async function updateSeries(
  db: Db,
  communityId: string,
  seriesId: string,
  changes: Partial<Omit<NewSeries, 'communityId' | 'createdAt' | 'createdBy'>>,
) {
  await db
    .updateTable('shiftSeries')
    .set(changes)
    .where('communityId', '=', communityId)
    .where('id', '=', seriesId)
    .execute();
}

/** The occurrence row of a series, if one was made. */
export function findShiftOf(db: Db, communityId: string, seriesId: string, occurrence: string) {
  return db
    .selectFrom('shift')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('seriesId', '=', seriesId)
    .where('occurrence', '=', occurrence)
    .executeTakeFirst();
}

/** A shift (occurrence row) of the community. */
export function findShift(db: Db, communityId: string, shiftId: string) {
  return db
    .selectFrom('shift')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('id', '=', shiftId)
    .executeTakeFirst();
}

/**
 * The occurrence row of a series, made if missing (two sign-ups at once make one: the unique
 * key keeps the first). Locked for the rest of the transaction on PostgreSQL, so that counting
 * its sign-ups and adding one cannot interleave with another's.
 */
export async function ensureShift(
  db: Db,
  s: {
    communityId: string;
    seriesId: string;
    occurrence: string;
    startsAt: string;
    endsAt: string;
    createdAt: string;
  },
) {
  await db
    .insertInto('shift')
    .values({ ...s, id: newId() })
    .onConflict((oc) => oc.columns(['communityId', 'seriesId', 'occurrence']).doNothing())
    .execute();
  return db
    .selectFrom('shift')
    .selectAll()
    .where('communityId', '=', s.communityId)
    .where('seriesId', '=', s.seriesId)
    .where('occurrence', '=', s.occurrence)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/** Locks a shift row for the transaction (PostgreSQL; SQLite's writer is alone already). */
export function lockShift(db: Db, communityId: string, shiftId: string) {
  return db
    .selectFrom('shift')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('id', '=', shiftId)
    .forUpdate()
    .executeTakeFirst();
}

/** The occurrence rows of the community's series starting in [from, until) (ISO instants). */
export function listShiftsBetween(db: Db, communityId: string, from: string, until: string) {
  return db
    .selectFrom('shift')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('startsAt', '>=', from)
    .where('startsAt', '<', until)
    .execute();
}

/** Sign-ups of the given shifts, with each volunteer's name, oldest first. */
export function listSignups(db: Db, communityId: string, shiftIds: readonly string[]) {
  if (shiftIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('shiftSignup')
    .innerJoin('account', 'account.id', 'shiftSignup.accountId')
    .select([
      'shiftSignup.shiftId',
      'shiftSignup.accountId',
      'shiftSignup.trial',
      'shiftSignup.createdAt',
      'shiftSignup.substituteAskedAt',
      'shiftSignup.noShowAt',
      'account.displayName',
    ])
    .where('shiftSignup.communityId', '=', communityId)
    .where('shiftSignup.shiftId', 'in', shiftIds)
    .orderBy('shiftSignup.createdAt')
    .execute();
}

/** One member's sign-up for a shift. */
export function findSignup(db: Db, communityId: string, shiftId: string, accountId: string) {
  return db
    .selectFrom('shiftSignup')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('shiftId', '=', shiftId)
    .where('accountId', '=', accountId)
    .executeTakeFirst();
}

/** Adds a sign-up. */
export async function insertSignup(
  db: Db,
  s: { communityId: string; shiftId: string; accountId: string; trial: number; createdAt: string },
) {
  await db.insertInto('shiftSignup').values(s).execute();
}

/** Removes a sign-up. */
export async function deleteSignup(db: Db, communityId: string, shiftId: string, accountId: string) {
  await db
    .deleteFrom('shiftSignup')
    .where('communityId', '=', communityId)
    .where('shiftId', '=', shiftId)
    .where('accountId', '=', accountId)
    .execute();
}

/** Changes a sign-up (a substitute asked for, reminded, a no-show). */
export async function updateSignup(
  db: Db,
  communityId: string,
  shiftId: string,
  accountId: string,
  changes: { substituteAskedAt?: string | null; remindedAt?: string | null; noShowAt?: string | null },
) {
  await db
    .updateTable('shiftSignup')
    .set(changes)
    .where('communityId', '=', communityId)
    .where('shiftId', '=', shiftId)
    .where('accountId', '=', accountId)
    .execute();
}

/** The largest number of people signed up for one coming occurrence of a series (from `from`). */
export async function mostSignedUp(db: Db, communityId: string, seriesId: string, from: string) {
  const rows = await db
    .selectFrom('shiftSignup')
    .innerJoin('shift', (j) =>
      j
        .onRef('shift.communityId', '=', 'shiftSignup.communityId')
        .onRef('shift.id', '=', 'shiftSignup.shiftId'),
    )
    .select((eb) => eb.fn.countAll().as('n'))
    .where('shiftSignup.communityId', '=', communityId)
    .where('shift.seriesId', '=', seriesId)
    .where('shift.startsAt', '>=', from)
    .groupBy('shift.id')
    .execute();
  return rows.reduce((most, r) => Math.max(most, Number(r.n)), 0);
}

/** Whether the member is trained for the series. */
export async function isTrained(db: Db, communityId: string, seriesId: string, accountId: string) {
  const row = await db
    .selectFrom('shiftTrained')
    .select('accountId')
    .where('communityId', '=', communityId)
    .where('seriesId', '=', seriesId)
    .where('accountId', '=', accountId)
    .executeTakeFirst();
  return Boolean(row);
}

/** Marks a member trained for a series (again: nothing changes). */
export async function insertTrained(
  db: Db,
  row: { communityId: string; seriesId: string; accountId: string; createdAt: string },
) {
  await db
    .insertInto('shiftTrained')
    .values(row)
    .onConflict((oc) => oc.columns(['communityId', 'seriesId', 'accountId']).doNothing())
    .execute();
}

/** The member's no-shows since `since` (an ISO instant). */
export async function countNoShows(db: Db, communityId: string, accountId: string, since: string) {
  const { n } = await db
    .selectFrom('shiftSignup')
    .innerJoin('shift', (j) =>
      j
        .onRef('shift.communityId', '=', 'shiftSignup.communityId')
        .onRef('shift.id', '=', 'shiftSignup.shiftId'),
    )
    .select((eb) => eb.fn.countAll().as('n'))
    .where('shiftSignup.communityId', '=', communityId)
    .where('shiftSignup.accountId', '=', accountId)
    .where('shiftSignup.noShowAt', 'is not', null)
    .where('shift.startsAt', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Marks a shift completed. */
export async function completeShift(db: Db, communityId: string, shiftId: string, at: string) {
  await db
    .updateTable('shift')
    .set({ completedAt: at })
    .where('communityId', '=', communityId)
    .where('id', '=', shiftId)
    .execute();
}

/** The member's shifts (signed up) starting in [from, until), with their series and place names. */
export function listShiftsOf(db: Db, communityId: string, accountId: string, from: string, until: string) {
  return db
    .selectFrom('shiftSignup')
    .innerJoin('shift', (j) =>
      j
        .onRef('shift.communityId', '=', 'shiftSignup.communityId')
        .onRef('shift.id', '=', 'shiftSignup.shiftId'),
    )
    .innerJoin('shiftSeries', (j) =>
      j
        .onRef('shiftSeries.communityId', '=', 'shift.communityId')
        .onRef('shiftSeries.id', '=', 'shift.seriesId'),
    )
    .leftJoin('place', (j) =>
      j
        .onRef('place.communityId', '=', 'shiftSeries.communityId')
        .onRef('place.id', '=', 'shiftSeries.placeId'),
    )
    .select([
      'shift.seriesId',
      'shift.occurrence',
      'shift.startsAt',
      'shift.endsAt',
      'shift.cancelledAt',
      'shiftSeries.createdAt as seriesCreatedAt',
      'shiftSeries.updatedAt as seriesUpdatedAt',
      'shiftSeries.title',
      'shiftSeries.description',
      'place.name as placeName',
    ])
    .where('shiftSignup.communityId', '=', communityId)
    .where('shiftSignup.accountId', '=', accountId)
    .where('shift.startsAt', '>=', from)
    .where('shift.startsAt', '<', until)
    .orderBy('shift.startsAt')
    .execute();
}

/** The account's calendar feed, if it made one. */
export function findFeed(db: Db, accountId: string) {
  return db.selectFrom('calendarFeed').selectAll().where('accountId', '=', accountId).executeTakeFirst();
}

/** The calendar feed whose token has this hash. */
export function findFeedByHash(db: Db, tokenHash: string) {
  return db.selectFrom('calendarFeed').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
}

/** Gives the account's feed a new token (hash): the old one stops working. */
export async function saveFeed(db: Db, accountId: string, tokenHash: string, createdAt: string) {
  await db
    .insertInto('calendarFeed')
    .values({ accountId, tokenHash, createdAt })
    .onConflict((oc) => oc.column('accountId').doUpdateSet({ tokenHash, createdAt }))
    .execute();
}

/** The community's active members, by name (at most 1,000): whom a keeper may mark trained. */
export function listActiveMembers(db: Db, communityId: string) {
  return db
    .selectFrom('membership')
    .innerJoin('account', 'account.id', 'membership.accountId')
    .select(['account.id as accountId', 'account.displayName'])
    .where('membership.communityId', '=', communityId)
    .where('membership.status', '=', 'active')
    .orderBy('membership.sortName')
    .orderBy('account.id')
    .limit(1000)
    .execute();
}

/** Whether the account is an active member of the community. */
export async function isActiveMember(db: Db, communityId: string, accountId: string) {
  const row = await db
    .selectFrom('membership')
    .select('accountId')
    .where('communityId', '=', communityId)
    .where('accountId', '=', accountId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Boolean(row);
}

/** The account ids trained for a series. */
export async function listTrainedIds(db: Db, communityId: string, seriesId: string) {
  const rows = await db
    .selectFrom('shiftTrained')
    .select('accountId')
    .where('communityId', '=', communityId)
    .where('seriesId', '=', seriesId)
    .execute();
  return rows.map((r) => r.accountId);
}

/** Unmarks a member trained for a series. */
export async function deleteTrained(db: Db, communityId: string, seriesId: string, accountId: string) {
  await db
    .deleteFrom('shiftTrained')
    .where('communityId', '=', communityId)
    .where('seriesId', '=', seriesId)
    .where('accountId', '=', accountId)
    .execute();
}

/** Members with no-shows on shifts since `since` (an ISO instant), their count, most first. */
export function countNoShowsByMember(db: Db, communityId: string, since: string) {
  return db
    .selectFrom('shiftSignup')
    .innerJoin('shift', (j) =>
      j
        .onRef('shift.communityId', '=', 'shiftSignup.communityId')
        .onRef('shift.id', '=', 'shiftSignup.shiftId'),
    )
    .innerJoin('account', 'account.id', 'shiftSignup.accountId')
    .select(['shiftSignup.accountId', 'account.displayName', (eb) => eb.fn.countAll().as('n')])
    .where('shiftSignup.communityId', '=', communityId)
    .where('shiftSignup.noShowAt', 'is not', null)
    .where('shift.startsAt', '>=', since)
    .groupBy(['shiftSignup.accountId', 'account.displayName'])
    .orderBy((eb) => eb.fn.countAll(), 'desc')
    .orderBy('account.displayName')
    .execute();
}

/** The sign-ups on a series' shifts starting in [from, until) (ISO instants), with names. */
export function listSeriesSignupsBetween(
  db: Db,
  communityId: string,
  seriesId: string,
  from: string,
  until: string,
) {
  return db
    .selectFrom('shiftSignup')
    .innerJoin('shift', (j) =>
      j
        .onRef('shift.communityId', '=', 'shiftSignup.communityId')
        .onRef('shift.id', '=', 'shiftSignup.shiftId'),
    )
    .innerJoin('account', 'account.id', 'shiftSignup.accountId')
    .select([
      'shift.id as shiftId',
      'shift.occurrence',
      'shift.startsAt',
      'shift.cancelledAt',
      'shiftSignup.accountId',
      'account.displayName',
    ])
    .where('shiftSignup.communityId', '=', communityId)
    .where('shift.seriesId', '=', seriesId)
    .where('shift.startsAt', '>=', from)
    .where('shift.startsAt', '<', until)
    .orderBy('shift.startsAt')
    .orderBy('account.displayName')
    .execute();
}

/** Cancels a shift (an occurrence), or restores it (`at` null). */
export async function setCancelled(db: Db, communityId: string, shiftId: string, at: string | null) {
  await db
    .updateTable('shift')
    .set({ cancelledAt: at })
    .where('communityId', '=', communityId)
    .where('id', '=', shiftId)
    .execute();
}

/** Moves a shift's instants (its identity, the occurrence, stays). */
export async function setShiftTimes(
  db: Db,
  communityId: string,
  shiftId: string,
  startsAt: string,
  endsAt: string,
) {
  await db
    .updateTable('shift')
    .set({ startsAt, endsAt })
    .where('communityId', '=', communityId)
    .where('id', '=', shiftId)
    .execute();
}

/** Every community's live series (for the nudge job), by community. */
export function listAllLiveSeries(db: Db) {
  return (
    db
      .selectFrom('shiftSeries')
      .selectAll()
      // Every community: the scope is named, as the tenant guard asks of each query.
      .where('communityId', 'is not', null)
      .where('archivedAt', 'is', null)
      .orderBy('communityId')
      .orderBy('id')
      .execute()
  );
}

/**
 * The community's active members whose usual free times include `slot` (`sat-morning`), with
 * their account ids: whom a nudge for an empty place may reach.
 */
export function listAvailableMembers(db: Db, communityId: string, slot: string) {
  return db
    .selectFrom('membership')
    .innerJoin('account', 'account.id', 'membership.accountId')
    .select('account.id as accountId')
    .where('membership.communityId', '=', communityId)
    .where('membership.status', '=', 'active')
    .where('account.erasedAt', 'is', null)
    .where(sql<string>`',' || account.availability_slots || ','`, 'like', `%,${slot},%`)
    .execute();
}

/** A series' occurrence rows from occurrence `from` on (its identity, the rule's local start). */
export function listShiftsFrom(db: Db, communityId: string, seriesId: string, from: string) {
  return db
    .selectFrom('shift')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('seriesId', '=', seriesId)
    .where('occurrence', '>=', from)
    .orderBy('occurrence')
    .execute();
}

/** Gives an occurrence row to another series, under the key that series' rule gives it. */
export async function moveShiftToSeries(
  db: Db,
  communityId: string,
  shiftId: string,
  seriesId: string,
  occurrence: string,
) {
  await db
    .updateTable('shift')
    .set({ seriesId, occurrence })
    .where('communityId', '=', communityId)
    .where('id', '=', shiftId)
    .execute();
}
