/** The notification tables' statements (`service.ts` says when each runs). */
import { sql } from 'kysely';
import type {
  Cadence,
  Db,
  NotificationDeliveryTable,
  NotificationSettingTable,
  NotificationTable,
} from '../db/database.ts';
import { prepared } from '../db/prepared.ts';

/** Rows per multi-row insert: well under either database's limit of bound values. */
const chunk = 400;

function* chunks<T>(list: readonly T[]): Generator<T[]> {
  for (let i = 0; i < list.length; i += chunk) yield list.slice(i, i + chunk);
}

/** A recipient's address, language and quiet hours (an erased account has no address). */
export async function listRecipients(db: Db, accountIds: readonly string[]) {
  const rows = [];
  for (const ids of chunks(accountIds)) {
    rows.push(
      ...(await db
        .selectFrom('account')
        .leftJoin('notificationSetting as s', 's.accountId', 'account.id')
        .select([
          'account.id',
          'account.email',
          'account.locale',
          'account.erasedAt',
          's.timeZone',
          's.quietStart',
          's.quietEnd',
        ])
        .where('account.id', 'in', ids)
        .execute()),
    );
  }
  return rows;
}

/** The choices of `accountIds` for `kind`, by channel. */
export async function listChoices(db: Db, kind: string, accountIds: readonly string[]) {
  const rows = [];
  for (const ids of chunks(accountIds)) {
    rows.push(
      ...(await db
        .selectFrom('notificationPreference')
        .select(['accountId', 'channel', 'cadence'])
        .where('kind', '=', kind)
        .where('accountId', 'in', ids)
        .execute()),
    );
  }
  return rows;
}

/** Inserts notifications, in chunks. */
export async function insertNotifications(db: Db, rows: readonly NotificationTable[]) {
  for (const part of chunks(rows)) await db.insertInto('notification').values(part).execute();
}

/** Inserts deliveries, in chunks. */
export async function insertDeliveries(db: Db, rows: readonly NotificationDeliveryTable[]) {
  for (const part of chunks(rows)) await db.insertInto('notificationDelivery').values(part).execute();
}

/** Where a page of the inbox ends: the last notification shown, by time and then id. */
export interface InboxCursor {
  createdAt: string;
  id: string;
}

/**
 * The member's inbox lines in the community: for each thing, its newest notification; newest
 * first, after `before` when given: by (created_at, id) through `notification_inbox_idx`, so a
 * later page costs what the first does, each row asking `notification_thread_idx` whether a newer
 * one about the same thing exists.
 */
export function listInbox(
  db: Db,
  communityId: string,
  accountId: string,
  limit: number,
  before?: InboxCursor,
) {
  let q = db
    .selectFrom('notification')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('accountId', '=', accountId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('notification as newer')
            .select('newer.id')
            .where('newer.communityId', '=', communityId)
            .where('newer.accountId', '=', accountId)
            .whereRef('newer.subjectType', '=', 'notification.subjectType')
            .whereRef('newer.subjectId', '=', 'notification.subjectId')
            .where(
              sql<boolean>`(${sql.ref('newer.createdAt')}, ${sql.ref('newer.id')}) > (${sql.ref('notification.createdAt')}, ${sql.ref('notification.id')})`,
            ),
        ),
      ),
    );
  if (before)
    q = q.where((eb) => eb(eb.refTuple('createdAt', 'id'), '<', eb.tuple(before.createdAt, before.id)));
  return q.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/**
 * Deletes up to `limit` notifications of every community read before `before` (their deliveries
 * go with them, by the foreign key); returns how many.
 */
export async function pruneRead(db: Db, before: string, limit: number): Promise<number> {
  const old = db
    .selectFrom('notification')
    .select('id')
    .where('communityId', 'is not', null)
    .where('readAt', '<', before)
    // A task still open stays: it is what "needs me" lists.
    .where((eb) => eb.or([eb('task', 'is', null), eb('doneAt', 'is not', null)]))
    .limit(limit);
  const result = await db
    .deleteFrom('notification')
    .where('communityId', 'is not', null)
    .where('id', 'in', old)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Deletes what erased accounts left here, in every community: their notifications (and
 * deliveries), their choices and quiet hours, and their devices with push on. Returns how many
 * rows went.
 */
export async function forgetErased(db: Db): Promise<number> {
  const erased = db.selectFrom('account').select('id').where('erasedAt', 'is not', null);
  // Through their memberships, so each community's inbox index finds the rows.
  const inboxes = db
    .selectFrom('membership as m')
    .innerJoin('account as a', 'a.id', 'm.accountId')
    .select(['m.communityId', 'm.accountId'])
    .where('m.communityId', 'is not', null)
    .where('a.erasedAt', 'is not', null);
  let n = 0;
  for (const q of [
    db
      .deleteFrom('notification')
      .where('communityId', 'is not', null)
      .where(sql<boolean>`(community_id, account_id) in (${inboxes})`),
    db.deleteFrom('notificationPreference').where('accountId', 'in', erased),
    db.deleteFrom('notificationSetting').where('accountId', 'in', erased),
    db.deleteFrom('pushSubscription').where('accountId', 'in', erased),
  ])
    n += Number((await q.executeTakeFirst()).numDeletedRows);
  return n;
}

/** How many notifications the member has about each of `subjectIds`, and how many are unread. */
export function countAbout(db: Db, communityId: string, accountId: string, subjectIds: readonly string[]) {
  if (subjectIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('notification')
    .select((eb) => [
      'subjectType',
      'subjectId',
      eb.fn.countAll<number>().as('total'),
      eb.fn.count<number>('id').filterWhere('readAt', 'is', null).as('unread'),
    ])
    .where('communityId', '=', communityId)
    .where('accountId', '=', accountId)
    .where('subjectId', 'in', subjectIds)
    .groupBy(['subjectType', 'subjectId'])
    .execute();
}

/** How many of the member's notifications in the community are unread. */
export async function countUnread(db: Db, communityId: string, accountId: string): Promise<number> {
  const [row] = await unread(db, { communityId, accountId });
  return Number(row?.n ?? 0);
}

// Compiled once (platform/db/prepared.ts): every page of a member counts it for the menu, and
// building the query cost more than running it.
const unread = prepared<{ communityId: string; accountId: string }, { n: number }>((db, slot) =>
  db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('communityId', '=', slot('communityId'))
    .where('accountId', '=', slot('accountId'))
    .where('readAt', 'is', null),
);

/** One of the member's notifications. */
export function findNotification(db: Db, communityId: string, accountId: string, id: string) {
  return db
    .selectFrom('notification')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('accountId', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Marks the member's unread notifications read (`id`: only that one); returns how many. */
export async function markRead(
  db: Db,
  communityId: string,
  accountId: string,
  now: string,
  which: { id: string } | { upTo: { createdAt: string; id: string } } | 'all',
) {
  let q = db
    .updateTable('notification')
    .set({ readAt: now })
    .where('communityId', '=', communityId)
    .where('accountId', '=', accountId)
    .where('readAt', 'is', null);
  if (which !== 'all' && 'id' in which) q = q.where('id', '=', which.id);
  else if (which !== 'all') {
    const { createdAt, id } = which.upTo;
    q = q.where((eb) =>
      eb.or([eb('createdAt', '<', createdAt), eb.and([eb('createdAt', '=', createdAt), eb('id', '<=', id)])]),
    );
  }
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

/** Marks the member's unread notifications about one thing read; returns how many. */
export async function markReadAbout(
  db: Db,
  communityId: string,
  accountId: string,
  about: { type: string; id: string },
  now: string,
) {
  const result = await db
    .updateTable('notification')
    .set({ readAt: now })
    .where('communityId', '=', communityId)
    .where('accountId', '=', accountId)
    .where('subjectType', '=', about.type)
    .where('subjectId', '=', about.id)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The member's tasks in the community not yet done, newest first (`notification_needs_idx`). */
export function listNeeds(db: Db, communityId: string, accountId: string) {
  return needs(db, { communityId, accountId });
}

/** Tasks "needs me" reads at most: beyond them a member has more to do than a page can say. */
export const needsLimit = 200;

// Compiled once (platform/db/prepared.ts): every page of a member lists it for the menu.
const needs = prepared<{ communityId: string; accountId: string }, NotificationTable>((db, slot) =>
  db
    .selectFrom('notification')
    .selectAll()
    .where('communityId', '=', slot('communityId'))
    .where('accountId', '=', slot('accountId'))
    .where('task', 'is not', null)
    .where('doneAt', 'is', null)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(needsLimit),
);

/**
 * Marks done the open tasks about a thing (`about`; `ids`: several things of one type) in the
 * community — everyone's, or only `accountId`'s, or only `tasks` — and returns whose they were.
 */
export async function markDoneAbout(
  db: Db,
  communityId: string,
  about: { type: string; ids: readonly string[] },
  now: string,
  only: { accountId?: string; tasks?: readonly string[] } = {},
): Promise<string[]> {
  if (about.ids.length === 0) return [];
  let q = db
    .updateTable('notification')
    .set({ doneAt: now })
    .where('communityId', '=', communityId)
    .where('subjectType', '=', about.type)
    .where('subjectId', 'in', about.ids)
    .where('task', 'is not', null)
    .where('doneAt', 'is', null);
  if (only.accountId) q = q.where('accountId', '=', only.accountId);
  if (only.tasks) q = q.where('task', 'in', only.tasks);
  return (await q.returning('accountId').execute()).map((r) => r.accountId);
}

/** Marks done the member's open `tasks`, whatever they are about; returns how many. */
export async function markDoneOf(
  db: Db,
  communityId: string,
  accountId: string,
  tasks: readonly string[],
  now: string,
) {
  const result = await db
    .updateTable('notification')
    .set({ doneAt: now })
    .where('communityId', '=', communityId)
    .where('accountId', '=', accountId)
    .where('task', 'in', tasks)
    .where('doneAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Marks done the member's open tasks about the same thing as their notification `id` (what
 * "needs me" shows as one line), and reads them; returns how many.
 */
export async function markDone(db: Db, communityId: string, accountId: string, id: string, now: string) {
  const found = await findNotification(db, communityId, accountId, id);
  if (!found) return 0;
  const result = await db
    .updateTable('notification')
    .set((eb) => ({ doneAt: now, readAt: eb.fn.coalesce('readAt', eb.val(now)) }))
    .where('communityId', '=', communityId)
    .where('accountId', '=', accountId)
    .where('subjectType', '=', found.subjectType)
    .where('subjectId', '=', found.subjectId)
    .where('task', 'is not', null)
    .where('doneAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Deliveries `ids` still to send, with their notification. */
export function listPending(db: Db, communityId: string, ids: readonly string[]) {
  return db
    .selectFrom('notificationDelivery as d')
    .innerJoin('notification as n', 'n.id', 'd.notificationId')
    .select([
      'd.id',
      'd.accountId',
      'd.channel',
      'd.cadence',
      'd.attempts',
      'd.notificationId',
      'n.kind',
      'n.path',
      'n.subjectType',
      'n.subjectId',
      'n.subjectKey',
      'n.bodyKey',
      'n.params',
      'n.createdAt',
    ])
    .where('d.communityId', '=', communityId)
    .where('n.communityId', '=', communityId)
    .where('d.id', 'in', ids)
    .where('d.status', '=', 'pending')
    .orderBy('n.createdAt')
    .execute();
}

/** Marks deliveries sent. */
export function markSent(db: Db, communityId: string, ids: readonly string[], now: string) {
  return db
    .updateTable('notificationDelivery')
    .set({ status: 'sent', sentAt: now, lastError: null })
    .where('communityId', '=', communityId)
    .where('id', 'in', ids)
    .execute();
}

/** Records a failed attempt; the last allowed one marks the deliveries failed. */
export function markAttempt(
  db: Db,
  communityId: string,
  ids: readonly string[],
  error: string,
  lastAttempt: boolean,
) {
  return db
    .updateTable('notificationDelivery')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      lastError: error,
      status: lastAttempt ? 'failed' : 'pending',
    }))
    .where('communityId', '=', communityId)
    .where('id', 'in', ids)
    .execute();
}

/**
 * Moves waiting digest deliveries that are due (every community) to `pending` and returns them
 * (a process that finds them already moved by another gets none: the update re-checks).
 */
export function takeDueDigests(db: Db, now: string) {
  return db
    .updateTable('notificationDelivery')
    .set({ status: 'pending' })
    .where('communityId', 'is not', null)
    .where('status', '=', 'waiting')
    .where('dueAt', '<=', now)
    .returning(['id', 'communityId', 'accountId', 'channel'])
    .execute();
}

/** Failed deliveries of every community, newest first, for the operator. */
export function listFailed(db: Db, limit: number) {
  return db
    .selectFrom('notificationDelivery as d')
    .innerJoin('notification as n', 'n.id', 'd.notificationId')
    .innerJoin('community as c', 'c.id', 'd.communityId')
    .select([
      'd.id',
      'd.communityId',
      'c.slug',
      'c.name as communityName',
      'd.accountId',
      'd.channel',
      'n.kind',
      'd.attempts',
      'd.lastError',
      'd.dueAt',
    ])
    .where('d.communityId', 'is not', null)
    .where('n.communityId', 'is not', null)
    .where('d.status', '=', 'failed')
    .orderBy('d.dueAt', 'desc')
    .limit(limit)
    .execute();
}

/** Puts failed deliveries (all, or the one `id`) back to pending with fresh attempts; returns them. */
export function retryFailed(db: Db, id?: string) {
  let q = db
    .updateTable('notificationDelivery')
    .set({ status: 'pending', attempts: 0 })
    .where('communityId', 'is not', null)
    .where('status', '=', 'failed');
  if (id) q = q.where('id', '=', id);
  return q.returning(['id', 'communityId', 'accountId']).execute();
}

/** The member's choices (every kind and channel they set). */
export function listPreferences(db: Db, accountId: string) {
  return db
    .selectFrom('notificationPreference')
    .select(['kind', 'channel', 'cadence'])
    .where('accountId', '=', accountId)
    .execute();
}

/** Sets the member's choice for a kind and channel. */
export async function upsertPreference(
  db: Db,
  accountId: string,
  kind: string,
  channel: string,
  cadence: Cadence,
) {
  await db
    .insertInto('notificationPreference')
    .values({ accountId, kind, channel, cadence })
    .onConflict((oc) => oc.columns(['accountId', 'kind', 'channel']).doUpdateSet({ cadence }))
    .execute();
}

/** The member's time zone and quiet hours, if they set any. */
export function findSetting(db: Db, accountId: string) {
  return db
    .selectFrom('notificationSetting')
    .selectAll()
    .where('accountId', '=', accountId)
    .executeTakeFirst();
}

/** Sets the member's time zone and quiet hours. */
export async function upsertSetting(db: Db, row: NotificationSettingTable) {
  const { accountId, ...rest } = row;
  await db
    .insertInto('notificationSetting')
    .values(row)
    .onConflict((oc) => oc.column('accountId').doUpdateSet(rest))
    .execute();
}

/** The recipients' addresses and languages (a batch's, at most `batchSize` of the service). */
export function listContacts(db: Db, accountIds: readonly string[]) {
  return db
    .selectFrom('account')
    .select(['id', 'email', 'locale', 'erasedAt'])
    .where('id', 'in', accountIds)
    .execute();
}

/** Which of `accountIds` have at least one device with push on (migration 0024). */
export async function accountsWithPush(db: Db, accountIds: readonly string[]): Promise<string[]> {
  if (accountIds.length === 0) return [];
  const rows = await db
    .selectFrom('pushSubscription')
    .select('accountId')
    .distinct()
    .where('accountId', 'in', accountIds)
    .execute();
  return rows.map((r) => r.accountId);
}
