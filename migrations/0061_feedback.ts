import { type Kysely, sql } from 'kysely';
import { columns, type Dialect } from './_columns.ts';
import { versionTriggers } from './_versions.ts';

/**
 * Feedback after an activity (capability 7, "ask how it went").
 *
 * - `feedback`: one member's "went well" or "could improve" about one thing they took part in — a
 *   loan, a shift, a gathering's date, a pilot — with an optional comment, which only stewards
 *   read unless the member let it be quoted. One per member and thing: giving it again replaces
 *   it. `place_id` is where it happened, noted when given (for the stewards' summary per place;
 *   no foreign key, so a place archived or gone keeps its history). `occurred_on` is the local
 *   date of the activity (the summary per month counts activities by when they happened).
 * - `feedback_prompt`: that a member was asked (by a notification) about a thing, so the job that
 *   asks asks once.
 * Rides keep their own feedback (`evacuation_feedback`, 0038), which the summary reads.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  const community = (col: any) => col.notNull().references('community.id').onDelete('cascade');
  const kind = (col: any) =>
    col.notNull().check(sql`subject_kind in ('loan', 'shift', 'gathering', 'pilot')`);

  await db.schema
    .createTable('feedback')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('subject_kind', c.text, kind)
    .addColumn('subject_id', c.id, (col) => col.notNull())
    .addColumn('account_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('place_id', c.id)
    .addColumn('occurred_on', c.text, (col) => col.notNull())
    .addColumn('rating', c.text, (col) => col.notNull().check(sql`rating in ('went_well', 'could_improve')`))
    .addColumn('comment', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('quotable', c.flag, (col) => col.notNull().defaultTo(0).check(sql`quotable in (0, 1)`))
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addColumn('updated_at', c.instant, (col) => col.notNull())
    .addUniqueConstraint('feedback_subject_account_uq', [
      'community_id',
      'subject_kind',
      'subject_id',
      'account_id',
    ])
    .execute();
  await db.schema
    .createIndex('feedback_occurred_idx')
    .on('feedback')
    .columns(['community_id', 'occurred_on'])
    .execute();
  await db.schema
    .createIndex('feedback_account_idx')
    .on('feedback')
    .columns(['community_id', 'account_id'])
    .execute();
  await versionTriggers(db, dialect, 'feedback');

  await db.schema
    .createTable('feedback_prompt')
    .addColumn('community_id', c.id, community)
    .addColumn('subject_kind', c.text, kind)
    .addColumn('subject_id', c.id, (col) => col.notNull())
    .addColumn('account_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('asked_at', c.instant, (col) => col.notNull())
    .addPrimaryKeyConstraint('feedback_prompt_pk', [
      'community_id',
      'subject_kind',
      'subject_id',
      'account_id',
    ])
    .execute();
  await versionTriggers(db, dialect, 'feedback_prompt');
}
