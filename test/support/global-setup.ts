/**
 * Vitest global setup: on PostgreSQL, migrate a template database once for all test files (each
 * file then gets its own copy, see db.ts); the template, named for this run, is dropped when the
 * run ends.
 */
import pg from 'pg';
import { connect } from '../../src/platform/db/connect.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { templateUrl } from './db.ts';

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
  process.env.PORCH_TEST_TEMPLATE = `porch_template_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const templateName = process.env.PORCH_TEST_TEMPLATE;
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
