import { type Kysely, sql } from 'kysely';
import { columns, type Dialect } from './_columns.ts';

/**
 * A household's buddy and backup buddy are asked, not just named (issue 16): each has an answer on
 * the household's row — asked, accepted or declined — and when it was given. The row is already
 * the community's (`community_id`), and a new buddy starts again at asked. Buddies named before
 * this migration were never asked: they start at asked too, so no drill or alert sends them a
 * household's phone until they accept.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  for (const who of ['buddy', 'backup_buddy']) {
    await db.schema
      .alterTable('evacuation_household')
      .addColumn(`${who}_status`, 'text', (col) =>
        col.check(sql`${sql.ref(`${who}_status`)} in ('asked', 'accepted', 'declined')`),
      )
      .execute();
    await db.schema.alterTable('evacuation_household').addColumn(`${who}_answered_at`, c.instant).execute();
    // Every community's rows at once: a data migration, not a request.
    await sql`UPDATE evacuation_household SET ${sql.ref(`${who}_status`)} = 'asked'
      WHERE ${sql.ref(`${who}_id`)} IS NOT NULL`.execute(db);
  }
}
