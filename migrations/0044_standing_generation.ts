import { type Kysely, sql } from 'kysely';
import type { Dialect } from './_columns.ts';

/**
 * A generation of standings, kept by the database itself: one number that moves in the
 * transaction of every write that could change who a session token stands for beyond what a
 * community's data version already says (migration 0014 moves that with every membership and
 * every change to the community): a session changed or ended (sign-out, sign-out everywhere, the
 * daily extension, the tidy job), and an account's language or erasure. A process that keeps a
 * request's standing in memory (`platform/standing.ts`) reads this number and the community's
 * version in one small statement and uses the standing again only while both are what it was
 * read with; so a write in one community leaves every other community's standings valid, and no
 * process has to be told anything by another.
 *
 * A new session moves nothing: its token is new and random, and only a standing that matched a
 * session is kept.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  await db.schema
    .createTable('standing_generation')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('generation', dialect === 'postgres' ? 'bigint' : 'integer', (col) => col.notNull())
    .execute();
  await sql`INSERT INTO standing_generation (id, generation) VALUES (1, 0)`.execute(db);
  const bump = 'UPDATE standing_generation SET generation = generation + 1 WHERE id = 1;';

  if (dialect === 'postgres') {
    await sql
      .raw(`CREATE FUNCTION standing_generation_move() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${bump} RETURN NULL; END $$`)
      .execute(db);
    // Once per statement: the tidy job ends thousands of sessions in one.
    for (const kind of ['update', 'delete']) {
      await sql
        .raw(`CREATE TRIGGER session_standing_${kind} AFTER ${kind.toUpperCase()} ON session
        FOR EACH STATEMENT EXECUTE FUNCTION standing_generation_move()`)
        .execute(db);
    }
    // Per row, to look at what changed: a profile saved with the same language moves nothing.
    await sql
      .raw(`CREATE TRIGGER account_standing_update AFTER UPDATE ON account FOR EACH ROW
      WHEN (old.locale IS DISTINCT FROM new.locale OR old.erased_at IS DISTINCT FROM new.erased_at
        OR old.id IS DISTINCT FROM new.id)
      EXECUTE FUNCTION standing_generation_move()`)
      .execute(db);
    await sql
      .raw(`CREATE TRIGGER account_standing_delete AFTER DELETE ON account
      FOR EACH STATEMENT EXECUTE FUNCTION standing_generation_move()`)
      .execute(db);
    return;
  }
  await sql
    .raw(`CREATE TRIGGER session_standing_update AFTER UPDATE ON session BEGIN ${bump} END`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER session_standing_delete AFTER DELETE ON session BEGIN ${bump} END`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER account_standing_update AFTER UPDATE ON account
    WHEN old.locale IS NOT new.locale OR old.erased_at IS NOT new.erased_at OR old.id IS NOT new.id
    BEGIN ${bump} END`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER account_standing_delete AFTER DELETE ON account BEGIN ${bump} END`)
    .execute(db);
}
