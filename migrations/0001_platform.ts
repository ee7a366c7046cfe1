import { type Kysely, sql } from 'kysely';
import { columns, type Dialect } from './_columns.ts';

/** Accounts, sign-in, sessions, settings, durable jobs. */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  await db.schema
    .createTable('account')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('email', c.text, (col) => col.unique())
    .addColumn('display_name', c.text, (col) => col.notNull())
    .addColumn('locale', c.text)
    .addColumn('about', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('languages', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('availability', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('email_visibility', c.text, (col) =>
      col.notNull().defaultTo('stewards').check(sql`email_visibility in ('community', 'stewards', 'nobody')`),
    )
    .addColumn('phone', c.text)
    .addColumn('phone_visibility', c.text, (col) =>
      col.notNull().defaultTo('stewards').check(sql`phone_visibility in ('community', 'stewards', 'nobody')`),
    )
    .addColumn('chat_handle', c.text)
    .addColumn('chat_visibility', c.text, (col) =>
      col.notNull().defaultTo('community').check(sql`chat_visibility in ('community', 'stewards', 'nobody')`),
    )
    // Rounded to about 100 m on write: a profile never reveals more than the block.
    .addColumn('location_lat', c.real)
    .addColumn('location_lng', c.real)
    .addColumn('operator', c.flag, (col) => col.notNull().defaultTo(0).check(sql`operator in (0, 1)`))
    // A "paper member" has no email; the steward who added them may act for them.
    .addColumn('added_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addColumn('erased_at', c.instant)
    .execute();

  await db.schema
    .createTable('skill')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('account_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('kind', c.text, (col) => col.notNull().check(sql`kind in ('share', 'learn')`))
    .addColumn('name', c.text, (col) => col.notNull())
    .addColumn('normalized', c.text, (col) => col.notNull())
    .addUniqueConstraint('skill_account_kind_name_uq', ['account_id', 'kind', 'normalized'])
    .execute();
  await db.schema.createIndex('skill_normalized_idx').on('skill').columns(['normalized', 'kind']).execute();

  await db.schema
    .createTable('session')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('token_hash', c.text, (col) => col.notNull().unique())
    .addColumn('account_id', c.id, (col) => col.notNull().references('account.id').onDelete('cascade'))
    .addColumn('user_agent', c.text)
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addColumn('last_seen_at', c.instant, (col) => col.notNull())
    .addColumn('expires_at', c.instant, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('session_account_idx').on('session').column('account_id').execute();

  await db.schema
    .createTable('login_token')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('token_hash', c.text, (col) => col.notNull().unique())
    .addColumn('email', c.text, (col) => col.notNull())
    .addColumn('next_path', c.text)
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addColumn('expires_at', c.instant, (col) => col.notNull())
    .addColumn('used_at', c.instant)
    .execute();
  await db.schema
    .createIndex('login_token_email_idx')
    .on('login_token')
    .columns(['email', 'created_at'])
    .execute();

  await db.schema
    .createTable('setting')
    .addColumn('key', c.text, (col) => col.primaryKey())
    .addColumn('value', c.text, (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('job')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('kind', c.text, (col) => col.notNull())
    .addColumn('payload', c.text, (col) => col.notNull())
    .addColumn('run_at', c.instant, (col) => col.notNull())
    .addColumn('attempts', c.integer, (col) => col.notNull().defaultTo(0))
    .addColumn('locked_until', c.instant)
    .addColumn('done_at', c.instant)
    .addColumn('failed_at', c.instant)
    .addColumn('last_error', c.text)
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('job_due_idx').on('job').columns(['done_at', 'failed_at', 'run_at']).execute();
}
