import { type Kysely, sql } from 'kysely';
import { columns, type Dialect } from './_columns.ts';
import { versionTriggers } from './_versions.ts';

/**
 * Guidelines agreed by consent (capability 7; issue 18, step 2).
 *
 * - `proposal`: a change put to the community: title, text, rationale, what it would do to the
 *   guidelines (`change`: nothing, a new full text, or an amendment added to the current text,
 *   held in `guideline_text`), a deadline (`closes_at`), and once closed its outcome and the
 *   statement the proposer or a steward wrote. `revision` counts revisions (each asks everyone
 *   again); `base_version` is the guidelines' version it was written against.
 * - `proposal_position`: one position per member and proposal (`stance`: agree, abstain, disagree, block),
 *   with a reason (a block must give one); a second vote replaces the first (the unique key).
 * - `proposal_comment`: the discussion, in order.
 * - `guideline_version`: the guidelines' versions 1, 2, …: who made each, when, by which passed
 *   proposal (null for the first, set by a steward), and the date the stewards review it.
 * - `guideline_acknowledgement`: a member has read a version ("I have read these"), and when.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  const community = (col: any) => col.notNull().references('community.id').onDelete('cascade');

  await db.schema
    .createTable('proposal')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('title', c.text, (col) => col.notNull())
    .addColumn('body', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('rationale', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('change', c.text, (col) =>
      col.notNull().defaultTo('none').check(sql`change in ('none', 'replace', 'amend')`),
    )
    .addColumn('guideline_text', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('base_version', c.integer)
    .addColumn('revision', c.integer, (col) => col.notNull().defaultTo(0))
    .addColumn('proposed_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addColumn('updated_at', c.instant, (col) => col.notNull())
    .addColumn('closes_at', c.instant, (col) => col.notNull())
    .addColumn('status', c.text, (col) =>
      col.notNull().defaultTo('open').check(sql`status in ('open', 'closed')`),
    )
    .addColumn('outcome', c.text, (col) =>
      col.check(sql`outcome in ('passed', 'blocked', 'not_passed', 'no_votes')`),
    )
    .addColumn('closed_at', c.instant)
    .addColumn('outcome_statement', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('outcome_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('outcome_at', c.instant)
    .addCheckConstraint('proposal_outcome_ck', sql`(status = 'open') = (outcome is null)`)
    .addCheckConstraint('proposal_change_ck', sql`change = 'none' or guideline_text <> ''`)
    .addUniqueConstraint('proposal_community_id_uq', ['community_id', 'id'])
    .execute();
  await db.schema
    .createIndex('proposal_community_idx')
    .on('proposal')
    .columns(['community_id', 'status', 'closes_at'])
    .execute();
  await versionTriggers(db, dialect, 'proposal');

  await db.schema
    .createTable('proposal_position')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('proposal_id', c.id, (col) => col.notNull())
    .addColumn('account_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('stance', c.text, (col) =>
      col.notNull().check(sql`stance in ('agree', 'abstain', 'disagree', 'block')`),
    )
    .addColumn('reason', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addColumn('updated_at', c.instant, (col) => col.notNull())
    .addCheckConstraint('proposal_position_block_ck', sql`stance <> 'block' or reason <> ''`)
    .addUniqueConstraint('proposal_position_uq', ['community_id', 'proposal_id', 'account_id'])
    .addForeignKeyConstraint(
      'proposal_position_proposal_fk',
      ['community_id', 'proposal_id'],
      'proposal',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await versionTriggers(db, dialect, 'proposal_position');

  await db.schema
    .createTable('proposal_comment')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('proposal_id', c.id, (col) => col.notNull())
    .addColumn('author_id', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('body', c.text, (col) => col.notNull())
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addForeignKeyConstraint(
      'proposal_comment_proposal_fk',
      ['community_id', 'proposal_id'],
      'proposal',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('proposal_comment_proposal_idx')
    .on('proposal_comment')
    .columns(['community_id', 'proposal_id', 'created_at'])
    .execute();
  await versionTriggers(db, dialect, 'proposal_comment');

  await db.schema
    .createTable('guideline_version')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('number', c.integer, (col) => col.notNull().check(sql`number >= 1`))
    .addColumn('body', c.text, (col) => col.notNull())
    .addColumn('proposal_id', c.id)
    .addColumn('made_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('made_at', c.instant, (col) => col.notNull())
    // A local date, YYYY-MM-DD: the stewards are reminded that morning to review the guidelines.
    .addColumn('review_on', c.text)
    .addColumn('review_reminded_at', c.instant)
    .addUniqueConstraint('guideline_version_community_id_uq', ['community_id', 'id'])
    .addUniqueConstraint('guideline_version_number_uq', ['community_id', 'number'])
    .addUniqueConstraint('guideline_version_proposal_uq', ['community_id', 'proposal_id'])
    .addForeignKeyConstraint('guideline_version_proposal_fk', ['community_id', 'proposal_id'], 'proposal', [
      'community_id',
      'id',
    ])
    .execute();
  await versionTriggers(db, dialect, 'guideline_version');

  await db.schema
    .createTable('guideline_acknowledgement')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('account_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('version_id', c.id, (col) => col.notNull())
    .addColumn('acknowledged_at', c.instant, (col) => col.notNull())
    .addUniqueConstraint('guideline_acknowledgement_uq', ['community_id', 'account_id', 'version_id'])
    .addForeignKeyConstraint(
      'guideline_acknowledgement_version_fk',
      ['community_id', 'version_id'],
      'guideline_version',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await versionTriggers(db, dialect, 'guideline_acknowledgement');
}
