import { type Kysely, sql } from 'kysely';
import { columns, type Dialect } from './_columns.ts';
import { versionTriggers } from './_versions.ts';

/**
 * Potluck dish sign-ups (capability 6).
 *
 * - `gathering_dish_need`: how many dishes of a course (main, side, dessert, drink) a gathering
 *   asks for at each of its occurrences; a course without a row is not counted.
 * - `gathering_dish`: a dish someone who answered promised to bring to an occurrence: its course,
 *   its name and its dietary labels (comma-separated: vegetarian, vegan, halal, kosher, nut_free,
 *   gluten_free). It goes with the answer it belongs to.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  const community = (col: any) => col.notNull().references('community.id').onDelete('cascade');
  const course = (col: any) => col.notNull().check(sql`course in ('main', 'side', 'dessert', 'drink')`);

  await db.schema
    .createTable('gathering_dish_need')
    .addColumn('community_id', c.id, community)
    .addColumn('gathering_id', c.id, (col) => col.notNull())
    .addColumn('course', c.text, course)
    .addColumn('wanted', c.integer, (col) => col.notNull().check(sql`wanted between 0 and 100`))
    .addPrimaryKeyConstraint('gathering_dish_need_pk', ['community_id', 'gathering_id', 'course'])
    .addForeignKeyConstraint(
      'gathering_dish_need_gathering_fk',
      ['community_id', 'gathering_id'],
      'gathering',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await versionTriggers(db, dialect, 'gathering_dish_need');

  await db.schema
    .createTable('gathering_dish')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('occurrence_id', c.id, (col) => col.notNull())
    .addColumn('rsvp_id', c.id, (col) => col.notNull())
    .addColumn('course', c.text, course)
    .addColumn('name', c.text, (col) => col.notNull())
    .addColumn('labels', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addForeignKeyConstraint(
      'gathering_dish_occurrence_fk',
      ['community_id', 'occurrence_id'],
      'gathering_occurrence',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'gathering_dish_rsvp_fk',
      ['community_id', 'rsvp_id'],
      'gathering_rsvp',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('gathering_dish_occurrence_idx')
    .on('gathering_dish')
    .columns(['community_id', 'occurrence_id'])
    .execute();
  await db.schema
    .createIndex('gathering_dish_rsvp_idx')
    .on('gathering_dish')
    .columns(['community_id', 'rsvp_id'])
    .execute();
  await versionTriggers(db, dialect, 'gathering_dish');
}
