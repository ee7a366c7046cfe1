/** What communities tell the front porch: join requests for stewards, and who joined lately. */
import { requireMember } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { PorchEntry, PorchSource } from '../../platform/porch.ts';
import { can } from './policy.ts';
import * as store from './store.ts';

/** For stewards: each request to join, to answer. */
async function needsMe(ctx: Ctx): Promise<PorchEntry[]> {
  const { communityId, community } = requireMember(ctx);
  if (!can.approveMembers(ctx.actor)) return [];
  const pending = await store.listMembershipsByStatus(ctx.db, communityId, 'pending');
  return pending.map((m) => ({
    kind: 'communities.join_request',
    subjectType: 'membership',
    subjectId: m.id,
    path: `/c/${community.slug}/requests`,
    title: m.displayName,
    line: {
      key: m.message ? 'communities.porch.asks_with_message' : 'communities.porch.asks',
      values: { message: m.message ?? '' },
    },
    at: m.requestedAt,
  }));
}

/** Neighbors who joined lately. */
async function happening(ctx: Ctx, limit: number): Promise<PorchEntry[]> {
  const { communityId, community } = requireMember(ctx);
  const joined = await store.listNewMembers(ctx.db, communityId, limit);
  return joined.map((m) => ({
    kind: 'communities.joined',
    subjectType: 'membership',
    subjectId: m.id,
    path: `/c/${community.slug}/members/${m.accountId}`,
    title: m.displayName,
    line: { key: 'communities.porch.joined', values: {} },
    at: m.joinedAt ?? m.requestedAt,
  }));
}

/** The communities' part of the front porch. */
export const communitiesPorch: PorchSource = { needsMe, happening };
