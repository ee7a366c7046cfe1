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
  /** When a sign-in link to `email` was first followed; null while the address is unproven. */
  emailVerifiedAt: string | null;
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

export interface SearchDocumentTable {
  id: string;
  communityId: string;
  kind: 'post' | 'item' | 'variety' | 'member';
  subjectId: string;
  title: string;
  titleTerms: string;
  bodyTerms: string;
  url: string;
  updatedAt: string;
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
  seedVariety: SeedVarietyTable;
  seedStory: SeedStoryTable;
  seedLot: SeedLotTable;
  seedPledge: SeedPledgeTable;
  searchDocument: SearchDocumentTable;
  post: PostTable;
  thankYou: ThankYouTable;
  urgentSubscription: UrgentSubscriptionTable;
  urgentNotice: UrgentNoticeTable;
  conversation: ConversationTable;
  conversationParticipant: ConversationParticipantTable;
  message: MessageTable;
  photo: PhotoTable;
  librarySetting: LibrarySettingTable;
  item: ItemTable;
  itemPhoto: ItemPhotoTable;
  loan: LoanTable;
  loanEvent: LoanEventTable;
  waitlistEntry: WaitlistEntryTable;
}

/** Tables whose rows belong to one community: every query on them must name `community_id`. */
export const communityTables: readonly string[] = [
  'membership',
  'invite',
  'search_document',
  'seed_variety',
  'seed_story',
  'seed_lot',
  'seed_pledge',
  'post',
  'thank_you',
  'urgent_subscription',
  'urgent_notice',
  'conversation',
  'conversation_participant',
  'message',
  'photo',
  'library_setting',
  'item',
  'item_photo',
  'loan',
  'loan_event',
  'waitlist_entry',
];

/** A database handle or an open transaction. */
export type Db = Kysely<Database>;

export type Account = Selectable<AccountTable>;
export type Community = Selectable<CommunityTable>;
export type Membership = Selectable<MembershipTable>;
export type Invite = Selectable<InviteTable>;

/** A sowing season (seed library). */
export type Season = 'spring' | 'summer' | 'autumn' | 'winter';

/** A seed variety of the community's seed library (migration 0009). */
export interface SeedVarietyTable {
  id: string;
  communityId: string;
  crop: string;
  name: string;
  /** Comma-separated `Season`s, in calendar order. */
  sowingSeasons: string;
  daysToMaturity: number | null;
  origin: Generated<string>;
  savingDifficulty: 'easy' | 'moderate' | 'hard';
  description: Generated<string>;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A member's memory or growing tip about a variety (migration 0009). */
export interface SeedStoryTable {
  id: string;
  communityId: string;
  varietyId: string;
  authorId: string | null;
  kind: 'memory' | 'tip';
  body: string;
  memoryYear: number | null;
  /** An optional photo shared with the story (migration 0009). */
  photoId: string | null;
  hiddenAt: string | null;
  hiddenBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Packets of one harvest of a variety on the shelf (migration 0009). */
export interface SeedLotTable {
  id: string;
  communityId: string;
  varietyId: string;
  packets: number;
  harvestYear: number;
  /** Percent 0–100, when tested. */
  germinationRate: number | null;
  grownBy: string | null;
  notes: Generated<string>;
  source: 'donation' | 'return';
  addedBy: string | null;
  createdAt: string;
}

/** A member's pledge to bring saved seed back after the season (migration 0009). */
export interface SeedPledgeTable {
  id: string;
  communityId: string;
  varietyId: string;
  lotId: string | null;
  accountId: string;
  packetsTaken: number;
  /** `YYYY-MM`. */
  expectedMonth: string;
  status: 'open' | 'returned' | 'done' | 'cancelled';
  returnedLotId: string | null;
  remindedAt: string | null;
  createdAt: string;
  closedAt: string | null;
}

/** A post of the mutual-aid board: an offer or a request (migration 0005). */
export interface PostTable {
  id: string;
  communityId: string;
  kind: 'offer' | 'request';
  title: string;
  details: Generated<string>;
  category: string;
  /** Where, in the poster's words. */
  place: string | null;
  /** Approximate place, rounded to 3 decimals (about 100 m). */
  placeLat: number | null;
  placeLng: number | null;
  whenAt: string | null;
  whenText: string | null;
  openUntil: string;
  urgent: Generated<number>;
  status: 'open' | 'claimed' | 'fulfilled' | 'closed' | 'expired';
  /** The neighbor the post is for. */
  authorId: string;
  /** Who wrote it: the author, or a member posting on the author's behalf. */
  postedBy: string;
  claimedBy: string | null;
  claimedAt: string | null;
  fulfilledAt: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A thank-you for a fulfilled post, shown on the gratitude wall (migration 0005). */
export interface ThankYouTable {
  id: string;
  communityId: string;
  postId: string;
  authorId: string;
  helperId: string | null;
  body: string;
  createdAt: string;
}

/** A member who wants to hear about urgent requests (migration 0005). */
export interface UrgentSubscriptionTable {
  communityId: string;
  accountId: string;
  createdAt: string;
}

/** One urgent notice sent to one member about one post; counts toward the daily cap (migration 0005). */
export interface UrgentNoticeTable {
  id: string;
  communityId: string;
  postId: string;
  accountId: string;
  wave: number;
  sentAt: string;
}

/** A conversation about something of the community, e.g. a post (migration 0006). */
export interface ConversationTable {
  id: string;
  communityId: string;
  subjectType: string;
  subjectId: string;
  stewardAskedAt: string | null;
  stewardAskedBy: string | null;
  createdAt: string;
}

/** Someone taking part in a conversation (migration 0006). */
export interface ConversationParticipantTable {
  communityId: string;
  conversationId: string;
  accountId: string;
  role: 'owner' | 'participant';
}

/** One message of a conversation (migration 0006). */
export interface MessageTable {
  id: string;
  communityId: string;
  conversationId: string;
  authorId: string | null;
  body: string;
  createdAt: string;
}

/** An uploaded photo, re-encoded without metadata; files under `uploads/<communityId>/` (migration 0007). */
export interface PhotoTable {
  id: string;
  communityId: string;
  uploadedBy: string | null;
  /** File extension of the stored full-size and thumbnail files (`jpg`). */
  ext: string;
  width: number;
  height: number;
  bytes: number;
  createdAt: string;
}

/** A community's lending rules, set by stewards (migration 0008). */
export interface LibrarySettingTable {
  communityId: string;
  /** How many requests, holds and waitlist places one member may have at once. */
  maxActivePerMember: Generated<number>;
  /** Days a waitlist hold stays reserved before it passes to the next in line. */
  holdDays: Generated<number>;
  /** Days before the due date the borrower is reminded. */
  reminderDays: Generated<number>;
  updatedAt: string;
}

/** An item's category in the lending library. */
export type ItemCategory =
  | 'tools'
  | 'garden'
  | 'kitchen'
  | 'outdoors'
  | 'children'
  | 'electronics'
  | 'books'
  | 'games'
  | 'sports'
  | 'household'
  | 'mobility'
  | 'other';
/** How worn an item is. */
export type ItemCondition = 'new' | 'good' | 'fair' | 'worn';
/** Roughly what an item is worth (no prices: a band is enough to judge care). */
export type ValueBand = 'low' | 'medium' | 'high';
/** Where a loan stands; "overdue" is derived (out and past due), never stored. */
export type LoanStatus =
  | 'requested'
  | 'approved'
  | 'declined'
  | 'cancelled'
  | 'out'
  | 'returned'
  | 'thanked'
  | 'lost'
  | 'damaged';
/** What happened to an item, as its history shows it. */
export type LoanEventKind =
  | 'added'
  | 'edited'
  | 'requested'
  | 'approved'
  | 'declined'
  | 'cancelled'
  | 'picked_up'
  | 'returned'
  | 'thanked'
  | 'lost'
  | 'damaged'
  | 'renewed'
  | 'hold_offered'
  | 'hold_expired';

/** An item of the lending library; `ownerId` null means the shed's (migration 0008). */
export interface ItemTable {
  id: string;
  communityId: string;
  ownerId: string | null;
  name: string;
  category: ItemCategory;
  condition: ItemCondition;
  valueBand: ValueBand;
  pickupPlace: Generated<string>;
  rules: Generated<string>;
  /** Longest loan, in days. */
  loanDays: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}

/** A photo of an item, in display order (migration 0008). */
export interface ItemPhotoTable {
  communityId: string;
  itemId: string;
  photoId: string;
  position: number;
}

/** A loan of an item; dates are `YYYY-MM-DD`, inclusive, in the community's time zone (migration 0008). */
export interface LoanTable {
  id: string;
  communityId: string;
  itemId: string;
  borrowerId: string;
  status: LoanStatus;
  startsOn: string;
  dueOn: string;
  message: Generated<string>;
  /** A waitlist hold: the loan lapses unless picked up by this instant. */
  holdUntil: string | null;
  renewals: Generated<number>;
  returnCondition: ItemCondition | null;
  problem: string | null;
  thanks: string | null;
  requestedAt: string;
  decidedAt: string | null;
  pickedUpAt: string | null;
  returnedAt: string | null;
  updatedAt: string;
}

/** One line of an item's history (migration 0008). */
export interface LoanEventTable {
  id: string;
  communityId: string;
  itemId: string;
  loanId: string | null;
  actorId: string | null;
  kind: LoanEventKind;
  note: Generated<string>;
  createdAt: string;
}

/** A member's place in an item's waitlist (migration 0008). */
export interface WaitlistEntryTable {
  id: string;
  communityId: string;
  itemId: string;
  accountId: string;
  status: 'waiting' | 'held' | 'fulfilled' | 'expired' | 'left';
  /** The loan offered to this member when their turn came. */
  loanId: string | null;
  joinedAt: string;
  endedAt: string | null;
}

export type Photo = Selectable<PhotoTable>;
export type Item = Selectable<ItemTable>;
export type Loan = Selectable<LoanTable>;
