/**
 * Server-side sessions: the browser holds a random token in an HttpOnly cookie; the database
 * keeps only its SHA-256, so a leaked database does not sign anyone in.
 */
import { createHash } from 'node:crypto';
import type { Account, Db } from '../db/database.ts';
import { newId, newToken } from '../db/ids.ts';
import { addSeconds, type Clock, iso } from '../db/time.ts';

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
      userAgent: userAgent?.slice(0, 300) ?? null,
      createdAt: iso(now),
      lastSeenAt: iso(now),
      expiresAt: iso(addSeconds(now, sessionSeconds)),
    })
    .execute();
  return token;
}

/**
 * The account signed in with `token`, or undefined when the session is unknown or expired or
 * the account was erased. Extends the session at most once a day (a write per request would
 * serialise every page view on SQLite).
 */
export async function findSessionAccount(db: Db, clock: Clock, token: string): Promise<Account | undefined> {
  const now = clock.now();
  const row = await db
    .selectFrom('session')
    .innerJoin('account', 'account.id', 'session.accountId')
    .selectAll('account')
    .select(['session.id as sessionId', 'session.lastSeenAt as sessionLastSeenAt'])
    .where('session.tokenHash', '=', hashToken(token))
    .where('session.expiresAt', '>', iso(now))
    .where('account.erasedAt', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const { sessionId, sessionLastSeenAt, ...account } = row;
  if (sessionLastSeenAt < iso(addSeconds(now, -86400))) {
    await db
      .updateTable('session')
      .set({ lastSeenAt: iso(now), expiresAt: iso(addSeconds(now, sessionSeconds)) })
      .where('id', '=', sessionId)
      .execute();
  }
  return account;
}

/** Ends the session with `token` (sign out). */
export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('session').where('tokenHash', '=', hashToken(token)).execute();
}

/** Ends every session of `accountId` (sign out everywhere); returns how many. */
export async function deleteAllSessions(db: Db, accountId: string): Promise<number> {
  const r = await db.deleteFrom('session').where('accountId', '=', accountId).executeTakeFirst();
  return Number(r.numDeletedRows);
}
