import { type Kysely, sql } from 'kysely';
import { columns, type Dialect } from './_columns.ts';

/**
 * The lending library: items (a member's or the shed's), their photos, loans with their
 * lifecycle, the history of each item, waitlists and the community's library settings.
 * Loan dates are calendar days (`YYYY-MM-DD`, inclusive) in the community's time zone; they
 * compare correctly as text on both dialects.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  const community = (col: any) => col.notNull().references('community.id').onDelete('cascade');

  await db.schema
    .createTable('library_setting')
    .addColumn('community_id', c.id, (col) => community(col).primaryKey())
    .addColumn('max_active_per_member', c.integer, (col) =>
      col.notNull().defaultTo(3).check(sql`max_active_per_member between 1 and 50`),
    )
    .addColumn('hold_days', c.integer, (col) =>
      col.notNull().defaultTo(2).check(sql`hold_days between 1 and 14`),
    )
    .addColumn('reminder_days', c.integer, (col) =>
      col.notNull().defaultTo(2).check(sql`reminder_days between 0 and 14`),
    )
    .addColumn('updated_at', c.instant, (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('item')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    // null: the community's own item (the shed), managed by stewards.
    .addColumn('owner_id', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('name', c.text, (col) => col.notNull())
    .addColumn('category', c.text, (col) =>
      col
        .notNull()
        .check(
          sql`category in ('tools', 'garden', 'kitchen', 'outdoors', 'children', 'electronics', 'books', 'games', 'sports', 'household', 'mobility', 'other')`,
        ),
    )
    .addColumn('condition', c.text, (col) =>
      col.notNull().check(sql`condition in ('new', 'good', 'fair', 'worn')`),
    )
    .addColumn('value_band', c.text, (col) =>
      col.notNull().check(sql`value_band in ('low', 'medium', 'high')`),
    )
    .addColumn('pickup_place', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('rules', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('loan_days', c.integer, (col) => col.notNull().check(sql`loan_days between 1 and 90`))
    .addColumn('created_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addColumn('updated_at', c.instant, (col) => col.notNull())
    .addColumn('archived_at', c.instant)
    .addUniqueConstraint('item_community_id_uq', ['community_id', 'id'])
    .execute();
  await db.schema
    .createIndex('item_community_name_idx')
    .on('item')
    .columns(['community_id', 'name'])
    .execute();
  await db.schema
    .createIndex('item_community_owner_idx')
    .on('item')
    .columns(['community_id', 'owner_id'])
    .execute();

  await db.schema
    .createTable('item_photo')
    .addColumn('community_id', c.id, community)
    .addColumn('item_id', c.id, (col) => col.notNull())
    .addColumn('photo_id', c.id, (col) => col.notNull())
    .addColumn('position', c.integer, (col) => col.notNull())
    .addPrimaryKeyConstraint('item_photo_pk', ['community_id', 'item_id', 'photo_id'])
    .addForeignKeyConstraint(
      'item_photo_item_fk',
      ['community_id', 'item_id'],
      'item',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'item_photo_photo_fk',
      ['community_id', 'photo_id'],
      'photo',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();

  await db.schema
    .createTable('loan')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('item_id', c.id, (col) => col.notNull())
    .addColumn('borrower_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('status', c.text, (col) =>
      col
        .notNull()
        .check(
          sql`status in ('requested', 'approved', 'declined', 'cancelled', 'out', 'returned', 'thanked', 'lost', 'damaged')`,
        ),
    )
    .addColumn('starts_on', c.text, (col) => col.notNull())
    .addColumn('due_on', c.text, (col) => col.notNull())
    .addColumn('message', c.text, (col) => col.notNull().defaultTo(''))
    // Set when the waitlist offered this loan: it lapses unless picked up by then.
    .addColumn('hold_until', c.instant)
    .addColumn('renewals', c.integer, (col) => col.notNull().defaultTo(0))
    .addColumn('return_condition', c.text, (col) =>
      col.check(sql`return_condition in ('new', 'good', 'fair', 'worn')`),
    )
    .addColumn('problem', c.text)
    .addColumn('thanks', c.text)
    .addColumn('requested_at', c.instant, (col) => col.notNull())
    .addColumn('decided_at', c.instant)
    .addColumn('picked_up_at', c.instant)
    .addColumn('returned_at', c.instant)
    .addColumn('updated_at', c.instant, (col) => col.notNull())
    .addCheckConstraint('loan_dates_ck', sql`starts_on <= due_on`)
    .addUniqueConstraint('loan_community_id_uq', ['community_id', 'id'])
    .addForeignKeyConstraint(
      'loan_item_fk',
      ['community_id', 'item_id'],
      'item',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('loan_item_dates_idx')
    .on('loan')
    .columns(['community_id', 'item_id', 'starts_on'])
    .execute();
  await db.schema
    .createIndex('loan_borrower_idx')
    .on('loan')
    .columns(['community_id', 'borrower_id', 'status'])
    .execute();
  await db.schema
    .createIndex('loan_status_due_idx')
    .on('loan')
    .columns(['community_id', 'status', 'due_on'])
    .execute();

  await db.schema
    .createTable('loan_event')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('item_id', c.id, (col) => col.notNull())
    .addColumn('loan_id', c.id)
    .addColumn('actor_id', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('kind', c.text, (col) =>
      col
        .notNull()
        .check(
          sql`kind in ('added', 'edited', 'requested', 'approved', 'declined', 'cancelled', 'picked_up', 'returned', 'thanked', 'lost', 'damaged', 'renewed', 'hold_offered', 'hold_expired')`,
        ),
    )
    .addColumn('note', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addForeignKeyConstraint(
      'loan_event_item_fk',
      ['community_id', 'item_id'],
      'item',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'loan_event_loan_fk',
      ['community_id', 'loan_id'],
      'loan',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('loan_event_item_idx')
    .on('loan_event')
    .columns(['community_id', 'item_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('waitlist_entry')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('item_id', c.id, (col) => col.notNull())
    .addColumn('account_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('status', c.text, (col) =>
      col.notNull().check(sql`status in ('waiting', 'held', 'fulfilled', 'expired', 'left')`),
    )
    .addColumn('loan_id', c.id)
    .addColumn('joined_at', c.instant, (col) => col.notNull())
    .addColumn('ended_at', c.instant)
    .addForeignKeyConstraint(
      'waitlist_entry_item_fk',
      ['community_id', 'item_id'],
      'item',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'waitlist_entry_loan_fk',
      ['community_id', 'loan_id'],
      'loan',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('waitlist_entry_item_idx')
    .on('waitlist_entry')
    .columns(['community_id', 'item_id', 'status', 'joined_at'])
    .execute();
}
