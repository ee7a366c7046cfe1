import type { Kysely } from 'kysely';
import type { Dialect } from './_columns.ts';

/**
 * A photo is served only to those who may see the row showing it (an item, a seed story): each
 * is found from the photo's id, and the foreign keys to `photo` are checked by it too.
 */
export async function up(db: Kysely<any>, _dialect: Dialect) {
  await db.schema
    .createIndex('item_photo_photo_idx')
    .on('item_photo')
    .columns(['community_id', 'photo_id'])
    .execute();
  await db.schema
    .createIndex('seed_story_photo_idx')
    .on('seed_story')
    .columns(['community_id', 'photo_id'])
    .execute();
}
