import type { Kysely } from 'kysely';
import type { Dialect } from './_columns.ts';

/**
 * The inbox shows one line per thing (a loan, a conversation): its newest notification, with how
 * many there are. "Is there a newer one about it?" and "how many are there?" read this index, by
 * the member's own rows of the thing.
 */
export async function up(db: Kysely<any>, _dialect: Dialect) {
  await db.schema
    .createIndex('notification_thread_idx')
    .on('notification')
    .columns(['community_id', 'account_id', 'subject_type', 'subject_id', 'created_at', 'id'])
    .execute();
}
