import type { Kysely } from 'kysely';
import { columns, type Dialect } from './_columns.ts';
import { versionTriggers } from './_versions.ts';

/**
 * Notifications (`platform/notify`). A notification tells one member of a community something
 * (its kind, the thing it is about, the path to act on it, the catalog keys and values it is said
 * with, in the reader's language when shown); it is their inbox. A delivery sends it by one
 * channel (mail, push): at once, after the member's quiet hours, or gathered into a daily or
 * weekly digest; it is sent by a job and keeps its attempts and last error for the operator.
 * A member's choices per kind and channel, and their time zone and quiet hours, belong to the
 * account (the same person in every community). Announcements are a steward's message to the
 * whole community, with how many it reached.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  await db.schema
    .createTable('notification')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, (col) => col.notNull().references('community.id').onDelete('cascade'))
    .addColumn('account_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('kind', c.text, (col) => col.notNull())
    .addColumn('subject_type', c.text, (col) => col.notNull())
    .addColumn('subject_id', c.text, (col) => col.notNull())
    .addColumn('path', c.text, (col) => col.notNull())
    .addColumn('subject_key', c.text, (col) => col.notNull())
    .addColumn('body_key', c.text, (col) => col.notNull())
    .addColumn('params', c.text, (col) => col.notNull())
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addColumn('read_at', c.instant)
    .execute();
  await db.schema
    .createIndex('notification_inbox_idx')
    .on('notification')
    .columns(['community_id', 'account_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('notification_unread_idx')
    .on('notification')
    .columns(['community_id', 'account_id', 'read_at'])
    .execute();
  await versionTriggers(db, dialect, 'notification');

  await db.schema
    .createTable('notification_delivery')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, (col) => col.notNull().references('community.id').onDelete('cascade'))
    .addColumn('notification_id', c.id, (col) =>
      col.notNull().references('notification.id').onDelete('cascade'),
    )
    .addColumn('account_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('channel', c.text, (col) => col.notNull())
    .addColumn('cadence', c.text, (col) => col.notNull())
    .addColumn('status', c.text, (col) => col.notNull())
    .addColumn('due_at', c.instant, (col) => col.notNull())
    .addColumn('attempts', c.integer, (col) => col.notNull().defaultTo(0))
    .addColumn('last_error', c.text)
    .addColumn('sent_at', c.instant)
    // Once per recipient and channel, whatever runs twice.
    .addUniqueConstraint('notification_delivery_once', ['notification_id', 'channel'])
    .execute();
  await db.schema
    .createIndex('notification_delivery_waiting_idx')
    .on('notification_delivery')
    .columns(['community_id', 'account_id', 'channel', 'status', 'due_at'])
    .execute();
  await db.schema
    .createIndex('notification_delivery_status_idx')
    .on('notification_delivery')
    .columns(['status', 'community_id'])
    .execute();
  await versionTriggers(db, dialect, 'notification_delivery');

  await db.schema
    .createTable('notification_preference')
    .addColumn('account_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('kind', c.text, (col) => col.notNull())
    .addColumn('channel', c.text, (col) => col.notNull())
    .addColumn('cadence', c.text, (col) => col.notNull())
    .addPrimaryKeyConstraint('notification_preference_pk', ['account_id', 'kind', 'channel'])
    .execute();
  await db.schema
    .createTable('notification_setting')
    .addColumn('account_id', c.id, (col) => col.primaryKey().references('account.id').onDelete('cascade'))
    .addColumn('time_zone', c.text)
    .addColumn('quiet_start', c.text)
    .addColumn('quiet_end', c.text)
    .execute();

  await db.schema
    .createTable('announcement')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, (col) => col.notNull().references('community.id').onDelete('cascade'))
    .addColumn('author_id', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('subject', c.text, (col) => col.notNull())
    .addColumn('body', c.text, (col) => col.notNull())
    .addColumn('reached', c.integer, (col) => col.notNull())
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('announcement_community_idx')
    .on('announcement')
    .columns(['community_id', 'created_at'])
    .execute();
  await versionTriggers(db, dialect, 'announcement');
}
