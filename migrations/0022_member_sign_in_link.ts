import type { Kysely } from 'kysely';
import { columns, type Dialect } from './_columns.ts';
import { versionTriggers } from './_versions.ts';

/**
 * A way back in for a member without an email address: a steward makes a one-time sign-in link
 * (shown on their screen, or printed as a QR code) for that member. Stored only as a hash; it
 * works once, for a few minutes. The rows stay as the log of who made one for whom, and when it
 * was used.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  await db.schema
    .createTable('member_sign_in_link')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, (col) => col.notNull().references('community.id').onDelete('cascade'))
    .addColumn('account_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('token_hash', c.text, (col) => col.notNull().unique())
    .addColumn('created_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addColumn('expires_at', c.instant, (col) => col.notNull())
    .addColumn('used_at', c.instant)
    .execute();
  await db.schema
    .createIndex('member_sign_in_link_account_idx')
    .on('member_sign_in_link')
    .columns(['community_id', 'account_id', 'created_at'])
    .execute();
  await versionTriggers(db, dialect, 'member_sign_in_link');
}
