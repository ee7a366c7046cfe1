/**
 * Vitest global setup: on PostgreSQL, migrate a template database once for all test files (each
 * file then gets its own copy, see db.ts); the template is dropped when the run ends.
 */
import pg from 'pg';
import { connect } from '../../src/platform/db/connect.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { templateName, templateUrl } from './db.ts';

async function onAdmin(adminUrl: string, sql: string) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

export default async function setup() {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return;
  await onAdmin(adminUrl, `DROP DATABASE IF EXISTS ${templateName} WITH (FORCE)`);
  await onAdmin(adminUrl, `CREATE DATABASE ${templateName}`);
  const c = connect({ databaseUrl: templateUrl(adminUrl), dataDir: '.' });
  try {
    await migrateToLatest(c.db, c.dialect);
  } finally {
    await c.close();
  }
  return async () => {
    await onAdmin(adminUrl, `DROP DATABASE IF EXISTS ${templateName} WITH (FORCE)`);
  };
}
