import { type Kysely, sql } from 'kysely';
import { columns, type Dialect } from './_columns.ts';
import { versionTriggers } from './_versions.ts';

/**
 * Gatherings (capability 6): weekly meetings, potlucks, workshops, language-exchange tables.
 *
 * - `gathering`: what happens, and when: its recurrence as local wall times in the community's zone
 *   (as `shift_series`: first local start, an RFC 5545 RRULE, a season, dates left out, moved
 *   occurrences), its length, a place of the community or an address, a capacity (null: no limit),
 *   whether it is public (seen and joined without an account), and for a workshop the skill and
 *   the member hosting it, who accepts a proposal before it is on the calendar.
 * - `gathering_occurrence`: one occurrence someone acted on (answered, cancelled), made when first
 *   needed: `occurrence` is the local start the rule gave (its identity).
 * - `gathering_rsvp`: an answer (yes, maybe, no) with guests, by a member or by a visitor (a name
 *   and an optional email); a yes beyond the capacity waits, in the order answered.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  const community = (col: any) => col.notNull().references('community.id').onDelete('cascade');

  await db.schema
    .createTable('gathering')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('kind', c.text, (col) =>
      col
        .notNull()
        .defaultTo('gathering')
        .check(sql`kind in ('gathering', 'potluck', 'workshop', 'language_table')`),
    )
    .addColumn('title', c.text, (col) => col.notNull())
    .addColumn('description', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('place_id', c.id)
    .addColumn('address', c.text, (col) => col.notNull().defaultTo(''))
    // Local wall time `YYYY-MM-DDTHH:mm` of the first occurrence.
    .addColumn('start_local', c.text, (col) => col.notNull())
    // Up to a week (a weekend camp); elapsed minutes, as a shift's.
    .addColumn('duration_minutes', c.integer, (col) =>
      col.notNull().check(sql`duration_minutes between 1 and 10080`),
    )
    .addColumn('rule', c.text)
    .addColumn('season_from', c.text)
    .addColumn('season_until', c.text)
    .addColumn('exceptions', c.text, (col) => col.notNull().defaultTo(''))
    // Occurrences moved, `from>to` local starts, comma-separated.
    .addColumn('moves', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('capacity', c.integer, (col) => col.check(sql`capacity between 1 and 10000`))
    .addColumn('is_public', c.flag, (col) => col.notNull().defaultTo(0))
    .addColumn('skill', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('host_id', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('host_status', c.text, (col) => col.check(sql`host_status in ('proposed', 'accepted')`))
    .addColumn('created_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addColumn('updated_at', c.instant, (col) => col.notNull())
    // The whole gathering called off: no occurrence happens from then on.
    .addColumn('cancelled_at', c.instant)
    .addCheckConstraint('gathering_season_ck', sql`(season_from is null) = (season_until is null)`)
    .addUniqueConstraint('gathering_community_id_uq', ['community_id', 'id'])
    .addForeignKeyConstraint('gathering_place_fk', ['community_id', 'place_id'], 'place', [
      'community_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('gathering_community_idx')
    .on('gathering')
    .columns(['community_id', 'cancelled_at'])
    .execute();
  await versionTriggers(db, dialect, 'gathering');

  await db.schema
    .createTable('gathering_occurrence')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('gathering_id', c.id, (col) => col.notNull())
    .addColumn('occurrence', c.text, (col) => col.notNull())
    .addColumn('starts_at', c.instant, (col) => col.notNull())
    .addColumn('ends_at', c.instant, (col) => col.notNull())
    .addColumn('cancelled_at', c.instant)
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addCheckConstraint('gathering_occurrence_times_ck', sql`ends_at > starts_at`)
    .addUniqueConstraint('gathering_occurrence_community_id_uq', ['community_id', 'id'])
    .addUniqueConstraint('gathering_occurrence_uq', ['community_id', 'gathering_id', 'occurrence'])
    .addForeignKeyConstraint(
      'gathering_occurrence_gathering_fk',
      ['community_id', 'gathering_id'],
      'gathering',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('gathering_occurrence_starts_idx')
    .on('gathering_occurrence')
    .columns(['community_id', 'starts_at'])
    .execute();
  await versionTriggers(db, dialect, 'gathering_occurrence');

  await db.schema
    .createTable('gathering_rsvp')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('occurrence_id', c.id, (col) => col.notNull())
    // A member's answer; null for a visitor's, who gives a name (and an email if they wish).
    .addColumn('account_id', c.id, (col) => col.references('account.id').onDelete('cascade'))
    .addColumn('visitor_name', c.text)
    .addColumn('visitor_email', c.text)
    .addColumn('answer', c.text, (col) => col.notNull().check(sql`answer in ('yes', 'maybe', 'no')`))
    // A yes beyond the capacity: on the waiting list, in the order of `answered_at`.
    .addColumn('waiting', c.flag, (col) => col.notNull().defaultTo(0))
    .addColumn('guests', c.integer, (col) => col.notNull().defaultTo(0).check(sql`guests between 0 and 20`))
    .addColumn('answered_at', c.instant, (col) => col.notNull())
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addColumn('reminded_at', c.instant)
    .addCheckConstraint('gathering_rsvp_who_ck', sql`(account_id is null) <> (visitor_name is null)`)
    .addCheckConstraint('gathering_rsvp_waiting_ck', sql`waiting = 0 or answer = 'yes'`)
    .addUniqueConstraint('gathering_rsvp_community_id_uq', ['community_id', 'id'])
    .addUniqueConstraint('gathering_rsvp_account_uq', ['community_id', 'occurrence_id', 'account_id'])
    .addForeignKeyConstraint(
      'gathering_rsvp_occurrence_fk',
      ['community_id', 'occurrence_id'],
      'gathering_occurrence',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('gathering_rsvp_account_idx')
    .on('gathering_rsvp')
    .columns(['community_id', 'account_id'])
    .execute();
  await versionTriggers(db, dialect, 'gathering_rsvp');
}
