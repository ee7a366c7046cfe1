import { type Kysely, sql } from 'kysely';
import { columns, type Dialect } from './_columns.ts';

/**
 * What a buddy found when a drill asked them to check on a household that had not answered
 * (issue 16): before, the buddy was sent the household's phone by mail, with no link and nowhere
 * to say what came of the call. Now they get a personal link (a buddy's link of the drill, as in
 * an alert) and record "reached" or "not reached" on the household's answer, with when and who.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  await db.schema
    .alterTable('evacuation_drill_answer')
    .addColumn('buddy_found', 'text', (col) => col.check(sql`buddy_found in ('reached', 'not_reached')`))
    .execute();
  await db.schema.alterTable('evacuation_drill_answer').addColumn('buddy_found_at', c.instant).execute();
  await db.schema
    .alterTable('evacuation_drill_answer')
    .addColumn('buddy_found_by', c.id, (col) => col.references('account.id').onDelete('set null'))
    .execute();
}
