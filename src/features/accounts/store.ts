/**
 * SQL of accounts, sign-in links and the first-run setup token. None of these rows belong to a
 * community. Links and the setup token are stored only as hashes.
 */
import { type Insertable, sql } from 'kysely';
import type { Account, AccountTable, Db, LoginTokenTable } from '../../platform/db/database.ts';
import { sortName } from '../../platform/i18n/sort-name.ts';

/** The setting that holds the hash of the one-time setup token. */
const setupKey = 'setup_token_hash';

/** How many sign-in links were made for `email` since `since` (ISO). */
export async function countLinksSince(db: Db, email: string, since: string): Promise<number> {
  const { n } = await db
    .selectFrom('loginToken')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('email', '=', email)
    .where('createdAt', '>', since)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Records a sign-in link. */
export async function insertLoginToken(db: Db, values: Insertable<LoginTokenTable>): Promise<void> {
  await db.insertInto('loginToken').values(values).execute();
}

/**
 * Marks the unused, unexpired link with `tokenHash` used at `now`, in one statement (two clicks
 * cannot both use it); returns it, or undefined when there is none.
 */
export function claimLoginToken(db: Db, tokenHash: string, now: string) {
  return db
    .updateTable('loginToken')
    .set({ usedAt: now })
    .where('tokenHash', '=', tokenHash)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .returningAll()
    .executeTakeFirst();
}

/** The account with `email` (normalised), erased or not. */
export function findAccountByEmail(db: Db, email: string): Promise<Account | undefined> {
  return db.selectFrom('account').selectAll().where('email', '=', email).executeTakeFirst();
}

/** Inserts an account, with the sort key of its name; returns it. */
export function insertAccount(db: Db, values: Omit<Insertable<AccountTable>, 'sortName'>): Promise<Account> {
  return db
    .insertInto('account')
    .values({ ...values, sortName: sortName(values.displayName) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Ends every claim on an address an account was opened with but never proved
 * (`unproven_email`); returns the accounts that had claimed it.
 */
export async function takeUnprovenClaims(db: Db, email: string): Promise<string[]> {
  const rows = await db
    .deleteFrom('unprovenEmail')
    .where('email', '=', email)
    .returning('accountId')
    .execute();
  return rows.map((r) => r.accountId);
}

/**
 * Makes `email` the address `accountId` claims but has not proved yet (replacing an earlier
 * claim of the account): it becomes the account's only when a link mailed to it is followed in
 * the browser signed in to the account (see `signInWithToken`).
 */
export async function replaceUnprovenClaim(db: Db, accountId: string, email: string, now: string) {
  await db.deleteFrom('unprovenEmail').where('accountId', '=', accountId).execute();
  await db.insertInto('unprovenEmail').values({ accountId, email, createdAt: now }).execute();
}

/** The account `id`. */
export function findAccount(db: Db, id: string): Promise<Account | undefined> {
  return db.selectFrom('account').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Changes an account's fields; returns it. */
export function updateAccount(
  db: Db,
  accountId: string,
  values: Partial<Pick<Account, 'email' | 'emailVerifiedAt' | 'operator'>>,
): Promise<Account> {
  return db
    .updateTable('account')
    .set(values)
    .where('id', '=', accountId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Whether any account is an operator. */
export async function hasOperator(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('account')
    .select('id')
    // A literal, so that SQLite too finds the operators in their partial index (account_operator_idx).
    .where('operator', '=', sql.lit(1))
    .limit(1)
    .executeTakeFirst();
  return Boolean(row);
}

/** Stores `tokenHash` as the setup token, replacing any older one. */
export async function replaceSetupToken(db: Db, tokenHash: string): Promise<void> {
  await deleteSetupToken(db);
  await db.insertInto('setting').values({ key: setupKey, value: tokenHash }).execute();
}

/** Removes the setup token if its hash is `tokenHash`; returns whether it did (one use only). */
export async function takeSetupToken(db: Db, tokenHash: string): Promise<boolean> {
  const deleted = await db
    .deleteFrom('setting')
    .where('key', '=', setupKey)
    .where('value', '=', tokenHash)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows) === 1;
}

/** Removes any setup token. */
export async function deleteSetupToken(db: Db): Promise<void> {
  await db.deleteFrom('setting').where('key', '=', setupKey).execute();
}

/** Whether the setup token's hash is `tokenHash`. */
export async function isSetupToken(db: Db, tokenHash: string): Promise<boolean> {
  const row = await db
    .selectFrom('setting')
    .select('key')
    .where('key', '=', setupKey)
    .where('value', '=', tokenHash)
    .executeTakeFirst();
  return Boolean(row);
}
