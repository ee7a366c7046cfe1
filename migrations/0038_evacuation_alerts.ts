import { type Kysely, sql } from 'kysely';
import { columns, type Dialect } from './_columns.ts';
import { versionTriggers } from './_versions.ts';

/**
 * Activation of the evacuation ride network (issue 16, "the day"): the alert a coordinator raises
 * (on a plan, which a re-plan after a driver drops out replaces), every status change of the day
 * as one row of its timeline (a driver started, picked up a household, could not find one,
 * arrived, dropped out; a household safe or needing help; a re-plan), and the feedback drivers and
 * households give after it ends. A status is read from the timeline: nothing is stored twice.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  const community = (col: any) => col.notNull().references('community.id').onDelete('cascade');

  await db.schema
    .createTable('evacuation_alert')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    // The plan the day follows: the newest when it was raised, then each re-plan's.
    .addColumn('plan_id', c.id, (col) => col.notNull())
    .addColumn('reason', c.text, (col) => col.notNull())
    .addColumn('message', c.text, (col) => col.notNull().defaultTo(''))
    // JSON array of the ids of the shelters (places) open for it.
    .addColumn('shelters', c.text, (col) => col.notNull())
    .addColumn('raised_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('raised_at', c.instant, (col) => col.notNull())
    .addColumn('ended_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('ended_at', c.instant)
    .addColumn('end_message', c.text, (col) => col.notNull().defaultTo(''))
    .addUniqueConstraint('evacuation_alert_community_id_uq', ['community_id', 'id'])
    .addForeignKeyConstraint(
      'evacuation_alert_plan_fk',
      ['community_id', 'plan_id'],
      'evacuation_plan',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  // One alert at a time per community: a second raise is refused by the database too.
  await db.schema
    .createIndex('evacuation_alert_active_uq')
    .on('evacuation_alert')
    .column('community_id')
    .unique()
    .where(sql.ref('ended_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('evacuation_alert_raised_idx')
    .on('evacuation_alert')
    .columns(['community_id', 'raised_at'])
    .execute();
  await versionTriggers(db, dialect, 'evacuation_alert');

  // No foreign keys to households and drivers: the timeline outlives a registration withdrawn
  // during or after the day (it names only its id), as the log of reads does.
  await db.schema
    .createTable('evacuation_update')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('alert_id', c.id, (col) => col.notNull())
    .addColumn('household_id', c.id)
    .addColumn('driver_id', c.id)
    .addColumn('status', c.text, (col) =>
      col
        .notNull()
        .check(
          sql`status in ('started', 'picked_up', 'not_found', 'arrived', 'dropped_out', 'safe', 'needs_help', 'replanned')`,
        ),
    )
    .addColumn('note', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('account_id', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('at', c.instant, (col) => col.notNull())
    .addForeignKeyConstraint(
      'evacuation_update_alert_fk',
      ['community_id', 'alert_id'],
      'evacuation_alert',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('evacuation_update_alert_idx')
    .on('evacuation_update')
    .columns(['community_id', 'alert_id', 'at'])
    .execute();
  await versionTriggers(db, dialect, 'evacuation_update');

  await db.schema
    .createTable('evacuation_feedback')
    .addColumn('community_id', c.id, community)
    .addColumn('alert_id', c.id, (col) => col.notNull())
    .addColumn('account_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    // The same two words as a shift's feedback, and what they want to say.
    .addColumn('feedback', c.text, (col) =>
      col.notNull().check(sql`feedback in ('went_well', 'could_improve')`),
    )
    .addColumn('comment', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addPrimaryKeyConstraint('evacuation_feedback_pk', ['community_id', 'alert_id', 'account_id'])
    .addForeignKeyConstraint(
      'evacuation_feedback_alert_fk',
      ['community_id', 'alert_id'],
      'evacuation_alert',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await versionTriggers(db, dialect, 'evacuation_feedback');
}
