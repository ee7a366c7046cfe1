import { type Kysely, sql } from 'kysely';
import type { Dialect } from './_columns.ts';

/**
 * For a server with ten thousand communities (found with `npm run bench:scale`): each query below
 * read rows of every community.
 * - Whether the server has an operator yet (every home page): the few operators, not every
 *   account. Partial, so it holds only them; the query names the literal 1 so that SQLite, which
 *   matches a partial index's condition term by term, uses it too.
 * - How many communities a person started (the home page, the per-person limit).
 * - The expiry job finds the live posts past due in every community at once.
 * - Full-text search on PostgreSQL: the words-only GIN index goes. A search always matches words
 *   as prefixes ("lad" finds "ladder"), and a GIN index answers a prefix by collecting every
 *   document, of every community, holding a word that starts with it, before the community is
 *   applied (a large community's search took 10–30 ms on 10,000 communities, 0.3 ms on ten;
 *   with the community in the index as well, still so). Without it, the planner always finds the
 *   community's documents through `search_document_subject_uq` (community first) and matches
 *   their stored tsvector: a search costs what the community holds, not what the server holds.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  await db.schema
    .createIndex('account_operator_idx')
    .on('account')
    .column('id')
    .where(sql.ref('operator'), '=', sql.lit(1))
    .execute();
  await db.schema.createIndex('community_created_by_idx').on('community').column('created_by').execute();
  await db.schema
    .createIndex('post_status_open_until_idx')
    .on('post')
    .columns(['status', 'open_until'])
    .execute();
  if (dialect === 'postgres') await db.schema.dropIndex('search_document_tsv_idx').execute();
}
