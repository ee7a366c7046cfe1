import { type Kysely, sql } from 'kysely';
import { columns, type Dialect } from './_columns.ts';
import { versionTriggers } from './_versions.ts';

/**
 * A data version per community, moved by triggers in the same transaction as every write to the
 * community's rows, to the community itself, and to an account or its skills (a member's name,
 * contact details and skills show on the pages of every community they belong or belonged to).
 * A process that stored a page (or search results) for a community serves it again only while the
 * version it reads with each request is the one the page was rendered at: nothing has to tell it
 * that another process wrote. Sessions need no version: every request reads its own.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  await db.schema
    .createTable('community_version')
    .addColumn('community_id', c.id, (col) => col.primaryKey().references('community.id').onDelete('cascade'))
    .addColumn('version', dialect === 'postgres' ? 'bigint' : 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await sql`INSERT INTO community_version (community_id, version) SELECT id, 0 FROM community`.execute(db);

  if (dialect === 'postgres') {
    // Locks the rows in id order first: two transactions moving the same communities then wait
    // in line instead of deadlocking.
    await sql`CREATE FUNCTION community_version_move(ids text[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF ids IS NULL THEN RETURN; END IF;
        PERFORM 1 FROM community_version WHERE community_id = ANY (ids) ORDER BY community_id FOR UPDATE;
        UPDATE community_version SET version = version + 1 WHERE community_id = ANY (ids);
      END $$`.execute(db);
    // For every table whose rows carry community_id (see _versions.ts).
    await sql`CREATE FUNCTION community_version_touch() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE ids text[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          SELECT array_agg(DISTINCT community_id) INTO ids FROM new_rows;
        ELSIF TG_OP = 'UPDATE' THEN
          SELECT array_agg(DISTINCT community_id) INTO ids
            FROM (SELECT community_id FROM new_rows UNION ALL SELECT community_id FROM old_rows) AS written;
        ELSE
          SELECT array_agg(DISTINCT community_id) INTO ids FROM old_rows;
        END IF;
        PERFORM community_version_move(ids);
        RETURN NULL;
      END $$`.execute(db);
    // For account (its id) and skill (account_id): every community the account is a member of.
    await sql`CREATE FUNCTION community_version_touch_account() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE ids text[];
      BEGIN
        IF TG_TABLE_NAME = 'account' THEN
          SELECT array_agg(DISTINCT community_id) INTO ids FROM membership
            WHERE account_id IN (SELECT id FROM new_rows);
        ELSIF TG_OP = 'DELETE' THEN
          SELECT array_agg(DISTINCT community_id) INTO ids FROM membership
            WHERE account_id IN (SELECT account_id FROM old_rows);
        ELSE
          SELECT array_agg(DISTINCT community_id) INTO ids FROM membership
            WHERE account_id IN (SELECT account_id FROM new_rows);
        END IF;
        PERFORM community_version_move(ids);
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE FUNCTION community_version_touch_community() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE ids text[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO community_version (community_id, version) SELECT id, 0 FROM new_rows;
        ELSE
          SELECT array_agg(id) INTO ids FROM new_rows;
          PERFORM community_version_move(ids);
        END IF;
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER community_version_ins AFTER INSERT ON community REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION community_version_touch_community()`.execute(db);
    await sql`CREATE TRIGGER community_version_upd AFTER UPDATE ON community REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION community_version_touch_community()`.execute(db);
    await sql`CREATE TRIGGER account_version_upd AFTER UPDATE ON account REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION community_version_touch_account()`.execute(db);
    await sql`CREATE TRIGGER skill_version_ins AFTER INSERT ON skill REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION community_version_touch_account()`.execute(db);
    await sql`CREATE TRIGGER skill_version_upd AFTER UPDATE ON skill REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION community_version_touch_account()`.execute(db);
    await sql`CREATE TRIGGER skill_version_del AFTER DELETE ON skill REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION community_version_touch_account()`.execute(db);
  } else {
    const move = (where: string) =>
      sql.raw(`UPDATE community_version SET version = version + 1 WHERE ${where};`);
    const ofAccount = (id: string) =>
      move(`community_id IN (SELECT community_id FROM membership WHERE account_id = ${id})`);
    await sql`CREATE TRIGGER community_version_ins AFTER INSERT ON community
      BEGIN INSERT INTO community_version (community_id, version) VALUES (new.id, 0); END`.execute(db);
    await sql`CREATE TRIGGER community_version_upd AFTER UPDATE ON community
      BEGIN ${move('community_id = new.id')} END`.execute(db);
    await sql`CREATE TRIGGER account_version_upd AFTER UPDATE ON account
      BEGIN ${ofAccount('new.id')} END`.execute(db);
    await sql`CREATE TRIGGER skill_version_ins AFTER INSERT ON skill BEGIN ${ofAccount('new.account_id')} END`.execute(
      db,
    );
    await sql`CREATE TRIGGER skill_version_upd AFTER UPDATE ON skill BEGIN ${ofAccount('new.account_id')} END`.execute(
      db,
    );
    await sql`CREATE TRIGGER skill_version_del AFTER DELETE ON skill BEGIN ${ofAccount('old.account_id')} END`.execute(
      db,
    );
  }

  // Every table whose rows belong to a community, as the schema stands at this migration.
  const owned =
    dialect === 'postgres'
      ? await sql<{ name: string }>`SELECT c.table_name AS name FROM information_schema.columns c
          JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
          WHERE c.table_schema = current_schema() AND c.column_name = 'community_id'
            AND t.table_type = 'BASE TABLE' ORDER BY 1`.execute(db)
      : await sql<{ name: string }>`SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) p
          WHERE m.type = 'table' AND p.name = 'community_id' ORDER BY 1`.execute(db);
  for (const { name } of owned.rows) {
    if (name !== 'community_version') await versionTriggers(db, dialect, name);
  }
}
