import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from './connect.ts';

const dir = mkdtempSync(join(tmpdir(), 'porch-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('locking on SQLite', () => {
  it('runs a FOR UPDATE read without the clause SQLite does not know', async () => {
    const c = connect({ dataDir: dir });
    try {
      await c.db.schema.createTable('thing').addColumn('id', 'text').execute();
      await c.db
        .insertInto('thing' as never)
        .values({ id: 'a' } as never)
        .execute();
      const query = c.db
        .selectFrom('thing' as never)
        .selectAll()
        .forUpdate();
      expect(query.compile().sql).not.toMatch(/for update/i);
      expect(await query.execute()).toEqual([{ id: 'a' }]);
    } finally {
      await c.close();
    }
  });

  it('takes the write lock when a transaction begins: another process cannot write meanwhile', async () => {
    const c = connect({ dataDir: dir });
    try {
      // Another process (a thread with its own connection) tries one write, without waiting.
      const tryWrite = async () => {
        const writer = new Worker(
          `const { workerData: w, parentPort } = require('node:worker_threads');
           const db = new (require(w.driver))(w.file);
           db.pragma('busy_timeout = 0');
           try { db.prepare("insert into thing (id) values ('from another process')").run(); parentPort.postMessage('wrote'); }
           catch (e) { parentPort.postMessage(e.code); }
           finally { db.close(); }`,
          {
            eval: true,
            workerData: {
              driver: createRequire(import.meta.url).resolve('better-sqlite3'),
              file: c.sqlitePath,
            },
          },
        );
        const [answer] = await once(writer, 'message');
        return answer as string;
      };
      // Inside a transaction that has only read so far: the file is this transaction's already.
      const during = await c.db.transaction().execute(async (tx) => {
        await tx
          .selectFrom('thing' as never)
          .selectAll()
          .execute();
        return tryWrite();
      });
      expect(during).toBe('SQLITE_BUSY');
      expect(await tryWrite()).toBe('wrote');
    } finally {
      await c.close();
    }
  });
});
