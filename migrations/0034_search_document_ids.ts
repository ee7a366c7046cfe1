import type { Kysely } from 'kysely';
import type { Dialect } from './_columns.ts';

/**
 * The search page reads the documents it shows by id, within the community (the ranking keeps
 * only ids). Without an index naming both, SQLite (which plans without statistics) read them
 * through `search_document_subject_uq`, every document of the community, to find 20: 0.8 ms on a
 * community of 5,000 things. With it, each is one lookup, as for posts and items.
 */
export async function up(db: Kysely<any>, _dialect: Dialect) {
  await db.schema
    .createIndex('search_document_community_id_idx')
    .on('search_document')
    .columns(['community_id', 'id'])
    .unique()
    .execute();
}
