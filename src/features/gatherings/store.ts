/**
 * Gatherings' SQL: gatherings, the occurrences someone acted on, and answers. Every function takes
 * the community's id and names it in every statement.
 */
import type { Insertable } from 'kysely';
import type { Db, GatheringRsvpTable, GatheringTable } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';

/** A gathering of the community (cancelled or not). */
export function findGathering(db: Db, communityId: string, gatheringId: string) {
  return db
    .selectFrom('gathering')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('id', '=', gatheringId)
    .executeTakeFirst();
}

/** The community's gatherings not called off, by title. */
export function listGatherings(db: Db, communityId: string) {
  return db
    .selectFrom('gathering')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('cancelledAt', 'is', null)
    .orderBy('title')
    .orderBy('id')
    .execute();
}

/** The workshops `accountId` proposed that wait for their host's answer, oldest first, with the host's name. */
export function listProposedBy(db: Db, communityId: string, accountId: string) {
  return db
    .selectFrom('gathering')
    .leftJoin('account', 'account.id', 'gathering.hostId')
    .selectAll('gathering')
    .select('account.displayName as hostName')
    .where('gathering.communityId', '=', communityId)
    .where('gathering.createdBy', '=', accountId)
    .where('gathering.hostStatus', '=', 'proposed')
    .where('gathering.cancelledAt', 'is', null)
    .orderBy('gathering.createdAt')
    .orderBy('gathering.id')
    .execute();
}

/** Deletes a gathering (a proposal withdrawn before anyone could answer it); its occurrences go with it. */
export async function deleteGathering(db: Db, communityId: string, gatheringId: string): Promise<void> {
  await db
    .deleteFrom('gathering')
    .where('communityId', '=', communityId)
    .where('id', '=', gatheringId)
    .execute();
}

/** A new gathering, as the service checked it. */
export type NewGathering = Omit<Insertable<GatheringTable>, 'id'>;

/** Inserts a gathering; returns its id. */
export async function insertGathering(db: Db, gathering: NewGathering): Promise<string> {
  const id = newId();
  await db
    .insertInto('gathering')
    .values({ ...gathering, id })
    .execute();
  return id;
}

/** Changes a gathering. */
export async function updateGathering(
  db: Db,
  communityId: string,
  gatheringId: string,
  changes: Partial<Omit<NewGathering, 'communityId' | 'createdAt' | 'createdBy'>>,
) {
  await db
    .updateTable('gathering')
    .set(changes)
    .where('communityId', '=', communityId)
    .where('id', '=', gatheringId)
    .execute();
}

/**
 * The occurrence row of a gathering, made if missing (two answers at once make one: the unique
 * key keeps the first), locked for the rest of the transaction on PostgreSQL so that counting its
 * places and answering cannot interleave with another's.
 */
export async function ensureOccurrence(
  db: Db,
  o: {
    communityId: string;
    gatheringId: string;
    occurrence: string;
    startsAt: string;
    endsAt: string;
    createdAt: string;
  },
) {
  await db
    .insertInto('gatheringOccurrence')
    .values({ ...o, id: newId() })
    .onConflict((oc) => oc.columns(['communityId', 'gatheringId', 'occurrence']).doNothing())
    .execute();
  return db
    .selectFrom('gatheringOccurrence')
    .selectAll()
    .where('communityId', '=', o.communityId)
    .where('gatheringId', '=', o.gatheringId)
    .where('occurrence', '=', o.occurrence)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/** An occurrence row by id. */
export function findOccurrence(db: Db, communityId: string, occurrenceId: string) {
  return db
    .selectFrom('gatheringOccurrence')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('id', '=', occurrenceId)
    .executeTakeFirst();
}

/** The occurrence row of a gathering, if one was made. */
export function findOccurrenceOf(db: Db, communityId: string, gatheringId: string, occurrence: string) {
  return db
    .selectFrom('gatheringOccurrence')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('gatheringId', '=', gatheringId)
    .where('occurrence', '=', occurrence)
    .executeTakeFirst();
}

/** The occurrence rows of the community starting in [from, until) (ISO instants). */
export function listOccurrencesBetween(db: Db, communityId: string, from: string, until: string) {
  return db
    .selectFrom('gatheringOccurrence')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('startsAt', '>=', from)
    .where('startsAt', '<', until)
    .execute();
}

/** A gathering's occurrence rows starting at or after `from` (an instant). */
export function listOccurrencesFrom(db: Db, communityId: string, gatheringId: string, from: string) {
  return db
    .selectFrom('gatheringOccurrence')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('gatheringId', '=', gatheringId)
    .where('startsAt', '>=', from)
    .orderBy('startsAt')
    .execute();
}

/** A gathering's occurrence rows whose key is `occurrence` or later. */
export function listOccurrencesFromKey(db: Db, communityId: string, gatheringId: string, occurrence: string) {
  return db
    .selectFrom('gatheringOccurrence')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('gatheringId', '=', gatheringId)
    .where('occurrence', '>=', occurrence)
    .execute();
}

/** Changes an occurrence row's times or cancellation. */
export async function updateOccurrence(
  db: Db,
  communityId: string,
  occurrenceId: string,
  changes: {
    startsAt?: string;
    endsAt?: string;
    cancelledAt?: string | null;
    gatheringId?: string;
    occurrence?: string;
  },
) {
  await db
    .updateTable('gatheringOccurrence')
    .set(changes)
    .where('communityId', '=', communityId)
    .where('id', '=', occurrenceId)
    .execute();
}

/** The answers to the given occurrences, with each member's name, in the order answered. */
export function listRsvps(db: Db, communityId: string, occurrenceIds: readonly string[]) {
  if (occurrenceIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('gatheringRsvp')
    .leftJoin('account', 'account.id', 'gatheringRsvp.accountId')
    .select([
      'gatheringRsvp.id',
      'gatheringRsvp.occurrenceId',
      'gatheringRsvp.accountId',
      'gatheringRsvp.visitorName',
      'gatheringRsvp.answer',
      'gatheringRsvp.waiting',
      'gatheringRsvp.guests',
      'gatheringRsvp.answeredAt',
      'gatheringRsvp.remindedAt',
      'account.displayName',
    ])
    .where('gatheringRsvp.communityId', '=', communityId)
    .where('gatheringRsvp.occurrenceId', 'in', occurrenceIds)
    .orderBy('gatheringRsvp.answeredAt')
    .orderBy('gatheringRsvp.id')
    .execute();
}

/** A member's answer to an occurrence. */
export function findRsvp(db: Db, communityId: string, occurrenceId: string, accountId: string) {
  return db
    .selectFrom('gatheringRsvp')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('occurrenceId', '=', occurrenceId)
    .where('accountId', '=', accountId)
    .executeTakeFirst();
}

/** Adds an answer; returns its id. */
export async function insertRsvp(db: Db, rsvp: Omit<Insertable<GatheringRsvpTable>, 'id'>): Promise<string> {
  const id = newId();
  await db
    .insertInto('gatheringRsvp')
    .values({ ...rsvp, id })
    .execute();
  return id;
}

/** Changes an answer. */
export async function updateRsvp(
  db: Db,
  communityId: string,
  rsvpId: string,
  changes: {
    answer?: GatheringRsvpTable['answer'];
    waiting?: number;
    guests?: number;
    answeredAt?: string;
    remindedAt?: string | null;
  },
) {
  await db
    .updateTable('gatheringRsvp')
    .set(changes)
    .where('communityId', '=', communityId)
    .where('id', '=', rsvpId)
    .execute();
}

/**
 * The occurrences `accountId` said yes or maybe to, starting in [from, until), with their
 * gathering's title, place and description (a member's calendar feed and "mine").
 */
export function listMyOccurrences(
  db: Db,
  communityId: string,
  accountId: string,
  from: string,
  until: string,
) {
  return db
    .selectFrom('gatheringRsvp')
    .innerJoin('gatheringOccurrence', (j) =>
      j
        .onRef('gatheringOccurrence.id', '=', 'gatheringRsvp.occurrenceId')
        .onRef('gatheringOccurrence.communityId', '=', 'gatheringRsvp.communityId'),
    )
    .innerJoin('gathering', (j) =>
      j
        .onRef('gathering.id', '=', 'gatheringOccurrence.gatheringId')
        .onRef('gathering.communityId', '=', 'gatheringOccurrence.communityId'),
    )
    .select([
      'gatheringOccurrence.gatheringId',
      'gatheringOccurrence.occurrence',
      'gatheringOccurrence.startsAt',
      'gatheringOccurrence.endsAt',
      'gatheringOccurrence.cancelledAt',
      'gatheringRsvp.answer',
      'gatheringRsvp.waiting',
      'gathering.title',
      'gathering.description',
      'gathering.address',
      'gathering.placeId',
      'gathering.createdAt as gatheringCreatedAt',
      'gathering.updatedAt as gatheringUpdatedAt',
      'gathering.cancelledAt as gatheringCancelledAt',
    ])
    .where('gatheringRsvp.communityId', '=', communityId)
    .where('gatheringRsvp.accountId', '=', accountId)
    .where('gatheringRsvp.answer', 'in', ['yes', 'maybe'])
    .where('gatheringOccurrence.startsAt', '>=', from)
    .where('gatheringOccurrence.startsAt', '<', until)
    .orderBy('gatheringOccurrence.startsAt')
    .execute();
}

/**
 * `accountId`'s answers other than no to occurrences starting after `from` (a membership that
 * ends takes them back), each with its occurrence's gathering and key.
 */
export function listComingAnswersOf(db: Db, communityId: string, accountId: string, from: string) {
  return db
    .selectFrom('gatheringRsvp')
    .innerJoin('gatheringOccurrence', (j) =>
      j
        .onRef('gatheringOccurrence.id', '=', 'gatheringRsvp.occurrenceId')
        .onRef('gatheringOccurrence.communityId', '=', 'gatheringRsvp.communityId'),
    )
    .select([
      'gatheringRsvp.id',
      'gatheringRsvp.occurrenceId',
      'gatheringOccurrence.gatheringId',
      'gatheringOccurrence.occurrence',
    ])
    .where('gatheringRsvp.communityId', '=', communityId)
    .where('gatheringRsvp.accountId', '=', accountId)
    .where('gatheringRsvp.answer', 'in', ['yes', 'maybe'])
    .where('gatheringOccurrence.startsAt', '>', from)
    .orderBy('gatheringOccurrence.startsAt')
    .execute();
}

/** Locks an occurrence row for the rest of the transaction (PostgreSQL; SQLite's write lock is the transaction). */
export async function lockOccurrence(db: Db, communityId: string, occurrenceId: string): Promise<void> {
  await db
    .selectFrom('gatheringOccurrence')
    .select('id')
    .where('communityId', '=', communityId)
    .where('id', '=', occurrenceId)
    .forUpdate()
    .execute();
}

/** Deletes an answer (its dishes must be deleted first). */
export async function deleteRsvp(db: Db, communityId: string, rsvpId: string): Promise<void> {
  await db
    .deleteFrom('gatheringRsvp')
    .where('communityId', '=', communityId)
    .where('id', '=', rsvpId)
    .execute();
}

export * from './store-dishes.ts';

/** An account's display name (a workshop's host), if the account exists. */
export async function accountName(db: Db, accountId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('account')
    .select('displayName')
    .where('id', '=', accountId)
    .executeTakeFirst();
  return row?.displayName;
}
