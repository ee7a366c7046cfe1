import type { Kysely } from 'kysely';
import { columns, type Dialect } from './_columns.ts';

/**
 * Web push: one row per device (a browser's push subscription) on which an account turned push
 * on. The endpoint is the push service's URL for that device, unique: a browser has one
 * subscription for the site, so when someone else signs in on the same device and turns push on,
 * the row moves to them. `p256dh` and `auth` are the device's keys (RFC 8291) that each message
 * is encrypted to. A row belongs to the session it was made in and ends with it: signing out of
 * a device (a tablet shared in a family) stops that account's notifications there. An account's
 * rows, not a community's: deleted with the account.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  await db.schema
    .createTable('push_subscription')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('account_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('session_id', c.id, (col) => col.notNull().references('session.id').onDelete('cascade'))
    .addColumn('endpoint', c.text, (col) => col.notNull().unique())
    .addColumn('p256dh', c.text, (col) => col.notNull())
    .addColumn('auth', c.text, (col) => col.notNull())
    .addColumn('user_agent', c.text)
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addColumn('last_sent_at', c.instant)
    .execute();
  await db.schema
    .createIndex('push_subscription_account_idx')
    .on('push_subscription')
    .columns(['account_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('push_subscription_session_idx')
    .on('push_subscription')
    .column('session_id')
    .execute();
}
