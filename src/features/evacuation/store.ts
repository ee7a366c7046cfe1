/**
 * SQL of the evacuation ride network, and only SQL. Every function takes the community id and
 * filters by it. Households and drivers are listed only while the member they are is active.
 */
import type { Insertable } from 'kysely';
import type {
  Db,
  EvacuationAssignmentTable,
  EvacuationDriver,
  EvacuationDriverTable,
  EvacuationHousehold,
  EvacuationHouseholdTable,
  EvacuationRouteTable,
  EvacuationShelter,
} from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';

// ── members ──────────────────────────────────────────────────────────────────────────────

/** The community's active members with their names and whether each is a paper member, by name. */
export async function listActiveMembers(db: Db, communityId: string) {
  const rows = await db
    .selectFrom('membership')
    .innerJoin('account', 'account.id', 'membership.accountId')
    .select(['account.id as accountId', 'account.displayName', 'account.email'])
    .where('membership.communityId', '=', communityId)
    .where('membership.status', '=', 'active')
    .orderBy('membership.sortName')
    .limit(5000)
    .execute();
  return rows.map((r) => ({ accountId: r.accountId, displayName: r.displayName, paper: r.email === null }));
}

/** The community's active coordinators' names, by name. */
export function listCoordinators(db: Db, communityId: string) {
  return db
    .selectFrom('membership')
    .innerJoin('account', 'account.id', 'membership.accountId')
    .select(['account.id as accountId', 'account.displayName'])
    .where('membership.communityId', '=', communityId)
    .where('membership.status', '=', 'active')
    .where('membership.role', '=', 'coordinator')
    .orderBy('membership.sortName')
    .execute();
}

/** The active member `accountId` of the community (name, paper or not), or undefined. */
export async function findActiveMember(db: Db, communityId: string, accountId: string) {
  const r = await db
    .selectFrom('membership')
    .innerJoin('account', 'account.id', 'membership.accountId')
    .select(['account.id as accountId', 'account.displayName', 'account.email'])
    .where('membership.communityId', '=', communityId)
    .where('membership.accountId', '=', accountId)
    .where('membership.status', '=', 'active')
    .executeTakeFirst();
  return r && { accountId: r.accountId, displayName: r.displayName, paper: r.email === null };
}

/** The display names of accounts `ids` (any community's: names of members who read, consented, buddy). */
export async function namesOf(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom('account')
    .select(['id', 'displayName'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

// ── households ───────────────────────────────────────────────────────────────────────────

/** The household the member `accountId` is, or undefined. */
export function findHouseholdOf(db: Db, communityId: string, accountId: string) {
  return db
    .selectFrom('evacuationHousehold')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('accountId', '=', accountId)
    .executeTakeFirst();
}

/** The household `householdId`, or undefined. */
export function findHousehold(db: Db, communityId: string, householdId: string) {
  return db
    .selectFrom('evacuationHousehold')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('id', '=', householdId)
    .executeTakeFirst();
}

/**
 * The households of active members, and those whose member left during the alert on now (kept
 * for the day: `leftAt` says so), by the member's name.
 */
export function listHouseholds(db: Db, communityId: string): Promise<EvacuationHousehold[]> {
  return db
    .selectFrom('evacuationHousehold')
    .innerJoin('membership', (j) =>
      j
        .onRef('membership.accountId', '=', 'evacuationHousehold.accountId')
        .onRef('membership.communityId', '=', 'evacuationHousehold.communityId'),
    )
    .selectAll('evacuationHousehold')
    .where('evacuationHousehold.communityId', '=', communityId)
    .where((eb) =>
      eb.or([
        eb('membership.status', '=', 'active'),
        eb.exists(
          eb
            .selectFrom('evacuationAlert')
            .select('evacuationAlert.id')
            .whereRef('evacuationAlert.communityId', '=', 'evacuationHousehold.communityId')
            .where('evacuationAlert.endedAt', 'is', null)
            .whereRef('evacuationAlert.raisedAt', '<=', 'evacuationHousehold.leftAt'),
        ),
      ]),
    )
    .orderBy('membership.sortName')
    .orderBy('evacuationHousehold.id')
    .execute();
}

/** A household's fields as stored (its id, community and instants are set here). */
export type HouseholdValues = Omit<
  Insertable<EvacuationHouseholdTable>,
  'id' | 'communityId' | 'createdAt' | 'updatedAt'
>;

/** Registers the member's household, or replaces its fields, at instant `now`; returns its id. */
export async function saveHousehold(
  db: Db,
  communityId: string,
  values: HouseholdValues,
  now: string,
): Promise<string> {
  // One statement, so two first registrations of the same member at once (two tabs, a retry)
  // make one row on PostgreSQL too, instead of a unique-key failure.
  const row = await db
    .insertInto('evacuationHousehold')
    .values({ ...values, id: newId(), communityId, createdAt: now, updatedAt: now })
    .onConflict((oc) => oc.columns(['communityId', 'accountId']).doUpdateSet({ ...values, updatedAt: now }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Deletes the household and, by cascade, its locks and places in plans. */
export async function deleteHousehold(db: Db, communityId: string, householdId: string): Promise<void> {
  await db
    .deleteFrom('evacuationHousehold')
    .where('communityId', '=', communityId)
    .where('id', '=', householdId)
    .execute();
}

/**
 * Deletes what an alert's day kept of members who are not members any more: households marked
 * gone (`leftAt`) and drivers (an erased account's: no app code ran) whose member is still not
 * active — when the alert ends, consent that ended with the membership takes the data with it.
 * A member let back in during the alert keeps theirs (the database cleared their `leftAt`, and
 * this checks the membership again).
 */
export async function deleteLeftHouseholds(db: Db, communityId: string): Promise<void> {
  for (const table of ['evacuationHousehold', 'evacuationDriver'] as const)
    await db
      .deleteFrom(table)
      .where('communityId', '=', communityId)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('membership')
              .select('membership.id')
              .whereRef('membership.communityId', '=', `${table}.communityId`)
              .whereRef('membership.accountId', '=', `${table}.accountId`)
              .where('membership.status', '=', 'active'),
          ),
        ),
      )
      .execute();
}

/**
 * Deletes the member's household and driver registrations (and by cascade their locks and places
 * in plans), and takes them off as anyone's buddy or backup buddy. With `keepHousehold`, the
 * household stays (an alert's day still counts on it: `leftAt` marks it).
 */
export async function deleteRegistrationsOf(
  db: Db,
  communityId: string,
  accountId: string,
  keepHousehold = false,
): Promise<void> {
  const tables = keepHousehold
    ? (['evacuationDriver'] as const)
    : (['evacuationHousehold', 'evacuationDriver'] as const);
  for (const table of tables)
    await db
      .deleteFrom(table)
      .where('communityId', '=', communityId)
      .where('accountId', '=', accountId)
      .execute();
  await clearBuddy(db, communityId, accountId);
}

/**
 * The buddies already sent an ask for households `householdIds` (a notification about the
 * household of the buddies' kind asking them, answered or not), as `${householdId} ${accountId}`.
 */
export async function buddyAsksSent(
  db: Db,
  communityId: string,
  householdIds: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < householdIds.length; i += 500) {
    const rows = await db
      .selectFrom('notification')
      .select(['subjectId', 'accountId'])
      .where('communityId', '=', communityId)
      .where('kind', '=', 'evacuation.buddies')
      .where('subjectType', '=', 'evacuation_buddy')
      .where('subjectKey', '=', 'evacuation.buddy.mail.asked.subject')
      .where('subjectId', 'in', householdIds.slice(i, i + 500))
      .execute();
    for (const r of rows) found.add(`${r.subjectId} ${r.accountId}`);
  }
  return found;
}

/** Takes the member `accountId` off as anyone's buddy or backup buddy, with their answers. */
export async function clearBuddy(db: Db, communityId: string, accountId: string, householdId?: string) {
  for (const [id, status, answered] of [
    ['buddyId', 'buddyStatus', 'buddyAnsweredAt'],
    ['backupBuddyId', 'backupBuddyStatus', 'backupBuddyAnsweredAt'],
  ] as const) {
    let q = db
      .updateTable('evacuationHousehold')
      .set({ [id]: null, [status]: null, [answered]: null })
      .where('communityId', '=', communityId)
      .where(id, '=', accountId);
    if (householdId) q = q.where('id', '=', householdId);
    await q.execute();
  }
}

/**
 * The households marked as having lost a buddy (`buddyLostAt`, migration 0069), of community
 * `communityId` or of every community when undefined (the job), oldest mark first.
 */
export function listLostBuddies(db: Db, communityId?: string) {
  let q = db.selectFrom('evacuationHousehold').selectAll().where('buddyLostAt', 'is not', null);
  // Every community for the job: the scope is named, as the tenant guard asks of each query.
  q = communityId ? q.where('communityId', '=', communityId) : q.where('communityId', 'is not', null);
  return q.orderBy('buddyLostAt').orderBy('id').execute();
}

/**
 * Clears household `householdId`'s lost-buddy mark if it is still `at`; true when this call
 * cleared it (so whoever clears it tells, once).
 */
export async function claimLostBuddy(db: Db, communityId: string, householdId: string, at: string | null) {
  if (!at) return false;
  const r = await db
    .updateTable('evacuationHousehold')
    .set({ buddyLostAt: null })
    .where('communityId', '=', communityId)
    .where('id', '=', householdId)
    .where('buddyLostAt', '=', at)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Stores the answer of the buddy (`which`) of household `householdId` at `now`; returns rows changed. */
export async function setBuddyStatus(
  db: Db,
  communityId: string,
  householdId: string,
  which: 'buddy' | 'backupBuddy',
  accountId: string,
  status: 'accepted' | 'declined',
  now: string,
): Promise<number> {
  const r = await db
    .updateTable('evacuationHousehold')
    .set(
      which === 'buddy'
        ? { buddyStatus: status, buddyAnsweredAt: now }
        : { backupBuddyStatus: status, backupBuddyAnsweredAt: now },
    )
    .where('communityId', '=', communityId)
    .where('id', '=', householdId)
    .where(which === 'buddy' ? 'buddyId' : 'backupBuddyId', '=', accountId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The households that name `accountId` as their buddy or backup buddy. */
export function listHouseholdsBuddiedBy(db: Db, communityId: string, accountId: string) {
  return db
    .selectFrom('evacuationHousehold')
    .selectAll()
    .where('communityId', '=', communityId)
    .where((eb) => eb.or([eb('buddyId', '=', accountId), eb('backupBuddyId', '=', accountId)]))
    .orderBy('createdAt')
    .execute();
}

// ── drivers ──────────────────────────────────────────────────────────────────────────────

/** The driver the member `accountId` is, or undefined. */
export function findDriverOf(db: Db, communityId: string, accountId: string) {
  return db
    .selectFrom('evacuationDriver')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('accountId', '=', accountId)
    .executeTakeFirst();
}

/** The driver `driverId`, or undefined. */
export function findDriver(db: Db, communityId: string, driverId: string) {
  return db
    .selectFrom('evacuationDriver')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('id', '=', driverId)
    .executeTakeFirst();
}

/** The drivers who are active members, by name. */
export function listDrivers(db: Db, communityId: string): Promise<EvacuationDriver[]> {
  return db
    .selectFrom('evacuationDriver')
    .innerJoin('membership', (j) =>
      j
        .onRef('membership.accountId', '=', 'evacuationDriver.accountId')
        .onRef('membership.communityId', '=', 'evacuationDriver.communityId'),
    )
    .selectAll('evacuationDriver')
    .where('evacuationDriver.communityId', '=', communityId)
    .where('membership.status', '=', 'active')
    .orderBy('membership.sortName')
    .orderBy('evacuationDriver.id')
    .execute();
}

/** A driver's fields as stored. */
export type DriverValues = Omit<
  Insertable<EvacuationDriverTable>,
  'id' | 'communityId' | 'createdAt' | 'updatedAt'
>;

/** Registers the member as a driver, or replaces the fields, at instant `now`; returns the id. */
export async function saveDriver(
  db: Db,
  communityId: string,
  values: DriverValues,
  now: string,
): Promise<string> {
  // One statement, so two first registrations of the same member at once (two tabs, a retry)
  // make one row on PostgreSQL too, instead of a unique-key failure.
  const row = await db
    .insertInto('evacuationDriver')
    .values({ ...values, id: newId(), communityId, createdAt: now, updatedAt: now })
    .onConflict((oc) => oc.columns(['communityId', 'accountId']).doUpdateSet({ ...values, updatedAt: now }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Deletes the driver and, by cascade, their locks and routes. */
export async function deleteDriver(db: Db, communityId: string, driverId: string): Promise<void> {
  await db
    .deleteFrom('evacuationDriver')
    .where('communityId', '=', communityId)
    .where('id', '=', driverId)
    .execute();
}

// ── shelters ─────────────────────────────────────────────────────────────────────────────

/** The shelters' settings (places are read through the places service). */
export function listShelterSettings(db: Db, communityId: string): Promise<EvacuationShelter[]> {
  return db.selectFrom('evacuationShelter').selectAll().where('communityId', '=', communityId).execute();
}

/** Sets a shelter's capacity, accessibility and pets at instant `now`. */
export async function saveShelter(
  db: Db,
  communityId: string,
  placeId: string,
  values: { capacity: number; accessible: number; pets: number },
  now: string,
): Promise<void> {
  await db
    .insertInto('evacuationShelter')
    .values({ communityId, placeId, ...values, updatedAt: now })
    .onConflict((oc) => oc.columns(['communityId', 'placeId']).doUpdateSet({ ...values, updatedAt: now }))
    .execute();
}

// ── locks ────────────────────────────────────────────────────────────────────────────────

/** The coordinators' locks: household → driver. */
export async function listLocks(db: Db, communityId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('evacuationLock')
    .select(['householdId', 'driverId'])
    .where('communityId', '=', communityId)
    .execute();
  return new Map(rows.map((r) => [r.householdId, r.driverId]));
}

/** Keeps the household with the driver (replacing any lock it had). */
export async function setLock(
  db: Db,
  communityId: string,
  householdId: string,
  driverId: string,
  by: string,
  now: string,
): Promise<void> {
  await db
    .insertInto('evacuationLock')
    .values({ communityId, householdId, driverId, createdBy: by, createdAt: now })
    .onConflict((oc) =>
      oc.columns(['communityId', 'householdId']).doUpdateSet({ driverId, createdBy: by, createdAt: now }),
    )
    .execute();
}

/** Lets the household go to any driver again. */
export async function deleteLock(db: Db, communityId: string, householdId: string): Promise<void> {
  await db
    .deleteFrom('evacuationLock')
    .where('communityId', '=', communityId)
    .where('householdId', '=', householdId)
    .execute();
}

// ── plans ────────────────────────────────────────────────────────────────────────────────

/**
 * Which of the given households, drivers and shelters (places) still exist, read in the plan's
 * insert transaction and held there (`FOR KEY SHARE` on PostgreSQL; SQLite's transaction is the
 * lock), so a withdrawal committed while the planner ran cannot break the insert.
 */
export async function stillThere(
  db: Db,
  communityId: string,
  ids: { households: readonly string[]; drivers: readonly string[]; shelters: readonly string[] },
): Promise<{ households: Set<string>; drivers: Set<string>; shelters: Set<string> }> {
  const of = async (
    table: 'evacuationHousehold' | 'evacuationDriver' | 'place',
    wanted: readonly string[],
  ) => {
    const found = new Set<string>();
    // In batches: SQLite takes at most 32,766 values in one statement.
    for (let i = 0; i < wanted.length; i += 500) {
      const rows = await db
        .selectFrom(table)
        .select('id')
        .where('communityId', '=', communityId)
        .where('id', 'in', wanted.slice(i, i + 500))
        .forKeyShare()
        .execute();
      for (const r of rows) found.add(r.id);
    }
    return found;
  };
  return {
    households: await of('evacuationHousehold', ids.households),
    drivers: await of('evacuationDriver', ids.drivers),
    shelters: await of('place', ids.shelters),
  };
}

/** Stores a plan with its routes and assignments; returns its id. */
export async function insertPlan(
  db: Db,
  communityId: string,
  plan: {
    slot: string;
    maxMinutes: number;
    households: number;
    served: number;
    drivers: number;
    solveMs: number;
    createdBy: string;
    createdAt: string;
  },
  routes: Omit<EvacuationRouteTable, 'communityId' | 'planId'>[],
  assignments: Omit<EvacuationAssignmentTable, 'communityId' | 'planId'>[],
): Promise<string> {
  const id = newId();
  await db
    .insertInto('evacuationPlan')
    .values({ id, communityId, ...plan })
    .execute();
  // In batches: SQLite takes at most 32,766 values in one statement.
  for (let i = 0; i < routes.length; i += 500) {
    await db
      .insertInto('evacuationRoute')
      .values(routes.slice(i, i + 500).map((r) => ({ ...r, communityId, planId: id })))
      .execute();
  }
  for (let i = 0; i < assignments.length; i += 500) {
    await db
      .insertInto('evacuationAssignment')
      .values(assignments.slice(i, i + 500).map((a) => ({ ...a, communityId, planId: id })))
      .execute();
  }
  return id;
}

/** The community's newest plan, or undefined. */
export function latestPlan(db: Db, communityId: string) {
  return db
    .selectFrom('evacuationPlan')
    .selectAll()
    .where('communityId', '=', communityId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The plan's routes. */
export function listRoutes(db: Db, communityId: string, planId: string) {
  return db
    .selectFrom('evacuationRoute')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('planId', '=', planId)
    .execute();
}

/** The plan's assignments, served ones in route order. */
export function listAssignments(db: Db, communityId: string, planId: string) {
  return db
    .selectFrom('evacuationAssignment')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('planId', '=', planId)
    .orderBy('driverId')
    .orderBy('position')
    .orderBy('householdId')
    .orderBy('part')
    .execute();
}

// ── the log of reads ─────────────────────────────────────────────────────────────────────

/** Records a read of the network's data. */
export async function insertAccess(
  db: Db,
  communityId: string,
  entry: { accountId: string; role: string; what: string; subjectId: string | null; at: string },
): Promise<void> {
  await db
    .insertInto('evacuationAccess')
    .values({ id: newId(), communityId, ...entry })
    .execute();
}

/** The newest `limit` reads, newest first. */
/**
 * The newest `limit` reads since `since` (ISO instant) that name one of `subjects` with one of
 * `subjectWhats`, or read one of the lists `listWhats` (which name no registration), by anyone
 * but `exceptAccountId`.
 */
export function listAccessAbout(
  db: Db,
  communityId: string,
  about: {
    subjects: string[];
    subjectWhats: string[];
    listWhats: string[];
    since: string;
    exceptAccountId: string;
  },
  limit: number,
) {
  return db
    .selectFrom('evacuationAccess')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('at', '>=', about.since)
    .where((eb) =>
      eb.or([
        eb.and([eb('subjectId', 'in', about.subjects), eb('what', 'in', about.subjectWhats)]),
        eb.and([eb('subjectId', 'is', null), eb('what', 'in', about.listWhats)]),
      ]),
    )
    .where((eb) => eb.or([eb('accountId', 'is', null), eb('accountId', '!=', about.exceptAccountId)]))
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export function listAccess(db: Db, communityId: string, limit: number) {
  return db
    .selectFrom('evacuationAccess')
    .selectAll()
    .where('communityId', '=', communityId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
