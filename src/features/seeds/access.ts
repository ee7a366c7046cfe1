/** The first step of every seed library service: who is acting, and are they a member here. */
import type { Actor, Ctx } from '../../platform/context.ts';
import { Forbidden, NotFound, Unauthenticated } from '../../platform/errors.ts';

/**
 * The actor's community and account when `allowed(actor)` holds. Not signed in →
 * `Unauthenticated` (pages redirect to sign in); outside a community → `NotFound`; signed in
 * but not an active member, or a role that is not allowed → `Forbidden('seeds.members_only')`.
 */
export function membersOnly(
  ctx: Ctx,
  allowed: (a: Actor) => boolean,
): { communityId: string; accountId: string } {
  const { accountId, communityId } = ctx.actor;
  if (communityId === null) throw new NotFound('communities.not_found');
  if (accountId === null) throw new Unauthenticated();
  if (!allowed(ctx.actor)) throw new Forbidden('seeds.members_only');
  return { communityId, accountId };
}
