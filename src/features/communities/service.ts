/**
 * Communities: starting one, its settings, and what each actor may see of it. Invite links
 * (`invites.ts`) and joining, requests, roles, leaving and paper members (`membership.ts`) are
 * re-exported here: other features import this file only.
 * Each write follows the same order: validate, load, authorize, check state, write, enqueue.
 */
import type { Static } from 'typebox';

import { requireCommunity, requireRole, requireSignedIn } from '../../platform/access.ts';
import type { Actor, CommunityContext, Ctx, Services } from '../../platform/context.ts';
import type { Community, Db, Membership, Role } from '../../platform/db/database.ts';
import { iso, isTimeZone } from '../../platform/db/time.ts';
import { Conflict, type FieldError, Forbidden, Invalid, NotFound } from '../../platform/errors.ts';
import { needsSetup } from '../accounts/service.ts';
import { can } from './policy.ts';
import type { CommunityInput, CommunityOut, CommunityPatchInput } from './schema.ts';
import * as store from './store.ts';

export {
  createInvite,
  getInvite,
  type InviteView,
  inviteProblem,
  inviteUrl,
  listInvites,
  revokeInvite,
} from './invites.ts';
export {
  addPaperMember,
  canActFor,
  changeRole,
  decideRequest,
  type JoinResult,
  type JoinState,
  joinCommunity,
  joinState,
  leaveCommunity,
  listRequests,
  paperMemberForm,
  removeMember,
} from './membership.ts';
export { can } from './policy.ts';
export {
  listMemberSignInLinks,
  type MemberSignInLinks,
  makeMemberSignInLink,
  useMemberSignInLink,
} from './sign-in-links.ts';

/**
 * The members of `communityId` still active who joined in [from, until) (ISO instants), first
 * joined first: `accountId`, `displayName`, `joinedAt`. For summaries (the newsletter's welcome),
 * which decide themselves whom they may name.
 */
export async function membersJoinedBetween(db: Db, communityId: string, from: string, until: string) {
  const rows = await store.listMembersJoinedBetween(db, communityId, from, until);
  return rows.map((r) => ({
    accountId: r.accountId,
    displayName: r.displayName,
    joinedAt: r.joinedAt as string,
  }));
}

/** A community as an actor sees it (the API's `CommunityOut`): the chat link only for members. */
export type CommunityView = Static<typeof CommunityOut>;

/** Shapes a community row for `actor`; `memberCount` and the actor's membership come from the caller. */
export function communityView(
  c: Community,
  actor: Actor,
  memberCount: number,
  mine?: { role: Role; status: Membership['status'] },
): CommunityView {
  return {
    id: c.id,
    slug: c.slug,
    name: c.name,
    description: c.description,
    area:
      c.areaLat !== null && c.areaLng !== null
        ? { lat: c.areaLat, lng: c.areaLng, radiusM: c.areaRadiusM }
        : null,
    languages: c.languages.split(',').filter(Boolean),
    timeZone: c.timeZone,
    rhythm: c.rhythm,
    joinPolicy: c.joinPolicy,
    chatUrl: can.seeChatLink(actor) ? c.chatUrl : null,
    paperMembers: c.paperMembers === 1,
    emailOptional: c.emailOptional === 1,
    memberCount,
    myRole: mine?.status === 'active' ? mine.role : null,
    myStatus: mine?.status ?? null,
  };
}

/**
 * The context's community as the actor may see it: public fields for anyone, the chat link for
 * members. `community` is a fresher row of it (just changed by this request). Throws
 * `NotFound('communities.not_found')` outside a community.
 */
export async function getCommunityForActor(
  ctx: Ctx,
  community: Community = requireCommunity(ctx),
): Promise<CommunityView> {
  const count = await store.countActiveMembers(ctx.db, community.id);
  return communityView(community, ctx.actor, count, ctx.membership ?? undefined);
}

/**
 * Live communities where `accountId` is an active member or waits for approval, by name, each
 * with the account's role and status. The chat link shows only where they are active.
 */
export async function listMyCommunities(s: Services, accountId: string): Promise<CommunityView[]> {
  const rows = await store.listCommunitiesOfAccount(s.db, accountId, ['active', 'pending']);
  return Promise.all(
    rows.map(async ({ myRole, myStatus, ...c }) =>
      communityView(
        c,
        { accountId, communityId: c.id, role: myStatus === 'active' ? myRole : 'visitor', operator: false },
        await store.countActiveMembers(s.db, c.id),
        { role: myRole, status: myStatus },
      ),
    ),
  );
}

/** Whether a community (archived or not) has `slug`. */
export function slugTaken(s: Pick<Services, 'db'>, slug: string): Promise<boolean> {
  return store.slugTaken(s.db, slug);
}

/** What the start page shows: setup notice, the person's communities, whether they may start one. */
export async function homeFor(s: Services, actor: Actor) {
  const setup = await needsSetup(s);
  if (!actor.accountId) return { needsSetup: setup, active: [], pending: [], mayStart: false };
  const mine = await listMyCommunities(s, actor.accountId);
  return {
    needsSetup: setup,
    active: mine.filter((c) => c.myStatus === 'active'),
    pending: mine.filter((c) => c.myStatus === 'pending'),
    mayStart: can.startCommunity(actor, await creationRules(s, actor.accountId)),
  };
}

async function creationRules(s: Services, accountId: string) {
  return {
    creation: s.config.communityCreation,
    maxPerPerson: s.config.maxCommunitiesPerUser,
    started: await store.countCommunitiesCreatedBy(s.db, accountId),
  };
}

/**
 * Whether the actor may start a community; throws `Unauthenticated` when not signed in and
 * `Forbidden('communities.creation_operators_only' | 'communities.creation_limit')` otherwise.
 */
export async function assertMayStart(ctx: Ctx): Promise<void> {
  const accountId = requireSignedIn(ctx);
  const rules = await creationRules(ctx, accountId);
  if (can.startCommunity(ctx.actor, rules)) return;
  throw new Forbidden(
    rules.creation === 'operators' ? 'communities.creation_operators_only' : 'communities.creation_limit',
    { max: rules.maxPerPerson },
  );
}

/** A slug made from `name`: accents dropped, lower case, hyphens; may be too short to use. */
export function slugFrom(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

const slugPattern = /^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/;

/** Field errors a schema cannot find: an unknown time zone, half an area. */
function checkSettings(v: {
  timeZone?: string;
  areaLat?: number | null;
  areaLng?: number | null;
  areaRadiusM?: number | null;
}): FieldError[] {
  const errors: FieldError[] = [];
  if (v.timeZone !== undefined && !isTimeZone(v.timeZone))
    errors.push({ field: 'timeZone', code: 'communities.time_zone_unknown' });
  const hasLat = v.areaLat != null;
  const hasLng = v.areaLng != null;
  if (hasLat !== hasLng || (v.areaRadiusM != null && !hasLat))
    errors.push({ field: hasLat ? 'areaLng' : 'areaLat', code: 'communities.area_incomplete' });
  return errors;
}

/**
 * Starts a community; its creator becomes its first steward. Without a slug, one is made from
 * the name (with -2, -3… when taken). Throws `Invalid` (time zone, area, no usable slug),
 * `Forbidden` (see `assertMayStart`), `Conflict('communities.slug_taken', {field: 'slug'})`.
 */
export async function startCommunity(ctx: Ctx, input: CommunityInput): Promise<Community> {
  const errors = checkSettings(input);
  let slug = input.slug ?? slugFrom(input.name);
  if (!input.slug && !slugPattern.test(slug)) errors.push({ field: 'slug', code: 'communities.slug_needed' });
  if (errors.length) throw new Invalid(errors);
  await assertMayStart(ctx);
  const accountId = requireSignedIn(ctx);
  const now = iso(ctx.clock.now());
  return ctx.db.transaction().execute(async (tx) => {
    if (await store.slugTaken(tx, slug)) {
      if (input.slug) throw new Conflict('communities.slug_taken', { field: 'slug', slug });
      const candidates = Array.from({ length: 98 }, (_, i) => `${slug.slice(0, 36)}-${i + 2}`);
      const taken = new Set(await store.listTakenSlugs(tx, candidates));
      const free = candidates.find((s) => !taken.has(s));
      if (!free) throw new Conflict('communities.slug_taken', { field: 'slug', slug });
      slug = free;
    }
    const community = await store.insertCommunity(tx, {
      slug,
      name: input.name,
      description: input.description ?? '',
      areaLat: input.areaLat ?? null,
      areaLng: input.areaLng ?? null,
      areaRadiusM: input.areaLat != null ? (input.areaRadiusM ?? null) : null,
      languages: input.languages.join(','),
      timeZone: input.timeZone,
      rhythm: input.rhythm,
      joinPolicy: input.joinPolicy,
      chatUrl: input.chatUrl ?? null,
      paperMembers: input.paperMembers === false ? 0 : 1,
      emailOptional: input.emailOptional ? 1 : 0,
      createdBy: accountId,
      createdAt: now,
    });
    await store.insertMembership(tx, {
      communityId: community.id,
      accountId,
      role: 'steward',
      status: 'active',
      message: null,
      inviteId: null,
      requestedAt: now,
      joinedAt: now,
      endedAt: null,
      decidedBy: null,
    });
    return community;
  });
}

/**
 * The community for its settings form (stewards only). Refuses outsiders as the platform gate
 * does, other members with `Forbidden('communities.only_stewards_edit')`.
 */
export function getSettings(ctx: Ctx): CommunityContext {
  return requireRole(ctx, can.editSettings, 'communities.only_stewards_edit').community;
}

/**
 * Changes the given settings (`null` clears an optional one). The slug never changes: printed
 * flyers and QR codes carry it. Throws like `getSettings`, and `Invalid` (time zone, area).
 */
export async function updateSettings(ctx: Ctx, patch: CommunityPatchInput): Promise<Community> {
  const errors = checkSettings({ timeZone: patch.timeZone });
  if (errors.length) throw new Invalid(errors);
  const { communityId } = requireRole(ctx, can.editSettings, 'communities.only_stewards_edit');
  return ctx.db.transaction().execute(async (tx) => {
    // Read under the lock: the area is merged with what another change may just have saved.
    const community = await store.lockCommunity(tx, communityId);
    if (!community) throw new NotFound('communities.not_found');
    const area = {
      areaLat: patch.areaLat === undefined ? community.areaLat : patch.areaLat,
      areaLng: patch.areaLng === undefined ? community.areaLng : patch.areaLng,
      areaRadiusM: patch.areaRadiusM === undefined ? community.areaRadiusM : patch.areaRadiusM,
    };
    const areaErrors = checkSettings(area);
    if (areaErrors.length) throw new Invalid(areaErrors);
    const {
      name,
      description,
      timeZone,
      rhythm,
      joinPolicy,
      chatUrl,
      languages,
      paperMembers,
      emailOptional,
    } = patch;
    // Named one by one: a body may carry more than the schema lists (a form's CSRF token).
    return store.updateCommunity(tx, community.id, {
      ...(name === undefined ? {} : { name }),
      ...(description === undefined ? {} : { description }),
      ...(timeZone === undefined ? {} : { timeZone }),
      ...(rhythm === undefined ? {} : { rhythm }),
      ...(joinPolicy === undefined ? {} : { joinPolicy }),
      ...(chatUrl === undefined ? {} : { chatUrl }),
      ...area,
      ...(languages ? { languages: languages.join(',') } : {}),
      ...(paperMembers === undefined ? {} : { paperMembers: paperMembers ? 1 : 0 }),
      ...(emailOptional === undefined ? {} : { emailOptional: emailOptional ? 1 : 0 }),
    });
  });
}

/**
 * Makes `accountId` an active steward of the community `slug` (for the command line: recovery
 * and first-run setup), reusing their membership row if they had one.
 * Throws `NotFound('communities.not_found')`.
 */
export async function makeSteward(s: Services, slug: string, accountId: string): Promise<Membership> {
  return s.db.transaction().execute(async (tx) => {
    const community = await store.findCommunityBySlug(tx, slug.toLowerCase());
    if (!community) throw new NotFound('communities.not_found');
    const now = iso(s.clock.now());
    const previous = await store.findMembership(tx, community.id, accountId);
    const values = { role: 'steward' as const, status: 'active' as const, endedAt: null };
    if (previous) {
      return store.updateMembership(tx, community.id, previous.id, {
        ...values,
        joinedAt: previous.status === 'active' ? previous.joinedAt : now,
      });
    }
    return store.insertMembership(tx, {
      ...values,
      communityId: community.id,
      accountId,
      message: null,
      inviteId: null,
      requestedAt: now,
      joinedAt: now,
      decidedBy: null,
    });
  });
}

/** Days a new member (or steward) is shown the first steps on the porch. */
export const welcomeDays = 14;

/** What the porch's welcome shows a member: nothing, or the first steps (a steward's include inviting). */
export interface Welcome {
  steward: boolean;
  paperMembers: boolean;
}

/**
 * The welcome for the acting member: first steps while they joined less than `welcomeDays` ago,
 * and for a steward also while the community has fewer than 5 members. Null for anyone else.
 */
export async function welcomeFor(ctx: Ctx, memberCount: number): Promise<Welcome | null> {
  const community = ctx.community;
  const accountId = ctx.actor.accountId;
  if (!community || !accountId || ctx.actor.role === 'visitor') return null;
  const membership = await store.findMembership(ctx.db, community.id, accountId);
  const since = membership?.joinedAt ?? membership?.requestedAt;
  if (!since) return null;
  const steward = ctx.actor.role === 'steward';
  const recent = ctx.clock.now().getTime() - Date.parse(since) < welcomeDays * 86_400_000;
  if (!recent && !(steward && memberCount < 5)) return null;
  return { steward, paperMembers: community.paperMembers === 1 };
}
