/** `porch migrate`: brings the database schema up to date and lists what it applied. */
import { connect } from '../platform/db/connect.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { configOrExit, holdOrExit } from './shared.ts';

export async function run(_args: string[]): Promise<number> {
  const config = configOrExit();
  if (!config) return 2;
  const lock = holdOrExit(config.dataDir);
  if (!lock) return 1;
  const c = connect(config);
  try {
    const applied = await migrateToLatest(c.db, c.dialect);
    process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'the schema is up to date\n');
    return 0;
  } finally {
    await c.close();
    lock.release();
  }
}
