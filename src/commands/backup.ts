/**
 * `porch backup [FILE]`: a consistent copy of the SQLite database, safe while Porch runs
 * (`VACUUM INTO` reads one snapshot). On PostgreSQL use `pg_dump`, which does the same there.
 * `porch restore FILE`: checks a backup's integrity, then puts it in place (stop Porch first).
 */
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { connect } from '../platform/db/connect.ts';
import { configOrExit } from './shared.ts';

export async function run(args: string[]): Promise<number> {
  const config = configOrExit();
  if (!config) return 2;
  if (config.databaseUrl) {
    process.stderr.write(
      'porch: on PostgreSQL, back up with pg_dump (e.g. pg_dump -Fc "$DATABASE_URL" > porch.dump)\n',
    );
    return 2;
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = resolve(args[0] ?? join(config.dataDir, 'backups', `porch-${stamp}.db`));
  if (existsSync(target)) {
    process.stderr.write(`porch: ${target} exists already; choose another file\n`);
    return 2;
  }
  mkdirSync(resolve(target, '..'), { recursive: true });
  const c = connect(config);
  try {
    await sql`VACUUM INTO ${target}`.execute(c.db);
  } finally {
    await c.close();
  }
  process.stdout.write(`backup written to ${target}\n`);
  return 0;
}

/** `porch restore FILE`. */
export async function restore(args: string[]): Promise<number> {
  const config = configOrExit();
  if (!config) return 2;
  const source = args[0];
  if (!source || !existsSync(source)) {
    process.stderr.write('usage: porch restore FILE (a file made by porch backup; stop Porch first)\n');
    return 2;
  }
  const check = new SQLite(source, { readonly: true, fileMustExist: true });
  const result = check.pragma('integrity_check', { simple: true });
  check.close();
  if (result !== 'ok') {
    process.stderr.write(`porch: ${source} is damaged (${String(result)}); nothing was changed\n`);
    return 1;
  }
  const target = join(config.dataDir, 'porch.db');
  for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
  copyFileSync(source, target);
  process.stdout.write(`restored ${source} to ${target}\n`);
  return 0;
}
