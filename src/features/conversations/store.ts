/** SQL of conversations, participants and messages. Every function takes the community id. */
import type { Db } from '../../platform/db/database.ts';

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
    .select(['p.conversationId', 'p.accountId', 'p.role', 'a.displayName', 'a.email', 'a.locale'])
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
    .values(participants.map((p) => ({ communityId, conversationId, ...p })))
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
