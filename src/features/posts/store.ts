/** SQL of the board: posts, thank-yous, urgent opt-ins and notices. Every function takes the community id. */
import { type ExpressionBuilder, type Insertable, sql, type Updateable } from 'kysely';
import type { Database, Db, PostTable, ThankYouTable } from '../../platform/db/database.ts';
import { padded, prepared } from '../../platform/db/prepared.ts';

/** A post with the names of its people. */
export type PostRow = Awaited<ReturnType<typeof findPost>> & {};

function withPeople(db: Db) {
  return db
    .selectFrom('post')
    .innerJoin('account as author', 'author.id', 'post.authorId')
    .innerJoin('account as poster', 'poster.id', 'post.postedBy')
    .leftJoin('account as helper', 'helper.id', 'post.claimedBy')
    .selectAll('post')
    .select([
      'author.displayName as authorName',
      'poster.displayName as postedByName',
      'helper.displayName as claimedByName',
    ]);
}

/** Open or claimed, and not past due at `now`. */
function live(eb: ExpressionBuilder<Database, 'post'>, now: string) {
  return eb.and([eb('post.status', 'in', ['open', 'claimed']), eb('post.openUntil', '>', now)]);
}

/** One post with its people's names, or undefined. */
export function findPost(db: Db, communityId: string, id: string) {
  return withPeople(db)
    .where('post.communityId', '=', communityId)
    .where('post.id', '=', id)
    .executeTakeFirst();
}

/** The posts of `ids` with their people's names, in no order. */
export async function listPostsByIds(db: Db, communityId: string, ids: string[]): Promise<PostRow[]> {
  if (ids.length === 0) return [];
  return postsByIds(db, { communityId, ids: padded(ids) });
}

// Compiled once per database and padded length (platform/db/prepared.ts): search runs it.
const postsByIds = prepared<{ communityId: string; ids: string[] }, PostRow>((db, slot) =>
  withPeople(db).where('post.communityId', '=', slot('communityId')).where('post.id', 'in', slot('ids')),
);

/** What picks a page of live posts (see `listLivePosts`). */
interface LivePostsQuery {
  communityId: string;
  now: string;
  kind?: string;
  category?: string;
  limit: number;
  offset: number;
}

const livePosts = prepared<LivePostsQuery, PostRow>(
  (db, slot, { kind, category }) => {
    let page = db
      .selectFrom('post')
      .select('post.id')
      .where('post.communityId', '=', slot('communityId'))
      .where((eb) => live(eb, slot('now')));
    if (kind) page = page.where('post.kind', '=', slot('kind') as 'offer' | 'request');
    if (category) page = page.where('post.category', '=', slot('category'));
    page = page
      .orderBy('post.urgent', 'desc')
      .orderBy('post.createdAt', 'desc')
      .orderBy('post.id', 'desc')
      .limit(slot('limit'))
      .offset(slot('offset'));
    // Unary plus on urgent: the page's few rows are found by their ids and sorted; ordered by the
    // bare column, SQLite would rather walk every post of the community in the board's index order.
    return withPeople(db)
      .where('post.communityId', '=', slot('communityId'))
      .where('post.id', 'in', page)
      .orderBy(sql`+${sql.ref('post.urgent')}`, 'desc')
      .orderBy('post.createdAt', 'desc')
      .orderBy('post.id', 'desc');
  },
  ({ kind, category }) => `${Boolean(kind)} ${Boolean(category)}`,
);

/**
 * Live posts (open or claimed, not past due), urgent first then newest, filtered; `limit` rows
 * from `offset`. The page's ids are chosen first from an index alone, in the board's order
 * (0026): the walk stops at the page, and only the rows shown are read whole and joined to their
 * people.
 */
export function listLivePosts(
  db: Db,
  communityId: string,
  now: string,
  filters: { kind?: string; category?: string },
  limit: number,
  offset: number,
) {
  const { kind, category } = filters;
  return livePosts(db, {
    communityId,
    now,
    kind: kind || undefined,
    category: category || undefined,
    limit,
    offset,
  });
}

/** Inserts a post. */
export function insertPost(db: Db, values: Insertable<PostTable>) {
  return db.insertInto('post').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Updates a post; returns how many rows changed (0 when `expected` statuses did not match). */
export async function updatePost(
  db: Db,
  communityId: string,
  id: string,
  values: Omit<Updateable<PostTable>, 'id' | 'communityId'>,
  expected?: { statuses: PostTable['status'][]; now: string },
): Promise<number> {
  let q = db.updateTable('post').set(values).where('communityId', '=', communityId).where('id', '=', id);
  // Re-checking the status in the statement makes two simultaneous claims impossible.
  if (expected) q = q.where('status', 'in', expected.statuses).where('openUntil', '>', expected.now);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** How many urgent posts `accountId` wrote since `since`. */
export async function countUrgentPostsBy(db: Db, communityId: string, accountId: string, since: string) {
  const { n } = await db
    .selectFrom('post')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('communityId', '=', communityId)
    .where('postedBy', '=', accountId)
    .where('urgent', '=', 1)
    .where('createdAt', '>', since)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** The oldest urgent post of `accountId` since `since` (when the limit frees up again). */
export function firstUrgentPostSince(db: Db, communityId: string, accountId: string, since: string) {
  return db
    .selectFrom('post')
    .select('createdAt')
    .where('communityId', '=', communityId)
    .where('postedBy', '=', accountId)
    .where('urgent', '=', 1)
    .where('createdAt', '>', since)
    .orderBy('createdAt')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Marks at most `limit` open or claimed posts past due at `now` as expired, in every community at
 * once (found through `post_status_open_until_idx`); returns them.
 */
export function expireDuePosts(db: Db, now: string, limit: number) {
  // Every community: the scope is named, as the tenant guard asks of each query.
  const due = db
    .selectFrom('post')
    .select('id')
    .where('communityId', 'is not', null)
    .where('status', 'in', ['open', 'claimed'])
    .where('openUntil', '<=', now)
    .limit(limit);
  return (
    db
      .updateTable('post')
      .set({ status: 'expired', closedAt: now, updatedAt: now })
      .where('communityId', 'is not', null)
      .where('id', 'in', due)
      // Again: on PostgreSQL another process may have closed the post since it was chosen.
      .where('status', 'in', ['open', 'claimed'])
      .returning(['communityId', 'id'])
      .execute()
  );
}

/** An active member of the community, with name and location; undefined for anyone else. */
export function findActiveMember(db: Db, communityId: string, accountId: string) {
  return db
    .selectFrom('membership as m')
    .innerJoin('account as a', 'a.id', 'm.accountId')
    .select(['a.id', 'a.displayName', 'a.email', 'a.locale', 'a.locationLat', 'a.locationLng'])
    .where('m.communityId', '=', communityId)
    .where('m.accountId', '=', accountId)
    .where('m.status', '=', 'active')
    .executeTakeFirst();
}

/** Active members by name (for "posting for a neighbor" and "whom to thank"). */
export function listActiveMembers(db: Db, communityId: string) {
  return db
    .selectFrom('membership as m')
    .innerJoin('account as a', 'a.id', 'm.accountId')
    .select(['a.id', 'a.displayName'])
    .where('m.communityId', '=', communityId)
    .where('m.status', '=', 'active')
    .where('a.erasedAt', 'is', null)
    .orderBy('a.displayName')
    .execute();
}

/** An account's approximate location, when it has one. */
export function findAccountLocation(db: Db, accountId: string) {
  return db
    .selectFrom('account')
    .select(['locationLat', 'locationLng'])
    .where('id', '=', accountId)
    .executeTakeFirst();
}

/** Inserts a thank-you. */
export function insertThankYou(db: Db, values: Insertable<ThankYouTable>) {
  return db.insertInto('thankYou').values(values).execute();
}

/** The thank-you of a post, or undefined. */
export function findThankYouOfPost(db: Db, communityId: string, postId: string) {
  return db
    .selectFrom('thankYou as ty')
    .leftJoin('account as helper', 'helper.id', 'ty.helperId')
    .select(['ty.id', 'ty.body', 'ty.helperId', 'helper.displayName as helperName', 'ty.createdAt'])
    .where('ty.communityId', '=', communityId)
    .where('ty.postId', '=', postId)
    .executeTakeFirst();
}

/** The gratitude wall: thank-yous, newest first. */
export function listThankYous(db: Db, communityId: string, limit: number, offset: number) {
  return db
    .selectFrom('thankYou as ty')
    .innerJoin('post', (j) =>
      j.onRef('post.id', '=', 'ty.postId').onRef('post.communityId', '=', 'ty.communityId'),
    )
    .innerJoin('account as author', 'author.id', 'ty.authorId')
    .leftJoin('account as helper', 'helper.id', 'ty.helperId')
    .select([
      'ty.id',
      'ty.postId',
      'post.title as postTitle',
      'ty.authorId',
      'author.displayName as authorName',
      'ty.helperId',
      'helper.displayName as helperName',
      'ty.body',
      'ty.createdAt',
    ])
    .where('ty.communityId', '=', communityId)
    .orderBy('ty.createdAt', 'desc')
    .orderBy('ty.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** Whether `accountId` opted in to urgent requests. */
export async function isSubscribed(db: Db, communityId: string, accountId: string): Promise<boolean> {
  return (await subscription(db, { communityId, accountId })).length > 0;
}

const subscription = prepared<{ communityId: string; accountId: string }, { accountId: string }>((db, slot) =>
  db
    .selectFrom('urgentSubscription')
    .select('accountId')
    .where('communityId', '=', slot('communityId'))
    .where('accountId', '=', slot('accountId')),
);

/** Opts in (again) to urgent requests. */
export async function insertSubscription(db: Db, communityId: string, accountId: string, now: string) {
  await db
    .insertInto('urgentSubscription')
    .values({ communityId, accountId, createdAt: now })
    .onConflict((oc) => oc.columns(['communityId', 'accountId']).doNothing())
    .execute();
}

/** Opts out of urgent requests. */
export async function deleteSubscription(db: Db, communityId: string, accountId: string) {
  await db
    .deleteFrom('urgentSubscription')
    .where('communityId', '=', communityId)
    .where('accountId', '=', accountId)
    .execute();
}

/**
 * Who may hear about an urgent post now: opted-in active members with an address, other than
 * `exclude` and anyone already told about this post, with how many urgent notices each got
 * since `since` (the daily cap) and their location, oldest opt-in first.
 */
export function listUrgentCandidates(
  db: Db,
  communityId: string,
  postId: string,
  exclude: string[],
  since: string,
) {
  return db
    .selectFrom('urgentSubscription as s')
    .innerJoin('membership as m', (j) =>
      j.onRef('m.accountId', '=', 's.accountId').onRef('m.communityId', '=', 's.communityId'),
    )
    .innerJoin('account as a', 'a.id', 's.accountId')
    .select((eb) => [
      'a.id',
      'a.email',
      'a.locale',
      'a.locationLat',
      'a.locationLng',
      eb
        .selectFrom('urgentNotice as n')
        .select((e) => e.fn.countAll().as('c'))
        .where('n.communityId', '=', communityId)
        .whereRef('n.accountId', '=', 's.accountId')
        .where('n.sentAt', '>', since)
        .as('recent'),
    ])
    .where('s.communityId', '=', communityId)
    .where('m.status', '=', 'active')
    .where('a.email', 'is not', null)
    .where('a.erasedAt', 'is', null)
    .where('s.accountId', 'not in', exclude)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('urgentNotice as n2')
            .select('n2.id')
            .where('n2.communityId', '=', communityId)
            .where('n2.postId', '=', postId)
            .whereRef('n2.accountId', '=', 's.accountId'),
        ),
      ),
    )
    .orderBy('s.createdAt')
    .execute();
}

/** Records the urgent notices of a wave, a few hundred rows per statement (6 values a row). */
export async function insertUrgentNotices(
  db: Db,
  rows: readonly {
    id: string;
    communityId: string;
    postId: string;
    accountId: string;
    wave: number;
    sentAt: string;
  }[],
) {
  for (let i = 0; i < rows.length; i += 400)
    await db
      .insertInto('urgentNotice')
      .values(rows.slice(i, i + 400))
      .execute();
}

/** Posts by or for `accountId`, newest first (at most `limit`). */
export function listPostsOf(db: Db, communityId: string, accountId: string, limit: number) {
  return withPeople(db)
    .where('post.communityId', '=', communityId)
    .where((eb) => eb.or([eb('post.authorId', '=', accountId), eb('post.postedBy', '=', accountId)]))
    .orderBy('post.createdAt', 'desc')
    .limit(limit)
    .execute();
}
