import type { Kysely } from 'kysely';
import type { Dialect } from './_columns.ts';

/**
 * A household or driver reads who has read their registration: the log lines naming it, by
 * community and registration, newest first, without reading the whole community's log.
 */
export async function up(db: Kysely<any>, _dialect: Dialect) {
  await db.schema
    .createIndex('evacuation_access_subject_idx')
    .on('evacuation_access')
    .columns(['community_id', 'subject_id', 'at'])
    .execute();
}
