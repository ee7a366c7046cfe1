/**
 * SQL of profiles and the directory. Skills belong to an account (a profile is the same in every
 * community); anything that lists people is scoped to one community through its memberships.
 */
import { type ExpressionBuilder, sql } from 'kysely';
import type { Account, Database, Db, Role } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { likePattern, padded, prepared } from '../../platform/db/prepared.ts';
import { sortName } from '../../platform/i18n/sort-name.ts';
import { normalizeSkill } from './input.ts';

/** A skill kind: something I can share, or something I want to learn. */
export type SkillKind = 'share' | 'learn';

/** An active member of a community with their role and when they joined. */
export type MemberRow = Account & { role: Role; joinedAt: string | null };

/** A skill row with the name as typed and its normalized form. */
export interface SkillRow {
  accountId: string;
  kind: SkillKind;
  name: string;
  normalized: string;
}

/** The account columns a profile change may set. */
export type AccountProfileUpdate = Partial<
  Pick<
    Account,
    | 'displayName'
    | 'locale'
    | 'languages'
    | 'about'
    | 'availability'
    | 'availabilitySlots'
    | 'emailVisibility'
    | 'phone'
    | 'phoneVisibility'
    | 'chatHandle'
    | 'chatVisibility'
    | 'locationLat'
    | 'locationLng'
  >
>;

// Joins the account to its active membership in `communityId`.
function activeMembers(db: Db, communityId: string) {
  return db
    .selectFrom('membership')
    .innerJoin('account', 'account.id', 'membership.accountId')
    .where('membership.communityId', '=', communityId)
    .where('membership.status', '=', 'active')
    .where('account.erasedAt', 'is', null);
}

/** A LIKE pattern matching `text` anywhere, with `%`, `_` and `\` taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// `lower()` for case-insensitive names: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
function likeEscaped(column: string, pattern: string, lower = false) {
  const target = lower ? sql`lower(${sql.ref(column)})` : sql.ref(column);
  return sql<boolean>`${target} like ${likePattern(pattern)} escape '\\'`;
}

/** The account, or undefined. */
export function findAccount(db: Db, accountId: string) {
  return db.selectFrom('account').selectAll().where('id', '=', accountId).executeTakeFirst();
}

const member = prepared<{ communityId: string; accountId: string }, MemberRow>((db, slot) =>
  activeMembers(db, slot('communityId'))
    .selectAll('account')
    .select(['membership.role', 'membership.joinedAt'])
    .where('account.id', '=', slot('accountId')),
);

/** The account if it is an active member of `communityId`, with its role; else undefined. */
export async function findMember(
  db: Db,
  communityId: string,
  accountId: string,
): Promise<MemberRow | undefined> {
  return (await member(db, { communityId, accountId }))[0];
}

/** The active member of `communityId` whose email is `email` (lower case), if any. */
export function findMemberByEmail(
  db: Db,
  communityId: string,
  email: string,
): Promise<MemberRow | undefined> {
  return activeMembers(db, communityId)
    .selectAll('account')
    .select(['membership.role', 'membership.joinedAt'])
    .where('account.email', '=', email)
    .executeTakeFirst();
}

/** Which members of the directory match: by name (lower case), by a skill (normalized). */
export interface MemberFilter {
  name?: string;
  skill?: string;
  teachOnly?: boolean;
}

/** Where a page of the directory starts: after (or before) this member's key, in its order. */
export interface MemberCursor {
  sortName: string;
  accountId: string;
  direction: 'after' | 'before';
}

/**
 * Active members of `communityId` in the directory's order: the sort key of their name
 * (`platform/i18n/sort-name.ts`), then account id. With `name` (lower case), those whose name
 * contains it; with `skill` (normalized), those who list a skill containing it — to share, with
 * `teachOnly`. Given both, either matches. With `page`, at most `limit` of them from `cursor`
 * on: after it in the directory's order, or before it nearest first (the caller turns those);
 * or, without a cursor, after skipping the first `offset`.
 * The walk follows `membership_community_directory_idx` and stops at the page: nothing is sorted.
 */
export async function listMembers(
  db: Db,
  communityId: string,
  filter: MemberFilter = {},
  page?: { cursor?: MemberCursor; limit: number; offset?: number },
): Promise<MemberLine[]> {
  const { cursor } = page ?? {};
  const values = await valuesOf(db, communityId, filter);
  if (!values) return [];
  return members(db, {
    ...values,
    afterName: cursor?.direction === 'after' ? cursor.sortName : undefined,
    beforeName: cursor?.direction === 'before' ? cursor.sortName : undefined,
    cursorId: cursor?.accountId,
    limit: page?.limit,
    offset: page?.offset || undefined,
  });
}

/** How many active members of `communityId` match `filter` (as `listMembers`). */
export async function countMembers(db: Db, communityId: string, filter: MemberFilter = {}): Promise<number> {
  const values = await valuesOf(db, communityId, filter);
  if (!values) return 0;
  const [row] = await memberCount(db, values);
  return Number(row?.count ?? 0);
}

/** The directory's key of the member `accountId` of `communityId` (any status), if a member. */
export async function findMemberCursor(
  db: Db,
  communityId: string,
  accountId: string,
): Promise<{ sortName: string; accountId: string } | undefined> {
  return (await memberKey(db, { communityId, accountId }))[0];
}

/**
 * The statements' values for `filter`; undefined when nothing can match: a skill to look for that
 * no one in the community lists (one index, migration 0045, read until the first that does) and
 * no name. Most searches of the search page name a thing, not a skill: they end here.
 */
async function valuesOf(
  db: Db,
  communityId: string,
  filter: MemberFilter,
): Promise<MemberValues | undefined> {
  const { name, skill, teachOnly = false } = filter;
  const values: MemberValues = {
    communityId,
    teachOnly,
    namePattern: name ? containsPattern(name) : undefined,
    skillPattern: skill ? containsPattern(skill) : undefined,
  };
  if (values.skillPattern && !values.namePattern) {
    const kinds: SkillKind[] = teachOnly ? ['share'] : ['share', 'learn'];
    const [listed] = await anySkillLike(db, { communityId, kinds, skillPattern: values.skillPattern });
    if (!listed) return undefined;
  }
  return values;
}

const anySkillLike = prepared<
  { communityId: string; kinds: SkillKind[]; skillPattern: string },
  { one: number }
>((db, slot) =>
  db
    .selectFrom('memberSkill')
    .select(sql<number>`1`.as('one'))
    .where('memberSkill.communityId', '=', slot('communityId'))
    .where('memberSkill.kind', 'in', slot('kinds'))
    .where(likeEscaped('memberSkill.normalized', slot('skillPattern')))
    .limit(1),
);

/** A line of the directory. */
export type MemberLine = Pick<Account, 'id' | 'displayName' | 'languages'> & { role: Role };

type MemberValues = { communityId: string; namePattern?: string; skillPattern?: string; teachOnly: boolean };

type MemberSlot = <K extends keyof MemberValues & string>(name: K) => NonNullable<MemberValues[K]>;

// Whether the member lists a skill matching `skillPattern` (to share, with `teachOnly`): that
// member's skills in the community, from one index (migration 0045), nothing else read.
function hasSkill(eb: ExpressionBuilder<Database, 'membership'>, slot: MemberSlot, teachOnly: boolean) {
  let sub = eb
    .selectFrom('memberSkill')
    .select('memberSkill.skillId')
    .whereRef('memberSkill.communityId', '=', 'membership.communityId')
    .whereRef('memberSkill.accountId', '=', 'membership.accountId')
    .where(likeEscaped('memberSkill.normalized', slot('skillPattern')));
  if (teachOnly) sub = sub.where('memberSkill.kind', '=', 'share');
  return eb.exists(sub);
}

// The active members matching the filter (shared by the page and its count).
function matching(db: Db, slot: MemberSlot, values: MemberValues) {
  const { namePattern, skillPattern, teachOnly } = values;
  let query = activeMembers(db, slot('communityId'));
  if (namePattern || skillPattern) {
    query = query.where((eb) => {
      const either = [];
      if (namePattern) either.push(likeEscaped('account.displayName', slot('namePattern'), true));
      if (skillPattern) either.push(hasSkill(eb, slot, teachOnly));
      return eb.or(either);
    });
  }
  return query;
}

const filterShape = (f: MemberValues) => [f.namePattern, f.skillPattern, f.teachOnly].map(Boolean).join(' ');

// Compiled once per database and filter (platform/db/prepared.ts), as the queries below: the
// directory and search pages run them.
const members = prepared<
  MemberValues & {
    afterName?: string;
    beforeName?: string;
    cursorId?: string;
    limit?: number;
    offset?: number;
  },
  MemberLine
>(
  (db, slot, values) => {
    let query = matching(db, slot as MemberSlot, values).select([
      'account.id',
      'account.displayName',
      'account.languages',
      'membership.role',
    ]);
    // A row value, so both databases range over the index from the cursor.
    const from = (op: '>' | '<', name: 'afterName' | 'beforeName') =>
      query.where((eb) =>
        eb(
          eb.refTuple('membership.sortName', 'membership.accountId'),
          op,
          eb.tuple(slot(name), slot('cursorId')),
        ),
      );
    if (values.afterName !== undefined) query = from('>', 'afterName');
    const backwards = values.beforeName !== undefined;
    if (backwards) query = from('<', 'beforeName');
    const order = backwards ? 'desc' : 'asc';
    query = query.orderBy('membership.sortName', order).orderBy('membership.accountId', order);
    if (values.limit !== undefined) query = query.limit(slot('limit'));
    return values.offset === undefined ? query : query.offset(slot('offset'));
  },
  (f) =>
    `${filterShape(f)} ${f.afterName !== undefined} ${f.beforeName !== undefined} ${f.limit !== undefined} ${f.offset !== undefined}`,
);

// Without a name to match, the memberships alone: an erased account has no active membership
// (migration 0035), so the count is read from the directory's index, no account looked up.
const memberCount = prepared<MemberValues, { count: number | string }>((db, slot, values) => {
  if (values.namePattern) return matching(db, slot, values).select((eb) => eb.fn.countAll().as('count'));
  let query = db
    .selectFrom('membership')
    .where('membership.communityId', '=', slot('communityId'))
    .where('membership.status', '=', 'active');
  if (values.skillPattern) query = query.where((eb) => hasSkill(eb, slot, values.teachOnly));
  return query.select((eb) => eb.fn.countAll().as('count'));
}, filterShape);

const memberKey = prepared<
  { communityId: string; accountId: string },
  { sortName: string; accountId: string }
>((db, slot) =>
  db
    .selectFrom('membership')
    .select(['membership.sortName', 'membership.accountId'])
    .where('membership.communityId', '=', slot('communityId'))
    .where('membership.accountId', '=', slot('accountId')),
);

/** Skills of the given accounts (all kinds unless `kind`), in the order they were entered. */
export async function listSkills(db: Db, accountIds: string[], kind?: SkillKind): Promise<SkillRow[]> {
  if (accountIds.length === 0) return [];
  return skills(db, { accountIds: padded(accountIds), kind });
}

const skills = prepared<{ accountIds: string[]; kind?: SkillKind }, SkillRow>(
  (db, slot, { kind }) => {
    let query = db
      .selectFrom('skill')
      .select(['accountId', 'kind', 'name', 'normalized'])
      .where('accountId', 'in', slot('accountIds'));
    if (kind) query = query.where('kind', '=', slot('kind'));
    return query.orderBy('id');
  },
  ({ kind }) => String(Boolean(kind)),
);

const skillsOf = prepared<{ accountId: string }, SkillRow>((db, slot) =>
  db
    .selectFrom('skill')
    .select(['accountId', 'kind', 'name', 'normalized'])
    .where('accountId', '=', slot('accountId'))
    .orderBy('id'),
);

/** The skills of one account, both kinds, in the order they were added. */
export function listSkillsOf(db: Db, accountId: string): Promise<SkillRow[]> {
  return skillsOf(db, { accountId });
}

/**
 * Skills to share of the active members of `communityId` (except `exceptAccountId`) that contain,
 * or are contained in, one of the normalized skills `near`: the candidates for "who could teach
 * me", found by the database rather than by reading every member's skills. In two steps: the
 * community's distinct skills to share (one index, migration 0045) are compared here, then only
 * the members listing those are read (500 members, 70 matching: 0.89 ms for the one statement that
 * tested every member's skills, 0.23 ms for the two, on SQLite, measured on a busy machine).
 */
export async function listCommunitySharedSkills(
  db: Db,
  communityId: string,
  exceptAccountId: string,
  near: string[],
) {
  if (near.length === 0) return [];
  const offered = await distinctShared(db, { communityId });
  // The offered skill inside a wanted one ("bike" in "bike repair") or around it, taken literally.
  const chosen = offered
    .map((o) => o.normalized)
    .filter((o) => near.some((w) => o.includes(w) || w.includes(o)));
  if (chosen.length === 0) return [];
  return sharedSkills(db, { communityId, exceptAccountId, chosen: padded(chosen) });
}

const distinctShared = prepared<{ communityId: string }, { normalized: string }>((db, slot) =>
  db
    .selectFrom('memberSkill')
    .select('memberSkill.normalized')
    .distinct()
    .where('memberSkill.communityId', '=', slot('communityId'))
    .where('memberSkill.kind', '=', 'share'),
);

const sharedSkills = prepared<
  { communityId: string; exceptAccountId: string; chosen: string[] },
  MemberLine & Pick<SkillRow, 'name' | 'normalized'>
>((db, slot) =>
  // From the community's skills (index lookups for the chosen few) to their members (CROSS JOIN
  // fixes SQLite's order; PostgreSQL plans it as the inner join it is).
  db
    .selectFrom('memberSkill')
    .crossJoin('membership')
    .crossJoin('account')
    .crossJoin('skill')
    .whereRef('membership.communityId', '=', 'memberSkill.communityId')
    .whereRef('membership.accountId', '=', 'memberSkill.accountId')
    .whereRef('account.id', '=', 'memberSkill.accountId')
    .whereRef('skill.id', '=', 'memberSkill.skillId')
    .where('memberSkill.communityId', '=', slot('communityId'))
    .where('memberSkill.kind', '=', 'share')
    .where('memberSkill.normalized', 'in', slot('chosen'))
    .where('memberSkill.accountId', '!=', slot('exceptAccountId'))
    .where('membership.status', '=', 'active')
    .where('account.erasedAt', 'is', null)
    .select([
      'account.id',
      'account.displayName',
      'account.languages',
      'membership.role',
      'skill.name',
      'skill.normalized',
    ])
    .orderBy('membership.sortName')
    .orderBy('membership.accountId')
    .orderBy('skill.id'),
);

/** An active member of a community who lists a skill, and the skill as they typed it. */
export type MemberWithSkill = MemberLine & Pick<SkillRow, 'kind' | 'name'>;

/**
 * The active members of `communityId` who list `skill` — the same skill once folded as profiles
 * fold it (`normalizeSkill`: case, accents, spaces), so "Jardinería" finds "jardineria" —, to
 * share and to learn, or of `kind` only: one row per member and kind with the skill as they
 * typed it, in the directory's order (sort key of the name, account id), share before learn. An
 * index lookup (migration 0045), for "members who share a skill" wherever they are shown. The
 * caller decides who may see them (the directory's rule: members only).
 */
export function membersWithSkill(
  db: Db,
  communityId: string,
  skill: string,
  kind?: SkillKind,
): Promise<MemberWithSkill[]> {
  const normalized = normalizeSkill(skill);
  if (!normalized) return Promise.resolve([]);
  return withSkill(db, { communityId, normalized, kinds: kind ? [kind] : ['share', 'learn'] });
}

const withSkill = prepared<{ communityId: string; normalized: string; kinds: SkillKind[] }, MemberWithSkill>(
  (db, slot) =>
    db
      .selectFrom('memberSkill')
      .crossJoin('membership')
      .crossJoin('account')
      .crossJoin('skill')
      .whereRef('membership.communityId', '=', 'memberSkill.communityId')
      .whereRef('membership.accountId', '=', 'memberSkill.accountId')
      .whereRef('account.id', '=', 'memberSkill.accountId')
      .whereRef('skill.id', '=', 'memberSkill.skillId')
      .where('memberSkill.communityId', '=', slot('communityId'))
      .where('memberSkill.kind', 'in', slot('kinds'))
      .where('memberSkill.normalized', '=', slot('normalized'))
      .where('membership.status', '=', 'active')
      .where('account.erasedAt', 'is', null)
      .select([
        'account.id',
        'account.displayName',
        'account.languages',
        'membership.role',
        'skill.kind',
        'skill.name',
      ])
      .orderBy('membership.sortName')
      .orderBy('membership.accountId')
      .orderBy('skill.kind', 'desc'),
);

/**
 * Updates the account's profile columns; a new display name comes with its sort key (the
 * database copies it to the account's memberships).
 */
export async function updateAccountProfile(db: Db, accountId: string, values: AccountProfileUpdate) {
  if (Object.keys(values).length === 0) return;
  const set =
    values.displayName === undefined ? values : { ...values, sortName: sortName(values.displayName) };
  await db.updateTable('account').set(set).where('id', '=', accountId).execute();
}

/** Replaces the account's skills of `kind` with `skills` (already normalized and unique). */
export async function replaceSkills(
  db: Db,
  accountId: string,
  kind: SkillKind,
  skills: { name: string; normalized: string }[],
) {
  await db.deleteFrom('skill').where('accountId', '=', accountId).where('kind', '=', kind).execute();
  if (skills.length === 0) return;
  await db
    .insertInto('skill')
    .values(skills.map((s) => ({ id: newId(), accountId, kind, name: s.name, normalized: s.normalized })))
    .execute();
}

/** The communities the account is an active or waiting member of, by name. */
export function listAccountCommunities(db: Db, accountId: string) {
  return db
    .selectFrom('community')
    .innerJoin('membership', (join) =>
      join.onRef('membership.communityId', '=', 'community.id').on('membership.accountId', '=', accountId),
    )
    .select(['community.slug', 'community.name', 'membership.role', 'membership.status'])
    .where('membership.status', 'in', ['active', 'pending'])
    .where('community.archivedAt', 'is', null)
    .orderBy('community.name')
    .execute() as Promise<{ slug: string; name: string; role: Role; status: 'active' | 'pending' }[]>;
}
