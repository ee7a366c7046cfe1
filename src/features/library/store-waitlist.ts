/**
 * SQL of the lending library (continued from `store.ts`, which re-exports this file): waitlist
 * entries, library settings and the community's members as the library needs them.
 */
import type { Insertable, Updateable } from 'kysely';
import type { Db, WaitlistEntryTable } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { likePattern } from '../../platform/db/prepared.ts';

// ── waitlist ─────────────────────────────────────────────────────────────────────────────

/** The member's open (waiting or held) entry for the item, if any. */
export function findOpenEntry(db: Db, communityId: string, itemId: string, accountId: string) {
  return db
    .selectFrom('waitlistEntry')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('itemId', '=', itemId)
    .where('accountId', '=', accountId)
    .where('status', 'in', ['waiting', 'held'])
    .executeTakeFirst();
}

/** The entry holding `loanId`, if the loan came from the waitlist. */
export function findEntryByLoan(db: Db, communityId: string, loanId: string) {
  return db
    .selectFrom('waitlistEntry')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('loanId', '=', loanId)
    .executeTakeFirst();
}

/** Open entries of the item, first come first served. */
export function listOpenEntries(db: Db, communityId: string, itemId: string) {
  return db
    .selectFrom('waitlistEntry')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('itemId', '=', itemId)
    .where('status', 'in', ['waiting', 'held'])
    .orderBy('joinedAt')
    .orderBy('id')
    .execute();
}

/** Adds a waitlist entry. */
export async function insertEntry(db: Db, values: Omit<Insertable<WaitlistEntryTable>, 'id'>) {
  await db
    .insertInto('waitlistEntry')
    .values({ id: newId(), ...values })
    .execute();
}

/** Changes a waitlist entry. */
export async function updateEntry(
  db: Db,
  communityId: string,
  entryId: string,
  patch: Updateable<WaitlistEntryTable>,
) {
  await db
    .updateTable('waitlistEntry')
    .set(patch)
    .where('communityId', '=', communityId)
    .where('id', '=', entryId)
    .execute();
}

// ── settings and members ─────────────────────────────────────────────────────────────────

/** The community's library settings, if a steward ever saved them. */
export function findSettings(db: Db, communityId: string) {
  return db
    .selectFrom('librarySetting')
    .selectAll()
    .where('communityId', '=', communityId)
    .executeTakeFirst();
}

/** Saves the library settings. */
export async function upsertSettings(
  db: Db,
  communityId: string,
  s: { maxActivePerMember: number; holdDays: number; reminderDays: number; updatedAt: string },
) {
  await db
    .insertInto('librarySetting')
    .values({ communityId, ...s })
    .onConflict((oc) => oc.column('communityId').doUpdateSet(s))
    .execute();
}

/**
 * Serializes the changes that may add to a member's open requests and waitlist places, so that
 * counting them against the per-member limit and adding one are a single step: the member's
 * membership row, locked until the transaction ends (`platform/db/locking.ts`; other members
 * are not held up). Call it first in the transaction.
 */
export async function lockBorrower(db: Db, communityId: string, accountId: string) {
  await db
    .selectFrom('membership')
    .select('id')
    .where('communityId', '=', communityId)
    .where('accountId', '=', accountId)
    .forUpdate()
    .execute();
}

const activeMembers = (db: Db, communityId: string) =>
  db
    .selectFrom('membership')
    .innerJoin('account', 'account.id', 'membership.accountId')
    .select([
      'account.id',
      'account.displayName',
      'account.email',
      'account.emailVisibility',
      'account.locale',
      'membership.role',
    ])
    .where('membership.communityId', '=', communityId)
    .where('membership.status', '=', 'active')
    .where('account.erasedAt', 'is', null);

/** An active member of the community, if `accountId` is one. */
export function findMember(db: Db, communityId: string, accountId: string) {
  return activeMembers(db, communityId).where('account.id', '=', accountId).executeTakeFirst();
}

/** Active members whose name contains `q`, by name. */
export function searchMembers(db: Db, communityId: string, q: string, limit = 20) {
  return activeMembers(db, communityId)
    .where((eb) => eb(eb.fn('lower', ['account.displayName']), 'like', likePattern(`%${q.toLowerCase()}%`)))
    .orderBy('account.displayName')
    .limit(limit)
    .execute();
}

/** Stewards of the community (to tell them about the shed). */
export function listStewards(db: Db, communityId: string) {
  return activeMembers(db, communityId).where('membership.role', '=', 'steward').execute();
}
