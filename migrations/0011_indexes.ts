import type { Kysely } from 'kysely';
import type { Dialect } from './_columns.ts';

/**
 * Indexes for the everyday pages, found with the query plans of a community of 500 members and
 * 5,000 items. The board picks a page of live posts (open or claimed, open until after now)
 * urgent first, then newest: with every column it needs in one index, it chooses the page's ids
 * from the index alone, and reads and joins only those rows. It starts with the columns of
 * `post_community_open_until_idx`, which it replaces.
 */
export async function up(db: Kysely<any>, _dialect: Dialect) {
  await db.schema
    .createIndex('post_community_live_idx')
    .on('post')
    .columns(['community_id', 'open_until', 'status', 'urgent', 'created_at', 'id'])
    .execute();
  await db.schema.dropIndex('post_community_open_until_idx').execute();
}
