/**
 * One server per SQLite database: a second `porch start` on the same data directory is refused
 * with a message naming the first one's process (two servers on one SQLite file would each keep
 * their own in-memory state); a killed server's lock does not block a restart. On PostgreSQL
 * several servers share a database by design, and a second one starts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/db.ts';

const bin = fileURLToPath(new URL('../bin/porch.js', import.meta.url));
const databases: TestDatabase[] = [];
const servers: ChildProcess[] = [];
afterAll(async () => {
  for (const s of servers) s.kill('SIGKILL');
  for (const d of databases) await d.drop();
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

interface Started {
  server: ChildProcess;
  port: number;
  stderr: () => string;
  exited: Promise<number | null>;
}

async function start(database: TestDatabase): Promise<Started> {
  const port = await freePort();
  const server = spawn(process.execPath, [bin, 'start'], {
    env: {
      ...process.env,
      PORCH_DATA_DIR: database.dataDir,
      ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      BASE_URL: 'http://porch.test',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  servers.push(server);
  let err = '';
  server.stderr?.on('data', (chunk) => {
    err += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
  return { server, port, stderr: () => err, exited };
}

/** Waits until `s` answers, or returns its exit code if it stops first. */
async function ready(s: Started): Promise<'up' | number | null> {
  for (;;) {
    if (s.server.exitCode !== null) return s.server.exitCode;
    try {
      if ((await fetch(`http://127.0.0.1:${s.port}/login`)).ok) return 'up';
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

describe.skipIf(process.env.TEST_DATABASE_URL)('a second server on one SQLite data directory', () => {
  it('is refused, naming the first; once the first is killed a new one starts', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const first = await start(database);
    expect(await ready(first)).toBe('up');

    const second = await start(database);
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toContain(
      `another Porch server (process ${first.server.pid}) is already running`,
    );
    expect(second.stderr()).toContain('PostgreSQL');
    // The first is untouched.
    expect((await fetch(`http://127.0.0.1:${first.port}/login`)).status).toBe(200);

    // A server killed without a chance to clean up leaves no lock behind.
    first.server.kill('SIGKILL');
    await first.exited;
    const third = await start(database);
    expect(await ready(third)).toBe('up');
    third.server.kill('SIGINT');
    expect(await third.exited).toBe(0);
  }, 60_000);
});

describe.runIf(process.env.TEST_DATABASE_URL)('two servers on one PostgreSQL database', () => {
  it('both start (they share the database by design)', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const first = await start(database);
    expect(await ready(first)).toBe('up');
    const second = await start(database);
    expect(await ready(second)).toBe('up');
    for (const s of [first, second]) s.server.kill('SIGINT');
    expect(await Promise.all([first.exited, second.exited])).toEqual([0, 0]);
  }, 60_000);
});
