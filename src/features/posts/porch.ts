/**
 * What the board tells the front porch: my posts, and the offers, requests and thank-yous that
 * came lately. Claims on my requests and the help I promised come to "needs me" as notifications
 * (`urgent.ts postKinds`).
 */
import { requireMember } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import { iso } from '../../platform/db/time.ts';
import type { PorchEntry, PorchSource } from '../../platform/porch.ts';
import { latestThanks } from './gratitude.ts';
import * as store from './store.ts';
import { statusAt } from './view.ts';

/** My posts (by me or for me), newest first, with where they stand. */
async function mine(ctx: Ctx): Promise<PorchEntry[]> {
  const { accountId, communityId, community } = requireMember(ctx);
  const now = iso(ctx.clock.now());
  const rows = await store.listPostsOf(ctx.db, communityId, accountId, 20);
  return rows.map((p) => ({
    kind: 'posts.mine',
    subjectType: 'post',
    subjectId: p.id,
    path: `/c/${community.slug}/posts/${p.id}`,
    title: p.title,
    line: {
      key: `posts.porch.mine_${p.kind}`,
      values: { status: ctx.t(`posts.statuses.${statusAt(p, now)}`) },
    },
    at: p.createdAt,
  }));
}

/** The latest live offers and requests, and the latest thank-yous. */
async function happening(ctx: Ctx, limit: number): Promise<PorchEntry[]> {
  const { communityId, community } = requireMember(ctx);
  const base = `/c/${community.slug}`;
  const [posts, thanks] = await Promise.all([
    store.listLivePosts(ctx.db, communityId, iso(ctx.clock.now()), {}, limit, 0),
    latestThanks(ctx, Math.min(limit, 3)),
  ]);
  return [
    ...posts.map((p) => ({
      kind: `posts.new_${p.kind}`,
      subjectType: 'post',
      subjectId: p.id,
      path: `${base}/posts/${p.id}`,
      title: p.title,
      line: { key: `posts.porch.new_${p.kind}`, values: { name: p.authorName } },
      at: p.createdAt,
    })),
    ...thanks.map((ty) => ({
      kind: 'posts.thanks',
      subjectType: ty.postId ? 'thank_you' : 'loan_thanks',
      subjectId: ty.id,
      path: `${base}/thanks`,
      title: ty.postTitle,
      line: {
        key: ty.helper ? 'posts.porch.thanks_to' : 'posts.porch.thanks',
        values: { name: ty.author.displayName, helper: ty.helper?.displayName ?? '' },
      },
      at: ty.createdAt,
    })),
  ];
}

/** The board's part of the front porch. */
export const postsPorch: PorchSource = { mine, happening };
