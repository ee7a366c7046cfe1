import type { Kysely } from 'kysely';
import { columns, type Dialect } from './_columns.ts';

/**
 * Photos uploaded by members (items, stories, places). The files live under
 * `<data dir>/uploads/<community_id>/`; this row says whose they are and how big.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  await db.schema
    .createTable('photo')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, (col) => col.notNull().references('community.id').onDelete('cascade'))
    .addColumn('uploaded_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('ext', c.text, (col) => col.notNull())
    .addColumn('width', c.integer, (col) => col.notNull())
    .addColumn('height', c.integer, (col) => col.notNull())
    .addColumn('bytes', c.integer, (col) => col.notNull())
    .addColumn('created_at', c.instant, (col) => col.notNull())
    .addUniqueConstraint('photo_community_id_uq', ['community_id', 'id'])
    .execute();
}
