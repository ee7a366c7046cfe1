/**
 * Upgrading a database that holds data: the migrations that read rows run over some, through the
 * app's own connection, whose CamelCasePlugin hands rows back with camelCase keys (migrations
 * 0020 and 0030 read `row.title_terms` and `row.display_name`, got undefined, and failed on any
 * database with a search document or an account); and a migration landed after a later-numbered
 * one had run; the skills by community that migration 0045 fills from the skills and memberships
 * already there. Both databases.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, type MigrationProvider, Migrator, sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { connect } from '../src/platform/db/connect.ts';
import { migrateToLatest, migrationNames } from '../src/platform/db/migrate.ts';

/** A provider of the migrations named before `upTo`, as the app runs them (with the dialect). */
function before(upTo: string, dialect: 'sqlite' | 'postgres'): MigrationProvider {
  return {
    async getMigrations() {
      const out: Record<string, { up(db: Kysely<any>): Promise<void> }> = {};
      for (const [name, file] of migrationNames())
        if (name < upTo) out[name] = { up: async (db) => (await import(file.href)).up(db, dialect) };
      return out;
    },
  };
}

/** An empty database (no migration run): a SQLite file, or a new PostgreSQL database. */
async function emptyDatabase() {
  const dataDir = mkdtempSync(join(tmpdir(), 'porch-upgrade-'));
  const admin = process.env.TEST_DATABASE_URL;
  const name = `porch_up_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const query = async (text: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(text);
    await c.end();
  };
  let databaseUrl: string | undefined;
  if (admin) {
    await query(`CREATE DATABASE ${name}`);
    const u = new URL(admin);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
  }
  const { db, dialect, close } = connect({ dataDir, databaseUrl });
  return {
    db,
    dialect,
    async drop() {
      await close();
      rmSync(dataDir, { recursive: true, force: true });
      if (admin) await query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

describe('migrating a database that holds data', () => {
  it('runs every migration from 0020 on over a member, an item and its search document', async () => {
    const { db, dialect, drop } = await emptyDatabase();
    try {
      const { error } = await new Migrator({ db, provider: before('0020', dialect) }).migrateToLatest();
      expect(error).toBeUndefined();
      const at = '2026-12-01T10:00:00.000Z';
      const [account, community, item] = [
        '01a20000-0000-7000-8000-000000000001',
        '01a20000-0000-7000-8000-000000000002',
        '01a20000-0000-7000-8000-000000000003',
      ];
      await sql`insert into account (id, display_name, created_at) values (${account}, ${'Ángela'}, ${at})`.execute(
        db,
      );
      await sql`insert into community (id, slug, name, languages, time_zone, rhythm, join_policy, created_at)
        values (${community}, ${'olmo'}, ${'Calle Olmo'}, ${'es'}, ${'Europe/Madrid'}, ${'weekly'}, ${'open'}, ${at})`.execute(
        db,
      );
      await sql`insert into membership (id, community_id, account_id, role, status, requested_at, joined_at)
        values (${'01a20000-0000-7000-8000-000000000004'}, ${community}, ${account}, ${'steward'}, ${'active'}, ${at}, ${at})`.execute(
        db,
      );
      await sql`insert into item (id, community_id, owner_id, name, category, condition, value_band, loan_days, created_at, updated_at)
        values (${item}, ${community}, ${account}, ${'Escaleras'}, ${'tools'}, ${'good'}, ${'low'}, ${7}, ${at}, ${at})`.execute(
        db,
      );
      await sql`insert into search_document (id, community_id, kind, subject_id, title, title_terms, body_terms, url, updated_at)
        values (${'01a20000-0000-7000-8000-000000000005'}, ${community}, ${'item'}, ${item}, ${'Escaleras'}, ${'Escaleras'}, ${'de aluminio'}, ${'/c/olmo/library/items/x'}, ${at})`.execute(
        db,
      );

      expect((await migrateToLatest(db, dialect)).length).toBeGreaterThan(5);
      const [who] = await db.selectFrom('account').select('sortName').where('id', '=', account).execute();
      expect(who.sortName).toBe('angela');
      const [doc] = await db
        .selectFrom('searchDocument')
        .select(['titleTerms', 'bodyTerms'])
        .where('communityId', '=', community)
        .execute();
      // Folded and stemmed in the community's language, the words kept.
      expect(doc.titleTerms.split(' ')).toContain('escaleras');
      expect(doc.bodyTerms.split(' ')).toContain('aluminio');
    } finally {
      await drop();
    }
  });
});

describe('migration 0045 on a database with members and skills', () => {
  it('fills member_skill: each skill of each account once for every community it has a membership of', async () => {
    const { db, dialect, drop } = await emptyDatabase();
    try {
      const { error } = await new Migrator({ db, provider: before('0045', dialect) }).migrateToLatest();
      expect(error).toBeUndefined();
      const at = '2026-12-01T10:00:00.000Z';
      const id = (n: number) => `01a45000-0000-7000-8000-${String(n).padStart(12, '0')}`;
      const [ana, bea, cai] = [id(1), id(2), id(3)];
      const [elm, oak] = [id(11), id(12)];
      for (const [account, name] of [
        [ana, 'Ana'],
        [bea, 'Bea'],
        [cai, 'Cai'],
      ])
        await sql`insert into account (id, display_name, created_at) values (${account}, ${name}, ${at})`.execute(
          db,
        );
      for (const [community, slug] of [
        [elm, 'elm'],
        [oak, 'oak'],
      ])
        await sql`insert into community (id, slug, name, languages, time_zone, rhythm, join_policy, created_at)
          values (${community}, ${slug}, ${slug}, ${'en'}, ${'Europe/Madrid'}, ${'weekly'}, ${'open'}, ${at})`.execute(
          db,
        );
      // Ana is active in Elm and has left Oak (kept: the queries ask for active members); Bea is
      // waiting to join Elm; Cai is a member of nowhere.
      for (const [n, community, account, status] of [
        [21, elm, ana, 'active'],
        [22, oak, ana, 'left'],
        [23, elm, bea, 'pending'],
      ] as const)
        await sql`insert into membership (id, community_id, account_id, role, status, requested_at, joined_at)
          values (${id(n)}, ${community}, ${account}, ${'member'}, ${status}, ${at}, ${at})`.execute(db);
      for (const [n, account, kind, name] of [
        [31, ana, 'share', 'bike repair'],
        [32, ana, 'learn', 'spanish'],
        [33, bea, 'share', 'knitting'],
        [34, cai, 'share', 'cooking'],
      ] as const)
        await sql`insert into skill (id, account_id, kind, name, normalized)
          values (${id(n)}, ${account}, ${kind}, ${name}, ${name})`.execute(db);

      expect(await migrateToLatest(db, dialect)).toContain(
        [...migrationNames().keys()].find((n) => n.startsWith('0045')),
      );
      const rows = async () =>
        (
          await db
            .selectFrom('memberSkill')
            .select(['communityId', 'accountId', 'kind', 'normalized', 'skillId'])
            .execute()
        )
          .map((r) => [r.communityId, r.accountId, r.kind, r.normalized, r.skillId].join(' '))
          .sort();
      expect(await rows()).toEqual(
        [
          [elm, ana, 'share', 'bike repair', id(31)],
          [elm, ana, 'learn', 'spanish', id(32)],
          [oak, ana, 'share', 'bike repair', id(31)],
          [oak, ana, 'learn', 'spanish', id(32)],
          [elm, bea, 'share', 'knitting', id(33)],
        ]
          .map((r) => r.join(' '))
          .sort(),
      );
      // What was filled is kept from then on: Cai joins Oak, Ana's skill goes.
      await sql`insert into membership (id, community_id, account_id, role, status, requested_at, joined_at)
        values (${id(24)}, ${oak}, ${cai}, ${'member'}, ${'active'}, ${at}, ${at})`.execute(db);
      await sql`delete from skill where id = ${id(32)}`.execute(db);
      expect(await rows()).toEqual(
        [
          [elm, ana, 'share', 'bike repair', id(31)],
          [oak, ana, 'share', 'bike repair', id(31)],
          [elm, bea, 'share', 'knitting', id(33)],
          [oak, cai, 'share', 'cooking', id(34)],
        ]
          .map((r) => r.join(' '))
          .sort(),
      );
    } finally {
      await drop();
    }
  });
});

describe('migrations landed out of order', () => {
  it('a migration numbered before the last one run is run too (numbers are handed out ahead)', async () => {
    const { db, dialect, drop } = await emptyDatabase();
    try {
      // A server that ran every migration but 0031 (it landed after 0034 had).
      const all = migrationNames();
      const late = [...all.keys()].find((n) => n.startsWith('0031'))!;
      const provider: MigrationProvider = {
        async getMigrations() {
          const out: Record<string, { up(db: Kysely<any>): Promise<void> }> = {};
          for (const [n, file] of all)
            if (n !== late) out[n] = { up: async (d) => (await import(file.href)).up(d, dialect) };
          return out;
        },
      };
      expect((await new Migrator({ db, provider }).migrateToLatest()).error).toBeUndefined();
      expect(await migrateToLatest(db, dialect)).toEqual([late]);
    } finally {
      await drop();
    }
  });
});
