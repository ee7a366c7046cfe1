import { type Kysely, sql } from 'kysely';
import { columns, type Dialect } from './_columns.ts';
import { versionTriggers } from './_versions.ts';

/**
 * Shifts: volunteers keeping places going (fridge cleaning on Tuesdays, the ice-shoveling rota).
 *
 * - `shift_series`: what repeats, at a place or anywhere: its recurrence as local wall times in
 *   the community's zone (first local start, an RFC 5545 RRULE, a seasonal range, dates left
 *   out), its duration, how many people it needs, whether only trained volunteers may sign up
 *   (and how many of its slots are trial slots for newcomers), and a checklist (one item a line).
 * - `shift`: one occurrence someone acted on, made when first needed (occurrences are computed
 *   from the series, not stored ahead): `occurrence` is the local start the rule gave (its
 *   identity), `starts_at`/`ends_at` its instants; cancelled or completed.
 * - `shift_signup`: who signed up for an occurrence, on a trial slot or not; a substitute asked
 *   for; reminded; recorded as a no-show (seen by the member and stewards only).
 * - `shift_trained`: who is trained for a series that asks for it.
 * - `shift_check`: what completing an occurrence logged: its checklist, a temperature (always
 *   stored in °C, to a hundredth) of a fridge or a freezer, feedback and food saved (kg).
 * - `shift_stale_alert`: the last check a place's "no check for too long" alert was sent for,
 *   so one lapse alerts once.
 * - `shift_settings`: the community's temperature unit.
 * - `calendar_feed`: a member's secret calendar-feed token (its SHA-256), one per account.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  const community = (col: any) => col.notNull().references('community.id').onDelete('cascade');

  await db.schema
    .createTable('shift_series')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('place_id', c.id)
    .addColumn('title', c.text, (col) => col.notNull())
    .addColumn('description', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('checklist', c.text, (col) => col.notNull().defaultTo(''))
    // Local wall time `YYYY-MM-DDTHH:mm` of the first occurrence.
    .addColumn('start_local', c.text, (col) => col.notNull())
    .addColumn('duration_minutes', c.integer, (col) =>
      col.notNull().check(sql`duration_minutes between 1 and 1440`),
    )
    .addColumn('rule', c.text)
    .addColumn('season_from', c.text)
    .addColumn('season_until', c.text)
    // Local dates left out, comma-separated `YYYY-MM-DD`.
    .addColumn('exceptions', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('people_needed', c.integer, (col) => col.notNull().check(sql`people_needed between 1 and 100`))
    .addColumn('trained_only', c.flag, (col) => col.notNull().defaultTo(0))
    .addColumn('trial_slots', c.integer, (col) => col.notNull().defaultTo(0).check(sql`trial_slots >= 0`))
    .addColumn('created_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addColumn('updated_at', c.instant, (col) => col.notNull())
    .addColumn('archived_at', c.instant)
    .addCheckConstraint('shift_series_season_ck', sql`(season_from is null) = (season_until is null)`)
    .addCheckConstraint('shift_series_trial_ck', sql`trial_slots <= people_needed`)
    .addUniqueConstraint('shift_series_community_id_uq', ['community_id', 'id'])
    .addForeignKeyConstraint('shift_series_place_fk', ['community_id', 'place_id'], 'place', [
      'community_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('shift_series_place_idx')
    .on('shift_series')
    .columns(['community_id', 'place_id'])
    .execute();
  await versionTriggers(db, dialect, 'shift_series');

  await db.schema
    .createTable('shift')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('series_id', c.id, (col) => col.notNull())
    .addColumn('occurrence', c.text, (col) => col.notNull())
    .addColumn('starts_at', c.instant, (col) => col.notNull())
    .addColumn('ends_at', c.instant, (col) => col.notNull())
    .addColumn('cancelled_at', c.instant)
    .addColumn('completed_at', c.instant)
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addCheckConstraint('shift_times_ck', sql`ends_at > starts_at`)
    .addUniqueConstraint('shift_community_id_uq', ['community_id', 'id'])
    .addUniqueConstraint('shift_occurrence_uq', ['community_id', 'series_id', 'occurrence'])
    .addForeignKeyConstraint(
      'shift_series_fk',
      ['community_id', 'series_id'],
      'shift_series',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('shift_starts_idx')
    .on('shift')
    .columns(['community_id', 'starts_at'])
    .execute();
  await versionTriggers(db, dialect, 'shift');

  await db.schema
    .createTable('shift_signup')
    .addColumn('community_id', c.id, community)
    .addColumn('shift_id', c.id, (col) => col.notNull())
    .addColumn('account_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('trial', c.flag, (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addColumn('substitute_asked_at', c.instant)
    .addColumn('reminded_at', c.instant)
    .addColumn('no_show_at', c.instant)
    .addPrimaryKeyConstraint('shift_signup_pk', ['community_id', 'shift_id', 'account_id'])
    .addForeignKeyConstraint(
      'shift_signup_shift_fk',
      ['community_id', 'shift_id'],
      'shift',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('shift_signup_account_idx')
    .on('shift_signup')
    .columns(['community_id', 'account_id'])
    .execute();
  await versionTriggers(db, dialect, 'shift_signup');

  await db.schema
    .createTable('shift_trained')
    .addColumn('community_id', c.id, community)
    .addColumn('series_id', c.id, (col) => col.notNull())
    .addColumn('account_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addPrimaryKeyConstraint('shift_trained_pk', ['community_id', 'series_id', 'account_id'])
    .addForeignKeyConstraint(
      'shift_trained_series_fk',
      ['community_id', 'series_id'],
      'shift_series',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await versionTriggers(db, dialect, 'shift_trained');

  await db.schema
    .createTable('shift_check')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('shift_id', c.id, (col) => col.notNull())
    .addColumn('place_id', c.id)
    .addColumn('account_id', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('checked_at', c.instant, (col) => col.notNull())
    // The checklist's items as done, JSON `[{ item, done }]`.
    .addColumn('checklist', c.text, (col) => col.notNull().defaultTo('[]'))
    .addColumn('appliance', c.text, (col) => col.check(sql`appliance in ('fridge', 'freezer')`))
    .addColumn('temperature_c', c.real, (col) => col.check(sql`temperature_c between -60 and 60`))
    .addColumn('feedback', c.text, (col) => col.check(sql`feedback in ('went_well', 'could_improve')`))
    .addColumn('feedback_note', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('food_saved_kg', c.real, (col) => col.check(sql`food_saved_kg between 0 and 10000`))
    .addCheckConstraint('shift_check_reading_ck', sql`(appliance is null) = (temperature_c is null)`)
    .addForeignKeyConstraint(
      'shift_check_shift_fk',
      ['community_id', 'shift_id'],
      'shift',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint('shift_check_place_fk', ['community_id', 'place_id'], 'place', [
      'community_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('shift_check_place_idx')
    .on('shift_check')
    .columns(['community_id', 'place_id', 'checked_at'])
    .execute();
  await db.schema
    .createIndex('shift_check_shift_idx')
    .on('shift_check')
    .columns(['community_id', 'shift_id'])
    .execute();
  await versionTriggers(db, dialect, 'shift_check');

  await db.schema
    .createTable('shift_stale_alert')
    .addColumn('community_id', c.id, community)
    .addColumn('place_id', c.id, (col) => col.notNull())
    // The last check (instant) the alert was sent for; null: the place never had one.
    .addColumn('last_check_at', c.instant)
    .addColumn('alerted_at', c.instant, (col) => col.notNull())
    .addPrimaryKeyConstraint('shift_stale_alert_pk', ['community_id', 'place_id'])
    .addForeignKeyConstraint(
      'shift_stale_alert_place_fk',
      ['community_id', 'place_id'],
      'place',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await versionTriggers(db, dialect, 'shift_stale_alert');

  await db.schema
    .createTable('shift_settings')
    .addColumn('community_id', c.id, (col) => col.primaryKey().references('community.id').onDelete('cascade'))
    .addColumn('temperature_unit', c.text, (col) =>
      col.notNull().defaultTo('C').check(sql`temperature_unit in ('C', 'F')`),
    )
    .execute();
  await versionTriggers(db, dialect, 'shift_settings');

  await db.schema
    .createTable('calendar_feed')
    .addColumn('account_id', c.id, (col) => col.primaryKey().references('account.id').onDelete('cascade'))
    .addColumn('token_hash', c.text, (col) => col.notNull().unique())
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .execute();
}
