/**
 * The first steps of every seed library service: who is acting, are they a member here, and
 * what is the date in the community (its calendar, not UTC).
 */
import type { Actor, Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { localYear } from '../../platform/db/time.ts';
import { Forbidden, NotFound, Unauthenticated } from '../../platform/errors.ts';
import * as store from './store.ts';

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

/**
 * The community's time zone (an IANA zone), in which pledge months, reminders and "this year"
 * are reckoned. Throws `NotFound('communities.not_found')` for a community that is gone.
 */
export async function timeZoneOf(db: Db, communityId: string): Promise<string> {
  const community = await store.findCommunityInfo(db, communityId);
  if (!community) throw new NotFound('communities.not_found');
  return community.timeZone;
}

/** The current year in the community's time zone, by the service clock. */
export async function yearIn(ctx: Pick<Ctx, 'db' | 'clock'>, communityId: string): Promise<number> {
  return localYear(ctx.clock.now(), await timeZoneOf(ctx.db, communityId));
}
