import { type Kysely, sql } from 'kysely';
import { columns, type Dialect } from './_columns.ts';
import { versionTriggers } from './_versions.ts';

/**
 * Places: a community's fridges, pantries, shed, gardens, meeting spots and shelters. A place has
 * a kind, an address whose exactness members or everyone may see, a point (WGS 84 degrees), its
 * weekly opening hours (JSON, see the places feature's schema), its rules (and, for food, what
 * may be left, how to label it, what not to leave), what it publishes to reach a volunteer, the
 * allowed time between checks (hours, for the stale-check alert of shifts), and its stock level
 * with when it was last reported and cleaned. Its volunteers are members; its photos are photos.
 * Reports are what anyone (an account or not) said about a place: stocked, empty, a problem, or
 * cleaned; a steward may hide one. A library item may point to the place it is kept at.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  const community = (col: any) => col.notNull().references('community.id').onDelete('cascade');

  await db.schema
    .createTable('place')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('kind', c.text, (col) =>
      col
        .notNull()
        .check(sql`kind in ('fridge', 'pantry', 'tool_shed', 'garden', 'meeting_spot', 'shelter', 'other')`),
    )
    .addColumn('name', c.text, (col) => col.notNull())
    .addColumn('description', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('address', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('address_visibility', c.text, (col) =>
      col.notNull().defaultTo('members').check(sql`address_visibility in ('members', 'public')`),
    )
    .addColumn('latitude', c.real, (col) => col.check(sql`latitude between -90 and 90`))
    .addColumn('longitude', c.real, (col) => col.check(sql`longitude between -180 and 180`))
    .addColumn('opening_hours', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('rules', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('food_accepted', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('food_labels', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('food_refused', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('contact', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('check_hours', c.integer, (col) => col.check(sql`check_hours between 1 and 2160`))
    .addColumn('stock_level', c.text, (col) =>
      col.check(sql`stock_level in ('empty', 'low', 'some', 'full')`),
    )
    .addColumn('stock_reported_at', c.instant)
    .addColumn('cleaned_at', c.instant)
    .addColumn('created_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addColumn('updated_at', c.instant, (col) => col.notNull())
    .addColumn('archived_at', c.instant)
    .addCheckConstraint('place_point_ck', sql`(latitude is null) = (longitude is null)`)
    .addUniqueConstraint('place_community_id_uq', ['community_id', 'id'])
    .execute();
  await db.schema
    .createIndex('place_community_name_idx')
    .on('place')
    .columns(['community_id', 'name'])
    .execute();
  await versionTriggers(db, dialect, 'place');

  await db.schema
    .createTable('place_volunteer')
    .addColumn('community_id', c.id, community)
    .addColumn('place_id', c.id, (col) => col.notNull())
    .addColumn('account_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addPrimaryKeyConstraint('place_volunteer_pk', ['community_id', 'place_id', 'account_id'])
    .addForeignKeyConstraint(
      'place_volunteer_place_fk',
      ['community_id', 'place_id'],
      'place',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('place_volunteer_account_idx')
    .on('place_volunteer')
    .columns(['community_id', 'account_id'])
    .execute();
  await versionTriggers(db, dialect, 'place_volunteer');

  await db.schema
    .createTable('place_photo')
    .addColumn('community_id', c.id, community)
    .addColumn('place_id', c.id, (col) => col.notNull())
    .addColumn('photo_id', c.id, (col) => col.notNull())
    .addColumn('position', c.integer, (col) => col.notNull())
    .addPrimaryKeyConstraint('place_photo_pk', ['community_id', 'place_id', 'photo_id'])
    .addForeignKeyConstraint(
      'place_photo_place_fk',
      ['community_id', 'place_id'],
      'place',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'place_photo_photo_fk',
      ['community_id', 'photo_id'],
      'photo',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('place_photo_photo_idx')
    .on('place_photo')
    .columns(['community_id', 'photo_id'])
    .execute();
  await versionTriggers(db, dialect, 'place_photo');

  await db.schema
    .createTable('place_report')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('place_id', c.id, (col) => col.notNull())
    .addColumn('kind', c.text, (col) =>
      col.notNull().check(sql`kind in ('stocked', 'empty', 'problem', 'cleaned')`),
    )
    // The stock level the report leaves the place at (null: it says nothing of the stock).
    .addColumn('stock_level', c.text, (col) =>
      col.check(sql`stock_level in ('empty', 'low', 'some', 'full')`),
    )
    .addColumn('problem', c.text, (col) =>
      col.check(sql`problem in ('broken', 'dirty', 'unsafe_food', 'other')`),
    )
    .addColumn('note', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('photo_id', c.id)
    // Null: someone without an account (or not signed in) reported.
    .addColumn('account_id', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addColumn('hidden_at', c.instant)
    .addColumn('hidden_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addCheckConstraint('place_report_problem_ck', sql`(kind = 'problem') = (problem is not null)`)
    .addForeignKeyConstraint(
      'place_report_place_fk',
      ['community_id', 'place_id'],
      'place',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'place_report_photo_fk',
      ['community_id', 'photo_id'],
      'photo',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('place_report_place_idx')
    .on('place_report')
    .columns(['community_id', 'place_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('place_report_photo_idx')
    .on('place_report')
    .columns(['community_id', 'photo_id'])
    .execute();
  await versionTriggers(db, dialect, 'place_report');

  // Where a library item is kept or picked up (a place of the same community; the library checks).
  await db.schema
    .alterTable('item')
    .addColumn('place_id', c.id, (col) => col.references('place.id').onDelete('set null'))
    .execute();
}
