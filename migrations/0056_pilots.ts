import { type Kysely, sql } from 'kysely';
import { columns, type Dialect } from './_columns.ts';
import { versionTriggers } from './_versions.ts';

/**
 * Pilots (issue 18, step 3: run a pilot).
 *
 * - `pilot`: a small project tried for a while: the need it answers (optionally from a needs
 *   survey's suggestion, with the project the rule named and the counts it saw), a hypothesis, a
 *   measure of success, a first and a last local day. A draft until it is launched; the team is
 *   asked for a note halfway (when the reminder went, the note, who wrote it); at the end a
 *   retrospective: what worked, what did not, and the decision (continue, adapt, stop).
 * - `pilot_member`: who is on its team.
 * - `pilot_link`: a shift series, a gathering or an item of the library it uses, one per row; the
 *   composite keys refuse another community's.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  const community = (col: any) => col.notNull().references('community.id').onDelete('cascade');

  await db.schema
    .createTable('pilot')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('title', c.text, (col) => col.notNull())
    .addColumn('need', c.text, (col) => col.notNull())
    .addColumn('hypothesis', c.text, (col) => col.notNull())
    .addColumn('measure', c.text, (col) => col.notNull())
    .addColumn('starts_on', c.text, (col) => col.notNull())
    .addColumn('ends_on', c.text, (col) => col.notNull())
    // From a survey's suggestion: the survey, the project its rule named, what it counted.
    .addColumn('survey_id', c.id)
    .addColumn('project', c.text)
    .addColumn('need_count', c.integer)
    .addColumn('offer_count', c.integer)
    .addColumn('created_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addColumn('updated_at', c.instant, (col) => col.notNull())
    .addColumn('launched_at', c.instant)
    // The halfway check-in: when the team was reminded, and the note written.
    .addColumn('halfway_reminded_at', c.instant)
    .addColumn('halfway_note', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('halfway_at', c.instant)
    .addColumn('halfway_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    // The retrospective.
    .addColumn('worked', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('did_not_work', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('decision', c.text, (col) => col.check(sql`decision in ('continue', 'adapt', 'stop')`))
    .addColumn('finished_at', c.instant)
    .addColumn('finished_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addCheckConstraint('pilot_dates_ck', sql`ends_on >= starts_on`)
    .addCheckConstraint('pilot_finished_ck', sql`(finished_at is null) = (decision is null)`)
    .addUniqueConstraint('pilot_community_id_uq', ['community_id', 'id'])
    .addForeignKeyConstraint('pilot_survey_fk', ['community_id', 'survey_id'], 'survey', [
      'community_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('pilot_community_idx')
    .on('pilot')
    .columns(['community_id', 'starts_on'])
    .execute();
  await db.schema
    .createIndex('pilot_finished_idx')
    .on('pilot')
    .columns(['community_id', 'finished_at'])
    .execute();
  await db.schema
    .createIndex('pilot_halfway_idx')
    .on('pilot')
    .columns(['community_id', 'halfway_at'])
    .execute();
  await versionTriggers(db, dialect, 'pilot');

  await db.schema
    .createTable('pilot_member')
    .addColumn('community_id', c.id, community)
    .addColumn('pilot_id', c.id, (col) => col.notNull())
    .addColumn('account_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('pilot_member_pk', ['community_id', 'pilot_id', 'account_id'])
    .addForeignKeyConstraint(
      'pilot_member_pilot_fk',
      ['community_id', 'pilot_id'],
      'pilot',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('pilot_member_account_idx')
    .on('pilot_member')
    .columns(['community_id', 'account_id'])
    .execute();
  await versionTriggers(db, dialect, 'pilot_member');

  await db.schema
    .createTable('pilot_link')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('pilot_id', c.id, (col) => col.notNull())
    .addColumn('shift_series_id', c.id)
    .addColumn('gathering_id', c.id)
    .addColumn('item_id', c.id)
    .addCheckConstraint(
      'pilot_link_one_ck',
      sql`(case when shift_series_id is null then 0 else 1 end) + (case when gathering_id is null then 0 else 1 end) + (case when item_id is null then 0 else 1 end) = 1`,
    )
    .addForeignKeyConstraint(
      'pilot_link_pilot_fk',
      ['community_id', 'pilot_id'],
      'pilot',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'pilot_link_series_fk',
      ['community_id', 'shift_series_id'],
      'shift_series',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'pilot_link_gathering_fk',
      ['community_id', 'gathering_id'],
      'gathering',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'pilot_link_item_fk',
      ['community_id', 'item_id'],
      'item',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('pilot_link_pilot_idx')
    .on('pilot_link')
    .columns(['community_id', 'pilot_id'])
    .execute();
  await versionTriggers(db, dialect, 'pilot_link');
}
