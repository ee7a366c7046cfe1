/**
 * Urgent requests and the board's background jobs.
 *
 * An urgent request tells members who opted in (their inbox, and mail or push by their
 * preferences, `platform/notify`): first the `firstWave` nearest (when
 * locations are known), then, `widenAfterSeconds` later and only if nobody has claimed or
 * answered it, everyone else who opted in. So that "urgent" cannot become spam, a member may
 * post at most `urgentPostsPerDay` urgent requests a day, and nobody receives more than
 * `noticesPerDay` urgent notices a day (each one is recorded). The author is never told.
 *
 * `posts.expire` closes posts past their "open until" every `expireEverySeconds`; reads already
 * treat them as expired, so the job only tidies the stored status.
 */
import { requireMember } from '../../platform/access.ts';
import { type Ctx, findCommunityContext, type Services } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { addSeconds, iso } from '../../platform/db/time.ts';
import { TooManyRequests } from '../../platform/errors.ts';
import { inBatches, registerRecurringJob, startRecurringJob } from '../../platform/jobs/recurring.ts';
import { type NotificationKind, personal } from '../../platform/notify/kinds.ts';
import { notify, resolve } from '../../platform/notify/service.ts';
import * as conversations from '../conversations/service.ts';
import { distanceKm, pointOf } from './place.ts';
import { unindexPosts } from './searchable.ts';
import * as store from './store.ts';
import { statusAt } from './view.ts';

/** The board's kinds of notification: urgent requests nearby, a claim on my post. */
export const postKinds: NotificationKind[] = [
  { name: 'posts.urgent', defaults: personal, chat: true },
  {
    name: 'posts.claimed',
    defaults: personal,
    // Settled when the post is closed, the claim ends or the post expires.
    asks: { 'posts.mail.claimed_subject': 'posts.claimed', 'posts.mail.helping_subject': 'posts.helping' },
  },
];

/** Urgent requests one member may post per 24 hours. */
export const urgentPostsPerDay = 2;
/** Urgent notices one member may receive per 24 hours. */
export const noticesPerDay = 5;
/** How many of the nearest opted-in members hear first. */
export const firstWave = 5;
/** When the circle widens to everyone opted in, if nobody answered. */
export const widenAfterSeconds = 10 * 60;
/** How often the expiry job runs. */
export const expireEverySeconds = 10 * 60;

const day = 86400;

/** Throws `TooManyRequests('posts.urgent_limit')` when the actor used up today's urgent requests. */
export async function checkUrgentAllowance(
  tx: Db,
  ctx: Ctx,
  communityId: string,
  accountId: string,
): Promise<void> {
  const now = ctx.clock.now();
  const since = iso(addSeconds(now, -day));
  if ((await store.countUrgentPostsBy(tx, communityId, accountId, since)) < urgentPostsPerDay) return;
  const first = await store.firstUrgentPostSince(tx, communityId, accountId, since);
  const freeAt = first ? addSeconds(new Date(first.createdAt), day) : addSeconds(now, day);
  const seconds = Math.max(60, Math.ceil((freeAt.getTime() - now.getTime()) / 1000));
  const error = new TooManyRequests('posts.urgent_limit', seconds);
  Object.assign(error.params, { limit: urgentPostsPerDay, hours: Math.ceil(seconds / 3600) });
  throw error;
}

/** Queues both waves of an urgent request, in the transaction that creates it. */
export async function enqueueUrgentWaves(
  tx: Db,
  ctx: Ctx,
  communityId: string,
  postId: string,
): Promise<void> {
  await ctx.jobs.enqueue(tx, 'posts.urgent_wave', { communityId, postId, wave: 1 });
  await ctx.jobs.enqueue(
    tx,
    'posts.urgent_wave',
    { communityId, postId, wave: 2 },
    addSeconds(ctx.clock.now(), widenAfterSeconds),
  );
}

/** Whether the actor opted in to urgent requests of their community. */
export async function isUrgentSubscribed(ctx: Ctx): Promise<boolean> {
  const { accountId, communityId } = requireMember(ctx);
  return store.isSubscribed(ctx.db, communityId, accountId);
}

/** Opts the actor in to (or out of) urgent requests. Members only. */
export async function setUrgentSubscription(ctx: Ctx, subscribed: boolean): Promise<void> {
  const { accountId, communityId } = requireMember(ctx);
  if (subscribed) await store.insertSubscription(ctx.db, communityId, accountId, iso(ctx.clock.now()));
  else await store.deleteSubscription(ctx.db, communityId, accountId);
}

/** Sends one wave of an urgent request's notices (a job). */
async function sendWave(s: Services, p: { communityId: string; postId: string; wave: 1 | 2 }): Promise<void> {
  const community = await findCommunityContext(s, p.communityId);
  if (!community) return;
  await s.db.transaction().execute(async (tx) => {
    const now = s.clock.now();
    const post = await store.findPost(tx, p.communityId, p.postId);
    if (post?.urgent !== 1 || statusAt(post, iso(now)) !== 'open') return;
    if (p.wave === 2 && (await conversations.hasConversation({ db: tx }, p.communityId, 'post', p.postId)))
      return;
    const candidates = (
      await store.listUrgentCandidates(
        tx,
        p.communityId,
        p.postId,
        [post.authorId, post.postedBy],
        iso(addSeconds(now, -day)),
      )
    ).filter((c) => Number(c.recent) < noticesPerDay);
    let origin = pointOf(post.placeLat, post.placeLng);
    if (!origin) {
      const author = await store.findAccountLocation(tx, post.authorId);
      origin = pointOf(author?.locationLat, author?.locationLng);
    }
    const distance = (c: (typeof candidates)[number]) => {
      const at = pointOf(c.locationLat, c.locationLng);
      return origin && at ? distanceKm(origin.lat, origin.lng, at.lat, at.lng) : Number.POSITIVE_INFINITY;
    };
    // Array sort is stable: without locations the earliest opt-ins come first.
    const ranked = candidates.map((c) => ({ c, d: distance(c) })).sort((a, b) => a.d - b.d);
    const chosen = p.wave === 1 ? ranked.slice(0, firstWave) : ranked;
    await store.insertUrgentNotices(
      tx,
      chosen.map(({ c }) => ({
        id: newId(),
        communityId: p.communityId,
        postId: post.id,
        accountId: c.id,
        wave: p.wave,
        sentAt: iso(now),
      })),
    );
    await notify(s, tx, {
      kind: 'posts.urgent',
      community,
      to: chosen.map(({ c }) => c.id),
      about: { type: 'post', id: post.id },
      path: `/posts/${post.id}`,
      text: { subject: 'posts.mail.urgent_subject', body: 'posts.mail.urgent_body' },
      params: {
        name: post.authorName,
        title: post.title,
        details: post.details,
        place: post.place ?? '—',
        board: `${s.config.baseUrl}/c/${community.slug}/board`,
      },
    });
  });
}

/** Tells the post's people (inbox, and mail or push by preference) who is helping and where to talk. */
async function tellClaimed(
  s: Services,
  p: { communityId: string; postId: string; helperId: string },
): Promise<void> {
  const community = await findCommunityContext(s, p.communityId);
  if (!community) return;
  await s.db.transaction().execute(async (tx) => {
    const post = await store.findPost(tx, p.communityId, p.postId);
    if (!post || post.claimedBy !== p.helperId) return;
    const people = [];
    for (const id of new Set([post.authorId, post.postedBy])) {
      if (await store.findActiveMember(tx, p.communityId, id)) people.push(id);
    }
    await notify(s, tx, {
      kind: 'posts.claimed',
      community,
      to: people,
      about: { type: 'post', id: post.id, title: post.title },
      path: `/posts/${post.id}`,
      text: { subject: 'posts.mail.claimed_subject', body: 'posts.mail.claimed_body' },
      params: { name: post.claimedByName ?? '', title: post.title },
    });
  });
}

/** Posts expired per transaction: a backlog (a server that was down) never holds locks for long. */
const expireBatch = 500;

/**
 * Marks past-due posts expired and takes them out of search, in every community at once (set-based,
 * in batches); `posts.expire` runs it every `expireEverySeconds`.
 */
async function expire(s: Services): Promise<void> {
  const now = iso(s.clock.now());
  await inBatches(expireBatch, (batch) =>
    s.db.transaction().execute(async (tx) => {
      const expired = await store.expireDuePosts(tx, now, batch);
      await unindexPosts(tx, expired);
      // A claim on an expired post asks nothing any more.
      const byCommunity = new Map<string, string[]>();
      for (const p of expired)
        byCommunity.set(p.communityId, [...(byCommunity.get(p.communityId) ?? []), p.id]);
      for (const [communityId, ids] of byCommunity) await resolve(s, tx, communityId, { type: 'post', ids });
      return expired.length;
    }),
  );
}

/** Queues the first `posts.expire` (start-up), unless one waits. */
export function scheduleExpiry(s: Services): Promise<void> {
  return startRecurringJob(s, 'posts.expire');
}

/** Registers the board's jobs: urgent waves, the expiry run, telling a post's people of a claim. */
export function registerPostJobs(s: Services): void {
  s.jobs.register('posts.urgent_wave', (p) => sendWave(s, p));
  registerRecurringJob(s, 'posts.expire', expireEverySeconds, () => expire(s));
  s.jobs.register('posts.claimed', (p) => tellClaimed(s, p));
}
