import { randomBytes } from 'node:crypto';
import { v7 } from 'uuid';

/** A new UUIDv7 (RFC 9562): time-ordered, random, stored as text on both dialects. */
export function newId(): string {
  return v7();
}

/** A URL-safe random token of `bytes` bytes of entropy (base64url, no padding). */
export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
