/** SQL of conversations, participants and messages. Every function takes the community id. */
import type { Db, MessageTable } from '../../platform/db/database.ts';
import { prepared } from '../../platform/db/prepared.ts';

/** A conversation row, or undefined. */
export function findConversation(db: Db, communityId: string, id: string) {
  return db
    .selectFrom('conversation')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Conversations about one subject, oldest first. */
export function listConversationsOfSubject(
  db: Db,
  communityId: string,
  subjectType: string,
  subjectId: string,
) {
  return db
    .selectFrom('conversation')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('subjectType', '=', subjectType)
    .where('subjectId', '=', subjectId)
    .orderBy('createdAt')
    .execute();
}

/** How many conversations a subject has. */
export async function countConversationsOfSubject(
  db: Db,
  communityId: string,
  subjectType: string,
  subjectId: string,
): Promise<number> {
  const { n } = await db
    .selectFrom('conversation')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('communityId', '=', communityId)
    .where('subjectType', '=', subjectType)
    .where('subjectId', '=', subjectId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Participants of the given conversations, with their names and addresses. */
export function listParticipants(db: Db, communityId: string, conversationIds: string[]) {
  if (conversationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('conversationParticipant as p')
    .innerJoin('account as a', 'a.id', 'p.accountId')
    .select([
      'p.conversationId',
      'p.accountId',
      'p.role',
      'p.lastReadAt',
      'a.displayName',
      'a.email',
      'a.locale',
    ])
    .where('p.communityId', '=', communityId)
    .where('p.conversationId', 'in', conversationIds)
    .orderBy('p.role', 'desc')
    .orderBy('a.displayName')
    .execute();
}

/** Inserts a conversation. */
export async function insertConversation(
  db: Db,
  values: { id: string; communityId: string; subjectType: string; subjectId: string; createdAt: string },
) {
  return db
    .insertInto('conversation')
    .values({ ...values, stewardAskedAt: null, stewardAskedBy: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Inserts participants of one conversation. */
export async function insertParticipants(
  db: Db,
  communityId: string,
  conversationId: string,
  participants: { accountId: string; role: 'owner' | 'participant' }[],
) {
  await db
    .insertInto('conversationParticipant')
    .values(participants.map((p) => ({ communityId, conversationId, lastReadAt: null, ...p })))
    .execute();
}

/** Records that `accountId` asked a steward to look (only the first ask counts). */
export async function markStewardAsked(
  db: Db,
  communityId: string,
  id: string,
  accountId: string,
  now: string,
) {
  return db
    .updateTable('conversation')
    .set({ stewardAskedAt: now, stewardAskedBy: accountId })
    .where('communityId', '=', communityId)
    .where('id', '=', id)
    .where('stewardAskedAt', 'is', null)
    .executeTakeFirst();
}

/** Messages of a conversation, oldest first, with their authors' names. */
export function listMessages(db: Db, communityId: string, conversationId: string) {
  return db
    .selectFrom('message as m')
    .leftJoin('account as a', 'a.id', 'm.authorId')
    .select(['m.id', 'm.authorId', 'a.displayName as authorName', 'm.body', 'm.createdAt'])
    .where('m.communityId', '=', communityId)
    .where('m.conversationId', '=', conversationId)
    .orderBy('m.createdAt')
    .orderBy('m.id')
    .execute();
}

/** One message, or undefined. */
export function findMessage(db: Db, communityId: string, id: string) {
  return db
    .selectFrom('message')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Inserts a message. */
export function insertMessage(
  db: Db,
  values: {
    id: string;
    communityId: string;
    conversationId: string;
    authorId: string;
    body: string;
    createdAt: string;
  },
) {
  return db.insertInto('message').values(values).returningAll().executeTakeFirstOrThrow();
}

/** How many messages each conversation has, and when the last came. */
export function summarizeMessages(db: Db, communityId: string, conversationIds: string[]) {
  if (conversationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('message')
    .select((eb) => ['conversationId', eb.fn.countAll().as('count'), eb.fn.max('createdAt').as('lastAt')])
    .where('communityId', '=', communityId)
    .where('conversationId', 'in', conversationIds)
    .groupBy('conversationId')
    .execute();
}

/** The community's active stewards with an address, to tell them they were asked. */
export function listStewardContacts(db: Db, communityId: string) {
  return db
    .selectFrom('membership as m')
    .innerJoin('account as a', 'a.id', 'm.accountId')
    .select(['a.id', 'a.email', 'a.locale', 'a.displayName'])
    .where('m.communityId', '=', communityId)
    .where('m.status', '=', 'active')
    .where('m.role', '=', 'steward')
    .where('a.email', 'is not', null)
    .where('a.erasedAt', 'is', null)
    .execute();
}

/** An account's display name, or undefined. */
export async function findAccountName(db: Db, accountId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('account')
    .select('displayName')
    .where('id', '=', accountId)
    .executeTakeFirst();
  return row?.displayName;
}

/** Conversations `accountId` takes part in, newest first (at most `limit`). */
export function listConversationsOfAccount(db: Db, communityId: string, accountId: string, limit: number) {
  return db
    .selectFrom('conversation as c')
    .innerJoin('conversationParticipant as p', (j) =>
      j.onRef('p.conversationId', '=', 'c.id').onRef('p.communityId', '=', 'c.communityId'),
    )
    .selectAll('c')
    .where('c.communityId', '=', communityId)
    .where('p.accountId', '=', accountId)
    .orderBy('c.createdAt', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Messages `accountId` has not seen yet in the conversations they take part in (written by
 * someone else after their read marker), newest first, at most `limit`, with their authors'
 * names: one statement, from the member's conversations (participant index) to their messages
 * (message index), never through the community's messages.
 */
export function listUnreadMessages(
  db: Db,
  communityId: string,
  accountId: string,
  limit: number,
): Promise<UnreadMessage[]> {
  return unreadMessages(db, { communityId, accountId, limit });
}

/** An unread message, with its author's name (null: an erased account's). */
export type UnreadMessage = Pick<MessageTable, 'conversationId' | 'id' | 'body' | 'createdAt'> & {
  authorName: string | null;
};

// Compiled once (platform/db/prepared.ts): every page of a member counts their unread messages.
const unreadMessages = prepared<{ communityId: string; accountId: string; limit: number }, UnreadMessage>(
  (db, slot) =>
    db
      .selectFrom('conversationParticipant as p')
      // A cross join keeps this order on SQLite, whose planner otherwise reads every message of
      // the community to look each one's participant up (8 ms with 20,000 messages, against
      // 0.06 ms); PostgreSQL plans it as the inner join it is.
      .crossJoin('message as m')
      .whereRef('m.communityId', '=', 'p.communityId')
      .whereRef('m.conversationId', '=', 'p.conversationId')
      .leftJoin('account as a', 'a.id', 'm.authorId')
      .select(['m.conversationId', 'm.id', 'm.body', 'm.createdAt', 'a.displayName as authorName'])
      .where('p.communityId', '=', slot('communityId'))
      .where('p.accountId', '=', slot('accountId'))
      .where((eb) => eb.or([eb('m.authorId', 'is', null), eb('m.authorId', '!=', slot('accountId'))]))
      .where((eb) => eb.or([eb('p.lastReadAt', 'is', null), eb('m.createdAt', '>', eb.ref('p.lastReadAt'))]))
      .orderBy('m.createdAt', 'desc')
      .limit(slot('limit')),
);

/**
 * Moves `accountId`'s read marker in a conversation to `at`, only forward (a marker already there
 * is not written again, so reading an unchanged conversation writes nothing).
 */
export async function markRead(
  db: Db,
  communityId: string,
  conversationId: string,
  accountId: string,
  at: string,
) {
  await db
    .updateTable('conversationParticipant')
    .set({ lastReadAt: at })
    .where('communityId', '=', communityId)
    .where('conversationId', '=', conversationId)
    .where('accountId', '=', accountId)
    .where((eb) => eb.or([eb('lastReadAt', 'is', null), eb('lastReadAt', '<', at)]))
    .execute();
}

/** Whether `accountId` is an active member of the community (someone a member may write to). */
export async function isActiveMember(db: Db, communityId: string, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom('membership')
    .select('accountId')
    .where('communityId', '=', communityId)
    .where('accountId', '=', accountId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return row !== undefined;
}
