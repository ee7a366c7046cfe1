import { type Kysely, sql } from 'kysely';
import { columns, type Dialect } from './_columns.ts';
import { versionTriggers } from './_versions.ts';

/**
 * The monthly newsletter (capability 8).
 *
 * - `newsletter`: one issue per community and month (`month`, `YYYY-MM`, unique with the
 *   community, so the monthly job compiling it twice, or in two processes, makes one), compiled
 *   from what happened in [covers_from, covers_until) and what is coming after; a draft until a
 *   steward publishes it (`published_at`), which also sends it — once: `sent_at` is set by one
 *   conditional update, so two requests at once send it once. `is_public`: seen without an
 *   account (page, feed and sheet) once published.
 * - `newsletter_edition`: its title and introduction in one language of the community.
 * - `newsletter_section`: one section of an edition (thanks, new members, gatherings…), in order:
 *   its heading and its text, as compiled and then edited by a steward; a removed section is
 *   deleted.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  const community = (col: any) => col.notNull().references('community.id').onDelete('cascade');

  await db.schema
    .createTable('newsletter')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('month', c.text, (col) => col.notNull().check(sql`length(month) = 7`))
    .addColumn('covers_from', c.instant, (col) => col.notNull())
    .addColumn('covers_until', c.instant, (col) => col.notNull())
    .addColumn('compiled_at', c.instant, (col) => col.notNull())
    .addColumn('is_public', c.flag, (col) => col.notNull().defaultTo(0))
    .addColumn('published_at', c.instant)
    .addColumn('published_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('sent_at', c.instant)
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addColumn('updated_at', c.instant, (col) => col.notNull())
    .addCheckConstraint('newsletter_covers_ck', sql`covers_from <= covers_until`)
    .addUniqueConstraint('newsletter_community_id_uq', ['community_id', 'id'])
    .addUniqueConstraint('newsletter_month_uq', ['community_id', 'month'])
    .execute();
  await db.schema
    .createIndex('newsletter_published_idx')
    .on('newsletter')
    .columns(['community_id', 'published_at'])
    .execute();
  await versionTriggers(db, dialect, 'newsletter');

  await db.schema
    .createTable('newsletter_edition')
    .addColumn('community_id', c.id, community)
    .addColumn('newsletter_id', c.id, (col) => col.notNull())
    .addColumn('locale', c.text, (col) => col.notNull())
    .addColumn('title', c.text, (col) => col.notNull())
    .addColumn('intro', c.text, (col) => col.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('newsletter_edition_pk', ['community_id', 'newsletter_id', 'locale'])
    .addForeignKeyConstraint(
      'newsletter_edition_newsletter_fk',
      ['community_id', 'newsletter_id'],
      'newsletter',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await versionTriggers(db, dialect, 'newsletter_edition');

  await db.schema
    .createTable('newsletter_section')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('newsletter_id', c.id, (col) => col.notNull())
    .addColumn('locale', c.text, (col) => col.notNull())
    .addColumn('position', c.integer, (col) => col.notNull())
    .addColumn('kind', c.text, (col) => col.notNull())
    .addColumn('heading', c.text, (col) => col.notNull())
    .addColumn('body', c.text, (col) => col.notNull())
    .addUniqueConstraint('newsletter_section_community_id_uq', ['community_id', 'id'])
    .addForeignKeyConstraint(
      'newsletter_section_edition_fk',
      ['community_id', 'newsletter_id', 'locale'],
      'newsletter_edition',
      ['community_id', 'newsletter_id', 'locale'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('newsletter_section_edition_idx')
    .on('newsletter_section')
    .columns(['community_id', 'newsletter_id', 'locale', 'position'])
    .execute();
  await versionTriggers(db, dialect, 'newsletter_section');
}
