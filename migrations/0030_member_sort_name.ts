import { type Kysely, sql } from 'kysely';
import { camelRows, type Dialect } from './_columns.ts';

// The rule of src/platform/i18n/sort-name.ts as it was written with this migration (frozen).
function sortName(displayName: string): string {
  return displayName.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase().toLowerCase();
}

/**
 * The members directory pages in SQL, in the order it shows (it read and sorted every member of
 * the community to show 50): `account.sort_name` is the display name folded for sorting (written
 * by the application beside the display name; filled here for existing accounts), and
 * `membership.sort_name` a copy the database keeps, so that one index per community walks the
 * active members in the directory's order: (community_id, status, sort_name, account_id).
 * Compared by code point on both databases (`COLLATE "C"` on PostgreSQL, SQLite's default), so
 * both give the same order and the same pages.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const text = dialect === 'postgres' ? sql`text COLLATE "C"` : sql`text`;
  await db.schema
    .alterTable('account')
    .addColumn('sort_name', text, (c) => c.notNull().defaultTo(''))
    .execute();
  const accounts = camelRows(await db.selectFrom('account').select(['id', 'display_name']).execute());
  for (const a of accounts) {
    await db
      .updateTable('account')
      .set({ sort_name: sortName(a.displayName) })
      .where('id', '=', a.id)
      .execute();
  }
  await db.schema
    .alterTable('membership')
    .addColumn('sort_name', text, (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`UPDATE membership SET sort_name = (SELECT a.sort_name FROM account a WHERE a.id = membership.account_id)`.execute(
    db,
  );
  await db.schema
    .createIndex('membership_community_directory_idx')
    .on('membership')
    .columns(['community_id', 'status', 'sort_name', 'account_id'])
    .execute();

  // The copy follows the account: set when a membership is made, moved when the name changes.
  if (dialect === 'postgres') {
    await sql`CREATE FUNCTION membership_sort_name_set() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.sort_name := coalesce((SELECT a.sort_name FROM account a WHERE a.id = NEW.account_id), NEW.sort_name);
        RETURN NEW;
      END $$`.execute(db);
    await sql`CREATE TRIGGER membership_sort_name_ins BEFORE INSERT OR UPDATE OF account_id ON membership
      FOR EACH ROW EXECUTE FUNCTION membership_sort_name_set()`.execute(db);
    await sql`CREATE FUNCTION account_sort_name_follow() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE membership SET sort_name = NEW.sort_name WHERE account_id = NEW.id;
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER account_sort_name_upd AFTER UPDATE OF sort_name ON account
      FOR EACH ROW WHEN (OLD.sort_name IS DISTINCT FROM NEW.sort_name)
      EXECUTE FUNCTION account_sort_name_follow()`.execute(db);
    return;
  }
  await sql`CREATE TRIGGER membership_sort_name_ins AFTER INSERT ON membership
    BEGIN
      UPDATE membership
      SET sort_name = coalesce((SELECT a.sort_name FROM account a WHERE a.id = new.account_id), new.sort_name)
      WHERE id = new.id;
    END`.execute(db);
  await sql`CREATE TRIGGER account_sort_name_upd AFTER UPDATE OF sort_name ON account
    WHEN old.sort_name IS NOT new.sort_name
    BEGIN
      UPDATE membership SET sort_name = new.sort_name WHERE account_id = new.id;
    END`.execute(db);
}
