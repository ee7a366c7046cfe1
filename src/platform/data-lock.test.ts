/**
 * One server per SQLite database, however its data directory is reached: through a symbolic
 * link to it, or from another directory whose `porch.db` links to its database. (Two real
 * servers: test/one-server.test.ts.)
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirectoryServed, serveDataDirectory } from './data-lock.ts';

const work = mkdtempSync(join(tmpdir(), 'porch-lock-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the one server of a SQLite database', () => {
  it('is refused a second time by any path to the same database, and not for another database', () => {
    const data = join(work, 'data');
    mkdirSync(data);
    writeFileSync(join(data, 'porch.db'), '');
    const linkedDirectory = join(work, 'linked');
    symlinkSync(data, linkedDirectory);
    const linkedDatabase = join(work, 'other');
    mkdirSync(linkedDatabase);
    symlinkSync(join(data, 'porch.db'), join(linkedDatabase, 'porch.db'));
    const another = join(work, 'another');

    const first = serveDataDirectory(data);
    try {
      for (const dir of [data, `${data}/`, linkedDirectory, linkedDatabase]) {
        expect(() => serveDataDirectory(dir), dir).toThrow(DataDirectoryServed);
      }
      serveDataDirectory(another).release();
    } finally {
      first.release();
    }
    serveDataDirectory(linkedDatabase).release();
  });
});
