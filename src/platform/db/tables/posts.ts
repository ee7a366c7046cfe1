/**
 * Mutual-aid board tables (migration 0005): offers and requests, the thank-yous on the gratitude wall,
 * members subscribed to urgent requests, and the urgent notices sent (which count toward a daily cap).
 */
import type { Generated } from 'kysely';

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

/** The board's tables, by name (part of `Database`). */
export interface PostsDatabase {
  post: PostTable;
  thankYou: ThankYouTable;
  urgentSubscription: UrgentSubscriptionTable;
  urgentNotice: UrgentNoticeTable;
}

/** Tables of this area whose rows belong to one community (checked by the tenant guard). */
export const postsCommunityTables: readonly string[] = [
  'post',
  'thank_you',
  'urgent_subscription',
  'urgent_notice',
];
