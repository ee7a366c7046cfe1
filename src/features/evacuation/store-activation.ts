/**
 * SQL of an alert's day, and only SQL: the alert, its timeline of status changes, the feedback
 * after it. Every function takes the community id and filters by it.
 */
import type { Db, EvacuationAlert, EvacuationStatus, EvacuationUpdate } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';

/** The community's alert on now (not ended), or undefined. */
export function findActiveAlert(db: Db, communityId: string): Promise<EvacuationAlert | undefined> {
  return db
    .selectFrom('evacuationAlert')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('endedAt', 'is', null)
    .executeTakeFirst();
}

/**
 * The alert on now, held until the transaction ends (PostgreSQL `FOR UPDATE`; SQLite's
 * transactions hold the write lock): status changes of one alert are decided one after another.
 */
export function lockActiveAlert(db: Db, communityId: string): Promise<EvacuationAlert | undefined> {
  return db
    .selectFrom('evacuationAlert')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('endedAt', 'is', null)
    .forUpdate()
    .executeTakeFirst();
}

/** The alert `alertId`, or undefined. */
export function findAlert(
  db: Db,
  communityId: string,
  alertId: string,
): Promise<EvacuationAlert | undefined> {
  return db
    .selectFrom('evacuationAlert')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('id', '=', alertId)
    .executeTakeFirst();
}

/** The newest alerts, newest first. */
export function listAlerts(db: Db, communityId: string, limit: number): Promise<EvacuationAlert[]> {
  return db
    .selectFrom('evacuationAlert')
    .selectAll()
    .where('communityId', '=', communityId)
    .orderBy('raisedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Stores a raised alert; returns its id. */
export async function insertAlert(
  db: Db,
  communityId: string,
  alert: {
    planId: string;
    reason: string;
    message: string;
    shelters: string[];
    raisedBy: string;
    raisedAt: string;
  },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('evacuationAlert')
    .values({ id, communityId, ...alert, shelters: JSON.stringify(alert.shelters) })
    .execute();
  return id;
}

/** Ends the alert. */
export async function endAlert(
  db: Db,
  communityId: string,
  alertId: string,
  end: { endedBy: string; endedAt: string; endMessage: string },
): Promise<void> {
  await db
    .updateTable('evacuationAlert')
    .set(end)
    .where('communityId', '=', communityId)
    .where('id', '=', alertId)
    .execute();
}

/** Points the alert at the plan a re-plan made. */
export async function setAlertPlan(
  db: Db,
  communityId: string,
  alertId: string,
  planId: string,
): Promise<void> {
  await db
    .updateTable('evacuationAlert')
    .set({ planId })
    .where('communityId', '=', communityId)
    .where('id', '=', alertId)
    .execute();
}

/** Adds a status change to the alert's timeline. */
export async function insertUpdate(
  db: Db,
  communityId: string,
  update: {
    alertId: string;
    householdId: string | null;
    driverId: string | null;
    status: EvacuationStatus;
    note: string;
    accountId: string | null;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('evacuationUpdate')
    .values({ id: newId(), communityId, ...update })
    .execute();
}

/** The alert's timeline, oldest first (ids are time-ordered UUIDv7: same-instant changes keep their order). */
export function listUpdates(db: Db, communityId: string, alertId: string): Promise<EvacuationUpdate[]> {
  return db
    .selectFrom('evacuationUpdate')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('alertId', '=', alertId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** Stores (or replaces) a member's feedback on an alert. */
export async function saveFeedback(
  db: Db,
  communityId: string,
  row: {
    alertId: string;
    accountId: string;
    feedback: 'went_well' | 'could_improve';
    comment: string;
    createdAt: string;
  },
): Promise<void> {
  await db
    .insertInto('evacuationFeedback')
    .values({ communityId, ...row })
    .onConflict((oc) =>
      oc
        .columns(['communityId', 'alertId', 'accountId'])
        .doUpdateSet({ feedback: row.feedback, comment: row.comment, createdAt: row.createdAt }),
    )
    .execute();
}

/** The feedback on an alert, oldest first. */
export function listFeedback(db: Db, communityId: string, alertId: string) {
  return db
    .selectFrom('evacuationFeedback')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('alertId', '=', alertId)
    .orderBy('createdAt')
    .execute();
}

/** The member's feedback on an alert, or undefined. */
export function findFeedback(db: Db, communityId: string, alertId: string, accountId: string) {
  return db
    .selectFrom('evacuationFeedback')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('alertId', '=', alertId)
    .where('accountId', '=', accountId)
    .executeTakeFirst();
}

/**
 * Holds the community's row until the transaction ends (PostgreSQL `FOR UPDATE`): two
 * coordinators raising an alert at once raise one, the other is told one is on.
 */
export async function lockCommunity(db: Db, communityId: string): Promise<void> {
  await db.selectFrom('community').select('id').where('id', '=', communityId).forUpdate().execute();
}

/**
 * Whether the alert on now plans the household or driver `who` (an assignment of the household,
 * a route of the driver, in the alert's plan): the day runs on their registration as it was.
 */
export async function inAlertPlan(
  db: Db,
  communityId: string,
  who: { householdId: string } | { driverId: string },
): Promise<boolean> {
  const alert = await findActiveAlert(db, communityId);
  if (!alert) return false;
  const [table, column, id] =
    'householdId' in who
      ? (['evacuationAssignment', 'householdId', who.householdId] as const)
      : (['evacuationRoute', 'driverId', who.driverId] as const);
  const row = await db
    .selectFrom(table)
    .select('planId')
    .where('communityId', '=', communityId)
    .where('planId', '=', alert.planId)
    .where(column, '=', id)
    .executeTakeFirst();
  return Boolean(row);
}

/**
 * Leaves driver `driverId`'s stops in plan `planId` with no driver and the reason `reason` (their
 * rows stay when the driver's registration goes: the board still shows the households, with why).
 */
export async function unserveRoute(
  db: Db,
  communityId: string,
  planId: string,
  driverId: string,
  reason: string,
): Promise<void> {
  await db
    .updateTable('evacuationAssignment')
    .set({ driverId: null, position: null, arrival: null, reason, detail: '{}' })
    .where('communityId', '=', communityId)
    .where('planId', '=', planId)
    .where('driverId', '=', driverId)
    .execute();
}

/** Every alert on now, in every community (for the job that looks for who went without app code). */
export function listLiveAlerts(db: Db): Promise<EvacuationAlert[]> {
  return (
    db
      .selectFrom('evacuationAlert')
      .selectAll()
      // Every community: the scope is named, as the tenant guard asks of each query.
      .where('communityId', 'is not', null)
      .where('endedAt', 'is', null)
      .execute()
  );
}

/**
 * The drivers with a route in plan `planId` whose member is no longer active (the database ended
 * the membership, as an erasure does, with no app code run): each with how it ended —
 * `erased` (the account), `removed`, or `left`.
 */
export async function listGoneDrivers(db: Db, communityId: string, planId: string) {
  const rows = await db
    .selectFrom('evacuationRoute')
    .innerJoin('evacuationDriver', (j) =>
      j
        .onRef('evacuationDriver.id', '=', 'evacuationRoute.driverId')
        .onRef('evacuationDriver.communityId', '=', 'evacuationRoute.communityId'),
    )
    .innerJoin('account', 'account.id', 'evacuationDriver.accountId')
    .leftJoin('membership', (j) =>
      j
        .onRef('membership.accountId', '=', 'evacuationDriver.accountId')
        .onRef('membership.communityId', '=', 'evacuationDriver.communityId'),
    )
    .select([
      'evacuationDriver.id',
      'evacuationDriver.accountId',
      'account.erasedAt',
      'membership.status as status',
    ])
    .where('evacuationRoute.communityId', '=', communityId)
    .where('evacuationRoute.planId', '=', planId)
    .where((eb) => eb.or([eb('membership.status', 'is', null), eb('membership.status', '!=', 'active')]))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    accountId: r.accountId,
    how: r.erasedAt ? ('erased' as const) : r.status === 'removed' ? ('removed' as const) : ('left' as const),
  }));
}

/**
 * The households marked gone (`leftAt`) during alert `alert` with no `left` line in its timeline:
 * their member went with no app code run (an erasure), so nobody was told yet.
 */
export function listUntoldLeftHouseholds(
  db: Db,
  communityId: string,
  alert: Pick<EvacuationAlert, 'id' | 'raisedAt'>,
) {
  return db
    .selectFrom('evacuationHousehold')
    .select(['evacuationHousehold.id', 'evacuationHousehold.accountId'])
    .where('evacuationHousehold.communityId', '=', communityId)
    .where('evacuationHousehold.leftAt', '>=', alert.raisedAt)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('evacuationUpdate')
            .select('evacuationUpdate.id')
            .where('evacuationUpdate.communityId', '=', communityId)
            .where('evacuationUpdate.alertId', '=', alert.id)
            .where('evacuationUpdate.status', '=', 'left')
            .whereRef('evacuationUpdate.householdId', '=', 'evacuationHousehold.id'),
        ),
      ),
    )
    .execute();
}
