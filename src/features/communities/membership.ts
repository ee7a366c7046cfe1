/**
 * Memberships: joining (under each join policy), requests and their approval, roles, removal,
 * leaving, and paper members. Rows are never deleted: `left`, `removed` and `declined` keep
 * the history readable, and re-joining reuses the row.
 * Each write: validate, load, authorize, check state, write, enqueue — in one transaction.
 */

import { requireCommunity, requireMember, requireRole } from '../../platform/access.ts';
import { createSession } from '../../platform/auth/sessions.ts';
import type { Actor, CommunityContext, Ctx } from '../../platform/context.ts';
import type { Community, Db, Membership, Role } from '../../platform/db/database.ts';
import { iso } from '../../platform/db/time.ts';
import { Conflict, type FieldError, Invalid, NotFound } from '../../platform/errors.ts';
import { type NotificationKind, personal } from '../../platform/notify/kinds.ts';
import { notify, resolve, resolveTasksOf } from '../../platform/notify/service.ts';
import { insertAccount, linkSeconds, normalizeEmail, requestSignInLink } from '../accounts/service.ts';
import { endRegistrations } from '../evacuation/service.ts';
import { endAnswers, endProposals } from '../gatherings/service.ts';
import { endPositions } from '../guidelines/service.ts';
import { inviteProblem } from './invites.ts';
import { can } from './policy.ts';
import type { JoinInput, PaperMemberInput } from './schema.ts';
import * as store from './store.ts';

/**
 * What joining did. `sessionToken` is set when a new account was made and should be signed in;
 * `link_sent`: a link valid `minutes` was mailed to `email`.
 */
export type JoinResult =
  | { status: 'active' | 'pending'; membership: store.MembershipWithAccount; sessionToken?: string }
  | { status: 'link_sent'; email: string; minutes: number };

/** The join page's facts: the actor's membership status and the invite's state. */
export interface JoinState {
  community: CommunityContext;
  status: Membership['status'] | null;
  /** null: no code given; otherwise the problem's error code, or 'ok'. */
  invite: string | null;
}

/** Looks at an invite code without using it. */
async function inviteState(db: Db, community: Community, code: string | undefined, now: string) {
  if (!code) return null;
  const invite = await store.findInviteByCode(db, community.id, code);
  if (!invite) return { invite: undefined, problem: 'communities.invite_invalid' };
  return { invite, problem: inviteProblem(invite, now) };
}

/** For the join page: where the actor stands and whether `code` works. Throws `NotFound`. */
export async function joinState(ctx: Ctx, code?: string): Promise<JoinState> {
  const community = requireCommunity(ctx);
  const state = await inviteState(ctx.db, community, code, iso(ctx.clock.now()));
  return {
    community,
    status: ctx.membership?.status ?? null,
    invite: state ? (state.problem ?? 'ok') : null,
  };
}

/**
 * Joins the actor's community. Someone not signed in gives a name and an email (the email is
 * optional where the community allows it). With an email, nothing is made yet: the address is
 * mailed a link back to the join page, which signs in to its account or to a new one with the
 * given name, and the answer is the same whether or not the address has an account (anyone could
 * type it); with a name only, a new account joins and is signed in at once. Open → active;
 * invite → needs a usable invite, whose use is taken atomically; approval → pending (stewards are
 * mailed), or active with a usable invite. Someone removed may only ask again.
 * Throws `Invalid` (name/email missing), `Conflict('communities.already_member' |
 * 'communities.already_requested' | 'communities.invite_required' | 'communities.invite_*')`,
 * `TooManyRequests` (sign-in links).
 */
export async function joinCommunity(ctx: Ctx, input: JoinInput, userAgent?: string): Promise<JoinResult> {
  const now = iso(ctx.clock.now());
  const community = requireCommunity(ctx);
  const joinPath = `/c/${community.slug}/join${input.invite ? `?invite=${encodeURIComponent(input.invite)}` : ''}`;
  if (!ctx.actor.accountId) {
    const errors: FieldError[] = [];
    if (!input.name) errors.push({ field: 'name', code: 'validation.required' });
    if (!input.email && community.emailOptional !== 1)
      errors.push({ field: 'email', code: 'communities.email_needed' });
    if (errors.length) throw new Invalid(errors);
    // Only someone who becomes a member at once (who then sees the directory anyway) is told a
    // name is taken: anyone else could learn who belongs to an invite-only community by asking.
    const atOnce =
      community.joinPolicy === 'open' ||
      (await usableInvite(ctx.db, community, input.invite, now)) !== undefined;
    if (atOnce && !input.differentPerson) await refuseSameName(ctx, community.id, input.name!);
  }
  if (!ctx.actor.accountId && input.email) {
    const email = normalizeEmail(input.email);
    // Tell them now, not after the mail round trip, that the invite will not let them in.
    if (community.joinPolicy !== 'open') await usableInvite(ctx.db, community, input.invite, now);
    await requestSignInLink(ctx, ctx.t, {
      email,
      next: joinPath,
      newAccount: { displayName: input.name!, locale: ctx.locale },
      mail: (link, minutes) => ({
        subject: ctx.t('communities.mail.join_subject', { community: community.name }),
        text: ctx.t('communities.mail.join_body', {
          name: input.name,
          community: community.name,
          link,
          minutes,
        }),
      }),
    });
    return { status: 'link_sent', email, minutes: linkSeconds / 60 };
  }
  return ctx.db.transaction().execute(async (tx) => {
    let accountId = ctx.actor.accountId;
    let sessionToken: string | undefined;
    let previous: Membership | undefined;
    if (accountId) {
      if (!can.join(ctx.actor)) throw new Conflict('communities.already_member');
      previous = await store.findMembership(tx, community.id, accountId);
      if (previous?.status === 'active') throw new Conflict('communities.already_member');
      if (previous?.status === 'pending') throw new Conflict('communities.already_requested');
    }
    // Someone a steward removed may ask again, but only stewards let them back in.
    const removed = previous?.status === 'removed';
    const invite =
      removed || community.joinPolicy === 'open'
        ? undefined
        : await usableInvite(tx, community, input.invite, now);
    if (invite && !(await store.claimInviteUse(tx, community.id, invite.id, now)))
      throw new Conflict('communities.invite_used_up');
    if (!accountId) {
      // A name only: an account without an address, signed in at once.
      const account = await insertAccount(tx, ctx, {
        email: null,
        displayName: input.name!,
        locale: ctx.locale,
      });
      accountId = account.id;
      sessionToken = await createSession(tx, ctx.clock, account.id, userAgent);
    }
    const active = !removed && (community.joinPolicy === 'open' || invite !== undefined);
    const values = {
      role: 'member' as Role,
      status: active ? ('active' as const) : ('pending' as const),
      message: active ? null : (input.message ?? null),
      inviteId: invite?.id ?? null,
      requestedAt: now,
      joinedAt: active ? now : null,
      endedAt: null,
      decidedBy: null,
    };
    if (previous) await store.updateMembership(tx, community.id, previous.id, values);
    else await store.insertMembership(tx, { ...values, communityId: community.id, accountId });
    const membership = (await store.findMembershipWithAccount(tx, community.id, accountId))!;
    if (!active) await tellStewards(ctx, tx, community, membership);
    return { status: values.status, membership, sessionToken };
  });
}

/** A name as people would say it is the same: case, accents and spacing aside. */
function sameName(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('und').replace(/\s+/gu, ' ').trim();
}

/**
 * Refuses a newcomer who would be an active member at once and whose name an active member
 * already has, unless they say they are a
 * different person (`differentPerson`): a member who lost their way in would otherwise make a
 * second, identical member; the answer tells them to ask a steward for a sign-in link instead.
 * Only the name they typed is said back.
 */
async function refuseSameName(ctx: Ctx, communityId: string, name: string) {
  const wanted = sameName(name);
  const names = await store.listActiveMemberNames(ctx.db, communityId);
  if (names.some((n) => sameName(n) === wanted))
    throw new Invalid([{ field: 'name', code: 'communities.name_matches', params: { name } }]);
}

/** The community's kinds of notification: join requests (for stewards), and the answer to mine. */
export const communityKinds: NotificationKind[] = [
  {
    name: 'communities.join_requests',
    defaults: personal,
    stewards: true,
    // Settled when any steward decides it.
    asks: { 'communities.mail.request_subject': 'communities.join_request' },
  },
  { name: 'communities.welcome', defaults: personal, chat: true },
];

/** Tells the stewards that someone asks to join (inbox, and mail or push by preference). */
async function tellStewards(
  ctx: Ctx,
  tx: Db,
  community: CommunityContext,
  membership: { id: string; displayName: string; message: string | null },
) {
  await notify(ctx, tx, {
    kind: 'communities.join_requests',
    community,
    to: (await store.listStewardIds(tx, community.id)).map((s) => s.id),
    about: { type: 'membership', id: membership.id, title: membership.displayName },
    path: '/requests',
    text: { subject: 'communities.mail.request_subject', body: 'communities.mail.request_body' },
    // With its message, "needs me" says it (the `message` context of its line).
    params: {
      name: membership.displayName,
      message: membership.message ?? '',
      ...(membership.message ? { context: 'message' } : {}),
    },
  });
}

/**
 * The invite for `code` when it can be used; undefined when there is none and the policy does
 * not need one. Throws `Conflict` with the reason when it cannot be used, or is needed and missing.
 */
async function usableInvite(db: Db, community: Community, code: string | undefined, now: string) {
  const state = await inviteState(db, community, code, now);
  if (!state) {
    if (community.joinPolicy === 'invite') throw new Conflict('communities.invite_required');
    return undefined;
  }
  if (state.problem) {
    // Under approval a stale invite still lets them ask; under invite it is the only way in.
    if (community.joinPolicy === 'approval') return undefined;
    throw new Conflict(state.problem);
  }
  return state.invite;
}

/**
 * Pending requests, oldest first. Refuses outsiders as the platform gate does, other members
 * with `Forbidden('communities.only_stewards_approve')`.
 */
export async function listRequests(ctx: Ctx) {
  const { communityId } = requireRole(ctx, can.approveMembers, 'communities.only_stewards_approve');
  return store.listMembershipsByStatus(ctx.db, communityId, 'pending');
}

/**
 * Approves or declines a pending request; an approved requester with an email is mailed (in
 * their language) after commit. Throws `NotFound('communities.request_not_found')` (also for
 * another community's), `Forbidden`, `Conflict('communities.request_not_pending')`.
 */
export async function decideRequest(ctx: Ctx, membershipId: string, decision: 'approve' | 'decline') {
  const { community, accountId: stewardId } = requireRole(
    ctx,
    can.approveMembers,
    'communities.only_stewards_approve',
  );
  return ctx.db.transaction().execute(async (tx) => {
    const request = await store.findMembershipById(tx, community.id, membershipId);
    if (!request) throw new NotFound('communities.request_not_found');
    if (request.status !== 'pending') throw new Conflict('communities.request_not_pending');
    const now = iso(ctx.clock.now());
    const approved = decision === 'approve';
    const membership = await store.updateMembership(tx, community.id, request.id, {
      status: approved ? 'active' : 'declined',
      joinedAt: approved ? now : null,
      decidedBy: stewardId,
    });
    await resolve(ctx, tx, community.id, { type: 'membership', id: request.id });
    if (approved) {
      await notify(ctx, tx, {
        kind: 'communities.welcome',
        community,
        to: [request.accountId],
        about: { type: 'membership', id: request.id },
        path: '',
        text: { subject: 'communities.mail.approved_subject', body: 'communities.mail.approved_body' },
        params: { name: request.displayName },
      });
    }
    return { ...membership, displayName: request.displayName };
  });
}

/** The active membership of `accountId`, or `NotFound('communities.member_not_found')`. */
async function activeMember(tx: Db, communityId: string, accountId: string) {
  const m = await store.findMembershipWithAccount(tx, communityId, accountId);
  if (m?.status !== 'active') throw new NotFound('communities.member_not_found');
  return m;
}

/** Refuses a change that would leave the community with no steward. */
async function keepOneSteward(tx: Db, communityId: string, m: Membership, code: string) {
  if (m.role === 'steward' && (await store.countActiveMembers(tx, communityId, 'steward')) <= 1)
    throw new Conflict(code);
}

/**
 * Gives an active member another role. Throws `NotFound('communities.member_not_found')`,
 * `Forbidden('communities.only_stewards_change_roles')`, `Conflict('communities.last_steward')`.
 */
export async function changeRole(ctx: Ctx, accountId: string, role: Role) {
  const { community } = requireRole(ctx, can.changeRoles, 'communities.only_stewards_change_roles');
  return ctx.db.transaction().execute(async (tx) => {
    await store.lockCommunity(tx, community.id);
    const m = await activeMember(tx, community.id, accountId);
    if (role !== 'steward') await keepOneSteward(tx, community.id, m, 'communities.last_steward');
    const updated = await store.updateMembership(tx, community.id, m.id, { role });
    // Join requests ask stewards only: one who is no longer a steward is asked no more.
    if (m.role === 'steward' && role !== 'steward')
      await resolveTasksOf(ctx, tx, community.id, accountId, ['communities.join_request']);
    return { ...updated, displayName: m.displayName };
  });
}

/**
 * Removes an active member; the row stays with status `removed`. Throws like `changeRole`
 * (`Forbidden('communities.only_stewards_remove')`).
 */
export async function removeMember(ctx: Ctx, accountId: string) {
  const { community, accountId: stewardId } = requireRole(
    ctx,
    can.removeMembers,
    'communities.only_stewards_remove',
  );
  return ctx.db.transaction().execute(async (tx) => {
    await store.lockCommunity(tx, community.id);
    const m = await activeMember(tx, community.id, accountId);
    await keepOneSteward(tx, community.id, m, 'communities.last_steward');
    const now = iso(ctx.clock.now());
    const updated = await store.updateMembership(tx, community.id, m.id, {
      status: 'removed',
      endedAt: now,
      decidedBy: stewardId,
    });
    // What the member registered for the ride network goes with the membership (consent ends);
    // so do their places at coming gatherings, which the waiting lists take, the workshop
    // proposals waiting on them, and their positions on open guideline proposals.
    await endRegistrations(ctx, tx, community.id, accountId, 'removed');
    await endAnswers(ctx, tx, community, accountId);
    await endProposals(ctx, tx, community, accountId);
    await endPositions(ctx, tx, community.id, accountId);
    return { ...updated, displayName: m.displayName };
  });
}

/**
 * The actor leaves; the row stays with status `left`. Refuses outsiders as the platform gate
 * does; throws `Conflict('communities.last_steward_leaving')`.
 */
export async function leaveCommunity(ctx: Ctx) {
  const { community, accountId } = requireRole(ctx, can.leave, 'errors.members_only');
  return ctx.db.transaction().execute(async (tx) => {
    await store.lockCommunity(tx, community.id);
    const m = await activeMember(tx, community.id, accountId);
    await keepOneSteward(tx, community.id, m, 'communities.last_steward_leaving');
    const updated = await store.updateMembership(tx, community.id, m.id, {
      status: 'left',
      endedAt: iso(ctx.clock.now()),
    });
    // What the member registered for the ride network goes with the membership (consent ends);
    // so do their places at coming gatherings, which the waiting lists take, the workshop
    // proposals waiting on them, and their positions on open guideline proposals.
    await endRegistrations(ctx, tx, community.id, accountId, 'left');
    await endAnswers(ctx, tx, community, accountId);
    await endProposals(ctx, tx, community, accountId);
    await endPositions(ctx, tx, community.id, accountId);
    return { ...updated, displayName: m.displayName };
  });
}

/**
 * For the paper member form: the community, when the actor may add paper members. Refuses
 * outsiders as the platform gate does, then `Forbidden('communities.paper_members_not_allowed')`.
 */
export function paperMemberForm(ctx: Ctx): CommunityContext {
  const community = requireCommunity(ctx);
  const allowed = (actor: Actor) => can.addPaperMembers(actor, community);
  return requireRole(ctx, allowed, 'communities.paper_members_not_allowed').community;
}

/**
 * Adds a neighbor who has no email: an account without email (added by this steward) and an
 * active membership; the note (how to reach them) is kept on the membership. Returns the new
 * account id. Throws like `paperMemberForm`.
 */
export async function addPaperMember(ctx: Ctx, input: PaperMemberInput): Promise<string> {
  const community = paperMemberForm(ctx);
  const stewardId = requireMember(ctx).accountId;
  return ctx.db.transaction().execute(async (tx) => {
    const now = iso(ctx.clock.now());
    const account = await insertAccount(tx, ctx, {
      email: null,
      displayName: input.name,
      addedBy: stewardId,
      locale: (input.languages ?? []).find((l) => l === 'en' || l === 'es'),
    });
    await store.setPaperMemberDetails(tx, account.id, {
      phone: input.phone ?? null,
      languages: (input.languages ?? []).join(','),
    });
    await store.insertMembership(tx, {
      communityId: community.id,
      accountId: account.id,
      role: 'member',
      status: 'active',
      message: input.note ?? null,
      inviteId: null,
      requestedAt: now,
      joinedAt: now,
      endedAt: null,
      decidedBy: stewardId,
    });
    return account.id;
  });
}

/**
 * Whether the actor may act for `accountId` in their community: they are a steward there and
 * the target is a paper member (no email) with an active membership there. Never throws.
 */
export async function canActFor(ctx: Ctx, accountId: string): Promise<boolean> {
  const communityId = ctx.community?.id;
  if (!communityId || ctx.actor.role !== 'steward') return false;
  const m = await store.findMembershipWithAccount(ctx.db, communityId, accountId);
  return Boolean(m && can.actFor(ctx.actor, m));
}
