/** Vitest global setup: on PostgreSQL, migrate a template database once for all test files. */
import pg from 'pg';
import { connect } from '../../src/platform/db/connect.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { templateName, templateUrl } from './db.ts';

export default async function setup() {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${templateName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${templateName}`);
  await admin.end();
  const c = connect({ databaseUrl: templateUrl(adminUrl), dataDir: '.' });
  await migrateToLatest(c.db, c.dialect);
  await c.close();
}
