/**
 * Profiles, the members directory and "who could teach me" matches. Contact details leave this
 * file only through `policy.contactsFor`; a location is stored rounded to about 100 m and is
 * never shown to anyone but its owner (others learn at most "lives in the community area").
 */
import type { Static } from 'typebox';
import { requireRole, requireSignedIn } from '../../platform/access.ts';
import type { CommunityContext, Ctx } from '../../platform/context.ts';
import type { Account, Role } from '../../platform/db/database.ts';
import { Forbidden, NotFound, Unauthenticated } from '../../platform/errors.ts';
import { versionedCache } from '../../platform/versioned-cache.ts';
import {
  formValues,
  normalizeSkill,
  type ProfileChanges,
  splitList,
  tidy,
  validateChanges,
} from './input.ts';
import { type ContactSubject, can, contactsFor, isPaperMember, type VisibleContacts } from './policy.ts';
import type { MatchOut, MemberOut, MemberSummaryOut, MyProfileOut } from './schema.ts';
import * as store from './store.ts';

export { changesFromForm, normalizeSkill, type ProfileChanges, roundCoordinate } from './input.ts';
/** The availability grid (shifts' nudge matches it). */
export { availabilityDays, availabilitySlots, dayParts } from './schema.ts';
/** Active members who list a skill (to share, to learn, or both): gatherings choose a workshop's host from them. */
export { type MemberWithSkill, membersWithSkill } from './store.ts';

/** One line of the directory. (the API's `MemberSummaryOut`). */
export type MemberSummary = Static<typeof MemberSummaryOut>;

/** A member's profile as the viewer may see it, plus what the viewer may do with it. (the API's `MemberOut`). */
export type MemberProfile = Static<typeof MemberOut>;

/** The signed-in person's own profile with everything they entered. (the API's `MyProfileOut`). */
export type MyProfile = Static<typeof MyProfileOut>;

/** Members who could teach one of my skills to learn: same skill first, then similar ones. (the API's `MatchOut`). */
export type SkillMatch = Static<typeof MatchOut>;

/** Validates `changes` and saves them to the account with its skills, in one transaction. */
async function saveProfile(ctx: Ctx, account: Account, changes: ProfileChanges): Promise<void> {
  const { values, share, learn } = validateChanges(account, changes);
  await ctx.db.transaction().execute(async (tx) => {
    await store.updateAccountProfile(tx, account.id, values);
    if (share) await store.replaceSkills(tx, account.id, 'share', share);
    if (learn) await store.replaceSkills(tx, account.id, 'learn', learn);
  });
}

/** The signed-in person's own profile and their communities. */
export async function getMyProfile(ctx: Ctx): Promise<MyProfile> {
  const accountId = requireSignedIn(ctx);
  const account = await store.findAccount(ctx.db, accountId);
  if (!account) throw new Unauthenticated();
  const [skills, communities] = await Promise.all([
    store.listSkills(ctx.db, [accountId]),
    store.listAccountCommunities(ctx.db, accountId),
  ]);
  const names = (kind: store.SkillKind) => skills.filter((s) => s.kind === kind).map((s) => s.name);
  return {
    id: account.id,
    displayName: account.displayName,
    email: account.email,
    locale: account.locale,
    languages: splitList(account.languages),
    about: account.about,
    skillsToShare: names('share'),
    skillsToLearn: names('learn'),
    availability: account.availability,
    availableAt: splitList(account.availabilitySlots),
    emailVisibility: account.emailVisibility,
    phone: account.phone,
    phoneVisibility: account.phoneVisibility,
    chatHandle: account.chatHandle,
    chatVisibility: account.chatVisibility,
    location:
      account.locationLat !== null && account.locationLng !== null
        ? { lat: account.locationLat, lng: account.locationLng }
        : null,
    communities,
  };
}

/** The form values of the signed-in person's profile. */
export async function getMyProfileForm(ctx: Ctx): Promise<Record<string, unknown>> {
  const accountId = requireSignedIn(ctx);
  const account = await store.findAccount(ctx.db, accountId);
  if (!account) throw new Unauthenticated();
  return formValues(account, await store.listSkills(ctx.db, [accountId]));
}

/** Changes the signed-in person's own profile. */
export async function updateMyProfile(ctx: Ctx, changes: ProfileChanges): Promise<MyProfile> {
  const accountId = requireSignedIn(ctx);
  const account = await store.findAccount(ctx.db, accountId);
  if (!account) throw new Unauthenticated();
  await saveProfile(ctx, account, changes);
  return getMyProfile(ctx);
}

/** The communities of the signed-in person (for the profile page). */
export function listMyCommunities(ctx: Ctx) {
  return store.listAccountCommunities(ctx.db, requireSignedIn(ctx));
}

// The members of the community are for its members (the platform gate, then the policy).
function requireMemberViewer(ctx: Ctx): CommunityContext {
  return requireRole(ctx, can.seeMembers, 'errors.members_only').community;
}

/** The viewer's community and an active member of it; `NotFound` for anyone else. */
async function loadMember(ctx: Ctx, accountId: string) {
  const community = requireMemberViewer(ctx);
  const member = await store.findMember(ctx.db, community.id, accountId);
  if (!member) throw new NotFound('profiles.errors.member_not_found');
  return { community, member };
}

async function withSharedSkills(
  ctx: Ctx,
  rows: { id: string; displayName: string; languages: string; role: Role }[],
): Promise<MemberSummary[]> {
  const skills = await store.listSkills(
    ctx.db,
    rows.map((r) => r.id),
    'share',
  );
  // Grouped once: filtering all skills per member made a 500-member list quadratic.
  const shared = new Map<string, string[]>();
  for (const s of skills) {
    const names = shared.get(s.accountId);
    if (names) names.push(s.name);
    else shared.set(s.accountId, [s.name]);
  }
  return rows.map((r) => ({
    id: r.id,
    displayName: r.displayName,
    role: r.role,
    languages: splitList(r.languages),
    skillsToShare: shared.get(r.id) ?? [],
  }));
}

/**
 * One page of the directory: its members, how many match in all, and where the pages before and
 * after it start (`previous`: the page ending before the member with that account id; `next`:
 * the page starting after that one), when there are such pages.
 */
export interface DirectoryPage {
  members: MemberSummary[];
  total: number;
  pageSize: number;
  previous?: string;
  next?: string;
}

/** Members on one page of the directory. */
export const directoryPageSize = 50;

// The directory's filters for a search `q` (by name, or by skill; with `teachOnly`, by a skill
// to share only).
function filterOf(search: { q?: string; teachOnly?: boolean }): store.MemberFilter {
  const q = tidy(search.q ?? '');
  return {
    name: q && !search.teachOnly ? q.toLowerCase() : undefined,
    skill: q ? normalizeSkill(q) : undefined,
    teachOnly: search.teachOnly,
  };
}

/**
 * The directory of the community's active members, optionally searched by name or skill (`q`);
 * with `teachOnly`, only members who list a matching skill to share. In the directory's order:
 * by the sort key of the name (`platform/i18n/sort-name.ts`: "Ángela" with "Angela", in every
 * language), then account id; with `page`, `limit` of them after the first `offset`. Members only
 * (the platform gate: 401, or 403 `errors.members_only`).
 */
export async function listDirectory(
  ctx: Ctx,
  search: { q?: string; teachOnly?: boolean } = {},
  page?: { limit: number; offset?: number },
): Promise<MemberSummary[]> {
  const community = requireMemberViewer(ctx);
  return withSharedSkills(ctx, await store.listMembers(ctx.db, community.id, filterOf(search), page));
}

/**
 * One page of `listDirectory`, `directoryPageSize` members long, with the number of all matching
 * members: the first page, or the one after (before) the member `after` (`before`), an account
 * id from a page's `next` (`previous`). A member who is no longer one still marks where they were;
 * an id never a member of the community gives the first page. Same rules and errors.
 */
export async function listDirectoryPage(
  ctx: Ctx,
  search: { q?: string; teachOnly?: boolean; after?: string; before?: string } = {},
): Promise<DirectoryPage> {
  const community = requireMemberViewer(ctx);
  const filter = filterOf(search);
  const pageSize = directoryPageSize;
  const direction: store.MemberCursor['direction'] | undefined = search.after
    ? 'after'
    : search.before
      ? 'before'
      : undefined;
  const key = direction
    ? await store.findMemberCursor(ctx.db, community.id, (search.after ?? search.before)!)
    : undefined;
  const cursor = key && direction ? { ...key, direction } : undefined;
  // One more than a page tells whether there is a page beyond it.
  const rows = await store.listMembers(ctx.db, community.id, filter, { cursor, limit: pageSize + 1 });
  const beyond = rows.length > pageSize;
  const shown = rows.slice(0, pageSize);
  if (cursor?.direction === 'before') shown.reverse();
  const first = shown[0]?.id;
  const last = shown.at(-1)?.id;
  const hasPrevious = cursor ? cursor.direction === 'after' || beyond : false;
  const hasNext = cursor?.direction === 'before' ? true : beyond;
  const [members, total] = await Promise.all([
    withSharedSkills(ctx, shown),
    store.countMembers(ctx.db, community.id, filter),
  ]);
  return {
    members,
    total,
    pageSize,
    previous: hasPrevious ? (first ?? cursor?.accountId) : undefined,
    next: hasNext ? (last ?? cursor?.accountId) : undefined,
  };
}

/** Great-circle distance in metres. */
function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

function livesInArea(community: CommunityContext, account: Account): boolean | null {
  const { areaLat, areaLng, areaRadiusM } = community;
  if (areaLat === null || areaLng === null || areaRadiusM === null) return null;
  if (account.locationLat === null || account.locationLng === null) return null;
  return (
    distanceMetres({ lat: areaLat, lng: areaLng }, { lat: account.locationLat, lng: account.locationLng }) <=
    areaRadiusM
  );
}

/**
 * A member's profile as the actor (a member) may see it; `NotFound` for anyone not an active
 * member here.
 */
export async function getMember(ctx: Ctx, accountId: string): Promise<MemberProfile> {
  const { community, member } = await loadMember(ctx, accountId);
  const skills = await store.listSkillsOf(ctx.db, member.id);
  const names = (kind: store.SkillKind) => skills.filter((s) => s.kind === kind).map((s) => s.name);
  const subject: ContactSubject = member;
  return {
    id: member.id,
    displayName: member.displayName,
    role: member.role,
    languages: splitList(member.languages),
    about: member.about,
    skillsToShare: names('share'),
    skillsToLearn: names('learn'),
    availability: member.availability,
    availableAt: splitList(member.availabilitySlots),
    memberSince: member.joinedAt,
    paperMember: isPaperMember(member),
    livesInArea: livesInArea(community, member),
    contacts: contactsFor(ctx.actor, subject),
    canEdit: can.editProfileOf(ctx.actor, member),
    canManage: can.manageMember(ctx.actor, member),
    canHelpSignIn: can.helpSignIn(ctx.actor, member),
  };
}

/**
 * The contact details of several people, as the actor may see them (`policy.contactsFor`), by
 * account id: for other features' lists of people, such as the library's overdue call list.
 * Only active members of the actor's community are looked up; other ids (former members, other
 * communities' people) are left out of the map, and so is everyone when the actor is not a member.
 * One indexed lookup per distinct id.
 */
export async function contactsOf(
  ctx: Ctx,
  accountIds: readonly string[],
): Promise<Map<string, VisibleContacts>> {
  const contacts = new Map<string, VisibleContacts>();
  const communityId = ctx.community?.id;
  if (!communityId || !can.seeMembers(ctx.actor)) return contacts;
  for (const accountId of new Set(accountIds)) {
    const member = await store.findMember(ctx.db, communityId, accountId);
    if (member) contacts.set(accountId, contactsFor(ctx.actor, member));
  }
  return contacts;
}

/**
 * The id of the active member of the actor's community whose email is `email`, when the actor may
 * see that email (`policy.contactsFor`); undefined otherwise, exactly as for an address nobody
 * has: finding someone by a contact detail never confirms one that is hidden from the finder.
 */
export async function findMemberByEmail(ctx: Ctx, email: string): Promise<string | undefined> {
  const { communityId } = ctx.actor;
  if (!communityId || !can.seeMembers(ctx.actor)) return undefined;
  const member = await store.findMemberByEmail(ctx.db, communityId, email.trim().toLowerCase());
  return member && contactsFor(ctx.actor, member).email ? member.id : undefined;
}

// The paper member, if the actor may edit their profile; else 404 (not here) or 403.
async function loadEditablePaperMember(ctx: Ctx, accountId: string) {
  const { member } = await loadMember(ctx, accountId);
  if (!can.editProfileOf(ctx.actor, member))
    throw new Forbidden('profiles.errors.only_stewards_edit_paper_members');
  return member;
}

/** The form values and name of a paper member whose profile a steward may edit. */
export async function getPaperMemberForm(ctx: Ctx, accountId: string) {
  const member = await loadEditablePaperMember(ctx, accountId);
  return {
    displayName: member.displayName,
    values: formValues(member, await store.listSkills(ctx.db, [member.id])),
  };
}

/** A steward changes a paper member's profile (they cannot sign in to do it themselves). */
export async function updatePaperMember(
  ctx: Ctx,
  accountId: string,
  changes: ProfileChanges,
): Promise<MemberProfile> {
  const member = await loadEditablePaperMember(ctx, accountId);
  await saveProfile(ctx, member, changes);
  return getMember(ctx, accountId);
}

/**
 * For each of the actor's skills to learn, the other active members of the community whose
 * skills to share are the same (after normalizing), then those that contain it or are
 * contained in it (at least 3 letters, so "a" matches nothing). Members only.
 */
export async function listMatches(ctx: Ctx): Promise<SkillMatch[]> {
  const community = requireMemberViewer(ctx);
  const accountId = requireSignedIn(ctx);
  return keptMatches(ctx, community, accountId, () => findMatches(ctx, community.id, accountId));
}

// Kept per reader at the community's data version (shared by the directory's pages and searches):
// every row they are worked out from moves it — the reader's and the members' skills (a skill
// moves every community of its account), memberships, names.
const keptMatches = versionedCache<SkillMatch[]>(2_000);

async function findMatches(ctx: Ctx, communityId: string, accountId: string): Promise<SkillMatch[]> {
  const wanted = await store.listSkills(ctx.db, [accountId], 'learn');
  const offered = await store.listCommunitySharedSkills(
    ctx.db,
    communityId,
    accountId,
    wanted.map((w) => w.normalized),
  );
  const members = new Map<string, MemberSummary>();
  for (const o of offered) {
    const m = members.get(o.id) ?? {
      id: o.id,
      displayName: o.displayName,
      role: o.role,
      languages: splitList(o.languages),
      skillsToShare: [],
    };
    m.skillsToShare.push(o.name);
    members.set(o.id, m);
  }
  return wanted.map((w) => {
    const exact: SkillMatch['exact'] = [];
    const similar: SkillMatch['similar'] = [];
    const taken = new Set<string>();
    for (const o of offered) {
      if (o.normalized === w.normalized && !taken.has(o.id)) {
        exact.push({ member: members.get(o.id)!, skill: o.name });
        taken.add(o.id);
      }
    }
    for (const o of offered) {
      if (taken.has(o.id)) continue;
      const [short, long] =
        o.normalized.length < w.normalized.length
          ? [o.normalized, w.normalized]
          : [w.normalized, o.normalized];
      if (short.length >= 3 && long.includes(short)) {
        similar.push({ member: members.get(o.id)!, skill: o.name });
        taken.add(o.id);
      }
    }
    return { skill: w.name, exact, similar };
  });
}
