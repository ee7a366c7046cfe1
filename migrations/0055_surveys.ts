import { type Kysely, sql } from 'kysely';
import { columns, type Dialect } from './_columns.ts';
import { versionTriggers } from './_versions.ts';

/**
 * Needs surveys (issue 18, step 1: find the need).
 *
 * - `survey`: a steward's short survey: its title, an introduction, its questions (JSON text: the
 *   needs, offers, meeting times and languages questions with the choices the steward kept or
 *   added, and an optional free question), and the last local day it takes answers, with the
 *   instant that day ends in the community's zone.
 * - `survey_answer`: one answer: a member's (one per member: a second replaces it), or one given
 *   without an account by the survey's link, or one a steward typed in from a paper form (who
 *   typed it is kept). An optional name, and the free question's answer.
 * - `survey_answer_choice`: each choice an answer ticked, one row each, so that the summary counts
 *   them in SQL.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  const community = (col: any) => col.notNull().references('community.id').onDelete('cascade');

  await db.schema
    .createTable('survey')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('title', c.text, (col) => col.notNull())
    .addColumn('intro', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('questions', c.text, (col) => col.notNull())
    .addColumn('closes_on', c.text, (col) => col.notNull())
    .addColumn('closes_at', c.instant, (col) => col.notNull())
    .addColumn('created_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addColumn('updated_at', c.instant, (col) => col.notNull())
    .addUniqueConstraint('survey_community_id_uq', ['community_id', 'id'])
    .execute();
  await db.schema
    .createIndex('survey_community_idx')
    .on('survey')
    .columns(['community_id', 'created_at'])
    .execute();
  await versionTriggers(db, dialect, 'survey');

  await db.schema
    .createTable('survey_answer')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('survey_id', c.id, (col) => col.notNull())
    // A member's answer; null for one by the link or on paper.
    .addColumn('account_id', c.id, (col) => col.references('account.id').onDelete('cascade'))
    .addColumn('source', c.text, (col) => col.notNull().check(sql`source in ('member', 'link', 'paper')`))
    .addColumn('name', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('free_text', c.text, (col) => col.notNull().defaultTo(''))
    // The steward who typed a paper answer in.
    .addColumn('typed_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('answered_at', c.instant, (col) => col.notNull())
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addCheckConstraint('survey_answer_who_ck', sql`(account_id is not null) = (source = 'member')`)
    .addUniqueConstraint('survey_answer_community_id_uq', ['community_id', 'id'])
    .addUniqueConstraint('survey_answer_account_uq', ['community_id', 'survey_id', 'account_id'])
    .addForeignKeyConstraint(
      'survey_answer_survey_fk',
      ['community_id', 'survey_id'],
      'survey',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('survey_answer_account_idx')
    .on('survey_answer')
    .columns(['community_id', 'account_id'])
    .execute();
  await versionTriggers(db, dialect, 'survey_answer');

  await db.schema
    .createTable('survey_answer_choice')
    .addColumn('community_id', c.id, community)
    .addColumn('survey_id', c.id, (col) => col.notNull())
    .addColumn('answer_id', c.id, (col) => col.notNull())
    .addColumn('question', c.text, (col) =>
      col.notNull().check(sql`question in ('needs', 'offers', 'times', 'languages')`),
    )
    .addColumn('choice', c.text, (col) => col.notNull())
    .addPrimaryKeyConstraint('survey_answer_choice_pk', ['community_id', 'answer_id', 'question', 'choice'])
    .addForeignKeyConstraint(
      'survey_answer_choice_answer_fk',
      ['community_id', 'answer_id'],
      'survey_answer',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('survey_answer_choice_survey_idx')
    .on('survey_answer_choice')
    .columns(['community_id', 'survey_id', 'question', 'choice'])
    .execute();
  await versionTriggers(db, dialect, 'survey_answer_choice');
}
