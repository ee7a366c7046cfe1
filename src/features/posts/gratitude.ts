/**
 * The end of a post's story: its people mark it fulfilled and may leave a thank-you, naming the
 * helper, that the community sees on its gratitude wall (PRODUCT.md: nothing is tallied).
 */

import type { Static } from 'typebox';
import { requireMember } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { iso } from '../../platform/db/time.ts';
import { authorize, Conflict, Invalid } from '../../platform/errors.ts';
import { listLoanThanks } from '../library/service.ts';
import { can } from './policy.ts';
import { type FulfillInput, limits, type ThankYouOut } from './schema.ts';
import { unindexPost } from './searchable.ts';
import * as store from './store.ts';
import { assertLive, factsOf, loadPost, statusAt } from './view.ts';

async function insertThanks(
  tx: Db,
  post: store.PostRow,
  input: { thanks: string; helperId?: string },
  now: string,
): Promise<void> {
  if (input.helperId) {
    const helper = await store.findActiveMember(tx, post.communityId, input.helperId);
    if (!helper || input.helperId === post.authorId)
      throw new Invalid([{ field: 'helperId', code: 'posts.helper_not_member' }]);
  }
  await store.insertThankYou(tx, {
    id: newId(),
    communityId: post.communityId,
    postId: post.id,
    // The thanks come from the neighbor the post was for, also when a helper typed them in.
    authorId: post.authorId,
    helperId: input.helperId ?? null,
    body: input.thanks,
    createdAt: now,
  });
}

/**
 * Marks a live post fulfilled (its people only), with an optional thank-you for the wall,
 * optionally naming the helper. Throws `Forbidden('posts.only_author_fulfills')`,
 * `Conflict('posts.not_open')`, `Invalid('helperId')`.
 */
export async function fulfillPost(ctx: Ctx, postId: string, input: FulfillInput): Promise<void> {
  const { communityId } = requireMember(ctx);
  const now = iso(ctx.clock.now());
  await ctx.db.transaction().execute(async (tx) => {
    const post = await loadPost(tx, communityId, postId);
    authorize(can.fulfillPost(ctx.actor, factsOf(post)), 'posts.only_author_fulfills');
    assertLive(statusAt(post, now));
    const changed = await store.updatePost(
      tx,
      communityId,
      postId,
      { status: 'fulfilled', fulfilledAt: now, updatedAt: now },
      { statuses: ['open', 'claimed'], now },
    );
    if (changed === 0) throw new Conflict('posts.not_open', { status: post.status });
    await unindexPost(tx, communityId, postId);
    if (input.thanks) await insertThanks(tx, post, { thanks: input.thanks, helperId: input.helperId }, now);
  });
}

/**
 * Leaves the thank-you of a fulfilled post later. Throws `Forbidden('posts.only_author_thanks')`,
 * `Conflict('posts.not_fulfilled' | 'posts.already_thanked')`.
 */
export async function thankForPost(ctx: Ctx, postId: string, input: { thanks: string; helperId?: string }) {
  const { communityId } = requireMember(ctx);
  const now = iso(ctx.clock.now());
  await ctx.db.transaction().execute(async (tx) => {
    const post = await loadPost(tx, communityId, postId);
    authorize(can.thank(ctx.actor, factsOf(post)), 'posts.only_author_thanks');
    if (post.status !== 'fulfilled') throw new Conflict('posts.not_fulfilled');
    if (await store.findThankYouOfPost(tx, communityId, postId)) throw new Conflict('posts.already_thanked');
    await insertThanks(tx, post, input, now);
  });
}

/** A thank-you on the gratitude wall. */
export type WallEntry = Static<typeof ThankYouOut>;

/**
 * The latest `limit` thank-yous of the community, newest first: the board's and the lending
 * library's (a borrower's thanks, to the lender), merged by time. The one reading of thanks that
 * the gratitude wall and the front porch share. Each list gives at most `limit` rows.
 */
export async function latestThanks(ctx: Ctx, limit: number): Promise<WallEntry[]> {
  const { communityId } = requireMember(ctx);
  const [posts, loans] = await Promise.all([
    store.listThankYous(ctx.db, communityId, limit, 0),
    listLoanThanks(ctx.db, communityId, limit),
  ]);
  const person = (id: string | null, name: string | null) => (id ? { id, displayName: name ?? '' } : null);
  const all: WallEntry[] = [
    ...posts.map((r) => ({
      id: r.id,
      postId: r.postId,
      itemId: null,
      postTitle: r.postTitle,
      author: { id: r.authorId, displayName: r.authorName },
      helper: person(r.helperId, r.helperName),
      body: r.body,
      createdAt: r.createdAt,
    })),
    ...loans.map((r) => ({
      id: r.id,
      postId: null,
      itemId: r.itemId,
      postTitle: r.itemName,
      author: { id: r.authorId, displayName: r.authorName },
      helper: person(r.helperId, r.helperName),
      body: r.body,
      createdAt: r.createdAt,
    })),
  ].sort((a, b) =>
    a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : b.createdAt.localeCompare(a.createdAt),
  );
  return all.slice(0, limit);
}

/**
 * The gratitude wall, newest first, `limits.pageSize` per page (`latestThanks` up to the end of
 * the page, so a page costs its number times its size in rows: the wall is read a page or two
 * deep). Members only.
 */
export async function listThanks(ctx: Ctx, page = 1): Promise<{ entries: WallEntry[]; hasMore: boolean }> {
  const size = limits.pageSize;
  const all = await latestThanks(ctx, page * size + 1);
  const from = (page - 1) * size;
  return { hasMore: all.length > from + size, entries: all.slice(from, from + size) };
}
