/**
 * The one gate of every community's insides, and the role predicates policies are built from.
 *
 * The rule, the same in every feature, for pages and the API alike:
 * - a community that does not exist (or was archived): 404 `communities.not_found`;
 * - another community's row, named by id inside this one: 404 (each feature's `*_not_found`);
 * - nobody signed in: 401 `errors.sign_in_required` (pages: 303 to `/login?next=…`);
 * - signed in but not an active member — never joined, waiting for approval, declined, left or
 *   removed: 403 `errors.members_only`. A community's name and join page are public, so saying
 *   "members only" tells an outsider nothing a 404 would hide, and tells a neighbor whose
 *   request is pending why they cannot look in yet;
 * - an active member whose role does not allow the action: 403 with the action's own code.
 * Services call the gate first (jobs and commands call services too); policies then decide
 * per row with predicates built on `isMember` and `isSteward`.
 */
import type { Actor, CommunityContext, Ctx } from './context.ts';
import type { Role } from './db/database.ts';
import { authorize, NotFound, Unauthenticated } from './errors.ts';

/** Who a predicate looks at: the account and its role in the community (`visitor` if none). */
export type Who = Pick<Actor, 'accountId' | 'role'>;

/** An active member of the context's community, as the gate hands it to a service. */
export interface Member {
  accountId: string;
  communityId: string;
  role: Role;
  /** The community, with its calendar (`today()`, …). */
  community: CommunityContext;
}

/** Whether `who` is signed in and an active member (any role) of the community looked at. */
export function isMember(who: Who): boolean {
  return who.accountId !== null && who.role !== 'visitor';
}

/** Whether `who` is an active steward of the community looked at. */
export function isSteward(who: Who): boolean {
  return isMember(who) && who.role === 'steward';
}

/** Whether `who` is an active member and the account `accountId` (their own row). */
export function isSelf(who: Who, accountId: string | null): boolean {
  return isMember(who) && accountId !== null && who.accountId === accountId;
}

/** The context's community; throws `NotFound('communities.not_found')` outside one. */
export function requireCommunity(ctx: Ctx): CommunityContext {
  if (!ctx.community) throw new NotFound('communities.not_found');
  return ctx.community;
}

/** The signed-in account's id; throws `Unauthenticated` for a visitor. */
export function requireSignedIn(ctx: Ctx): string {
  if (ctx.actor.accountId === null) throw new Unauthenticated();
  return ctx.actor.accountId;
}

/**
 * The acting member, by the rule above: `NotFound('communities.not_found')` outside a
 * community, `Unauthenticated` when nobody is signed in, `Forbidden('errors.members_only')` for
 * anyone not an active member of it.
 */
export function requireMember(ctx: Ctx): Member {
  const community = requireCommunity(ctx);
  const accountId = requireSignedIn(ctx);
  const { role } = ctx.actor;
  authorize(role !== 'visitor', 'errors.members_only');
  return { accountId, communityId: community.id, role, community };
}

/**
 * The acting member when `allowed` holds for them — a role predicate of the feature's policy,
 * such as `can.manageInvites`: refuses outsiders as `requireMember` does, then members it does
 * not allow with `Forbidden(code)`.
 */
export function requireRole(ctx: Ctx, allowed: (actor: Actor) => boolean, code: string): Member {
  const member = requireMember(ctx);
  authorize(allowed(ctx.actor), code);
  return member;
}
