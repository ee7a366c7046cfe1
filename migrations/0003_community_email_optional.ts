import { type Kysely, sql } from 'kysely';
import { columns, type Dialect } from './_columns.ts';

/**
 * Communities may let neighbors join with only a name (no email): many members have none.
 * Additive, so it runs the same on SQLite and PostgreSQL without rebuilding the table.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  await db.schema
    .alterTable('community')
    .addColumn('email_optional', c.flag, (col) =>
      col.notNull().defaultTo(0).check(sql`email_optional in (0, 1)`),
    )
    .execute();
}
