/**
 * Community tables (migrations 0002 and 0003): the community itself, its memberships with their roles
 * and statuses, and invite links. Membership and invite rows belong to one community; the community
 * row is the tenant itself.
 */
import type { Generated, Selectable } from 'kysely';

/** A member's role in one community. */
export type Role = 'member' | 'steward' | 'coordinator';
/** Where a membership stands; `left`/`removed` rows stay so history remains readable. */
export type MembershipStatus = 'pending' | 'active' | 'declined' | 'left' | 'removed';
/** How neighbors join: anyone, with an invite link, or after a steward approves. */
export type JoinPolicy = 'open' | 'invite' | 'approval';
/** How often the community meets. */
export type Rhythm = 'weekly' | 'monthly' | 'seasonal';

/** A community: the tenant every community-owned row belongs to (migrations 0002, 0003). */
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

/** One account's membership of one community, with its history (migration 0002). */
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
  /** The account's `sortName`, copied by the database (triggers of migration 0030) for the directory's index. */
  sortName: Generated<string>;
}

/** An invite link of a community; optional expiry and use limit (migration 0002). */
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

/**
 * A one-time sign-in link a steward made for a member without an email address (migration
 * 0022): only its hash is kept; the row is the log of who made it for whom and when it was used.
 */
export interface MemberSignInLinkTable {
  id: string;
  communityId: string;
  accountId: string;
  tokenHash: string;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

/**
 * A community's data version (migration 0014): moved by triggers in the transaction of every write
 * to the community's rows, the community, or a member's account or skills. Never written by code.
 */
export interface CommunityVersionTable {
  communityId: string;
  version: number;
}

/**
 * A skill of an account in a community it has a membership of (any status), migration 0045: kept
 * by the database with every skill and membership written. Never written by code.
 */
export interface MemberSkillTable {
  skillId: string;
  communityId: string;
  accountId: string;
  kind: 'share' | 'learn';
  normalized: string;
}

/** The communities area's tables, by name (part of `Database`). */
export interface CommunitiesDatabase {
  community: CommunityTable;
  communityVersion: CommunityVersionTable;
  membership: MembershipTable;
  memberSkill: MemberSkillTable;
  invite: InviteTable;
  memberSignInLink: MemberSignInLinkTable;
}

/** Tables of this area whose rows belong to one community (checked by the tenant guard). */
export const communitiesCommunityTables: readonly string[] = [
  'membership',
  'invite',
  'community_version',
  'member_sign_in_link',
  'member_skill',
];

/** A community row as read. */
export type Community = Selectable<CommunityTable>;
/** A membership row as read. */
export type Membership = Selectable<MembershipTable>;
/** An invite row as read. */
export type Invite = Selectable<InviteTable>;
