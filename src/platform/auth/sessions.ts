/**
 * Server-side sessions: the browser holds a random token in an HttpOnly cookie; the database
 * keeps only its SHA-256, so a leaked database does not sign anyone in.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { newId, newToken } from '../db/ids.ts';
import { addSeconds, type Clock, iso } from '../db/time.ts';
import { truncate } from '../text.ts';

/** Sessions last this long after the last visit (seconds): 180 days, as neighbors rarely sign in. */
export const sessionSeconds = 180 * 86400;
/** The cookie that carries the session token. */
export const sessionCookie = 'porch_session';

/** SHA-256 of a token, hex: how tokens (sessions, sign-in links) are stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Starts a session for `accountId`; returns the token for the cookie. */
export async function createSession(
  db: Db,
  clock: Clock,
  accountId: string,
  userAgent?: string,
): Promise<string> {
  const token = newToken();
  const now = clock.now();
  await db
    .insertInto('session')
    .values({
      id: newId(),
      tokenHash: hashToken(token),
      accountId,
      userAgent: userAgent === undefined ? null : truncate(userAgent, 300),
      createdAt: iso(now),
      lastSeenAt: iso(now),
      expiresAt: iso(addSeconds(now, sessionSeconds)),
    })
    .execute();
  return token;
}

/** A session is extended at most this often (seconds): a write per request would serialise every page view on SQLite. */
const extendEverySeconds = 86400;

/**
 * Pushes the expiry of session `sessionId` (last seen at `lastSeenAt`, ISO) to `sessionSeconds`
 * from now, unless it was already extended within the last day.
 */
export async function extendSession(
  db: Db,
  clock: Clock,
  sessionId: string,
  lastSeenAt: string,
): Promise<void> {
  const now = clock.now();
  // Compared as numbers: this runs with every request, and two ISO strings cost more to make.
  if (Date.parse(lastSeenAt) >= now.getTime() - extendEverySeconds * 1000) return;
  await db
    .updateTable('session')
    .set({ lastSeenAt: iso(now), expiresAt: iso(addSeconds(now, sessionSeconds)) })
    .where('id', '=', sessionId)
    .execute();
}

/** Ends the session with `token` (sign out). */
export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('session').where('tokenHash', '=', hashToken(token)).execute();
}

/** Deletes at most `limit` sessions that ended before `before`; returns how many. */
export async function deleteEndedSessions(db: Db, before: Date, limit: number): Promise<number> {
  const ended = db.selectFrom('session').select('id').where('expiresAt', '<', iso(before)).limit(limit);
  const r = await db.deleteFrom('session').where('id', 'in', ended).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Deletes at most `limit` sign-in links that stopped working before `before`; returns how many. */
export async function deleteEndedSignInLinks(db: Db, before: Date, limit: number): Promise<number> {
  const ended = db.selectFrom('loginToken').select('id').where('expiresAt', '<', iso(before)).limit(limit);
  const r = await db.deleteFrom('loginToken').where('id', 'in', ended).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Ends every session of `accountId` (sign out everywhere); returns how many. */
export async function deleteAllSessions(db: Db, accountId: string): Promise<number> {
  const r = await db.deleteFrom('session').where('accountId', '=', accountId).executeTakeFirst();
  return Number(r.numDeletedRows);
}
