/**
 * Milestones' SQL: the activity they are counted from (loans picked up, shifts done, seed brought
 * back, households driven to safety, workshops held), the milestones reached and whom each thanks,
 * and a community's thresholds. Every function takes the community's id and names it in every
 * statement. A counted event is "the n-th": ordered by when it happened, ties by id, so the same
 * data always gives the same one.
 */
import type { Db, MilestoneKind } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';

/** The n-th of a kind of event: when it happened and whom it involves. */
export interface NthEvent {
  at: string;
  accountIds: string[];
}

/** The `n`-th loan picked up by `before` (an instant): its borrower and lender (none for the shed). */
export async function nthLoan(
  db: Db,
  communityId: string,
  n: number,
  before: string,
): Promise<NthEvent | undefined> {
  const row = await db
    .selectFrom('loan')
    .innerJoin('item', (j) =>
      j.onRef('item.id', '=', 'loan.itemId').onRef('item.communityId', '=', 'loan.communityId'),
    )
    .select(['loan.pickedUpAt', 'loan.borrowerId', 'item.ownerId'])
    .where('loan.communityId', '=', communityId)
    .where('loan.pickedUpAt', 'is not', null)
    .where('loan.pickedUpAt', '<=', before)
    .orderBy('loan.pickedUpAt')
    .orderBy('loan.id')
    .limit(1)
    .offset(n - 1)
    .executeTakeFirst();
  return row
    ? { at: row.pickedUpAt as string, accountIds: [row.borrowerId, ...(row.ownerId ? [row.ownerId] : [])] }
    : undefined;
}

/** The `n`-th pledge of seed brought back (a lot returned), by `before`: who brought it. */
export async function nthSeedReturned(
  db: Db,
  communityId: string,
  n: number,
  before: string,
): Promise<NthEvent | undefined> {
  const row = await db
    .selectFrom('seedPledge')
    .select(['closedAt', 'accountId'])
    .where('communityId', '=', communityId)
    .where('status', '=', 'returned')
    .where('closedAt', 'is not', null)
    .where('closedAt', '<=', before)
    .orderBy('closedAt')
    .orderBy('id')
    .limit(1)
    .offset(n - 1)
    .executeTakeFirst();
  return row ? { at: row.closedAt as string, accountIds: [row.accountId] } : undefined;
}

/** The `n`-th household driven to a shelter (an alert's or a drill's "arrived"), by `before`: its driver. */
export async function nthRide(
  db: Db,
  communityId: string,
  n: number,
  before: string,
): Promise<NthEvent | undefined> {
  const row = await db
    .selectFrom('evacuationUpdate')
    .leftJoin('evacuationDriver', (j) =>
      j
        .onRef('evacuationDriver.id', '=', 'evacuationUpdate.driverId')
        .onRef('evacuationDriver.communityId', '=', 'evacuationUpdate.communityId'),
    )
    .select(['evacuationUpdate.at', 'evacuationDriver.accountId'])
    .where('evacuationUpdate.communityId', '=', communityId)
    .where('evacuationUpdate.status', '=', 'arrived')
    .where('evacuationUpdate.at', '<=', before)
    .orderBy('evacuationUpdate.at')
    .orderBy('evacuationUpdate.id')
    .limit(1)
    .offset(n - 1)
    .executeTakeFirst();
  return row ? { at: row.at, accountIds: row.accountId ? [row.accountId] : [] } : undefined;
}

/**
 * The `n`-th workshop held: a workshop its host accepted, not called off, whose first date began
 * by `beforeLocal` (the community's wall clock, `YYYY-MM-DDTHH:mm`): its host. `at` is its local start.
 */
export async function nthWorkshop(
  db: Db,
  communityId: string,
  n: number,
  beforeLocal: string,
): Promise<{ startLocal: string; accountIds: string[] } | undefined> {
  const row = await db
    .selectFrom('gathering')
    .select(['startLocal', 'hostId'])
    .where('communityId', '=', communityId)
    .where('kind', '=', 'workshop')
    .where('hostStatus', '=', 'accepted')
    .where('cancelledAt', 'is', null)
    .where('startLocal', '<=', beforeLocal)
    .orderBy('startLocal')
    .orderBy('id')
    .limit(1)
    .offset(n - 1)
    .executeTakeFirst();
  return row ? { startLocal: row.startLocal, accountIds: row.hostId ? [row.hostId] : [] } : undefined;
}

/** The `n`-th shift done (over by `before`, not cancelled, someone came): who came. */
export async function nthShift(
  db: Db,
  communityId: string,
  n: number,
  before: string,
): Promise<NthEvent | undefined> {
  const row = await db
    .selectFrom('shift')
    .select(['id', 'endsAt'])
    .where('communityId', '=', communityId)
    .where('cancelledAt', 'is', null)
    .where('endsAt', '<=', before)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('shiftSignup')
          .select('shiftSignup.shiftId')
          .whereRef('shiftSignup.communityId', '=', 'shift.communityId')
          .whereRef('shiftSignup.shiftId', '=', 'shift.id')
          .where('shiftSignup.noShowAt', 'is', null),
      ),
    )
    .orderBy('endsAt')
    .orderBy('id')
    .limit(1)
    .offset(n - 1)
    .executeTakeFirst();
  if (!row) return undefined;
  const people = await db
    .selectFrom('shiftSignup')
    .select('accountId')
    .where('communityId', '=', communityId)
    .where('shiftId', '=', row.id)
    .where('noShowAt', 'is', null)
    .execute();
  return { at: row.endsAt, accountIds: people.map((p) => p.accountId) };
}

/**
 * The shifts done at each fridge of the community by `before` (not cancelled), one row per
 * volunteer who came, oldest first: a year of fridge shifts is counted from them.
 */
export function fridgeShiftsDone(db: Db, communityId: string, before: string) {
  return db
    .selectFrom('shift')
    .innerJoin('shiftSeries', (j) =>
      j
        .onRef('shiftSeries.id', '=', 'shift.seriesId')
        .onRef('shiftSeries.communityId', '=', 'shift.communityId'),
    )
    .innerJoin('place', (j) =>
      j
        .onRef('place.id', '=', 'shiftSeries.placeId')
        .onRef('place.communityId', '=', 'shiftSeries.communityId'),
    )
    .innerJoin('shiftSignup', (j) =>
      j
        .onRef('shiftSignup.shiftId', '=', 'shift.id')
        .onRef('shiftSignup.communityId', '=', 'shift.communityId'),
    )
    .select(['place.id as placeId', 'shift.endsAt', 'shiftSignup.accountId'])
    .where('shift.communityId', '=', communityId)
    .where('place.kind', '=', 'fridge')
    .where('shift.cancelledAt', 'is', null)
    .where('shiftSignup.noShowAt', 'is', null)
    .where('shift.endsAt', '<=', before)
    .orderBy('shift.endsAt')
    .execute();
}

/** The live communities with their time zones (the detecting job goes through them one by one). */
export function liveCommunities(db: Db) {
  return db.selectFrom('community').select(['id', 'timeZone']).where('archivedAt', 'is', null).execute();
}

/** A community's time zone, if it is live. */
export async function timeZoneOf(db: Db, communityId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('community')
    .select('timeZone')
    .where('id', '=', communityId)
    .where('archivedAt', 'is', null)
    .executeTakeFirst();
  return row?.timeZone;
}

/** A community's own thresholds, by kind. */
export async function thresholds(db: Db, communityId: string): Promise<Map<MilestoneKind, number>> {
  const rows = await db
    .selectFrom('milestoneThreshold')
    .select(['kind', 'threshold'])
    .where('communityId', '=', communityId)
    .execute();
  return new Map(rows.map((r) => [r.kind, r.threshold]));
}

/** Sets a community's thresholds (each kind given replaces its own; `null` goes back to the default). */
export async function setThresholds(
  db: Db,
  communityId: string,
  values: ReadonlyMap<MilestoneKind, number | null>,
  at: string,
): Promise<void> {
  for (const [kind, threshold] of values) {
    if (threshold === null) {
      await db
        .deleteFrom('milestoneThreshold')
        .where('communityId', '=', communityId)
        .where('kind', '=', kind)
        .execute();
      continue;
    }
    await db
      .insertInto('milestoneThreshold')
      .values({ communityId, kind, threshold, updatedAt: at })
      .onConflict((oc) => oc.columns(['communityId', 'kind']).doUpdateSet({ threshold, updatedAt: at }))
      .execute();
  }
}

/** The `kind threshold scopeId` of every milestone the community reached. */
export async function reachedKeys(db: Db, communityId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('milestone')
    .select(['kind', 'threshold', 'scopeId'])
    .where('communityId', '=', communityId)
    .execute();
  return new Set(rows.map((r) => `${r.kind} ${r.threshold} ${r.scopeId}`));
}

/**
 * Records a milestone and the people it thanks (not named), unless it is already recorded (the
 * unique constraint decides, so two jobs at once record it once). Returns its id, or undefined
 * when it was there already.
 */
export async function recordMilestone(
  db: Db,
  communityId: string,
  m: {
    kind: MilestoneKind;
    threshold: number;
    scopeId: string;
    reachedAt: string;
    accountIds: readonly string[];
  },
  at: string,
): Promise<string | undefined> {
  const id = newId();
  const done = await db
    .insertInto('milestone')
    .values({
      id,
      communityId,
      kind: m.kind,
      threshold: m.threshold,
      scopeId: m.scopeId,
      reachedAt: m.reachedAt,
      createdAt: at,
    })
    .onConflict((oc) => oc.columns(['communityId', 'kind', 'threshold', 'scopeId']).doNothing())
    .executeTakeFirst();
  if (Number(done.numInsertedOrUpdatedRows ?? 0) === 0) return undefined;
  const people = [...new Set(m.accountIds)];
  if (people.length > 0) {
    // Only members of the community are thanked (a lender who left is not named anywhere).
    const members = await db
      .selectFrom('membership')
      .select('accountId')
      .where('communityId', '=', communityId)
      .where('accountId', 'in', people)
      .where('status', '=', 'active')
      .execute();
    if (members.length > 0)
      await db
        .insertInto('milestonePerson')
        .values(members.map((p) => ({ communityId, milestoneId: id, accountId: p.accountId })))
        .execute();
  }
  return id;
}

/** The community's milestones reached from `fromInstant` (all when undefined), newest first, at most `limit`. */
export function listMilestones(db: Db, communityId: string, limit: number, fromInstant?: string) {
  let q = db
    .selectFrom('milestone')
    .leftJoin('place', (j) =>
      j.onRef('place.id', '=', 'milestone.scopeId').onRef('place.communityId', '=', 'milestone.communityId'),
    )
    .select([
      'milestone.id',
      'milestone.kind',
      'milestone.threshold',
      'milestone.scopeId',
      'milestone.reachedAt',
      'place.name as placeName',
    ])
    .where('milestone.communityId', '=', communityId);
  if (fromInstant) q = q.where('milestone.reachedAt', '>=', fromInstant);
  return q.orderBy('milestone.reachedAt', 'desc').orderBy('milestone.id', 'desc').limit(limit).execute();
}

/** The people milestones thank, with their names and whether they agreed to be named. */
export async function peopleOf(db: Db, communityId: string, milestoneIds: readonly string[]) {
  if (milestoneIds.length === 0) return [];
  return db
    .selectFrom('milestonePerson')
    .innerJoin('account', 'account.id', 'milestonePerson.accountId')
    .select([
      'milestonePerson.milestoneId',
      'milestonePerson.accountId',
      'milestonePerson.named',
      'account.displayName',
    ])
    .where('milestonePerson.communityId', '=', communityId)
    .where('milestonePerson.milestoneId', 'in', milestoneIds)
    .where('account.erasedAt', 'is', null)
    .orderBy('account.sortName')
    .orderBy('account.id')
    .execute();
}

/** Whether a milestone of the community exists. */
export async function milestoneExists(db: Db, communityId: string, milestoneId: string): Promise<boolean> {
  const row = await db
    .selectFrom('milestone')
    .select('id')
    .where('communityId', '=', communityId)
    .where('id', '=', milestoneId)
    .executeTakeFirst();
  return Boolean(row);
}

/** Sets whether `accountId` is named with a milestone; false when they are not among its people. */
export async function setNamed(
  db: Db,
  communityId: string,
  milestoneId: string,
  accountId: string,
  named: boolean,
): Promise<boolean> {
  const done = await db
    .updateTable('milestonePerson')
    .set({ named: named ? 1 : 0 })
    .where('communityId', '=', communityId)
    .where('milestoneId', '=', milestoneId)
    .where('accountId', '=', accountId)
    .executeTakeFirst();
  return Number(done.numUpdatedRows) > 0;
}

/** How many milestones the community reached. */
export async function countMilestones(db: Db, communityId: string): Promise<number> {
  const row = await db
    .selectFrom('milestone')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('communityId', '=', communityId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
