import type { Kysely } from 'kysely';
import { columns, type Dialect } from './_columns.ts';

/**
 * What a sign-in link is for. `sign_in` (every link before this): it signs in to its address's
 * account, made if there is none. `email`: it proves an address that the account `account_id`
 * asked to add or to change to, and gives that account the address — wherever it is opened; it
 * never makes an account (opened in another browser, an add-email link made an empty one).
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  await db.schema
    .alterTable('login_token')
    .addColumn('purpose', c.text, (col) => col.notNull().defaultTo('sign_in'))
    .execute();
  await db.schema
    .alterTable('login_token')
    .addColumn('account_id', c.id, (col) => col.references('account.id').onDelete('cascade'))
    .execute();
}
