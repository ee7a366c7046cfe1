/**
 * Data versions per community, kept by the database itself (migration 0014): `community_version`
 * holds one number per community that moves in the same transaction as every write to a row of
 * that community, so a process that reads it knows, without being told by anyone, whether what it
 * stored for the community is still what the database holds. Frozen with the migrations that use
 * it, like `_columns.ts`.
 */
import { type Kysely, sql } from 'kysely';
import type { Dialect } from './_columns.ts';

/**
 * Makes every insert, update and delete of `table` (whose rows carry `community_id`) move the
 * version of the communities it wrote, in the writing transaction. A migration that creates a
 * community-owned table calls this for it (a test fails when one lacks the triggers).
 * PostgreSQL: one trigger per kind of statement (a statement writing 1,000 rows moves each
 * community once), calling `community_version_touch()` of migration 0014. SQLite has only
 * row triggers.
 */
export async function versionTriggers(db: Kysely<any>, dialect: Dialect, table: string): Promise<void> {
  const t = sql.id(table);
  if (dialect === 'postgres') {
    const name = (kind: string) => sql.id(`${table}_version_${kind}`);
    await sql`CREATE TRIGGER ${name('ins')} AFTER INSERT ON ${t} REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION community_version_touch()`.execute(db);
    await sql`CREATE TRIGGER ${name('upd')} AFTER UPDATE ON ${t}
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION community_version_touch()`.execute(db);
    await sql`CREATE TRIGGER ${name('del')} AFTER DELETE ON ${t} REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION community_version_touch()`.execute(db);
    return;
  }
  const move = (row: string) =>
    sql.raw(`UPDATE community_version SET version = version + 1 WHERE community_id = ${row}.community_id;`);
  await sql`CREATE TRIGGER ${sql.id(`${table}_version_ins`)} AFTER INSERT ON ${t}
    BEGIN ${move('new')} END`.execute(db);
  await sql`CREATE TRIGGER ${sql.id(`${table}_version_upd`)} AFTER UPDATE ON ${t}
    BEGIN ${move('new')} ${sql.raw(
      'UPDATE community_version SET version = version + 1 WHERE community_id = old.community_id AND old.community_id <> new.community_id;',
    )} END`.execute(db);
  await sql`CREATE TRIGGER ${sql.id(`${table}_version_del`)} AFTER DELETE ON ${t}
    BEGIN ${move('old')} END`.execute(db);
}
