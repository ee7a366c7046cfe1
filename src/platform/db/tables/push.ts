/**
 * Web push (migration 0024): the devices on which an account turned push on. An account's rows,
 * not a community's, so none is checked by the tenant guard.
 */

/** A browser's push subscription (W3C Push API) for one account: where and how to send. */
export interface PushSubscriptionTable {
  id: string;
  accountId: string;
  /** The session it was made in: signing out of that device ends it (deleted with the session). */
  sessionId: string;
  /** The push service's https URL for this device; unique across accounts. */
  endpoint: string;
  /** The device's P-256 public key, base64url, 65 bytes (RFC 8291 `ua_public`). */
  p256dh: string;
  /** The device's authentication secret, base64url, 16 bytes (RFC 8291 `auth_secret`). */
  auth: string;
  /** The browser's User-Agent when it subscribed, to tell devices apart (at most 300 characters). */
  userAgent: string | null;
  createdAt: string;
  /** When a message was last accepted by the push service for this device. */
  lastSentAt: string | null;
}

/** The web push tables, by name. */
export interface PushDatabase {
  pushSubscription: PushSubscriptionTable;
}
