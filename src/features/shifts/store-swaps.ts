/**
 * Shifts' SQL (continued from `store.ts`, which re-exports this file): swaps between volunteers
 * and the nudges for an occurrence's empty places. Every function takes the community's id.
 */
import type { Insertable } from 'kysely';
import type { Db, ShiftSwapTable } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';

/** Records a swap asked for; returns its id. */
export async function insertSwap(db: Db, swap: Omit<Insertable<ShiftSwapTable>, 'id'>) {
  const id = newId();
  await db
    .insertInto('shiftSwap')
    .values({ ...swap, id })
    .execute();
  return id;
}

/** A swap of the community. */
export function findSwap(db: Db, communityId: string, swapId: string) {
  return db
    .selectFrom('shiftSwap')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('id', '=', swapId)
    .executeTakeFirst();
}

/** A swap not answered yet between the same two sign-ups. */
export function findOpenSwap(
  db: Db,
  communityId: string,
  shiftId: string,
  accountId: string,
  otherShiftId: string,
  otherAccountId: string,
) {
  return db
    .selectFrom('shiftSwap')
    .select('id')
    .where('communityId', '=', communityId)
    .where('shiftId', '=', shiftId)
    .where('accountId', '=', accountId)
    .where('otherShiftId', '=', otherShiftId)
    .where('otherAccountId', '=', otherAccountId)
    .where('answeredAt', 'is', null)
    .executeTakeFirst();
}

/** A swap with both occurrences, both names and the series' title, for its page. */
export function findSwapView(db: Db, communityId: string, swapId: string) {
  return db
    .selectFrom('shiftSwap')
    .innerJoin('shift as mine', (j) =>
      j.onRef('mine.communityId', '=', 'shiftSwap.communityId').onRef('mine.id', '=', 'shiftSwap.shiftId'),
    )
    .innerJoin('shift as theirs', (j) =>
      j
        .onRef('theirs.communityId', '=', 'shiftSwap.communityId')
        .onRef('theirs.id', '=', 'shiftSwap.otherShiftId'),
    )
    .innerJoin('shiftSeries', (j) =>
      j
        .onRef('shiftSeries.communityId', '=', 'shiftSwap.communityId')
        .onRef('shiftSeries.id', '=', 'shiftSwap.seriesId'),
    )
    .innerJoin('account as asker', 'asker.id', 'shiftSwap.accountId')
    .innerJoin('account as asked', 'asked.id', 'shiftSwap.otherAccountId')
    .select([
      'shiftSwap.id',
      'shiftSwap.seriesId',
      'shiftSwap.accountId',
      'shiftSwap.otherAccountId',
      'shiftSwap.answeredAt',
      'shiftSwap.accepted',
      'shiftSeries.title',
      'mine.occurrence',
      'mine.startsAt',
      'theirs.occurrence as otherOccurrence',
      'theirs.startsAt as otherStartsAt',
      'asker.displayName as name',
      'asked.displayName as otherName',
    ])
    .where('shiftSwap.communityId', '=', communityId)
    .where('shiftSwap.id', '=', swapId)
    .executeTakeFirst();
}

/** Answers a swap (accepted or not). */
export async function answerSwap(db: Db, communityId: string, swapId: string, accepted: boolean, at: string) {
  await db
    .updateTable('shiftSwap')
    .set({ accepted: accepted ? 1 : 0, answeredAt: at })
    .where('communityId', '=', communityId)
    .where('id', '=', swapId)
    .execute();
}

/** Swaps waiting for the member's answer, oldest first. */
export function listSwapsAskedOf(db: Db, communityId: string, accountId: string) {
  return db
    .selectFrom('shiftSwap')
    .select(['id', 'createdAt'])
    .where('communityId', '=', communityId)
    .where('otherAccountId', '=', accountId)
    .where('answeredAt', 'is', null)
    .orderBy('createdAt')
    .limit(50)
    .execute();
}

/** Records that an occurrence's empty places were nudged about; false when it was already. */
export async function markNudged(
  db: Db,
  communityId: string,
  seriesId: string,
  occurrence: string,
  at: string,
) {
  const result = await db
    .insertInto('shiftNudge')
    .values({ communityId, seriesId, occurrence, nudgedAt: at })
    .onConflict((oc) => oc.columns(['communityId', 'seriesId', 'occurrence']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Closes (declined) the swaps waiting on any of the shifts. */
export async function closeSwapsOf(db: Db, communityId: string, shiftIds: readonly string[], at: string) {
  if (shiftIds.length === 0) return;
  await db
    .updateTable('shiftSwap')
    .set({ answeredAt: at, accepted: 0 })
    .where('communityId', '=', communityId)
    .where('answeredAt', 'is', null)
    .where((eb) => eb.or([eb('shiftId', 'in', shiftIds), eb('otherShiftId', 'in', shiftIds)]))
    .execute();
}

/** Moves the nudges of a series' occurrences from `from` on to another series, keyed by `keyOf`. */
export async function moveNudges(
  db: Db,
  communityId: string,
  seriesId: string,
  toSeriesId: string,
  from: string,
  keyOf: (occurrence: string) => string,
) {
  const rows = await db
    .selectFrom('shiftNudge')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('seriesId', '=', seriesId)
    .where('occurrence', '>=', from)
    .execute();
  for (const r of rows) {
    await db
      .updateTable('shiftNudge')
      .set({ seriesId: toSeriesId, occurrence: keyOf(r.occurrence) })
      .where('communityId', '=', communityId)
      .where('seriesId', '=', seriesId)
      .where('occurrence', '=', r.occurrence)
      .execute();
  }
}
