/**
 * Invite links: stewards make, list, print and revoke them. A link carries a random code; using
 * one (in `membership.ts`) takes a use atomically. Revoked links stay listed.
 */
import type { Static } from 'typebox';
import { type Member, requireRole } from '../../platform/access.ts';
import type { CommunityContext, Ctx, Services } from '../../platform/context.ts';
import type { Invite } from '../../platform/db/database.ts';
import { newToken } from '../../platform/db/ids.ts';
import { addSeconds, iso } from '../../platform/db/time.ts';
import { NotFound } from '../../platform/errors.ts';
import { can } from './policy.ts';
import type { InviteInput, InviteOut } from './schema.ts';
import * as store from './store.ts';

/** An invite as stewards see it: its link, and whether it still works. (the API's `InviteOut`). */
export type InviteView = Static<typeof InviteOut>;

/** Why `invite` cannot be used at `now`, as an error code, or null when it can. */
export function inviteProblem(invite: Invite, now: string): string | null {
  if (invite.revokedAt) return 'communities.invite_revoked';
  if (invite.expiresAt && invite.expiresAt <= now) return 'communities.invite_expired';
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) return 'communities.invite_used_up';
  return null;
}

/** The acting steward who may manage invites: the platform gate, then the policy. */
function inviteManager(ctx: Ctx): Member {
  return requireRole(ctx, can.manageInvites, 'communities.only_stewards_invite');
}

/** The link a neighbor opens (or scans) to join with `code`. */
export function inviteUrl(s: Services, slug: string, code: string): string {
  return `${s.config.baseUrl}/c/${slug}/join?invite=${encodeURIComponent(code)}`;
}

function inviteView(s: Services, slug: string, i: Invite): InviteView {
  const { communityId: _, createdBy: __, ...rest } = i;
  return { ...rest, url: inviteUrl(s, slug, i.code), usable: inviteProblem(i, iso(s.clock.now())) === null };
}

/**
 * The community's invites, newest first. Refuses outsiders as the platform gate does, and
 * other members with `Forbidden('communities.only_stewards_invite')`.
 */
export async function listInvites(ctx: Ctx): Promise<InviteView[]> {
  const { community } = inviteManager(ctx);
  return (await store.listInvites(ctx.db, community.id)).map((i) => inviteView(ctx, community.slug, i));
}

/** Makes an invite link. Throws like `listInvites`. */
export async function createInvite(ctx: Ctx, input: InviteInput): Promise<InviteView> {
  const { community, accountId } = inviteManager(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const invite = await store.insertInvite(tx, {
      communityId: community.id,
      // 12 random bytes: short enough for a QR code a cheap camera reads, too many to guess.
      code: newToken(12),
      label: input.label ?? '',
      createdBy: accountId,
      createdAt: iso(now),
      expiresAt: input.expiresInDays ? iso(addSeconds(now, input.expiresInDays * 86400)) : null,
      maxUses: input.maxUses ?? null,
    });
    return inviteView(ctx, community.slug, invite);
  });
}

/** One invite (for its printable page). Throws like `listInvites`, and `NotFound('communities.invite_not_found')`. */
export async function getInvite(
  ctx: Ctx,
  inviteId: string,
): Promise<{ community: CommunityContext; invite: InviteView }> {
  const { community } = inviteManager(ctx);
  const invite = await store.findInvite(ctx.db, community.id, inviteId);
  if (!invite) throw new NotFound('communities.invite_not_found');
  return { community, invite: inviteView(ctx, community.slug, invite) };
}

/** Revokes an invite (idempotent; the row stays). Throws like `getInvite`. */
export async function revokeInvite(ctx: Ctx, inviteId: string): Promise<InviteView> {
  const { community } = inviteManager(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    if (!(await store.findInvite(tx, community.id, inviteId)))
      throw new NotFound('communities.invite_not_found');
    const invite = await store.revokeInvite(tx, community.id, inviteId, iso(ctx.clock.now()));
    return inviteView(ctx, community.slug, invite);
  });
}
