/**
 * Lending library tables (migration 0008): a community's lending rules, its items and their photos,
 * loans, each item's history of loan events, and waitlists. Also the item, loan and event vocabularies
 * the library's code and pages share.
 */
import type { Generated, Selectable } from 'kysely';

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
  /** `name` folded (lower case, no accents) by the store, for the catalog's name filter (0020). */
  nameKey: Generated<string>;
  category: ItemCategory;
  condition: ItemCondition;
  valueBand: ValueBand;
  pickupPlace: Generated<string>;
  rules: Generated<string>;
  /** Longest loan, in days. */
  loanDays: number;
  /** The place the item is kept at or picked up from (a place of the same community, 0028). */
  placeId: Generated<string | null>;
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

/** The lending library's tables, by name (part of `Database`). */
export interface LibraryDatabase {
  librarySetting: LibrarySettingTable;
  item: ItemTable;
  itemPhoto: ItemPhotoTable;
  loan: LoanTable;
  loanEvent: LoanEventTable;
  waitlistEntry: WaitlistEntryTable;
}

/** Tables of this area whose rows belong to one community (checked by the tenant guard). */
export const libraryCommunityTables: readonly string[] = [
  'library_setting',
  'item',
  'item_photo',
  'loan',
  'loan_event',
  'waitlist_entry',
];

/** An item row as read. */
export type Item = Selectable<ItemTable>;
/** A loan row as read. */
export type Loan = Selectable<LoanTable>;
