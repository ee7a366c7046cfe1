/**
 * What communities tell the front porch: who joined lately. Join requests come to stewards'
 * "needs me" as notifications (`membership.ts communityKinds`).
 */
import { requireMember } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { PorchEntry, PorchSource } from '../../platform/porch.ts';
import * as store from './store.ts';

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
export const communitiesPorch: PorchSource = { happening };
