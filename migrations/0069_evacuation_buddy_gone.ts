import { type Kysely, sql } from 'kysely';
import { columns, type Dialect } from './_columns.ts';

/**
 * A buddy whose membership ends is nobody's buddy any more, however it ends (issue 16). The app
 * took a member who left or was removed off as anyone's buddy, but an erased account (whose
 * memberships end by the trigger of migration 0035, with no app code run) stayed named as buddy
 * or backup buddy: on the household's page, the coordinators' lists, the route cards, the phone
 * tree, the CSV and vCard exports.
 *
 * - Whenever a membership stops being active, the database takes that member off as buddy and
 *   backup buddy of every household of the community, with their answers, in the same
 *   transaction, and marks each such household `buddy_lost_at`, so the app tells the household
 *   and the coordinators that it lost a buddy (at once when the app ends the membership, or by
 *   the job that looks every minute) and then clears the mark.
 * - What earlier erasures left is cleared now, and marked the same way.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  await db.schema.alterTable('evacuation_household').addColumn('buddy_lost_at', c.instant).execute();
  await db.schema
    .createIndex('evacuation_household_buddy_lost_idx')
    .on('evacuation_household')
    .column('buddy_lost_at')
    .where(sql.ref('buddy_lost_at'), 'is not', null)
    .execute();

  const now =
    dialect === 'postgres'
      ? sql`to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
      : sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;
  // The statements the trigger runs, for the member `row` (NEW / new).
  const takeOff = (row: string) => {
    const r = sql.raw(row);
    return sql`
      UPDATE evacuation_household SET buddy_lost_at = coalesce(buddy_lost_at, ${now})
        WHERE community_id = ${r}.community_id AND (buddy_id = ${r}.account_id OR backup_buddy_id = ${r}.account_id);
      UPDATE evacuation_household SET buddy_id = NULL, buddy_status = NULL, buddy_answered_at = NULL
        WHERE community_id = ${r}.community_id AND buddy_id = ${r}.account_id;
      UPDATE evacuation_household SET backup_buddy_id = NULL, backup_buddy_status = NULL, backup_buddy_answered_at = NULL
        WHERE community_id = ${r}.community_id AND backup_buddy_id = ${r}.account_id;`;
  };
  if (dialect === 'postgres') {
    await sql`CREATE FUNCTION evacuation_buddy_member_left() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${takeOff('NEW')}
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER evacuation_buddy_member_left AFTER UPDATE OF status ON membership
      FOR EACH ROW WHEN (OLD.status = 'active' AND NEW.status <> 'active')
      EXECUTE FUNCTION evacuation_buddy_member_left()`.execute(db);
  } else {
    await sql`CREATE TRIGGER evacuation_buddy_member_left AFTER UPDATE OF status ON membership
      WHEN old.status = 'active' AND new.status <> 'active'
      BEGIN ${takeOff('new')}
      END`.execute(db);
  }

  // Buddies named whose membership is not active now (earlier erasures): off, and told.
  for (const who of ['buddy', 'backup_buddy']) {
    const gone = sql`${sql.ref(`${who}_id`)} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM membership m
      WHERE m.community_id = evacuation_household.community_id
        AND m.account_id = evacuation_household.${sql.ref(`${who}_id`)} AND m.status = 'active')`;
    await sql`UPDATE evacuation_household SET buddy_lost_at = coalesce(buddy_lost_at, ${now}),
      ${sql.ref(`${who}_id`)} = NULL, ${sql.ref(`${who}_status`)} = NULL, ${sql.ref(`${who}_answered_at`)} = NULL
      WHERE ${gone}`.execute(db);
  }
}
