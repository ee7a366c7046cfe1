/**
 * `porch backup [FILE]`: one archive (tar, gzip) of everything a server needs to come back:
 * - `porch.db`: a consistent copy of the SQLite database, safe while Porch runs (`VACUUM INTO`
 *   reads one snapshot); on PostgreSQL the database is left to `pg_dump`, which does the same there;
 * - `uploads/`: the photos. Their files are written before their rows are committed, so every
 *   photo in the copy of the database has its files by the time they are archived, just after;
 * - `secret.key`: the key that signs cookies (forms opened before a restore stay valid);
 * - `vapid.json`: the server's VAPID keys, which browsers subscribed to push with (a server with
 *   other keys reaches none of the devices);
 * - `manifest.json`: what the archive holds, for `porch restore`.
 * The archive is readable by its owner only: it holds personal data and the key.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { sql } from 'kysely';
import { create } from 'tar';
import type { Config } from '../config.ts';
import { DataDirectoryInUse, holdDataDirectory } from '../platform/data-lock.ts';
import { connect } from '../platform/db/connect.ts';
import { vapidFile, vapidKeys } from '../platform/notify/push.ts';
import { configOrExit } from './shared.ts';

/** The format of the archive's `manifest.json`. */
export interface Manifest {
  porch: 'backup';
  format: 1;
  createdAt: string;
  /** Which database the server used; a `postgres` archive holds no database. */
  database: 'sqlite' | 'postgres';
  /** The migrations the database had run (SQLite), to refuse one a newer Porch made. */
  migrations: string[];
  /** How many photo files it holds. */
  photoFiles: number;
}

/** The names inside the archive. */
export const archived = {
  manifest: 'manifest.json',
  database: 'porch.db',
  key: 'secret.key',
  vapid: vapidFile,
  uploads: 'uploads',
};

function countFiles(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

/**
 * Writes the archive of `config`'s data to `target` (a new file) and returns its manifest.
 * Holds the data directory while it runs, so no restore replaces the data meanwhile.
 */
export async function backup(config: Config, target: string): Promise<Manifest> {
  const lock = holdDataDirectory(config.dataDir);
  mkdirSync(dirname(target), { recursive: true });
  const staging = join(config.dataDir, `.backup-${process.pid}-${Date.now()}`);
  mkdirSync(staging, { recursive: true, mode: 0o700 });
  try {
    let migrations: string[] = [];
    if (!config.databaseUrl) {
      const c = connect(config);
      try {
        await sql`VACUUM INTO ${join(staging, archived.database)}`.execute(c.db);
        const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
          c.db,
        );
        migrations = rows.rows.map((r) => r.name);
      } finally {
        await c.close();
      }
    }
    writeFileSync(join(staging, archived.key), config.secretKey, { mode: 0o600 });
    writeFileSync(join(staging, archived.vapid), `${JSON.stringify(vapidKeys(config))}\n`, { mode: 0o600 });
    const uploads = join(config.dataDir, archived.uploads);
    const manifest: Manifest = {
      porch: 'backup',
      format: 1,
      createdAt: new Date().toISOString(),
      database: config.databaseUrl ? 'postgres' : 'sqlite',
      migrations,
      photoFiles: countFiles(uploads),
    };
    writeFileSync(join(staging, archived.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
    const staged = relative(config.dataDir, staging);
    const entries = [
      archived.manifest,
      archived.key,
      archived.vapid,
      ...(config.databaseUrl ? [] : [archived.database]),
    ];
    await create(
      {
        gzip: true,
        file: target,
        cwd: config.dataDir,
        portable: true,
        // The staged files go to the archive's top level, beside `uploads/`.
        onWriteEntry: (entry) => {
          if (entry.path.startsWith(`${staged}/`)) entry.path = entry.path.slice(staged.length + 1);
        },
      },
      [...entries.map((e) => `${staged}/${e}`), ...(existsSync(uploads) ? [archived.uploads] : [])],
    );
    chmodSync(target, 0o600);
    return manifest;
  } finally {
    rmSync(staging, { recursive: true, force: true });
    lock.release();
  }
}

/** Runs `porch backup [FILE]`; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const config = configOrExit();
  if (!config) return 2;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = resolve(args[0] ?? join(config.dataDir, 'backups', `porch-${stamp}.tar.gz`));
  if (existsSync(target)) {
    process.stderr.write(`porch: ${target} exists already; choose another file\n`);
    return 2;
  }
  try {
    const manifest = await backup(config, target);
    process.stdout.write(
      `backup written to ${target}: ${manifest.database === 'sqlite' ? 'the database, ' : ''}` +
        `${manifest.photoFiles} photo files and the secret key\n`,
    );
    // The key in it opens what the live server's key opens: say so every time, not only in the docs.
    process.stdout.write(
      'Keep it as safe as the server: its secret key signs sign-in cookies and opens the personal links\n' +
        'of a drill or emergency alert under way (a restore brings them back working).\n',
    );
    if (manifest.database === 'postgres') {
      process.stdout.write(
        'The database is on PostgreSQL: back it up with pg_dump (e.g. pg_dump -Fc "$DATABASE_URL" > porch.dump)\n',
      );
    }
    return 0;
  } catch (error) {
    rmSync(target, { force: true });
    if (error instanceof DataDirectoryInUse) {
      process.stderr.write(`porch: a restore is running on ${config.dataDir}; try again when it is done\n`);
      return 1;
    }
    throw error;
  }
}
