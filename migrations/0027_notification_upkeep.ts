import { type Kysely, sql } from 'kysely';
import type { Dialect } from './_columns.ts';

/**
 * Notifications, second part:
 * - A delivery's status (waiting, pending, sent, failed) is not shown on any stored page, so its
 *   writes no longer move the community's data version (migration 0014): with the triggers, every
 *   mail sent emptied the community's stored pages. The inbox notification keeps its triggers (a
 *   new or read one changes the menu's count on every page).
 * - The inbox pages by (created_at, id) after the last one shown: the id joins its index.
 * - The tidy job removes read notifications past their keeping time, in every community: by
 *   `read_at`; and what an erased account leaves (its notifications, choices and devices): by
 *   `erased_at`, which only erasure sets.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  for (const kind of ['ins', 'upd', 'del']) {
    const name = sql.id(`notification_delivery_version_${kind}`);
    if (dialect === 'postgres') await sql`DROP TRIGGER ${name} ON notification_delivery`.execute(db);
    else await sql`DROP TRIGGER ${name}`.execute(db);
  }
  await db.schema.dropIndex('notification_inbox_idx').execute();
  await db.schema
    .createIndex('notification_inbox_idx')
    .on('notification')
    .columns(['community_id', 'account_id', 'created_at', 'id'])
    .execute();
  await db.schema.createIndex('notification_read_idx').on('notification').column('read_at').execute();
  await db.schema.createIndex('account_erased_idx').on('account').column('erased_at').execute();
}
