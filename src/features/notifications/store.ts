/** The announcements' statements (`service.ts` says when each runs). */
import type { AnnouncementTable, Db } from '../../platform/db/database.ts';

/** Inserts an announcement. */
export async function insertAnnouncement(db: Db, row: AnnouncementTable) {
  await db.insertInto('announcement').values(row).execute();
}

/** Records how many members an announcement reached. */
export async function setReached(db: Db, communityId: string, id: string, reached: number) {
  await db
    .updateTable('announcement')
    .set({ reached })
    .where('communityId', '=', communityId)
    .where('id', '=', id)
    .execute();
}

/**
 * Locks the community's row until the transaction ends, so two stewards announcing at once are
 * counted one after the other (`platform/db/locking.ts`).
 */
export async function lockCommunity(db: Db, communityId: string) {
  await db.selectFrom('community').select('id').where('id', '=', communityId).forUpdate().execute();
}

/** How many announcements the community made since `since`, and the first of them. */
export async function announcementsSince(db: Db, communityId: string, since: string) {
  return db
    .selectFrom('announcement')
    .select('createdAt')
    .where('communityId', '=', communityId)
    .where('createdAt', '>', since)
    .orderBy('createdAt')
    .execute();
}

/** The community's latest announcements, newest first, with their author's name. */
export function listAnnouncements(db: Db, communityId: string, limit: number) {
  return db
    .selectFrom('announcement as a')
    .leftJoin('account as u', 'u.id', 'a.authorId')
    .select(['a.id', 'a.subject', 'a.body', 'a.reached', 'a.createdAt', 'u.displayName as authorName'])
    .where('a.communityId', '=', communityId)
    .orderBy('a.createdAt', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
}

/** The active members of the community (erased accounts aside). */
export async function listActiveMemberIds(db: Db, communityId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('membership as m')
    .innerJoin('account as a', 'a.id', 'm.accountId')
    .select('a.id')
    .where('m.communityId', '=', communityId)
    .where('m.status', '=', 'active')
    .where('a.erasedAt', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

/** Mail deliveries of the announcements `ids`, counted by announcement and status. */
export function countMailDeliveries(db: Db, communityId: string, ids: readonly string[]) {
  return db
    .selectFrom('notificationDelivery as d')
    .innerJoin('notification as n', 'n.id', 'd.notificationId')
    .select((eb) => ['n.subjectId', 'd.status', eb.fn.countAll<number>().as('n')])
    .where('d.communityId', '=', communityId)
    .where('n.communityId', '=', communityId)
    .where('n.subjectType', '=', 'announcement')
    .where('n.subjectId', 'in', ids)
    .where('d.channel', '=', 'mail')
    .groupBy(['n.subjectId', 'd.status'])
    .execute();
}
