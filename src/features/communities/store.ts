/**
 * SQL of communities, memberships and invites. Every function on a community-owned table takes
 * `communityId` and filters by it. Counts go through `Number()`: PostgreSQL returns them as text.
 */
import type { Insertable, Updateable } from 'kysely';
import type {
  Community,
  CommunityTable,
  Db,
  Invite,
  MemberSignInLinkTable,
  Membership,
  MembershipStatus,
  Role,
} from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';

/** A membership with the member's name and email. */
export type MembershipWithAccount = Membership & { displayName: string; email: string | null };

// ---- communities (the tenant root: looked up by id or slug)

/** The community `id`, archived or not. */
export function findCommunity(db: Db, id: string) {
  return db.selectFrom('community').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The community `id`, locked for the rest of the transaction (`platform/db/locking.ts`) so that
 * two steward changes (roles, leaving) cannot both pass the "one steward remains" check.
 */
export function lockCommunity(db: Db, id: string) {
  return db.selectFrom('community').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The live community with `slug`. */
export function findCommunityBySlug(db: Db, slug: string) {
  return db
    .selectFrom('community')
    .selectAll()
    .where('slug', '=', slug)
    .where('archivedAt', 'is', null)
    .executeTakeFirst();
}

/** Whether a community (even archived) already has `slug`. */
export async function slugTaken(db: Db, slug: string): Promise<boolean> {
  const row = await db.selectFrom('community').select('id').where('slug', '=', slug).executeTakeFirst();
  return Boolean(row);
}

/** Which of `slugs` communities (even archived) already have (to suggest a free one). */
export async function listTakenSlugs(db: Db, slugs: string[]): Promise<string[]> {
  // An IN list, not a LIKE on the prefix: equality uses the unique index under any collation.
  const rows = await db.selectFrom('community').select('slug').where('slug', 'in', slugs).execute();
  return rows.map((r) => r.slug);
}

/** How many live communities `accountId` started (for the per-person limit). */
export async function countCommunitiesCreatedBy(db: Db, accountId: string): Promise<number> {
  const { n } = await db
    .selectFrom('community')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('createdBy', '=', accountId)
    .where('archivedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Inserts a community; returns it. */
export function insertCommunity(
  db: Db,
  values: Omit<Insertable<CommunityTable>, 'id' | 'archivedAt'>,
): Promise<Community> {
  return db
    .insertInto('community')
    .values({ ...values, id: newId(), archivedAt: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Updates the community `id` with `patch`; returns it. */
export function updateCommunity(db: Db, id: string, patch: Omit<Updateable<CommunityTable>, 'id'>) {
  return db.updateTable('community').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Live communities where `accountId` has a membership with one of `statuses`, by name. */
export function listCommunitiesOfAccount(db: Db, accountId: string, statuses: MembershipStatus[]) {
  return db
    .selectFrom('community')
    .innerJoin('membership', (join) =>
      join.onRef('membership.communityId', '=', 'community.id').on('membership.accountId', '=', accountId),
    )
    .selectAll('community')
    .select(['membership.role as myRole', 'membership.status as myStatus'])
    .where('membership.status', 'in', statuses)
    .where('community.archivedAt', 'is', null)
    .orderBy('community.name')
    .execute();
}

// ---- memberships

/** `accountId`'s membership row in the community (any status). */
export function findMembership(db: Db, communityId: string, accountId: string) {
  return db
    .selectFrom('membership')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('accountId', '=', accountId)
    .executeTakeFirst();
}

/** The community's memberships joined with each member's name and email (a query to narrow). */
function withAccount(db: Db, communityId: string) {
  return db
    .selectFrom('membership')
    .innerJoin('account', 'account.id', 'membership.accountId')
    .selectAll('membership')
    .select(['account.displayName', 'account.email'])
    .where('membership.communityId', '=', communityId);
}

/** The membership `id` in the community, with the member's name and email. */
export function findMembershipById(
  db: Db,
  communityId: string,
  id: string,
): Promise<MembershipWithAccount | undefined> {
  return withAccount(db, communityId).where('membership.id', '=', id).executeTakeFirst();
}

/** `accountId`'s membership in the community with the member's name and email. */
export function findMembershipWithAccount(
  db: Db,
  communityId: string,
  accountId: string,
): Promise<MembershipWithAccount | undefined> {
  return withAccount(db, communityId).where('membership.accountId', '=', accountId).executeTakeFirst();
}

/** Memberships with `status`, oldest request first, with names. */
export function listMembershipsByStatus(
  db: Db,
  communityId: string,
  status: MembershipStatus,
): Promise<MembershipWithAccount[]> {
  return withAccount(db, communityId)
    .where('membership.status', '=', status)
    .orderBy('membership.requestedAt')
    .execute();
}

/** The names of the community's active members (to warn a newcomer who has the same name). */
export async function listActiveMemberNames(db: Db, communityId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('membership')
    .innerJoin('account', 'account.id', 'membership.accountId')
    .select('account.displayName')
    .where('membership.communityId', '=', communityId)
    .where('membership.status', '=', 'active')
    .execute();
  return rows.map((r) => r.displayName);
}

/** The ids of the community's active stewards (erased accounts aside). */
export function listStewardIds(db: Db, communityId: string) {
  return db
    .selectFrom('membership')
    .innerJoin('account', 'account.id', 'membership.accountId')
    .select(['account.id'])
    .where('membership.communityId', '=', communityId)
    .where('membership.status', '=', 'active')
    .where('membership.role', '=', 'steward')
    .where('account.erasedAt', 'is', null)
    .execute();
}

/** Active members, optionally only those with `role`. */
export async function countActiveMembers(db: Db, communityId: string, role?: Role): Promise<number> {
  let q = db
    .selectFrom('membership')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('communityId', '=', communityId)
    .where('status', '=', 'active');
  if (role) q = q.where('role', '=', role);
  const { n } = await q.executeTakeFirstOrThrow();
  return Number(n);
}

/** Inserts a membership; returns it. */
export function insertMembership(db: Db, values: Omit<Membership, 'id' | 'sortName'>): Promise<Membership> {
  return db
    .insertInto('membership')
    .values({ ...values, id: newId() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Updates the membership `id` in the community; returns it. */
export function updateMembership(
  db: Db,
  communityId: string,
  id: string,
  patch: Partial<Omit<Membership, 'id' | 'communityId' | 'accountId'>>,
): Promise<Membership> {
  return db
    .updateTable('membership')
    .set(patch)
    .where('communityId', '=', communityId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ---- invites

/** The community's invites, newest first. */
export function listInvites(db: Db, communityId: string): Promise<Invite[]> {
  return db
    .selectFrom('invite')
    .selectAll()
    .where('communityId', '=', communityId)
    .orderBy('createdAt', 'desc')
    .execute();
}

/** The invite `id` in the community. */
export function findInvite(db: Db, communityId: string, id: string) {
  return db
    .selectFrom('invite')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The invite with `code` in the community. */
export function findInviteByCode(db: Db, communityId: string, code: string) {
  return db
    .selectFrom('invite')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Inserts an invite; returns it. */
export function insertInvite(db: Db, values: Omit<Invite, 'id' | 'uses' | 'revokedAt'>): Promise<Invite> {
  return db
    .insertInto('invite')
    .values({ ...values, id: newId(), uses: 0, revokedAt: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Marks the invite revoked (kept, so memberships that came through it stay explained). */
export function revokeInvite(db: Db, communityId: string, id: string, now: string): Promise<Invite> {
  return db
    .updateTable('invite')
    .set((eb) => ({ revokedAt: eb.fn.coalesce('revokedAt', eb.val(now)) }))
    .where('communityId', '=', communityId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Takes one use of the invite in a single statement, only while it is usable (not revoked,
 * not expired, under its limit), so two neighbors cannot both take the last use.
 * Returns whether a use was taken.
 */
export async function claimInviteUse(db: Db, communityId: string, id: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('invite')
    .set((eb) => ({ uses: eb('uses', '+', 1) }))
    .where('communityId', '=', communityId)
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', now)]))
    .where((eb) => eb.or([eb('maxUses', 'is', null), eb('uses', '<', eb.ref('maxUses'))]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- accounts (only what joining needs; profiles own the rest)

/** The account `id`: whether it has an email (paper members have none). */
export function findAccountContact(db: Db, id: string) {
  return db
    .selectFrom('account')
    .select(['id', 'email', 'locale', 'displayName'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Sets a paper member's phone and languages (an account with no email to set them itself). */
export async function setPaperMemberDetails(
  db: Db,
  accountId: string,
  details: { phone: string | null; languages: string },
): Promise<void> {
  await db
    .updateTable('account')
    .set(details)
    .where('id', '=', accountId)
    .where('email', 'is', null)
    .execute();
}

/** The members who joined last (at most `limit`), with their names. */
export function listNewMembers(db: Db, communityId: string, limit: number) {
  return withAccount(db, communityId)
    .where('membership.status', '=', 'active')
    .where('membership.joinedAt', 'is not', null)
    .orderBy('membership.joinedAt', 'desc')
    .limit(limit)
    .execute();
}

/** The active members who joined in [from, until) (instants), first joined first, with their names. */
export function listMembersJoinedBetween(db: Db, communityId: string, from: string, until: string) {
  return withAccount(db, communityId)
    .where('membership.status', '=', 'active')
    .where('membership.joinedAt', '>=', from)
    .where('membership.joinedAt', '<', until)
    .orderBy('membership.joinedAt')
    .execute();
}

// ---- one-time sign-in links a steward makes for a member without email

/** Records a steward's sign-in link (only its hash). */
export async function insertMemberSignInLink(db: Db, values: Insertable<MemberSignInLinkTable>) {
  await db.insertInto('memberSignInLink').values(values).execute();
}

/** Ends the member's links not used yet (a new one replaces them): they expire `now`. */
export async function endMemberSignInLinks(db: Db, communityId: string, accountId: string, now: string) {
  await db
    .updateTable('memberSignInLink')
    .set({ expiresAt: now })
    .where('communityId', '=', communityId)
    .where('accountId', '=', accountId)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .execute();
}

/**
 * Marks the unused, unexpired link with `tokenHash` used at `now`, in one statement (two taps
 * cannot both use it); returns it, or undefined.
 */
export function claimMemberSignInLink(db: Db, communityId: string, tokenHash: string, now: string) {
  return db
    .updateTable('memberSignInLink')
    .set({ usedAt: now })
    .where('communityId', '=', communityId)
    .where('tokenHash', '=', tokenHash)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .returningAll()
    .executeTakeFirst();
}

/** The member's sign-in links, newest first, with who made each: the log. */
export function listMemberSignInLinks(db: Db, communityId: string, accountId: string, limit = 20) {
  return db
    .selectFrom('memberSignInLink as l')
    .leftJoin('account as steward', 'steward.id', 'l.createdBy')
    .select(['l.id', 'l.createdAt', 'l.expiresAt', 'l.usedAt', 'steward.displayName as createdByName'])
    .where('l.communityId', '=', communityId)
    .where('l.accountId', '=', accountId)
    .orderBy('l.createdAt', 'desc')
    .orderBy('l.id', 'desc')
    .limit(limit)
    .execute();
}
