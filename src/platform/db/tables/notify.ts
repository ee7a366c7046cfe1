/**
 * Notification tables (migration 0023): the inbox (`notification`), its deliveries by mail and
 * push, a member's choices (per kind and channel; time zone and quiet hours), and stewards'
 * announcements.
 */

/** How often a channel brings a kind: at once, gathered once a day or once a week, or never. */
export type Cadence = 'immediate' | 'daily' | 'weekly' | 'off';

/**
 * Where a delivery stands: `waiting` for its digest, `pending` (a job sends it), `sent`, or
 * `failed` after the last attempt (listed for the operator, who may retry it).
 */
export type DeliveryStatus = 'waiting' | 'pending' | 'sent' | 'failed';

/** Something one member of a community is told, and whether they have read it. */
export interface NotificationTable {
  id: string;
  communityId: string;
  accountId: string;
  /** A registered kind, e.g. `library.loans` (`platform/notify/kinds.ts`). */
  kind: string;
  subjectType: string;
  subjectId: string;
  /** Where to act on it, a path under the community (`/posts/…`). */
  path: string;
  /** Catalog keys it is said with (subject: the inbox line and the mail's subject). */
  subjectKey: string;
  bodyKey: string;
  /** The values of those texts, JSON (`platform/notify/render.ts`). */
  params: string;
  createdAt: string;
  readAt: string | null;
  /**
   * What it asks the member to do, as "needs me" lists it (`library.answer`; migration 0031),
   * or null when it only tells. It stays in "needs me" until `doneAt`.
   */
  task: string | null;
  /** The thing's own name (an item, a post, a person), the title of its "needs me" line. */
  title: string | null;
  /** When its task was done: the change that settled its subject, or the member said so. */
  doneAt: string | null;
}

/** One notification by one channel, sent once. */
export interface NotificationDeliveryTable {
  id: string;
  communityId: string;
  notificationId: string;
  accountId: string;
  channel: string;
  cadence: Exclude<Cadence, 'off'>;
  status: DeliveryStatus;
  /** When it may go: now, the end of quiet hours, or the digest's time. */
  dueAt: string;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
}

/** A member's choice for one kind by one channel (no row: the kind's default). */
export interface NotificationPreferenceTable {
  accountId: string;
  kind: string;
  channel: string;
  cadence: Cadence;
}

/** A member's time zone (IANA) and quiet hours (`HH:mm`, both or neither). */
export interface NotificationSettingTable {
  accountId: string;
  timeZone: string | null;
  quietStart: string | null;
  quietEnd: string | null;
}

/** A steward's message to the whole community, and how many members it reached. */
export interface AnnouncementTable {
  id: string;
  communityId: string;
  authorId: string | null;
  subject: string;
  body: string;
  reached: number;
  createdAt: string;
}

/** The notification tables, by name (part of `Database`). */
export interface NotifyDatabase {
  notification: NotificationTable;
  notificationDelivery: NotificationDeliveryTable;
  notificationPreference: NotificationPreferenceTable;
  notificationSetting: NotificationSettingTable;
  announcement: AnnouncementTable;
}

/** Tables of this area whose rows belong to one community (checked by the tenant guard). */
export const notifyCommunityTables: readonly string[] = [
  'notification',
  'notification_delivery',
  'announcement',
];
