/**
 * One-click unsubscribe links (RFC 8058): a link names the account and the kinds it stops by
 * mail, signed with the server's secret key (HMAC-SHA-256), so it works without signing in and
 * cannot be changed to stop anything for anyone else. It stays valid: stopping twice is harmless.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

function signature(secret: string, accountId: string, kinds: string): string {
  return createHmac('sha256', secret).update(`unsubscribe\n${accountId}\n${kinds}`).digest('base64url');
}

/** The path of the link that stops `kinds` by mail for `accountId`. */
export function unsubscribePath(secret: string, accountId: string, kinds: readonly string[]): string {
  const list = [...new Set(kinds)].sort().join(',');
  return `/unsubscribe/${accountId}/${encodeURIComponent(list)}/${signature(secret, accountId, list)}`;
}

/** The kinds a link stops, when its signature is right for the account and the kinds; else undefined. */
export function verifyUnsubscribe(
  secret: string,
  accountId: string,
  kinds: string,
  token: string,
): string[] | undefined {
  const expected = Buffer.from(signature(secret, accountId, kinds));
  const given = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return kinds.split(',');
}
