import { type Kysely, sql } from 'kysely';
import { columns, type Dialect } from './_columns.ts';

/**
 * The seed library: varieties, their stories, seed lots (packets on the shelf) and pledges to
 * return saved seed. Every table is community-owned; links between rows use composite keys so a
 * row can only point at a row of its own community.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  await db.schema
    .createTable('seed_variety')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, (col) => col.notNull().references('community.id').onDelete('cascade'))
    .addColumn('crop', c.text, (col) => col.notNull())
    .addColumn('name', c.text, (col) => col.notNull())
    // Comma-separated subset of spring, summer, autumn, winter (searched as ",x,").
    .addColumn('sowing_seasons', c.text, (col) => col.notNull())
    .addColumn('days_to_maturity', c.integer, (col) => col.check(sql`days_to_maturity between 1 and 400`))
    .addColumn('origin', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('saving_difficulty', c.text, (col) =>
      col.notNull().check(sql`saving_difficulty in ('easy', 'moderate', 'hard')`),
    )
    .addColumn('description', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('created_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addColumn('updated_at', c.instant, (col) => col.notNull())
    .addUniqueConstraint('seed_variety_community_id_uq', ['community_id', 'id'])
    .execute();
  await db.schema
    .createIndex('seed_variety_community_crop_idx')
    .on('seed_variety')
    .columns(['community_id', 'crop', 'name'])
    .execute();

  await db.schema
    .createTable('seed_story')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, (col) => col.notNull().references('community.id').onDelete('cascade'))
    .addColumn('variety_id', c.id, (col) => col.notNull())
    .addColumn('author_id', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('kind', c.text, (col) => col.notNull().check(sql`kind in ('memory', 'tip')`))
    .addColumn('body', c.text, (col) => col.notNull())
    // The year the memory is from (the thread is ordered by it), when the author knows it.
    .addColumn('memory_year', c.integer)
    // An optional photo (an old seed tin, a grandmother's garden), stored by platform uploads.
    .addColumn('photo_id', c.id)
    .addColumn('hidden_at', c.instant)
    .addColumn('hidden_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addColumn('updated_at', c.instant, (col) => col.notNull())
    .addUniqueConstraint('seed_story_community_id_uq', ['community_id', 'id'])
    .addForeignKeyConstraint(
      'seed_story_variety_fk',
      ['community_id', 'variety_id'],
      'seed_variety',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint('seed_story_photo_fk', ['community_id', 'photo_id'], 'photo', [
      'community_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('seed_story_variety_idx')
    .on('seed_story')
    .columns(['community_id', 'variety_id', 'memory_year', 'created_at'])
    .execute();

  await db.schema
    .createTable('seed_lot')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, (col) => col.notNull().references('community.id').onDelete('cascade'))
    .addColumn('variety_id', c.id, (col) => col.notNull())
    .addColumn('packets', c.integer, (col) => col.notNull().check(sql`packets >= 0`))
    .addColumn('harvest_year', c.integer, (col) => col.notNull().check(sql`harvest_year >= 1950`))
    .addColumn('germination_rate', c.integer, (col) => col.check(sql`germination_rate between 0 and 100`))
    .addColumn('grown_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('notes', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('source', c.text, (col) => col.notNull().check(sql`source in ('donation', 'return')`))
    .addColumn('added_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addUniqueConstraint('seed_lot_community_id_uq', ['community_id', 'id'])
    .addForeignKeyConstraint(
      'seed_lot_variety_fk',
      ['community_id', 'variety_id'],
      'seed_variety',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('seed_lot_variety_idx')
    .on('seed_lot')
    .columns(['community_id', 'variety_id', 'harvest_year'])
    .execute();

  await db.schema
    .createTable('seed_pledge')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, (col) => col.notNull().references('community.id').onDelete('cascade'))
    .addColumn('variety_id', c.id, (col) => col.notNull())
    // The lot the packets were taken from (kept even when it is empty).
    .addColumn('lot_id', c.id)
    .addColumn('account_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('packets_taken', c.integer, (col) => col.notNull().check(sql`packets_taken >= 1`))
    // Year and month, `YYYY-MM`: when the member expects to bring saved seed back.
    .addColumn('expected_month', c.text, (col) => col.notNull())
    .addColumn('status', c.text, (col) =>
      col.notNull().check(sql`status in ('open', 'returned', 'done', 'cancelled')`),
    )
    // The lot the returned seed became (status 'returned').
    .addColumn('returned_lot_id', c.id)
    .addColumn('reminded_at', c.instant)
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addColumn('closed_at', c.instant)
    .addUniqueConstraint('seed_pledge_community_id_uq', ['community_id', 'id'])
    .addForeignKeyConstraint(
      'seed_pledge_variety_fk',
      ['community_id', 'variety_id'],
      'seed_variety',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint('seed_pledge_lot_fk', ['community_id', 'lot_id'], 'seed_lot', [
      'community_id',
      'id',
    ])
    .addForeignKeyConstraint('seed_pledge_returned_lot_fk', ['community_id', 'returned_lot_id'], 'seed_lot', [
      'community_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('seed_pledge_account_idx')
    .on('seed_pledge')
    .columns(['community_id', 'account_id', 'status'])
    .execute();
  await db.schema
    .createIndex('seed_pledge_variety_idx')
    .on('seed_pledge')
    .columns(['community_id', 'variety_id', 'status'])
    .execute();
}
