/**
 * Shared first steps of the community services: load the request's community and refuse
 * actors. Kept apart so `service.ts` and `membership.ts` apply the same rules.
 */
import type { Ctx } from '../../platform/context.ts';
import type { Community, Db, Invite } from '../../platform/db/database.ts';
import { authorize, NotFound, Unauthenticated } from '../../platform/errors.ts';
import * as store from './store.ts';

/**
 * The actor's community (live). Throws `NotFound('communities.not_found')` outside a community
 * or for an archived one. With `lock`, the row is locked for the transaction on PostgreSQL.
 */
export async function loadCommunity(tx: Db, ctx: Ctx, lock = false): Promise<Community> {
  const id = ctx.actor.communityId;
  const community = id
    ? await (lock ? store.lockCommunity(tx, ctx.dialect, id) : store.findCommunity(tx, id))
    : undefined;
  if (!community || community.archivedAt) throw new NotFound('communities.not_found');
  return community;
}

/** The signed-in account id; throws `Unauthenticated` for a visitor who is not signed in. */
export function signedIn(ctx: Ctx): string {
  if (ctx.actor.accountId === null) throw new Unauthenticated();
  return ctx.actor.accountId;
}

/**
 * Authorizes a members-only action: not signed in → `Unauthenticated`; not a member of this
 * community → `NotFound('communities.not_found')` (the community's insides are not theirs to
 * probe, as with any other community's rows); a member whose role does not allow it →
 * `Forbidden(code)`.
 */
export function authorizeMember(ctx: Ctx, ok: boolean, code: string): string {
  const accountId = signedIn(ctx);
  if (ctx.actor.role === 'visitor') throw new NotFound('communities.not_found');
  authorize(ok, code);
  return accountId;
}

/** Why `invite` cannot be used at `now`, as an error code, or null when it can. */
export function inviteProblem(invite: Invite, now: string): string | null {
  if (invite.revokedAt) return 'communities.invite_revoked';
  if (invite.expiresAt && invite.expiresAt <= now) return 'communities.invite_expired';
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) return 'communities.invite_used_up';
  return null;
}
