import type { Kysely } from 'kysely';
import { columns, type Dialect } from './_columns.ts';

/**
 * When an account's email address was proven (a sign-in link to it was followed). Joining with a
 * new address signs the neighbor in at once, unproven; whoever first follows a link sent to the
 * address proves it, and every session made before then ends, so nobody keeps an account they
 * opened with someone else's address. Accounts made before this change count as proven.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  await db.schema.alterTable('account').addColumn('email_verified_at', c.instant).execute();
  await db
    .updateTable('account')
    .set((eb) => ({ email_verified_at: eb.ref('created_at') }))
    .where('email', 'is not', null)
    .execute();
}
