import { type Kysely, sql } from 'kysely';
import { columns, type Dialect } from './_columns.ts';
import { versionTriggers } from './_versions.ts';

/**
 * Drills of the evacuation ride network (the monthly check-in) and the personal links they send.
 *
 * `evacuation_link`: a household's or a driver's own link for one occasion (a drill, or an alert
 * of a later step: `occasion_id` names either, so it has no foreign key), opened without signing
 * in. Only the token's SHA-256 is stored. It goes with its registration (withdrawn, or the member
 * left: the cascade), and stops working at `expires_at`.
 *
 * `evacuation_drill`: a coordinator's drill with its deadline for answers and the instants its
 * escalation steps are due (the buddy, the backup buddy, the coordinators). Kept as history.
 *
 * `evacuation_drill_answer`: one row per household or driver asked in a drill — waiting, or what
 * they answered (confirmed, changed with before → after, cannot this month), by whom, a driver's
 * seats and test drive, and each escalation step taken (when, and to whom).
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  const community = (col: any) => col.notNull().references('community.id').onDelete('cascade');
  const registrationFks = (table: any, prefix: string) =>
    table
      .addForeignKeyConstraint(
        `${prefix}_household_fk`,
        ['community_id', 'household_id'],
        'evacuation_household',
        ['community_id', 'id'],
        (fk: any) => fk.onDelete('cascade'),
      )
      .addForeignKeyConstraint(
        `${prefix}_driver_fk`,
        ['community_id', 'driver_id'],
        'evacuation_driver',
        ['community_id', 'id'],
        (fk: any) => fk.onDelete('cascade'),
      )
      .addCheckConstraint(`${prefix}_one_subject_ck`, sql`(household_id is null) <> (driver_id is null)`);

  await db.schema
    .createTable('evacuation_link')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('occasion', c.text, (col) => col.notNull().check(sql`occasion in ('drill', 'alert')`))
    .addColumn('occasion_id', c.id, (col) => col.notNull())
    .addColumn('household_id', c.id)
    .addColumn('driver_id', c.id)
    .addColumn('account_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('token_hash', c.text, (col) => col.notNull().unique())
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addColumn('expires_at', c.instant, (col) => col.notNull())
    .addColumn('opened_at', c.instant)
    .$call((t) => registrationFks(t, 'evacuation_link'))
    .execute();
  await db.schema
    .createIndex('evacuation_link_occasion_idx')
    .on('evacuation_link')
    .columns(['community_id', 'occasion', 'occasion_id'])
    .execute();
  await db.schema
    .createIndex('evacuation_link_household_idx')
    .on('evacuation_link')
    .columns(['community_id', 'household_id'])
    .execute();
  await db.schema
    .createIndex('evacuation_link_driver_idx')
    .on('evacuation_link')
    .columns(['community_id', 'driver_id'])
    .execute();
  await versionTriggers(db, dialect, 'evacuation_link');

  await db.schema
    .createTable('evacuation_drill')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('message', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('status', c.text, (col) =>
      col.notNull().defaultTo('open').check(sql`status in ('open', 'closed', 'cancelled')`),
    )
    // Answers are asked for by `deadline`; with none by `buddy_at` the buddy is asked, by
    // `backup_at` the backup buddy, by `coordinators_at` the coordinators are told.
    .addColumn('deadline', c.instant, (col) => col.notNull())
    .addColumn('buddy_at', c.instant, (col) => col.notNull())
    .addColumn('backup_at', c.instant, (col) => col.notNull())
    .addColumn('coordinators_at', c.instant, (col) => col.notNull())
    .addColumn('started_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('started_at', c.instant, (col) => col.notNull())
    .addColumn('ended_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('ended_at', c.instant)
    .addCheckConstraint(
      'evacuation_drill_order_ck',
      sql`started_at < deadline and deadline <= buddy_at and buddy_at <= backup_at and backup_at <= coordinators_at`,
    )
    .addCheckConstraint('evacuation_drill_ended_ck', sql`(status = 'open') = (ended_at is null)`)
    .addUniqueConstraint('evacuation_drill_community_id_uq', ['community_id', 'id'])
    .execute();
  await db.schema
    .createIndex('evacuation_drill_started_idx')
    .on('evacuation_drill')
    .columns(['community_id', 'started_at'])
    .execute();
  // The escalation job looks for open drills across communities, by the next step's instant.
  await db.schema
    .createIndex('evacuation_drill_open_idx')
    .on('evacuation_drill')
    .columns(['status', 'buddy_at'])
    .execute();
  await versionTriggers(db, dialect, 'evacuation_drill');

  await db.schema
    .createTable('evacuation_drill_answer')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('drill_id', c.id, (col) => col.notNull())
    .addColumn('household_id', c.id)
    .addColumn('driver_id', c.id)
    .addColumn('account_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('status', c.text, (col) =>
      col
        .notNull()
        .defaultTo('waiting')
        .check(sql`status in ('waiting', 'confirmed', 'changed', 'unavailable')`),
    )
    .addColumn('answered_at', c.instant)
    // Null: through the personal link; else the coordinator who recorded it (a phone call).
    .addColumn('answered_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    // JSON array of { field, before, after }: what a household or driver changed.
    .addColumn('changes', c.text, (col) => col.notNull().defaultTo('[]'))
    // Anything else they said (why not this month, what the coordinators should know).
    .addColumn('note', c.text, (col) => col.notNull().defaultTo(''))
    // A driver: the seats they confirmed, and when they drove their route as a test.
    .addColumn('seats', c.integer, (col) => col.check(sql`seats between 0 and 60`))
    .addColumn('test_drive_at', c.instant)
    .addColumn('buddy_asked_at', c.instant)
    .addColumn('buddy_asked_id', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('backup_asked_at', c.instant)
    .addColumn('backup_asked_id', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('coordinators_told_at', c.instant)
    .addCheckConstraint(
      'evacuation_drill_answer_answered_ck',
      sql`(status = 'waiting') = (answered_at is null)`,
    )
    .addForeignKeyConstraint(
      'evacuation_drill_answer_drill_fk',
      ['community_id', 'drill_id'],
      'evacuation_drill',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .$call((t) => registrationFks(t, 'evacuation_drill_answer'))
    .addUniqueConstraint('evacuation_drill_answer_household_uq', ['community_id', 'drill_id', 'household_id'])
    .addUniqueConstraint('evacuation_drill_answer_driver_uq', ['community_id', 'drill_id', 'driver_id'])
    .execute();
  await db.schema
    .createIndex('evacuation_drill_answer_household_idx')
    .on('evacuation_drill_answer')
    .columns(['community_id', 'household_id'])
    .execute();
  await db.schema
    .createIndex('evacuation_drill_answer_driver_idx')
    .on('evacuation_drill_answer')
    .columns(['community_id', 'driver_id'])
    .execute();
  await versionTriggers(db, dialect, 'evacuation_drill_answer');
}
