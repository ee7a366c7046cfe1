/** Shared steps of the board's services: loading a post, and its view. */
import type { Actor } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { Conflict, NotFound } from '../../platform/errors.ts';
import { can, type PostFacts } from './policy.ts';
import type { Category, PostOut, Status } from './schema.ts';
import * as store from './store.ts';

/** A person as the board shows them. */
export interface Person {
  id: string;
  displayName: string;
}

/** A post as pages and the API show it; `status` reads past-due open posts as expired. (the API's `PostOut`). */
export type PostView = Static<typeof PostOut>;

/**
 * Where a post stands at `now`: an open or claimed post past its "open until" is expired even
 * before the expiry job has run, so nothing depends on the job's timing.
 */
import type { Static } from 'typebox';
export function statusAt(post: { status: Status; openUntil: string }, now: string): Status {
  return (post.status === 'open' || post.status === 'claimed') && post.openUntil <= now
    ? 'expired'
    : post.status;
}

/** The facts the policy needs, from a row or a view. */
export function factsOf(post: store.PostRow | PostView): PostFacts {
  if ('author' in post) {
    return {
      kind: post.kind,
      authorId: post.author.id,
      postedBy: post.postedBy.id,
      claimedBy: post.claimedBy?.id ?? null,
    };
  }
  return { kind: post.kind, authorId: post.authorId, postedBy: post.postedBy, claimedBy: post.claimedBy };
}

/** The view of `row` for `actor` at `now`; exact coordinates only for the post's own people. */
export function postView(
  row: store.PostRow,
  actor: Actor,
  now: string,
  distanceKm: number | null = null,
): PostView {
  const own = can.manage(actor, factsOf(row));
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    details: row.details,
    category: row.category as Category,
    place: row.place,
    placeLat: own ? row.placeLat : null,
    placeLng: own ? row.placeLng : null,
    distanceKm: distanceKm === null ? null : Math.round(distanceKm * 10) / 10,
    whenAt: row.whenAt,
    whenText: row.whenText,
    openUntil: row.openUntil,
    urgent: row.urgent === 1,
    status: statusAt(row, now),
    author: { id: row.authorId, displayName: row.authorName },
    postedBy: { id: row.postedBy, displayName: row.postedByName },
    claimedBy: row.claimedBy ? { id: row.claimedBy, displayName: row.claimedByName ?? '' } : null,
    createdAt: row.createdAt,
    fulfilledAt: row.fulfilledAt,
    closedAt: row.closedAt,
  };
}

/** The post, or `NotFound('posts.not_found')` (also for another community's). */
export async function loadPost(db: Db, communityId: string, postId: string): Promise<store.PostRow> {
  const post = await store.findPost(db, communityId, postId);
  if (!post) throw new NotFound('posts.not_found');
  return post;
}

/** Refuses a change unless the post is still open or claimed: `Conflict('posts.not_open')`. */
export function assertLive(status: Status): void {
  if (status !== 'open' && status !== 'claimed') throw new Conflict('posts.not_open', { status });
}
