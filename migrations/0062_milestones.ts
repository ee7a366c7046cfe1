import { type Kysely, sql } from 'kysely';
import { columns, type Dialect } from './_columns.ts';
import { versionTriggers } from './_versions.ts';

/**
 * Milestones (capability 8, "celebrate"), detected by a job from the community's activity.
 *
 * - `milestone`: a milestone reached — its kind (the 100th loan, a year of fridge shifts, …), the
 *   threshold it crossed, and what it is about when a kind is counted per thing (`scope_id`: the
 *   place of a year of fridge shifts; '' otherwise). Recorded once: the unique constraint makes the
 *   job idempotent on both databases. `reached_at` is when the activity crossed the threshold.
 * - `milestone_person`: the people a milestone thanks (who lent and borrowed the 100th loan, the
 *   fridge's volunteers, …); `named` 1 when they agreed to be named with it (not by default).
 * - `milestone_threshold`: a community's own threshold of a kind, set by a steward (the defaults
 *   are in the code, in one table).
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  const community = (col: any) => col.notNull().references('community.id').onDelete('cascade');
  const kind = (col: any) =>
    col
      .notNull()
      .check(sql`kind in ('loans', 'fridge_year', 'seed_returned', 'rides', 'workshops', 'shifts')`);

  await db.schema
    .createTable('milestone')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('kind', c.text, kind)
    .addColumn('threshold', c.integer, (col) => col.notNull().check(sql`threshold between 1 and 1000000`))
    .addColumn('scope_id', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('reached_at', c.instant, (col) => col.notNull())
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addUniqueConstraint('milestone_community_id_uq', ['community_id', 'id'])
    .addUniqueConstraint('milestone_once_uq', ['community_id', 'kind', 'threshold', 'scope_id'])
    .execute();
  await db.schema
    .createIndex('milestone_reached_idx')
    .on('milestone')
    .columns(['community_id', 'reached_at'])
    .execute();
  await versionTriggers(db, dialect, 'milestone');

  await db.schema
    .createTable('milestone_person')
    .addColumn('community_id', c.id, community)
    .addColumn('milestone_id', c.id, (col) => col.notNull())
    .addColumn('account_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('named', c.flag, (col) => col.notNull().defaultTo(0).check(sql`named in (0, 1)`))
    .addPrimaryKeyConstraint('milestone_person_pk', ['community_id', 'milestone_id', 'account_id'])
    .addForeignKeyConstraint(
      'milestone_person_milestone_fk',
      ['community_id', 'milestone_id'],
      'milestone',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('milestone_person_account_idx')
    .on('milestone_person')
    .columns(['community_id', 'account_id'])
    .execute();
  await versionTriggers(db, dialect, 'milestone_person');

  await db.schema
    .createTable('milestone_threshold')
    .addColumn('community_id', c.id, community)
    .addColumn('kind', c.text, kind)
    .addColumn('threshold', c.integer, (col) => col.notNull().check(sql`threshold between 1 and 1000000`))
    .addColumn('updated_at', c.instant, (col) => col.notNull())
    .addPrimaryKeyConstraint('milestone_threshold_pk', ['community_id', 'kind'])
    .execute();
  await versionTriggers(db, dialect, 'milestone_threshold');
}
