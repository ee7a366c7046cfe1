import type { Kysely } from 'kysely';
import { columns, type Dialect } from './_columns.ts';

/**
 * The front porch. A participant's read marker (`last_read_at`: the newest message they have
 * seen), so a conversation with something new can say so; written in a community-owned table,
 * so reading moves the community's data version and no stored page keeps an old count. Indexes
 * for what the porch and "My things" ask: a member's own posts, the items and members that
 * arrived lately.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  await db.schema.alterTable('conversation_participant').addColumn('last_read_at', c.instant).execute();
  await db.schema
    .createIndex('post_community_author_idx')
    .on('post')
    .columns(['community_id', 'author_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('item_community_created_idx')
    .on('item')
    .columns(['community_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('membership_community_joined_idx')
    .on('membership')
    .columns(['community_id', 'status', 'joined_at'])
    .execute();
}
