/**
 * The database as Kysely sees it (camelCase; `CamelCasePlugin` maps to snake_case columns).
 * Instants are ISO-8601 UTC strings; flags are 0/1; `languages` are comma-separated codes.
 */
import type { Generated, Kysely, Selectable } from 'kysely';

/** Who may see a contact detail: fellow members, stewards only, or nobody. */
export type Visibility = 'community' | 'stewards' | 'nobody';
/** A member's role in one community. */
export type Role = 'member' | 'steward' | 'coordinator';
/** Where a membership stands; `left`/`removed` rows stay so history remains readable. */
export type MembershipStatus = 'pending' | 'active' | 'declined' | 'left' | 'removed';
/** How neighbors join: anyone, with an invite link, or after a steward approves. */
export type JoinPolicy = 'open' | 'invite' | 'approval';
/** How often the community meets. */
export type Rhythm = 'weekly' | 'monthly' | 'seasonal';

export interface AccountTable {
  id: string;
  email: string | null;
  displayName: string;
  locale: string | null;
  about: Generated<string>;
  languages: Generated<string>;
  availability: Generated<string>;
  emailVisibility: Generated<Visibility>;
  phone: string | null;
  phoneVisibility: Generated<Visibility>;
  chatHandle: string | null;
  chatVisibility: Generated<Visibility>;
  locationLat: number | null;
  locationLng: number | null;
  operator: Generated<number>;
  addedBy: string | null;
  createdAt: string;
  erasedAt: string | null;
}

export interface SkillTable {
  id: string;
  accountId: string;
  kind: 'share' | 'learn';
  name: string;
  normalized: string;
}

export interface SessionTable {
  id: string;
  tokenHash: string;
  accountId: string;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export interface LoginTokenTable {
  id: string;
  tokenHash: string;
  email: string;
  nextPath: string | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface SettingTable {
  key: string;
  value: string;
}

export interface JobTable {
  id: string;
  kind: string;
  payload: string;
  runAt: string;
  attempts: Generated<number>;
  lockedUntil: string | null;
  doneAt: string | null;
  failedAt: string | null;
  lastError: string | null;
  createdAt: string;
}

export interface CommunityTable {
  id: string;
  slug: string;
  name: string;
  description: Generated<string>;
  areaLat: number | null;
  areaLng: number | null;
  areaRadiusM: number | null;
  languages: string;
  timeZone: string;
  rhythm: Rhythm;
  joinPolicy: JoinPolicy;
  chatUrl: string | null;
  paperMembers: Generated<number>;
  /** 1 when neighbors may join with a name only (migration 0003). */
  emailOptional: Generated<number>;
  createdBy: string | null;
  createdAt: string;
  archivedAt: string | null;
}

export interface MembershipTable {
  id: string;
  communityId: string;
  accountId: string;
  role: Role;
  status: MembershipStatus;
  message: string | null;
  inviteId: string | null;
  requestedAt: string;
  joinedAt: string | null;
  endedAt: string | null;
  decidedBy: string | null;
}

export interface InviteTable {
  id: string;
  communityId: string;
  code: string;
  label: Generated<string>;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string | null;
  maxUses: number | null;
  uses: Generated<number>;
  revokedAt: string | null;
}

/** Every table, by name. */
export interface Database {
  account: AccountTable;
  skill: SkillTable;
  session: SessionTable;
  loginToken: LoginTokenTable;
  setting: SettingTable;
  job: JobTable;
  community: CommunityTable;
  membership: MembershipTable;
  invite: InviteTable;
}

/** Tables whose rows belong to one community: every query on them must name `community_id`. */
export const communityTables: readonly string[] = ['membership', 'invite'];

/** A database handle or an open transaction. */
export type Db = Kysely<Database>;

export type Account = Selectable<AccountTable>;
export type Community = Selectable<CommunityTable>;
export type Membership = Selectable<MembershipTable>;
export type Invite = Selectable<InviteTable>;
