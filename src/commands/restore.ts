/**
 * `porch restore FILE`: puts back an archive made by `porch backup` — the SQLite database, the
 * photos and the secret key. It refuses while a server (or another `porch` command) uses the data
 * directory: writes the server acknowledged after the restore would be lost. The archive is
 * checked before anything is touched (what it holds, the database's integrity, that no newer
 * Porch made it); then the current data is moved aside into `before-restore-<time>/`, nothing
 * deleted, and the archive's put in its place. On PostgreSQL the archive gives back the photos
 * and the key; the database comes back with `pg_restore`.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { extract, type ReadEntry } from 'tar';
import type { Config } from '../config.ts';
import { DataDirectoryInUse, takeDataDirectory } from '../platform/data-lock.ts';
import { migrationNames } from '../platform/db/migrate.ts';
import { archived, type Manifest } from './backup.ts';
import { configOrExit } from './shared.ts';

/** A refusal to restore, with the reason to print. */
export class RestoreRefused extends Error {}

/** What a restore did. */
export interface Restored {
  manifest: Manifest;
  /** Where the data that was in place went (undefined when there was none). */
  setAside?: string;
}

/** The SQLite file, and the files SQLite keeps beside it. */
const databaseFiles = ['porch.db', 'porch.db-wal', 'porch.db-shm'];

function readManifest(dir: string): Manifest {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, archived.manifest), 'utf8'));
  } catch {
    throw new RestoreRefused('this is not an archive made by porch backup (it has no manifest)');
  }
  if (manifest.porch !== 'backup' || manifest.format !== 1) {
    throw new RestoreRefused('this archive is of a kind this Porch does not know');
  }
  return manifest;
}

/** Checks the database in `file`: intact, and made by this Porch or an older one. */
function checkDatabase(file: string): void {
  if (!existsSync(file)) throw new RestoreRefused('the archive holds no database');
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new RestoreRefused(`its database is damaged (${String(result)})`);
    const known = new Set(migrationNames().keys());
    const names = db.prepare('select name from kysely_migration').pluck().all() as string[];
    const unknown = names.filter((n) => !known.has(n));
    if (unknown.length > 0) {
      throw new RestoreRefused(
        `a newer Porch made it (its database has run ${unknown.join(', ')}); update Porch first`,
      );
    }
  } finally {
    db.close();
  }
}

/**
 * Restores the archive `file` into `config`'s data directory. Throws `DataDirectoryInUse` while
 * anything holds the directory, `RestoreRefused` (nothing changed) for an archive it will not use.
 */
export async function restore(config: Config, file: string): Promise<Restored> {
  const lock = takeDataDirectory(config.dataDir);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const unpacked = join(config.dataDir, `.restore-${stamp}`);
  try {
    mkdirSync(unpacked, { mode: 0o700 });
    try {
      await extract({
        file,
        cwd: unpacked,
        strict: true,
        // Only what a backup holds: its files, and photos under uploads/.
        filter: (path, entry) =>
          ['File', 'Directory'].includes((entry as ReadEntry).type) &&
          (Object.values(archived).includes(path.replace(/\/$/, '')) ||
            path.startsWith(`${archived.uploads}/`)),
      });
    } catch (error) {
      throw new RestoreRefused(`it cannot be read as a backup archive (${(error as Error).message})`);
    }
    const manifest = readManifest(unpacked);
    const onPostgres = Boolean(config.databaseUrl);
    if (manifest.database === 'sqlite' && onPostgres) {
      throw new RestoreRefused('it holds an SQLite database, and this server uses PostgreSQL (DATABASE_URL)');
    }
    if (manifest.database === 'postgres' && !onPostgres) {
      throw new RestoreRefused(
        'it was made on PostgreSQL and holds no database; restore that with pg_restore',
      );
    }
    if (!onPostgres) checkDatabase(join(unpacked, archived.database));
    if (!existsSync(join(unpacked, archived.key)))
      throw new RestoreRefused('the archive holds no secret key');

    // Everything checked: move what is there aside, then put the archive's files in place.
    const aside = join(config.dataDir, `before-restore-${stamp}`);
    // The VAPID keys when the archive has them (an archive made before push has none: the keys in
    // place stay, as the devices subscribed with them).
    const keys = [archived.key, ...(existsSync(join(unpacked, archived.vapid)) ? [archived.vapid] : [])];
    const current = [...(onPostgres ? [] : databaseFiles), archived.uploads, ...keys].filter((name) =>
      existsSync(join(config.dataDir, name)),
    );
    if (current.length > 0) mkdirSync(aside, { mode: 0o700 });
    for (const name of current) renameSync(join(config.dataDir, name), join(aside, name));
    const incoming = [...(onPostgres ? [] : [archived.database]), archived.uploads, ...keys];
    for (const name of incoming) {
      if (existsSync(join(unpacked, name))) renameSync(join(unpacked, name), join(config.dataDir, name));
    }
    return { manifest, setAside: current.length > 0 ? aside : undefined };
  } finally {
    rmSync(unpacked, { recursive: true, force: true });
    lock.release();
  }
}

/** Runs `porch restore FILE`; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const config = configOrExit();
  if (!config) return 2;
  const file = args[0];
  if (!file || args.length > 1 || !existsSync(file)) {
    process.stderr.write('usage: porch restore FILE (an archive made by porch backup; stop Porch first)\n');
    return 2;
  }
  try {
    const { manifest, setAside } = await restore(config, file);
    const what = manifest.database === 'sqlite' ? 'the database, ' : '';
    process.stdout.write(
      `restored ${what}${manifest.photoFiles} photo files and the secret key from ${file}\n`,
    );
    if (setAside) process.stdout.write(`The data that was there is kept in ${setAside}\n`);
    if (manifest.database === 'postgres') {
      process.stdout.write(
        'Restore the database with pg_restore (e.g. pg_restore -d "$DATABASE_URL" porch.dump)\n',
      );
    }
    if (process.env.SECRET_KEY || process.env.SECRET_KEY_FILE) {
      process.stdout.write(
        'SECRET_KEY is set: Porch signs with it, not with the restored secret.key; forms opened before the backup stay valid only if it is the same key, and `porch start` refuses another key than the one the restored database was used with (unless started with --new-secret-key)\n',
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof DataDirectoryInUse) {
      process.stderr.write(
        `porch: Porch is running on ${config.dataDir} (or another porch command is): stop it, then restore; nothing was changed\n`,
      );
      return 1;
    }
    if (error instanceof RestoreRefused) {
      process.stderr.write(`porch: ${file} was not restored: ${error.message}; nothing was changed\n`);
      return 1;
    }
    throw error;
  }
}
