/**
 * Test databases: a fresh SQLite file per test file by default; with `TEST_DATABASE_URL`, a
 * fresh PostgreSQL database per test file, cloned from a template migrated once (global setup).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * The template database of this run: named per run by the global setup (through the
 * environment, which the test workers inherit), so two runs on one server do not meet.
 */
export function templateName(): string {
  return process.env.PORCH_TEST_TEMPLATE ?? 'porch_template';
}

/** Where a test file's database lives, and how to drop it. */
export interface TestDatabase {
  dataDir: string;
  databaseUrl?: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Creates an empty data directory and, on PostgreSQL, a new database from the template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'porch-test-'));
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    return { dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `porch_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateName()}`);
  await admin.end();
  return {
    dataDir,
    databaseUrl: withDatabase(adminUrl, name),
    async drop() {
      rmSync(dataDir, { recursive: true, force: true });
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Connection string of the template database (for the global setup). */
export function templateUrl(adminUrl: string): string {
  return withDatabase(adminUrl, templateName());
}
