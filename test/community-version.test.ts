/**
 * The data version per community (migration 0014), on which every cache of community data rests:
 * it must move in the transaction of any write that changes what the community's pages show, and
 * only then. The first test reads the schema itself, so a capability added later cannot forget it.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { newId } from '../src/platform/db/ids.ts';
import { iso } from '../src/platform/db/time.ts';
import { useTestApp } from './support/app.ts';

describe('the community data version', () => {
  const t = useTestApp();
  const onPostgres = () => t.services.dialect === 'postgres';

  async function versionOf(communityId: string): Promise<number> {
    const row = await t.services.db
      .selectFrom('communityVersion')
      .select('version')
      .where('communityId', '=', communityId)
      .executeTakeFirstOrThrow();
    return Number(row.version);
  }

  /** Tables whose rows carry community_id, from the database's own catalog. */
  async function ownedTables(): Promise<string[]> {
    const { db } = t.services;
    const rows = onPostgres()
      ? await sql<{ name: string }>`SELECT c.table_name AS name FROM information_schema.columns c
          JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
          WHERE c.table_schema = current_schema() AND c.column_name = 'community_id'
            AND t.table_type = 'BASE TABLE' ORDER BY 1`.execute(db)
      : await sql<{ name: string }>`SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) p
          WHERE m.type = 'table' AND p.name = 'community_id' ORDER BY 1`.execute(db);
    return rows.rows.map((r) => r.name).filter((name) => name !== 'community_version');
  }

  /** The statements (insert, update, delete) after which `table` moves the version. */
  async function versionedStatements(table: string): Promise<string[]> {
    const { db } = t.services;
    if (onPostgres()) {
      // pg_trigger.tgtype bits: 4 insert, 8 delete, 16 update (catalog pg_trigger, trigger.h).
      const rows = await sql<{ tgtype: number }>`SELECT tg.tgtype FROM pg_trigger tg
          JOIN pg_proc p ON p.oid = tg.tgfoid
          WHERE tg.tgrelid = ${table}::regclass AND p.proname = 'community_version_touch'
            AND tg.tgenabled <> 'D'`.execute(db);
      const kinds = new Set<string>();
      for (const { tgtype } of rows.rows) {
        if (tgtype & 4) kinds.add('insert');
        if (tgtype & 16) kinds.add('update');
        if (tgtype & 8) kinds.add('delete');
      }
      return [...kinds].sort();
    }
    const rows = await sql<{ sql: string }>`SELECT sql FROM sqlite_master
        WHERE type = 'trigger' AND tbl_name = ${table}`.execute(db);
    const kinds = new Set<string>();
    for (const row of rows.rows) {
      const event = /\bAFTER\s+(INSERT|UPDATE|DELETE)\s+ON\b/i.exec(row.sql)?.[1];
      const moves =
        /UPDATE\s+community_version\s+SET\s+version\s*=\s*version\s*\+\s*1\s+WHERE\s+community_id\s*=\s*(new|old)\.community_id/i;
      if (event && moves.test(row.sql)) kinds.add(event.toLowerCase());
    }
    return [...kinds].sort();
  }

  /**
   * Community-owned tables whose writes change nothing a stored page shows, so they leave the
   * version alone, each with the reason. Nothing else may be added here without one.
   */
  const unversioned: Record<string, string> = {
    // A delivery's status (waiting, pending, sent, failed) is on no stored page: the inbox and the
    // menu's count read `notification`, which keeps its triggers; the announcements page, which
    // counts deliveries, is never stored. With triggers every mail sent emptied the community's
    // stored pages (migration 0027).
    notification_delivery: 'sending state, shown on no stored page',
    // Every coordinator's read of the ride network writes a line here (migration 0033): with
    // triggers each read would empty the community's stored pages. The log page is never stored.
    evacuation_access: 'a log of reads, shown on no stored page',
  };

  it('is moved by every insert, update and delete of every table whose rows carry community_id', async () => {
    const tables = await ownedTables();
    expect(tables).toContain('post');
    expect(tables.length).toBeGreaterThan(10);
    for (const table of Object.keys(unversioned)) expect(tables).toContain(table);
    const wrong = [];
    for (const table of tables) {
      const kinds = await versionedStatements(table);
      const expected = table in unversioned ? '' : 'delete,insert,update';
      if (kinds.join() !== expected) wrong.push(`${table}: ${kinds.join() || 'none'}`);
    }
    // A new community-owned table needs versionTriggers() in its migration (migrations/_versions.ts);
    // an exempt one (`unversioned`) must have none.
    expect(wrong).toEqual([]);
  });

  it('moves with a write to the community’s rows, and only that community’s', async () => {
    const { community, steward } = await t.community();
    const { community: other } = await t.community();
    const [before, otherBefore] = [await versionOf(community.id), await versionOf(other.id)];
    const invite = {
      id: newId(),
      communityId: community.id,
      code: newId(),
      createdBy: steward.id,
      createdAt: iso(t.clock.now()),
    };
    await t.services.db.insertInto('invite').values(invite).execute();
    const afterInsert = await versionOf(community.id);
    expect(afterInsert).toBeGreaterThan(before);
    await t.services.db
      .updateTable('invite')
      .set({ label: 'Porch party' })
      .where('communityId', '=', community.id)
      .where('id', '=', invite.id)
      .execute();
    const afterUpdate = await versionOf(community.id);
    expect(afterUpdate).toBeGreaterThan(afterInsert);
    await t.services.db
      .deleteFrom('invite')
      .where('communityId', '=', community.id)
      .where('id', '=', invite.id)
      .execute();
    expect(await versionOf(community.id)).toBeGreaterThan(afterUpdate);
    expect(await versionOf(other.id)).toBe(otherBefore);
  });

  it('does not move for a write that is rolled back', async () => {
    const { community, steward } = await t.community();
    const before = await versionOf(community.id);
    await expect(
      t.services.db.transaction().execute(async (tx) => {
        await tx
          .updateTable('membership')
          .set({ role: 'member' })
          .where('communityId', '=', community.id)
          .where('accountId', '=', steward.id)
          .execute();
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await versionOf(community.id)).toBe(before);
  });

  it('starts with a new community and moves when the community itself changes', async () => {
    const { community } = await t.community();
    const before = await versionOf(community.id);
    await t.services.db
      .updateTable('community')
      .set({ name: 'Elm Street' })
      .where('id', '=', community.id)
      .execute();
    expect(await versionOf(community.id)).toBeGreaterThan(before);
  });

  it('moves in every community of an account whose profile or skills change, also one it left', async () => {
    const { community } = await t.community();
    const { community: left } = await t.community();
    const { community: stranger } = await t.community();
    const account = await t.member(community);
    await t.membership(left, account, 'member', 'left');
    const versions = async () => Promise.all([community, left, stranger].map((c) => versionOf(c.id)));

    const start = await versions();
    await t.services.db
      .updateTable('account')
      .set({ phoneVisibility: 'nobody' })
      .where('id', '=', account.id)
      .execute();
    const afterProfile = await versions();
    expect(afterProfile[0]).toBeGreaterThan(start[0]);
    expect(afterProfile[1]).toBeGreaterThan(start[1]);
    expect(afterProfile[2]).toBe(start[2]);

    const skill = {
      id: newId(),
      accountId: account.id,
      kind: 'share' as const,
      name: 'Sewing',
      normalized: 'sewing',
    };
    await t.services.db.insertInto('skill').values(skill).execute();
    const afterSkill = await versions();
    expect(afterSkill[0]).toBeGreaterThan(afterProfile[0]);
    expect(afterSkill[2]).toBe(start[2]);
    await t.services.db.deleteFrom('skill').where('id', '=', skill.id).execute();
    expect((await versions())[0]).toBeGreaterThan(afterSkill[0]);
  });

  it('counts two transactions writing in one community at once: each moves the version', async () => {
    const { community } = await t.community();
    const members = [await t.member(community), await t.member(community)];
    const before = await versionOf(community.id);
    await Promise.all(
      members.map((member) =>
        t.services.db.transaction().execute(async (tx) => {
          await tx
            .updateTable('membership')
            .set({ role: 'steward' })
            .where('communityId', '=', community.id)
            .where('accountId', '=', member.id)
            .execute();
          await new Promise((r) => setTimeout(r, 20));
        }),
      ),
    );
    expect(await versionOf(community.id)).toBe(before + 2);
  });
});
