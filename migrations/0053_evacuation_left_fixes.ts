import { type Kysely, sql } from 'kysely';
import type { Dialect } from './_columns.ts';

/**
 * What the ride network keeps of a member whose membership ends, and gives back when it starts
 * again (issue 16; migration 0046 made `evacuation_household.left_at`):
 *
 * - A membership that becomes active again (an invite, an approval, the way back in, or a raw
 *   status change) clears `left_at` of the member's household in the same transaction: a member
 *   let back in during the alert is a member again on the board, and the alert's end no longer
 *   deletes their registration.
 * - A membership that stops being active while no alert is on deletes the member's household and
 *   driver registrations at once, in the database, so an erasure (which runs no app code) no
 *   longer leaves an address, a phone and needs behind with nothing ever deleting them. During an
 *   alert the household is kept for the day, marked (`left_at`), as 0046 does; the app deletes it
 *   when the alert ends.
 * - What such erasures already left is deleted now; a household marked gone whose member is
 *   active again is unmarked.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const liveAlert = (community: string) =>
    sql`EXISTS (SELECT 1 FROM evacuation_alert a WHERE a.community_id = ${sql.raw(community)} AND a.ended_at IS NULL)`;
  if (dialect === 'postgres') {
    await sql`CREATE OR REPLACE FUNCTION evacuation_household_member_left() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF ${liveAlert('NEW.community_id')} THEN
          UPDATE evacuation_household
            SET left_at = coalesce(NEW.ended_at, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
            WHERE community_id = NEW.community_id AND account_id = NEW.account_id AND left_at IS NULL;
        ELSE
          DELETE FROM evacuation_household WHERE community_id = NEW.community_id AND account_id = NEW.account_id;
          DELETE FROM evacuation_driver WHERE community_id = NEW.community_id AND account_id = NEW.account_id;
        END IF;
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE FUNCTION evacuation_household_member_back() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE evacuation_household SET left_at = NULL
          WHERE community_id = NEW.community_id AND account_id = NEW.account_id AND left_at IS NOT NULL;
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER evacuation_household_member_back AFTER UPDATE OF status ON membership
      FOR EACH ROW WHEN (OLD.status <> 'active' AND NEW.status = 'active')
      EXECUTE FUNCTION evacuation_household_member_back()`.execute(db);
  } else {
    await sql`DROP TRIGGER evacuation_household_member_left`.execute(db);
    await sql`CREATE TRIGGER evacuation_household_member_left AFTER UPDATE OF status ON membership
      WHEN old.status = 'active' AND new.status <> 'active'
      BEGIN
        UPDATE evacuation_household
          SET left_at = coalesce(new.ended_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
          WHERE community_id = new.community_id AND account_id = new.account_id AND left_at IS NULL
            AND ${liveAlert('new.community_id')};
        DELETE FROM evacuation_household
          WHERE community_id = new.community_id AND account_id = new.account_id
            AND NOT ${liveAlert('new.community_id')};
        DELETE FROM evacuation_driver
          WHERE community_id = new.community_id AND account_id = new.account_id
            AND NOT ${liveAlert('new.community_id')};
      END`.execute(db);
    await sql`CREATE TRIGGER evacuation_household_member_back AFTER UPDATE OF status ON membership
      WHEN old.status <> 'active' AND new.status = 'active'
      BEGIN
        UPDATE evacuation_household SET left_at = NULL
          WHERE community_id = new.community_id AND account_id = new.account_id AND left_at IS NOT NULL;
      END`.execute(db);
  }

  const notActive = (table: string) =>
    sql`NOT EXISTS (SELECT 1 FROM membership m WHERE m.community_id = ${sql.raw(table)}.community_id
      AND m.account_id = ${sql.raw(table)}.account_id AND m.status = 'active')`;
  await sql`UPDATE evacuation_household SET left_at = NULL
    WHERE left_at IS NOT NULL AND NOT ${notActive('evacuation_household')}`.execute(db);
  await sql`DELETE FROM evacuation_household
    WHERE ${notActive('evacuation_household')} AND NOT ${liveAlert('evacuation_household.community_id')}`.execute(
    db,
  );
  await sql`DELETE FROM evacuation_driver
    WHERE ${notActive('evacuation_driver')} AND NOT ${liveAlert('evacuation_driver.community_id')}`.execute(
    db,
  );
}
