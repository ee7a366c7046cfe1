import type { Kysely } from 'kysely';
import { columns, type Dialect } from './_columns.ts';

/**
 * Rate-limit budgets, shared by every Porch process on the database: one row per action and
 * client (address or account) for its current window. Rows of windows that are over are deleted.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  await db.schema
    .createTable('rate_limit')
    .addColumn('key', c.text, (col) => col.primaryKey())
    .addColumn('hits', c.integer, (col) => col.notNull())
    .addColumn('reset_at', c.instant, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('rate_limit_reset_idx').on('rate_limit').column('reset_at').execute();
}
