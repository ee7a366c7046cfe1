/**
 * Platform tables (migrations 0001, 0013, 0016 and 0017): accounts with their profile fields and skills, sign-in
 * sessions and one-time login tokens, instance settings, and the job queue. None of these rows belong
 * to a community, so none is checked by the tenant guard.
 */
import type { Generated, Selectable } from 'kysely';

/** Who may see a contact detail: fellow members, stewards only, or nobody. */
export type Visibility = 'community' | 'stewards' | 'nobody';

/** A person: sign-in email, profile, contact details with their visibility (migrations 0001, 0013). */
export interface AccountTable {
  id: string;
  email: string | null;
  /** When a sign-in link to `email` was first followed (an account's email is always proven). */
  emailVerifiedAt: string | null;
  displayName: string;
  /** `displayName` folded for sorting (platform/i18n/sort-name.ts), written with it (migration 0030). */
  sortName: string;
  locale: string | null;
  about: Generated<string>;
  languages: Generated<string>;
  availability: Generated<string>;
  /** When usually free: `mon-morning,sat-evening` (days × parts of the day; migration 0032). */
  availabilitySlots: Generated<string>;
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

/** A skill a member shares or wants to learn; `normalized` is the folded name, unique per account and kind. */
export interface SkillTable {
  id: string;
  accountId: string;
  kind: 'share' | 'learn';
  name: string;
  normalized: string;
}

/** A signed-in browser; the cookie holds the token, the row only its hash. */
export interface SessionTable {
  id: string;
  tokenHash: string;
  accountId: string;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

/** A one-time sign-in link sent to `email`; the row holds only the token's hash. */
export interface LoginTokenTable {
  id: string;
  tokenHash: string;
  email: string;
  nextPath: string | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  /** The name and language an account made by following the link gets (joining; migration 0017). */
  displayName: string | null;
  locale: string | null;
  /**
   * What following it does (migration 0025): `sign_in` signs in to the address's account (made
   * if none); `email` gives the address to `accountId`, who asked to add or change to it.
   */
  purpose: Generated<LinkPurpose>;
  accountId: string | null;
}

/** What a sign-in link is for: signing in, or proving an address an account asked for. */
export type LinkPurpose = 'sign_in' | 'email';

/**
 * An address an account was opened with before addresses had to be proven (migration 0017): not
 * the account's email until a link to it is followed in a browser signed in to that account.
 */
export interface UnprovenEmailTable {
  accountId: string;
  email: string;
  createdAt: string;
}

/** An instance-wide setting, as text under its key. */
export interface SettingTable {
  key: string;
  value: string;
}

/** A durable background job; `payload` is JSON, run at or after `runAt`. */
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

/** A rate-limit budget's current window (migration 0016): `key` names the action and the client. */
export interface RateLimitTable {
  key: string;
  /** Requests counted in the window, this one included. */
  hits: number;
  /** When the window is over (ISO instant). */
  resetAt: string;
}

/**
 * The generation of standings (migration 0044), one row (`id` 1): moved by triggers in the
 * transaction of every session changed or ended and every account's language or erasure changed.
 * Never written by code.
 */
export interface StandingGenerationTable {
  id: number;
  generation: number;
}

/** The platform's tables, by name (part of `Database`). */
export interface PlatformDatabase {
  account: AccountTable;
  skill: SkillTable;
  session: SessionTable;
  loginToken: LoginTokenTable;
  setting: SettingTable;
  job: JobTable;
  rateLimit: RateLimitTable;
  unprovenEmail: UnprovenEmailTable;
  standingGeneration: StandingGenerationTable;
}

/** An account row as read. */
export type Account = Selectable<AccountTable>;
