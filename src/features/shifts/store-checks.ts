/**
 * Shifts' SQL (continued from `store.ts`, which re-exports this file): the checks completed
 * shifts log at a place (its inspection log), the community's temperature unit, and the alert for
 * a place whose check is overdue. Every function takes the community's id.
 */
import type { Insertable } from 'kysely';
import type { Db, ShiftCheckTable } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';

/** Records a check (a completed shift's log line). */
export async function insertCheck(db: Db, check: Omit<Insertable<ShiftCheckTable>, 'id'>) {
  const id = newId();
  await db
    .insertInto('shiftCheck')
    .values({ ...check, id })
    .execute();
  return id;
}

/** A place's checks, newest first, with who made them and the shift's title. */
export function listChecks(db: Db, communityId: string, placeId: string, limit: number) {
  return db
    .selectFrom('shiftCheck')
    .innerJoin('shift', (j) =>
      j
        .onRef('shift.communityId', '=', 'shiftCheck.communityId')
        .onRef('shift.id', '=', 'shiftCheck.shiftId'),
    )
    .innerJoin('shiftSeries', (j) =>
      j
        .onRef('shiftSeries.communityId', '=', 'shift.communityId')
        .onRef('shiftSeries.id', '=', 'shift.seriesId'),
    )
    .leftJoin('account', 'account.id', 'shiftCheck.accountId')
    .select([
      'shiftCheck.id',
      'shiftCheck.checkedAt',
      'shiftCheck.appliance',
      'shiftCheck.temperatureC',
      'shiftCheck.checklist',
      'shiftCheck.feedback',
      'shiftCheck.feedbackNote',
      'shiftCheck.foodSavedKg',
      'shiftSeries.title',
      'account.displayName',
    ])
    .where('shiftCheck.communityId', '=', communityId)
    .where('shiftCheck.placeId', '=', placeId)
    .orderBy('shiftCheck.checkedAt', 'desc')
    .limit(limit)
    .execute();
}

/** The community's temperature unit ('C' until a steward chooses). */
export async function temperatureUnit(db: Db, communityId: string) {
  const row = await db
    .selectFrom('shiftSettings')
    .select('temperatureUnit')
    .where('communityId', '=', communityId)
    .executeTakeFirst();
  return row?.temperatureUnit ?? 'C';
}

/** Sets the community's temperature unit. */
export async function setTemperatureUnit(db: Db, communityId: string, unit: 'C' | 'F') {
  await db
    .insertInto('shiftSettings')
    .values({ communityId, temperatureUnit: unit })
    .onConflict((oc) => oc.column('communityId').doUpdateSet({ temperatureUnit: unit }))
    .execute();
}

/** When the place was last checked (an ISO instant), or null when never. */
export async function lastCheckAt(db: Db, communityId: string, placeId: string): Promise<string | null> {
  const row = await db
    .selectFrom('shiftCheck')
    .select('checkedAt')
    .where('communityId', '=', communityId)
    .where('placeId', '=', placeId)
    .orderBy('checkedAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.checkedAt ?? null;
}

/** The stale-check alert last sent for a place. */
export function findStaleAlert(db: Db, communityId: string, placeId: string) {
  return db
    .selectFrom('shiftStaleAlert')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('placeId', '=', placeId)
    .executeTakeFirst();
}

/** Records the stale-check alert sent for a place's lapse since `lastCheckAt`. */
export async function saveStaleAlert(
  db: Db,
  communityId: string,
  placeId: string,
  lastCheckAt: string | null,
  alertedAt: string,
) {
  await db
    .insertInto('shiftStaleAlert')
    .values({ communityId, placeId, lastCheckAt, alertedAt })
    .onConflict((oc) => oc.columns(['communityId', 'placeId']).doUpdateSet({ lastCheckAt, alertedAt }))
    .execute();
}
