import { type Kysely, sql } from 'kysely';
import type { Dialect } from './_columns.ts';

/**
 * An erased account is a member of no community: when `account.erased_at` is set, the database
 * ends the account's active memberships (status `left`, ended then), in the same transaction, and
 * this migration ends those of accounts erased before. So "the community's active members" is
 * a question about memberships alone: the directory counts its members from
 * `membership_community_directory_idx` without reading an account for each (500 members: 500
 * account lookups for one number).
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  await sql`UPDATE membership SET status = 'left',
      ended_at = coalesce(ended_at, (SELECT a.erased_at FROM account a WHERE a.id = membership.account_id))
    WHERE status = 'active'
      AND account_id IN (SELECT id FROM account WHERE erased_at IS NOT NULL)`.execute(db);
  if (dialect === 'postgres') {
    await sql`CREATE FUNCTION account_erased_leave() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE membership SET status = 'left', ended_at = coalesce(ended_at, NEW.erased_at)
        WHERE account_id = NEW.id AND status = 'active';
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER account_erased_leave AFTER UPDATE OF erased_at ON account
      FOR EACH ROW WHEN (NEW.erased_at IS NOT NULL)
      EXECUTE FUNCTION account_erased_leave()`.execute(db);
    return;
  }
  await sql`CREATE TRIGGER account_erased_leave AFTER UPDATE OF erased_at ON account
    WHEN new.erased_at IS NOT NULL
    BEGIN
      UPDATE membership SET status = 'left', ended_at = coalesce(ended_at, new.erased_at)
      WHERE account_id = new.id AND status = 'active';
    END`.execute(db);
}
