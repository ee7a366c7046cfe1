import type { Kysely } from 'kysely';
import type { Dialect } from './_columns.ts';

/**
 * The board and the catalog walk their pages in the order they show them, and stop there
 * (found with each statement's plan on SQLite and PostgreSQL):
 * - The board shows live posts urgent first, then newest. Its index ranged on `open_until`
 *   first, so every fresh board sorted all the community's live posts to show 30; in the
 *   board's order, with status and `open_until` in the index to filter, it stops at the page.
 *   It replaces `post_community_live_idx`; the expiry job keeps `post_status_open_until_idx`.
 * - The catalog lists items by name, then id: with the id in the index, no sort is left.
 */
export async function up(db: Kysely<any>, _dialect: Dialect) {
  await db.schema
    .createIndex('post_community_board_idx')
    .on('post')
    .columns(['community_id', 'urgent', 'created_at', 'id', 'status', 'open_until'])
    .execute();
  await db.schema.dropIndex('post_community_live_idx').execute();
  await db.schema
    .createIndex('item_community_name_id_idx')
    .on('item')
    .columns(['community_id', 'name', 'id'])
    .execute();
  await db.schema.dropIndex('item_community_name_idx').execute();
}
