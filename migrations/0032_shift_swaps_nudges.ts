import { type Kysely, sql } from 'kysely';
import { columns, type Dialect } from './_columns.ts';
import { versionTriggers } from './_versions.ts';

/**
 * Shifts, the rest of issue 14:
 *
 * - `shift_swap`: a volunteer asks another, signed up for another occurrence of the same series,
 *   to swap: the asker's sign-up (`shift_id`, `account_id`) for theirs (`other_shift_id`,
 *   `other_account_id`). Answered once (`accepted` 1 or 0); the sign-ups' `created_at` at the
 *   time of asking are kept, so an answer to a swap whose sides changed meanwhile is refused.
 * - `shift_nudge`: an occurrence whose empty places were nudged about, so each is nudged once.
 * - `shift_series.moves`: occurrences moved to another local start, `from>to` comma-separated
 *   (`YYYY-MM-DDTHH:mm`), as the calendar core reads them.
 * - `account.availability_slots`: when a member is usually free, days of the week by part of the
 *   day (`mon-morning,sat-evening`), as the nudge matches and the directory can filter; the free
 *   text `availability` stays for what the grid cannot say.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  const community = (col: any) => col.notNull().references('community.id').onDelete('cascade');
  await db.schema
    .createTable('shift_swap')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('series_id', c.id, (col) => col.notNull())
    .addColumn('shift_id', c.id, (col) => col.notNull())
    .addColumn('account_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('signed_up_at', c.instant, (col) => col.notNull())
    .addColumn('other_shift_id', c.id, (col) => col.notNull())
    .addColumn('other_account_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('other_signed_up_at', c.instant, (col) => col.notNull())
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addColumn('answered_at', c.instant)
    .addColumn('accepted', c.flag)
    .addCheckConstraint('shift_swap_answer_ck', sql`(answered_at is null) = (accepted is null)`)
    .addCheckConstraint(
      'shift_swap_sides_ck',
      sql`shift_id <> other_shift_id and account_id <> other_account_id`,
    )
    .addForeignKeyConstraint(
      'shift_swap_shift_fk',
      ['community_id', 'shift_id'],
      'shift',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'shift_swap_other_shift_fk',
      ['community_id', 'other_shift_id'],
      'shift',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint('shift_swap_series_fk', ['community_id', 'series_id'], 'shift_series', [
      'community_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('shift_swap_other_idx')
    .on('shift_swap')
    .columns(['community_id', 'other_account_id', 'answered_at'])
    .execute();
  await db.schema
    .createIndex('shift_swap_shift_idx')
    .on('shift_swap')
    .columns(['community_id', 'shift_id'])
    .execute();
  await db.schema
    .createIndex('shift_swap_other_shift_idx')
    .on('shift_swap')
    .columns(['community_id', 'other_shift_id'])
    .execute();
  await versionTriggers(db, dialect, 'shift_swap');

  await db.schema
    .createTable('shift_nudge')
    .addColumn('community_id', c.id, community)
    .addColumn('series_id', c.id, (col) => col.notNull())
    .addColumn('occurrence', c.text, (col) => col.notNull())
    .addColumn('nudged_at', c.instant, (col) => col.notNull())
    .addPrimaryKeyConstraint('shift_nudge_pk', ['community_id', 'series_id', 'occurrence'])
    .addForeignKeyConstraint(
      'shift_nudge_series_fk',
      ['community_id', 'series_id'],
      'shift_series',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await versionTriggers(db, dialect, 'shift_nudge');

  await db.schema
    .alterTable('shift_series')
    .addColumn('moves', c.text, (col) => col.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('account')
    .addColumn('availability_slots', c.text, (col) => col.notNull().defaultTo(''))
    .execute();
}
