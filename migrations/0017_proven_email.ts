import type { Kysely } from 'kysely';
import { columns, type Dialect } from './_columns.ts';

/**
 * An account's email is always a proven address. Joining with an address now mails a link and
 * makes no account until it is followed (the link carries the name and language the new account
 * gets). Accounts made before by joining with an address nobody proved keep their claim to it in
 * `unproven_email`, not in `account.email`, so it is never shown nor mailed community content;
 * following a link to it gives it to that account only in the browser signed in to it.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  await db.schema
    .createTable('unproven_email')
    .addColumn('account_id', c.id, (col) => col.primaryKey().references('account.id').onDelete('cascade'))
    .addColumn('email', c.text, (col) => col.notNull())
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('unproven_email_email_idx').on('unproven_email').column('email').execute();
  const unproven = (q: any) => q.where('email', 'is not', null).where('email_verified_at', 'is', null);
  await db
    .insertInto('unproven_email')
    .columns(['account_id', 'email', 'created_at'])
    .expression(unproven(db.selectFrom('account').select(['id', 'email', 'created_at'])))
    .execute();
  await unproven(db.updateTable('account').set({ email: null })).execute();
  await db.schema.alterTable('login_token').addColumn('display_name', c.text).execute();
  await db.schema.alterTable('login_token').addColumn('locale', c.text).execute();
}
