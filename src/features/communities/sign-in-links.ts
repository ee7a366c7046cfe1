/**
 * A way back in for a member without an email address (joined with a name only, or added on
 * paper): a steward makes a one-time sign-in link for them, shown on the steward's screen as a
 * link and a QR code (or printed). It works once, for `memberLinkSeconds`, only for that member
 * while they are an active member; a new one ends the older ones. Only its hash is stored, and
 * the rows stay as the log of who made one for whom and when it was used.
 */
import { requireCommunity, requireRole } from '../../platform/access.ts';
import { createSession, hashToken } from '../../platform/auth/sessions.ts';
import type { Ctx } from '../../platform/context.ts';
import { newId, newToken } from '../../platform/db/ids.ts';
import { addSeconds, iso } from '../../platform/db/time.ts';
import { authorize, Conflict, NotFound } from '../../platform/errors.ts';
import { can } from './policy.ts';
import * as store from './store.ts';

/** How long a steward's sign-in link works (seconds): long enough to hand over a phone or a sheet. */
export const memberLinkSeconds = 15 * 60;

/** A member's sign-in link as the steward's page shows it, with the log of earlier ones. */
export interface MemberSignInLinks {
  member: { id: string; displayName: string };
  /** The link just made (only when one was): its address and when it stops working. */
  made: { url: string; expiresAt: string } | null;
  log: Awaited<ReturnType<typeof store.listMemberSignInLinks>>;
}

// The target member, when the actor (a steward) may make a link for them.
async function loadTarget(ctx: Ctx, accountId: string) {
  const { community } = requireRole(ctx, can.approveMembers, 'communities.only_stewards_sign_in_links');
  const target = await store.findMembershipWithAccount(ctx.db, community.id, accountId);
  if (target?.status !== 'active') throw new NotFound('communities.member_not_found');
  authorize(
    can.actFor(ctx.actor, target) && target.accountId !== ctx.actor.accountId,
    'communities.sign_in_link_has_email',
  );
  return { community, target };
}

/**
 * The member's sign-in links (the log), for a steward. Refuses outsiders as the platform gate
 * does, other members with `Forbidden('communities.only_stewards_sign_in_links')`, a member with
 * an email (they sign in by mail) with `Forbidden('communities.sign_in_link_has_email')`, and
 * `NotFound` for someone not an active member here.
 */
export async function listMemberSignInLinks(ctx: Ctx, accountId: string): Promise<MemberSignInLinks> {
  const { community, target } = await loadTarget(ctx, accountId);
  return {
    member: { id: target.accountId, displayName: target.displayName },
    made: null,
    log: await store.listMemberSignInLinks(ctx.db, community.id, accountId),
  };
}

/** Makes a new one-time sign-in link for the member (ending older unused ones); throws as `listMemberSignInLinks`. */
export async function makeMemberSignInLink(ctx: Ctx, accountId: string): Promise<MemberSignInLinks> {
  const { community, target } = await loadTarget(ctx, accountId);
  const token = newToken();
  const now = ctx.clock.now();
  const expiresAt = iso(addSeconds(now, memberLinkSeconds));
  await ctx.db.transaction().execute(async (tx) => {
    await store.endMemberSignInLinks(tx, community.id, accountId, iso(now));
    await store.insertMemberSignInLink(tx, {
      id: newId(),
      communityId: community.id,
      accountId,
      tokenHash: hashToken(token),
      createdBy: ctx.actor.accountId,
      createdAt: iso(now),
      expiresAt,
      usedAt: null,
    });
  });
  return {
    member: { id: target.accountId, displayName: target.displayName },
    made: { url: `${ctx.config.baseUrl}/c/${community.slug}/back/${token}`, expiresAt },
    log: await store.listMemberSignInLinks(ctx.db, community.id, accountId),
  };
}

/**
 * Follows a steward's sign-in link in the browser that opened it: marks it used (once) and
 * signs in as its member, who must still be an active member without email here. Returns the
 * session token. Throws `Conflict('accounts.link_invalid')` for an unknown, used or expired link,
 * or one whose member has left or gained an address.
 */
export async function useMemberSignInLink(ctx: Ctx, token: string, userAgent?: string): Promise<string> {
  const community = requireCommunity(ctx);
  const now = iso(ctx.clock.now());
  return ctx.db.transaction().execute(async (tx) => {
    const link = await store.claimMemberSignInLink(tx, community.id, hashToken(token), now);
    const member = link && (await store.findMembershipWithAccount(tx, community.id, link.accountId));
    if (!link || member?.status !== 'active' || member.email !== null)
      throw new Conflict('accounts.link_invalid');
    return createSession(tx, ctx.clock, link.accountId, userAgent);
  });
}
