import { requireMember } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { addSeconds, iso } from '../../platform/db/time.ts';
import { authorize, Conflict, type FieldError, Invalid } from '../../platform/errors.ts';
import { tellMembers } from '../../platform/events/live.ts';
import { notify, resolve } from '../../platform/notify/service.ts';
import * as conversations from '../conversations/service.ts';
import { distanceKm, pointOf, roundCoordinate } from './place.ts';
import { can } from './policy.ts';
import { type BoardFilters, limits, type PostChanges, type PostInput } from './schema.ts';
import { indexPost, unindexPost } from './searchable.ts';
import * as store from './store.ts';
import { checkUrgentAllowance, enqueueUrgentWaves } from './urgent.ts';
import { assertLive, factsOf, loadPost, type Person, type PostView, postView, statusAt } from './view.ts';

export { fulfillPost, listThanks, thankForPost, type WallEntry } from './gratitude.ts';
export { can } from './policy.ts';
export {
  isUrgentSubscribed,
  postKinds,
  registerPostJobs,
  scheduleExpiry,
  setUrgentSubscription,
} from './urgent.ts';

/** Names posts on conversation pages (the conversations feature knows nothing of posts). */
export function describePostsInConversations(): void {
  conversations.registerSubject('post', async (services, community, subjectId) => {
    const post = await store.findPost(services.db, community.id, subjectId);
    return post ? { title: post.title, path: `/c/${community.slug}/posts/${post.id}` } : undefined;
  });
}
export type { Person, PostView } from './view.ts';
export { statusAt } from './view.ts';

const day = 86400;

/** One page of the board. */
export interface BoardPage {
  posts: PostView[];
  page: number;
  hasMore: boolean;
  /** Whether the viewer has a location, so "nearest first" can work. */
  nearestAvailable: boolean;
  sort: 'newest' | 'nearest';
}

/**
 * Live posts (open or claimed, not past due) with the filters, newest first, or nearest first
 * when the viewer's profile has a location (distances computed here over at most 500 live
 * posts: haversine in portable SQL is awkward, and a neighborhood board is small).
 */
export async function listBoard(ctx: Ctx, filters: BoardFilters): Promise<BoardPage> {
  const { communityId } = requireMember(ctx);
  const now = iso(ctx.clock.now());
  const page = filters.page ?? 1;
  const size = limits.pageSize;
  // The location as read with the request: the profile is the actor's own.
  const from = pointOf(ctx.account?.locationLat, ctx.account?.locationLng);
  const distanceTo = (row: store.PostRow) => {
    const to = pointOf(row.placeLat, row.placeLng);
    return from && to ? distanceKm(from.lat, from.lng, to.lat, to.lng) : null;
  };
  if (filters.sort === 'nearest' && from) {
    const rows = await store.listLivePosts(ctx.db, communityId, now, filters, 500, 0);
    const sorted = rows
      .map((row) => ({ row, d: distanceTo(row) }))
      .sort((a, b) => (a.d ?? Number.POSITIVE_INFINITY) - (b.d ?? Number.POSITIVE_INFINITY));
    return {
      posts: sorted
        .slice((page - 1) * size, page * size)
        .map(({ row, d }) => postView(row, ctx.actor, now, d)),
      page,
      hasMore: sorted.length > page * size,
      nearestAvailable: true,
      sort: 'nearest',
    };
  }
  const rows = await store.listLivePosts(ctx.db, communityId, now, filters, size + 1, (page - 1) * size);
  return {
    posts: rows.slice(0, size).map((row) => postView(row, ctx.actor, now, distanceTo(row))),
    page,
    hasMore: rows.length > size,
    nearestAvailable: Boolean(from),
    sort: 'newest',
  };
}

/**
 * The newest `limit` thank-yous left on fulfilled posts of `communityId`, newest first (`createdAt`,
 * the post's title): for summaries that count them (the newsletter's thanks).
 */
export function listPostThanks(db: Db, communityId: string, limit: number) {
  return store.listThankYous(db, communityId, limit, 0);
}

/** A thank-you as the post page shows it. */
export interface ThankYouView {
  id: string;
  body: string;
  helper: Person | null;
  createdAt: string;
}

/** A post with what its page shows: its thank-you and the conversations the viewer may read. */
export interface PostDetails {
  post: PostView;
  thankYou: ThankYouView | null;
  conversations: conversations.ConversationSummary[];
}

/** One post. Throws `NotFound('posts.not_found')`, also for another community's post. */
export async function getPost(ctx: Ctx, postId: string): Promise<PostDetails> {
  const { communityId } = requireMember(ctx);
  const row = await loadPost(ctx.db, communityId, postId);
  const now = iso(ctx.clock.now());
  const from = pointOf(ctx.account?.locationLat, ctx.account?.locationLng);
  const to = pointOf(row.placeLat, row.placeLng);
  const thanks = await store.findThankYouOfPost(ctx.db, communityId, postId);
  return {
    post: postView(row, ctx.actor, now, from && to ? distanceKm(from.lat, from.lng, to.lat, to.lng) : null),
    thankYou: thanks
      ? {
          id: thanks.id,
          body: thanks.body,
          helper: thanks.helperId ? { id: thanks.helperId, displayName: thanks.helperName ?? '' } : null,
          createdAt: thanks.createdAt,
        }
      : null,
    conversations: await conversations.listConversationsOfSubject(ctx, 'post', postId),
  };
}

/** The posts among `postIds` as `actor` sees them, in the order of `postIds` (search results). */
export async function postsByIds(ctx: Ctx, postIds: string[]): Promise<PostView[]> {
  const { communityId } = requireMember(ctx);
  if (postIds.length === 0) return [];
  const now = iso(ctx.clock.now());
  const rows = await store.listPostsByIds(ctx.db, communityId, postIds);
  return postIds.flatMap((id) => {
    const row = rows.find((r) => r.id === id);
    return row ? [postView(row, ctx.actor, now)] : [];
  });
}

/** Active members, by name, for "post for a neighbor" and "whom to thank". */
export async function listMembers(ctx: Ctx): Promise<Person[]> {
  const { communityId } = requireMember(ctx);
  return store.listActiveMembers(ctx.db, communityId);
}

/** Field errors of dates and places that a schema cannot judge. */
function checkPostFields(
  now: Date,
  input: { openUntil: string; whenAt?: string | null; placeLat?: number | null; placeLng?: number | null },
  whenChanged: boolean,
): FieldError[] {
  const errors: FieldError[] = [];
  const nowIso = iso(now);
  if (input.openUntil <= nowIso) errors.push({ field: 'openUntil', code: 'posts.open_until_past' });
  else if (input.openUntil > iso(addSeconds(now, limits.maxOpenDays * day)))
    errors.push({
      field: 'openUntil',
      code: 'posts.open_until_too_far',
      params: { days: limits.maxOpenDays },
    });
  if (input.whenAt && whenChanged && input.whenAt < nowIso)
    errors.push({ field: 'whenAt', code: 'posts.when_past' });
  else if (input.whenAt && input.whenAt > input.openUntil)
    errors.push({ field: 'whenAt', code: 'posts.when_after_open_until' });
  if (((input.placeLat ?? null) === null) !== ((input.placeLng ?? null) === null))
    errors.push({ field: 'placeLat', code: 'posts.place_needs_both' });
  return errors;
}

const normalizeInstant = (value: string | null | undefined) => (value ? iso(new Date(value)) : value);
const rounded = (value: number | null | undefined) =>
  value === null || value === undefined ? value : roundCoordinate(value);

/**
 * Posts an offer or a request, for the actor or, with `forAccountId`, on behalf of another
 * active member (recorded as posted by the actor for them). Urgent requests are limited per
 * member and tell opted-in members (see urgent.ts). With `useProfileLocation`, the place is
 * the approximate location on the profile of the person it is for.
 * Throws `Invalid` (dates out of order, urgent offer, unknown neighbor),
 * `TooManyRequests('posts.urgent_limit')`. Returns the new post's id.
 */
export async function createPost(
  ctx: Ctx,
  input: PostInput & { useProfileLocation?: boolean },
): Promise<string> {
  const { accountId, communityId, community } = requireMember(ctx);
  const now = ctx.clock.now();
  const openUntil = normalizeInstant(input.openUntil) ?? iso(addSeconds(now, limits.defaultOpenDays * day));
  const whenAt = normalizeInstant(input.whenAt) ?? null;
  const errors = checkPostFields(now, { ...input, openUntil, whenAt }, true);
  if (input.urgent && input.kind !== 'request')
    errors.push({ field: 'urgent', code: 'posts.urgent_only_requests' });
  return ctx.db.transaction().execute(async (tx) => {
    const authorId = input.forAccountId ?? accountId;
    const author = await store.findActiveMember(tx, communityId, authorId);
    if (!author) errors.push({ field: 'forAccountId', code: 'posts.for_not_member' });
    if (errors.length) throw new Invalid(errors);
    authorize(can.createPost(ctx.actor), 'errors.members_only');
    if (input.urgent) await checkUrgentAllowance(tx, ctx, communityId, accountId);
    const fromProfile = input.useProfileLocation
      ? pointOf(author?.locationLat, author?.locationLng)
      : undefined;
    const stamp = iso(now);
    const { id } = await store.insertPost(tx, {
      id: newId(),
      communityId,
      kind: input.kind,
      title: input.title,
      details: input.details ?? '',
      category: input.category,
      place: input.place ?? null,
      placeLat: rounded(fromProfile?.lat ?? input.placeLat) ?? null,
      placeLng: rounded(fromProfile?.lng ?? input.placeLng) ?? null,
      whenAt,
      whenText: input.whenText ?? null,
      openUntil,
      urgent: input.urgent ? 1 : 0,
      status: 'open',
      authorId,
      postedBy: accountId,
      claimedBy: null,
      claimedAt: null,
      fulfilledAt: null,
      closedAt: null,
      createdAt: stamp,
      updatedAt: stamp,
    });
    await indexPost(tx, community, id);
    if (input.urgent) await enqueueUrgentWaves(tx, ctx, communityId, id);
    return id;
  });
}

/**
 * Edits a live post (its people or a steward). Absent fields stay; `null` clears.
 * Throws `NotFound`, `Forbidden('posts.only_author_edits')`, `Conflict('posts.not_open')`, `Invalid`.
 */
export async function updatePost(
  ctx: Ctx,
  postId: string,
  changes: PostChanges & { useProfileLocation?: boolean },
): Promise<void> {
  const { communityId, community } = requireMember(ctx);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const post = await loadPost(tx, communityId, postId);
    authorize(can.editPost(ctx.actor, factsOf(post)), 'posts.only_author_edits');
    assertLive(statusAt(post, iso(now)));
    const merged = {
      openUntil: normalizeInstant(changes.openUntil) ?? post.openUntil,
      whenAt: changes.whenAt === undefined ? post.whenAt : normalizeInstant(changes.whenAt),
      placeLat: changes.placeLat === undefined ? post.placeLat : changes.placeLat,
      placeLng: changes.placeLng === undefined ? post.placeLng : changes.placeLng,
    };
    if (changes.useProfileLocation) {
      const author = await store.findActiveMember(tx, communityId, post.authorId);
      const point = pointOf(author?.locationLat, author?.locationLng);
      merged.placeLat = point?.lat ?? null;
      merged.placeLng = point?.lng ?? null;
    }
    const errors = checkPostFields(now, merged, merged.whenAt !== post.whenAt);
    if (errors.length) throw new Invalid(errors);
    // Only the editable fields, named one by one: a body's other keys never reach the row.
    const { title, details, category, place, whenText } = changes;
    const plain = { title, details, category, place, whenText };
    for (const key of Object.keys(plain) as (keyof typeof plain)[])
      if (plain[key] === undefined) delete plain[key];
    await store.updatePost(tx, communityId, postId, {
      ...plain,
      ...merged,
      placeLat: rounded(merged.placeLat) ?? null,
      placeLng: rounded(merged.placeLng) ?? null,
      whenAt: merged.whenAt ?? null,
      updatedAt: iso(now),
    });
    await indexPost(tx, community, postId);
  });
}

/** Closes a live post (its people or a steward). Throws like `updatePost`. */
export async function closePost(ctx: Ctx, postId: string): Promise<void> {
  const { communityId } = requireMember(ctx);
  const now = iso(ctx.clock.now());
  await ctx.db.transaction().execute(async (tx) => {
    const post = await loadPost(tx, communityId, postId);
    authorize(can.closePost(ctx.actor, factsOf(post)), 'posts.only_author_closes');
    assertLive(statusAt(post, now));
    await store.updatePost(tx, communityId, postId, { status: 'closed', closedAt: now, updatedAt: now });
    await resolve(ctx, tx, communityId, { type: 'post', id: postId });
    await unindexPost(tx, communityId, postId);
  });
}

/**
 * The actor offers to help with an open request: one claim at a time, so others do not pile on.
 * Opens the conversation between the helper and the post's people, and mails them (a job).
 * Throws `Forbidden` (own post, or an offer), `Conflict('posts.already_claimed')` naming the
 * helper, `Conflict('posts.not_open')`.
 */
export async function claimPost(ctx: Ctx, postId: string): Promise<void> {
  const { accountId, communityId } = requireMember(ctx);
  const now = iso(ctx.clock.now());
  await ctx.db.transaction().execute(async (tx) => {
    const post = await loadPost(tx, communityId, postId);
    const facts = factsOf(post);
    authorize(!can.manage(ctx.actor, facts), 'posts.cannot_claim_own');
    authorize(can.claimPost(ctx.actor, facts), 'posts.only_requests_claimed');
    const status = statusAt(post, now);
    if (status === 'claimed') throw new Conflict('posts.already_claimed', { name: post.claimedByName });
    assertLive(status);
    const changed = await store.updatePost(
      tx,
      communityId,
      postId,
      { status: 'claimed', claimedBy: accountId, claimedAt: now, updatedAt: now },
      { statuses: ['open'], now },
    );
    if (changed === 0) throw new Conflict('posts.already_claimed', { name: '' });
    // The helper and the post's people need a way to talk: the conversation is there at once.
    await conversations.openConversation(
      ctx,
      { subjectType: 'post', subjectId: postId, participantIds: [post.authorId, post.postedBy, accountId] },
      tx,
    );
    await ctx.jobs.enqueue(tx, 'posts.claimed', { communityId, postId, helperId: accountId });
    await tellMembers(ctx, tx, communityId, [post.authorId, post.postedBy]);
    // The helper's own to-do until the post is done or the claim ends: they know, so no mail.
    await notify(ctx, tx, {
      kind: 'posts.claimed',
      community: requireMember(ctx).community,
      to: [accountId],
      actor: accountId,
      about: { type: 'post', id: postId, title: post.title },
      path: `/posts/${postId}`,
      text: { subject: 'posts.mail.helping_subject', body: 'posts.mail.helping_body' },
      params: { name: post.authorName, title: post.title },
    });
  });
}

/**
 * Ends the claim (the helper, the post's people, or a steward): the request is open again.
 * Throws `Forbidden('posts.not_your_claim')`, `Conflict('posts.not_claimed')`.
 */
export async function releaseClaim(ctx: Ctx, postId: string): Promise<void> {
  const { communityId } = requireMember(ctx);
  const now = iso(ctx.clock.now());
  await ctx.db.transaction().execute(async (tx) => {
    const post = await loadPost(tx, communityId, postId);
    authorize(can.releaseClaim(ctx.actor, factsOf(post)), 'posts.not_your_claim');
    if (statusAt(post, now) !== 'claimed') throw new Conflict('posts.not_claimed');
    await store.updatePost(
      tx,
      communityId,
      postId,
      { status: 'open', claimedBy: null, claimedAt: null, updatedAt: now },
      { statuses: ['claimed'], now },
    );
    await resolve(ctx, tx, communityId, { type: 'post', id: postId });
  });
}

/**
 * Answers a live post: opens (or reuses) the conversation between the post's people and the
 * actor, and writes the first message (mailed to them). Claimed requests still take messages.
 * Throws `Forbidden('posts.cannot_respond_own')`, `Conflict('posts.not_open')`. Returns the
 * conversation id.
 */
export async function respondToPost(ctx: Ctx, postId: string, message: string): Promise<string> {
  const { accountId, communityId } = requireMember(ctx);
  const now = iso(ctx.clock.now());
  return ctx.db.transaction().execute(async (tx) => {
    const post = await loadPost(tx, communityId, postId);
    authorize(can.respond(ctx.actor, factsOf(post)), 'posts.cannot_respond_own');
    assertLive(statusAt(post, now));
    const conversationId = await conversations.openConversation(
      ctx,
      { subjectType: 'post', subjectId: postId, participantIds: [post.authorId, post.postedBy, accountId] },
      tx,
    );
    await conversations.postMessage(ctx, conversationId, { body: message }, tx);
    return conversationId;
  });
}
