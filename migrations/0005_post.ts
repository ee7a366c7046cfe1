import { type Kysely, sql } from 'kysely';
import { columns, type Dialect } from './_columns.ts';

/**
 * The mutual-aid board: posts (offers and requests), thank-yous for the gratitude wall, and the
 * urgent-request opt-ins with a record of every urgent notice sent (for the daily cap).
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  await db.schema
    .createTable('post')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, (col) => col.notNull().references('community.id').onDelete('cascade'))
    .addColumn('kind', c.text, (col) => col.notNull().check(sql`kind in ('offer', 'request')`))
    .addColumn('title', c.text, (col) => col.notNull())
    .addColumn('details', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('category', c.text, (col) =>
      col
        .notNull()
        .check(
          sql`category in ('rides', 'errands', 'tools', 'food', 'childcare', 'companionship', 'language_practice', 'repairs', 'other')`,
        ),
    )
    .addColumn('place', c.text)
    .addColumn('place_lat', c.real)
    .addColumn('place_lng', c.real)
    .addColumn('when_at', c.instant)
    .addColumn('when_text', c.text)
    .addColumn('open_until', c.instant, (col) => col.notNull())
    .addColumn('urgent', c.flag, (col) => col.notNull().defaultTo(0).check(sql`urgent in (0, 1)`))
    .addColumn('status', c.text, (col) =>
      col.notNull().check(sql`status in ('open', 'claimed', 'fulfilled', 'closed', 'expired')`),
    )
    // The neighbor the post is for, and who wrote it (the same person unless posted on behalf).
    .addColumn('author_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('posted_by', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('claimed_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('claimed_at', c.instant)
    .addColumn('fulfilled_at', c.instant)
    .addColumn('closed_at', c.instant)
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addColumn('updated_at', c.instant, (col) => col.notNull())
    .addUniqueConstraint('post_community_id_uq', ['community_id', 'id'])
    .execute();
  await db.schema
    .createIndex('post_community_status_idx')
    .on('post')
    .columns(['community_id', 'status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('post_community_open_until_idx')
    .on('post')
    .columns(['community_id', 'open_until'])
    .execute();
  await db.schema
    .createIndex('post_community_posted_by_idx')
    .on('post')
    .columns(['community_id', 'posted_by', 'created_at'])
    .execute();

  await db.schema
    .createTable('thank_you')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, (col) => col.notNull().references('community.id').onDelete('cascade'))
    .addColumn('post_id', c.id, (col) => col.notNull())
    .addColumn('author_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('helper_id', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('body', c.text, (col) => col.notNull())
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addUniqueConstraint('thank_you_community_id_uq', ['community_id', 'id'])
    // One thank-you per post.
    .addUniqueConstraint('thank_you_post_uq', ['community_id', 'post_id'])
    .addForeignKeyConstraint(
      'thank_you_post_fk',
      ['community_id', 'post_id'],
      'post',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('thank_you_community_created_idx')
    .on('thank_you')
    .columns(['community_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('urgent_subscription')
    .addColumn('community_id', c.id, (col) => col.notNull().references('community.id').onDelete('cascade'))
    .addColumn('account_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addPrimaryKeyConstraint('urgent_subscription_pk', ['community_id', 'account_id'])
    .execute();

  await db.schema
    .createTable('urgent_notice')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, (col) => col.notNull().references('community.id').onDelete('cascade'))
    .addColumn('post_id', c.id, (col) => col.notNull())
    .addColumn('account_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('wave', c.integer, (col) => col.notNull().check(sql`wave in (1, 2)`))
    .addColumn('sent_at', c.instant, (col) => col.notNull())
    .addUniqueConstraint('urgent_notice_community_id_uq', ['community_id', 'id'])
    // Nobody hears about the same post twice.
    .addUniqueConstraint('urgent_notice_post_account_uq', ['community_id', 'post_id', 'account_id'])
    .addForeignKeyConstraint(
      'urgent_notice_post_fk',
      ['community_id', 'post_id'],
      'post',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('urgent_notice_account_sent_idx')
    .on('urgent_notice')
    .columns(['community_id', 'account_id', 'sent_at'])
    .execute();
}
