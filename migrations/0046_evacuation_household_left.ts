import { type Kysely, sql } from 'kysely';
import { columns, type Dialect } from './_columns.ts';
import { versionTriggers } from './_versions.ts';

/**
 * A household whose member leaves the community during an alert (leaves, is removed, or their
 * account is erased) stays on the day's board and in its route, marked as gone, instead of
 * vanishing: someone may still be waiting at that door. (Issue 16.)
 *
 * - `evacuation_household.left_at`: when the member's membership ended. The database sets it
 *   whenever a membership goes from active to anything else, in the same transaction, so every
 *   way of leaving sets it — including the erasure trigger of migration 0035, which no app code
 *   sees. Outside an alert the app deletes the registration as before; during one it is kept
 *   until the alert ends.
 * - The timeline (`evacuation_update`) takes a `left` line, so the review keeps it after the
 *   registration is gone. SQLite cannot change a CHECK: the table is rebuilt with its rows,
 *   index and triggers.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  await db.schema.alterTable('evacuation_household').addColumn('left_at', c.instant).execute();

  const statuses = sql`status in ('started', 'picked_up', 'not_found', 'arrived', 'dropped_out', 'safe', 'needs_help', 'replanned', 'left')`;
  if (dialect === 'postgres') {
    await sql`CREATE FUNCTION evacuation_household_member_left() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE evacuation_household
          SET left_at = coalesce(NEW.ended_at, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
          WHERE community_id = NEW.community_id AND account_id = NEW.account_id AND left_at IS NULL;
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER evacuation_household_member_left AFTER UPDATE OF status ON membership
      FOR EACH ROW WHEN (OLD.status = 'active' AND NEW.status <> 'active')
      EXECUTE FUNCTION evacuation_household_member_left()`.execute(db);
    await sql`ALTER TABLE evacuation_update DROP CONSTRAINT evacuation_update_status_check`.execute(db);
    await sql`ALTER TABLE evacuation_update ADD CONSTRAINT evacuation_update_status_check CHECK (${statuses})`.execute(
      db,
    );
    return;
  }

  await sql`CREATE TRIGGER evacuation_household_member_left AFTER UPDATE OF status ON membership
    WHEN old.status = 'active' AND new.status <> 'active'
    BEGIN
      UPDATE evacuation_household
        SET left_at = coalesce(new.ended_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        WHERE community_id = new.community_id AND account_id = new.account_id AND left_at IS NULL;
    END`.execute(db);

  // The timeline as 0038 made it, with the new status allowed.
  const community = (col: any) => col.notNull().references('community.id').onDelete('cascade');
  await db.schema
    .createTable('evacuation_update_new')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, community)
    .addColumn('alert_id', c.id, (col) => col.notNull())
    .addColumn('household_id', c.id)
    .addColumn('driver_id', c.id)
    .addColumn('status', c.text, (col) => col.notNull().check(statuses))
    .addColumn('note', c.text, (col) => col.notNull().defaultTo(''))
    .addColumn('account_id', c.id, (col) => col.references('account.id').onDelete('set null'))
    .addColumn('at', c.instant, (col) => col.notNull())
    .addForeignKeyConstraint(
      'evacuation_update_alert_fk',
      ['community_id', 'alert_id'],
      'evacuation_alert',
      ['community_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await sql`INSERT INTO evacuation_update_new
      (id, community_id, alert_id, household_id, driver_id, status, note, account_id, at)
    SELECT id, community_id, alert_id, household_id, driver_id, status, note, account_id, at
    FROM evacuation_update`.execute(db);
  await sql`DROP TABLE evacuation_update`.execute(db);
  await sql`ALTER TABLE evacuation_update_new RENAME TO evacuation_update`.execute(db);
  await db.schema
    .createIndex('evacuation_update_alert_idx')
    .on('evacuation_update')
    .columns(['community_id', 'alert_id', 'at'])
    .execute();
  await versionTriggers(db, dialect, 'evacuation_update');
}
