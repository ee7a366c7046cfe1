/**
 * Pilots' SQL: pilots, their teams and what they link. Every function takes the community's id
 * and names it in every statement.
 */
import type { Insertable, Updateable } from 'kysely';
import type { Db, PilotTable } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';

/** A pilot of the community. */
export function findPilot(db: Db, communityId: string, pilotId: string) {
  return db
    .selectFrom('pilot')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('id', '=', pilotId)
    .executeTakeFirst();
}

/** A pilot of the community, locked for the rest of the transaction on PostgreSQL. */
export function lockPilot(db: Db, communityId: string, pilotId: string) {
  return db
    .selectFrom('pilot')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('id', '=', pilotId)
    .forUpdate()
    .executeTakeFirst();
}

/** The community's pilots, latest start first. */
export function listPilots(db: Db, communityId: string) {
  return db
    .selectFrom('pilot')
    .selectAll()
    .where('communityId', '=', communityId)
    .orderBy('startsOn', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/**
 * The launched pilots of the community finished, or whose halfway note was written, in
 * [`from`, `until`) (instants), the earlier of the two first.
 */
export function listPilotsNoted(db: Db, communityId: string, from: string, until: string) {
  return db
    .selectFrom('pilot')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('launchedAt', 'is not', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('finishedAt', '>=', from), eb('finishedAt', '<', until)]),
        eb.and([eb('halfwayAt', '>=', from), eb('halfwayAt', '<', until)]),
      ]),
    )
    .orderBy('startsOn')
    .orderBy('id')
    .execute();
}

/** The id of a draft (not launched) pilot started from survey `surveyId`'s suggestion `project`, if any. */
export async function findSuggestedDraft(
  db: Db,
  communityId: string,
  surveyId: string,
  project: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('pilot')
    .select('id')
    .where('communityId', '=', communityId)
    .where('surveyId', '=', surveyId)
    .where('project', '=', project)
    .where('launchedAt', 'is', null)
    .orderBy('createdAt')
    .executeTakeFirst();
  return row?.id;
}

/** Inserts a pilot; returns its id. */
export async function insertPilot(db: Db, pilot: Omit<Insertable<PilotTable>, 'id'>): Promise<string> {
  const id = newId();
  await db
    .insertInto('pilot')
    .values({ ...pilot, id })
    .execute();
  return id;
}

/** Changes a pilot. */
export async function updatePilot(
  db: Db,
  communityId: string,
  pilotId: string,
  changes: Omit<Updateable<PilotTable>, 'id' | 'communityId'>,
): Promise<void> {
  await db
    .updateTable('pilot')
    .set(changes)
    .where('communityId', '=', communityId)
    .where('id', '=', pilotId)
    .execute();
}

/**
 * The team of a pilot, by name, with each one's display name: active members only, so someone
 * whose membership ended (left, removed, or an erased account, which no app code sees) is off it.
 */
export function listTeam(db: Db, communityId: string, pilotId: string) {
  return db
    .selectFrom('pilotMember')
    .innerJoin('account', 'account.id', 'pilotMember.accountId')
    .innerJoin('membership', (j) =>
      j
        .onRef('membership.communityId', '=', 'pilotMember.communityId')
        .onRef('membership.accountId', '=', 'pilotMember.accountId')
        .on('membership.status', '=', 'active'),
    )
    .select(['pilotMember.accountId as id', 'account.displayName as name'])
    .where('pilotMember.communityId', '=', communityId)
    .where('pilotMember.pilotId', '=', pilotId)
    .orderBy('account.sortName')
    .orderBy('account.id')
    .execute();
}

/** Replaces the team of a pilot. */
export async function setTeam(db: Db, communityId: string, pilotId: string, accountIds: readonly string[]) {
  await db
    .deleteFrom('pilotMember')
    .where('communityId', '=', communityId)
    .where('pilotId', '=', pilotId)
    .execute();
  if (accountIds.length === 0) return;
  await db
    .insertInto('pilotMember')
    .values(accountIds.map((accountId) => ({ communityId, pilotId, accountId })))
    .execute();
}

/** What a pilot links. */
export function listLinks(db: Db, communityId: string, pilotId: string) {
  return db
    .selectFrom('pilotLink')
    .select(['shiftSeriesId', 'gatheringId', 'itemId'])
    .where('communityId', '=', communityId)
    .where('pilotId', '=', pilotId)
    .orderBy('id')
    .execute();
}

/** What a pilot links of each kind. */
export interface Links {
  shiftSeriesIds: readonly string[];
  gatheringIds: readonly string[];
  itemIds: readonly string[];
}

/** Replaces what a pilot links. */
export async function setLinks(db: Db, communityId: string, pilotId: string, links: Links) {
  await db
    .deleteFrom('pilotLink')
    .where('communityId', '=', communityId)
    .where('pilotId', '=', pilotId)
    .execute();
  const none = { shiftSeriesId: null, gatheringId: null, itemId: null };
  const rows = [
    ...links.shiftSeriesIds.map((id) => ({ ...none, shiftSeriesId: id })),
    ...links.gatheringIds.map((id) => ({ ...none, gatheringId: id })),
    ...links.itemIds.map((id) => ({ ...none, itemId: id })),
  ];
  if (rows.length === 0) return;
  await db
    .insertInto('pilotLink')
    .values(rows.map((r) => ({ ...r, id: newId(), communityId, pilotId })))
    .execute();
}
