import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Dialect } from './_columns.ts';

/**
 * The live communities (not archived) as an index of their own: the periodic jobs of feedback,
 * milestones and the newsletter go through every live community, and read them here instead of
 * the whole `community` table with its archived rows and wide columns.
 */
export async function up(db: Kysely<any>, _dialect: Dialect) {
  await db.schema
    .createIndex('community_live_idx')
    .on('community')
    .columns(['id', 'time_zone'])
    .where(sql.ref('archived_at'), 'is', null)
    .execute();
}
