import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import { connect } from './connect.ts';

const dir = mkdtempSync(join(tmpdir(), 'porch-connect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rows read from SQLite', () => {
  it('come with camelCase keys, the last of two same-named columns kept, streamed alike', async () => {
    const c = connect({ dataDir: dir });
    try {
      await c.db.schema
        .createTable('shelf')
        .addColumn('shelf_id', 'text')
        .addColumn('book_title', 'text')
        .execute();
      await sql`insert into shelf values ('a', 'Seeds'), ('b', 'Tools')`.execute(c.db);
      const rows = await c.db
        .selectFrom('shelf' as never)
        .select(['shelfId', 'bookTitle'] as never)
        .orderBy('shelfId' as never)
        .execute();
      expect(rows).toEqual([
        { shelfId: 'a', bookTitle: 'Seeds' },
        { shelfId: 'b', bookTitle: 'Tools' },
      ]);
      const twice =
        await sql`select shelf_id as same, book_title as same from shelf where shelf_id = 'a'`.execute(c.db);
      expect(twice.rows).toEqual([{ same: 'Seeds' }]);
      const streamed = [];
      for await (const row of c.db
        .selectFrom('shelf' as never)
        .selectAll()
        .stream())
        streamed.push(row);
      expect(streamed).toEqual([
        { shelfId: 'a', bookTitle: 'Seeds' },
        { shelfId: 'b', bookTitle: 'Tools' },
      ]);
    } finally {
      await c.close();
    }
  });

  it('have the columns the table has after its schema changed, for a query read before', async () => {
    const c = connect({ dataDir: dir });
    try {
      await c.db.schema.createTable('crate').addColumn('crate_id', 'text').execute();
      await sql`insert into crate values ('a')`.execute(c.db);
      const all = () =>
        c.db
          .selectFrom('crate' as never)
          .selectAll()
          .execute();
      expect(await all()).toEqual([{ crateId: 'a' }]);
      await c.db.schema.alterTable('crate').addColumn('place_name', 'text').execute();
      expect(await all()).toEqual([{ crateId: 'a', placeName: null }]);
      await c.db.schema.alterTable('crate').renameColumn('place_name', 'shelf_name').execute();
      expect(await all()).toEqual([{ crateId: 'a', shelfName: null }]);
    } finally {
      await c.close();
    }
  });
});

describe('stamped reads on SQLite', () => {
  it('tell a commit by this connection or another apart, and refuse inside a transaction', async () => {
    const c = connect({ dataDir: dir });
    const other = connect({ dataDir: dir });
    try {
      await c.db.schema.createTable('bin').addColumn('bin_id', 'text').execute();
      await sql`insert into bin values ('a')`.execute(c.db);
      const read = () => c.stamped!.read('select count(*) as bins from bin', []);
      const first = read()!;
      expect(first.row).toEqual({ bins: 1 });
      expect(c.stamped!.unchanged(first.stamp)).toBe(true);
      await sql`select * from bin`.execute(c.db);
      expect(c.stamped!.unchanged(first.stamp)).toBe(true);

      await sql`insert into bin values ('b')`.execute(other.db);
      expect(c.stamped!.unchanged(first.stamp)).toBe(false);
      const second = read()!;
      expect(second.row).toEqual({ bins: 2 });

      await sql`delete from bin where bin_id = 'b' returning bin_id`.execute(c.db);
      expect(c.stamped!.unchanged(second.stamp)).toBe(false);
      const third = read()!;
      await c.db.transaction().execute(async (tx) => {
        await sql`insert into bin values ('c')`.execute(tx);
        // Not committed yet: nothing is read or vouched for.
        expect(read()).toBeUndefined();
        expect(c.stamped!.unchanged(third.stamp)).toBe(false);
      });
      const fourth = read()!;
      expect(fourth.row).toEqual({ bins: 2 });
      // A query being iterated holds an old snapshot open: nothing is read or vouched for.
      const rows = c.db
        .selectFrom('bin' as never)
        .selectAll()
        .stream()
        [Symbol.asyncIterator]();
      await rows.next();
      expect(read()).toBeUndefined();
      expect(c.stamped!.unchanged(fourth.stamp)).toBe(false);
      while (!(await rows.next()).done);
      expect(c.stamped!.unchanged(fourth.stamp)).toBe(true);
    } finally {
      await other.close();
      await c.close();
    }
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('connections to PostgreSQL', () => {
  // A failover or an idle-connection killer may end a connection the pool has handed out, between
  // two statements of a transaction: the transaction fails, the process goes on.
  it('survive one in use being terminated between statements; the pool replaces it', async () => {
    const database = await createTestDatabase();
    const errors: Error[] = [];
    const c = connect({
      databaseUrl: database.databaseUrl,
      dataDir: dir,
      onIdleError: (e) => errors.push(e),
    });
    const admin = new pg.Client({ connectionString: database.databaseUrl });
    await admin.connect();
    try {
      for (let round = 0; round < 3; round++) {
        const failed = await c.db
          .transaction()
          .execute(async (trx) => {
            const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
            await admin.query('select pg_terminate_backend($1)', [rows[0].pid]);
            // The termination arrives while no statement of this connection runs.
            await new Promise((r) => setTimeout(r, 200));
            await sql`select 1`.execute(trx);
          })
          .then(
            () => false,
            () => true,
          );
        expect(failed).toBe(true);
        const { rows } = await sql<{ one: number }>`select 1 as one`.execute(c.db);
        expect(rows).toEqual([{ one: 1 }]);
      }
      expect(errors.length).toBeGreaterThanOrEqual(3);
    } finally {
      await admin.end();
      await c.close();
      await database.drop();
    }
  });
});
