/**
 * Who is using a data directory. A server, and each `porch` command that reads or writes the data,
 * holds a shared lock on `<dataDir>/porch.lock` while it runs; `porch restore` needs it alone, so
 * it can never replace the data under a running server (several servers on one PostgreSQL share
 * a data directory, and each holds its shared lock).
 * The lock is SQLite's own file locking on an empty database file (POSIX advisory locks, taken
 * through better-sqlite3): the operating system drops a lock when its process ends, however it
 * ends, so a crash leaves no stale lock behind. Shared locks are a read transaction held open;
 * the exclusive one is `BEGIN EXCLUSIVE`, which SQLite refuses while any read transaction is open.
 */
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import SQLite from 'better-sqlite3';

/** A held lock; `release()` lets it go (ending the process does too). */
export interface DataLock {
  release(): void;
}

/** The data directory is in use by another process, in a way that refuses what was asked. */
export class DataDirectoryInUse extends Error {
  constructor(readonly dataDir: string) {
    super(`the data directory ${dataDir} is in use`);
    this.name = 'DataDirectoryInUse';
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

function open(dataDir: string, waitMs: number): SQLite.Database {
  mkdirSync(dataDir, { recursive: true });
  return new SQLite(join(dataDir, 'porch.lock'), { timeout: waitMs });
}

/**
 * Takes a shared hold on `dataDir` for a server or command, waiting up to `waitMs` while a
 * restore holds it. Throws `DataDirectoryInUse` if the restore is still running then.
 */
export function holdDataDirectory(dataDir: string, waitMs = 10_000): DataLock {
  const db = open(dataDir, waitMs);
  try {
    db.exec('BEGIN');
    // The first read of a transaction takes SQLite's shared lock, kept until it ends.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    db.close();
    throw isBusy(error) ? new DataDirectoryInUse(dataDir) : error;
  }
  return {
    release() {
      if (db.open) db.close();
    },
  };
}

/**
 * Takes `dataDir` for this process alone (a restore). Throws `DataDirectoryInUse` at once while a
 * server or another command holds it.
 */
export function takeDataDirectory(dataDir: string): DataLock {
  const db = open(dataDir, 0);
  try {
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    throw isBusy(error) ? new DataDirectoryInUse(dataDir) : error;
  }
  return {
    release() {
      if (db.open) db.close();
    },
  };
}

/** Another server already serves this SQLite data directory; `pid` is the one it wrote, if readable. */
export class DataDirectoryServed extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number | undefined,
  ) {
    super(`another Porch server${pid ? ` (process ${pid})` : ''} is already running on ${dataDir}`);
    this.name = 'DataDirectoryServed';
  }
}

/**
 * The folder the SQLite database of `dataDir` really is in, links followed: the same database
 * reached by another path (the data directory through a symbolic link, or a `porch.db` that links
 * to another directory's) has the same one, so its servers meet at one lock. A database not made
 * yet will be made in `dataDir` itself.
 */
function databaseDirectory(dataDir: string): string {
  try {
    return dirname(realpathSync(join(dataDir, 'porch.db')));
  } catch {
    return realpathSync(dataDir);
  }
}

/**
 * Takes `dataDir` as the one server on its SQLite database: `server.lock`, held exclusively as
 * `takeDataDirectory` does, in the folder the database really is in (`databaseDirectory`), its
 * pid written beside it in `server.pid`. Two servers on one SQLite file would each keep their own
 * in-memory state (caches, the live board's stream, the job worker's timers) and never hear of
 * the other's writes; on PostgreSQL several servers are meant to share one database, so only
 * SQLite servers take this. A killed server's lock is gone with its process, so a restart is
 * never blocked by it; the pid file may then be stale, and is only read to say who holds the
 * lock. Throws `DataDirectoryServed` at once while another holds it.
 */
export function serveDataDirectory(dataDir: string): DataLock {
  mkdirSync(dataDir, { recursive: true });
  const where = databaseDirectory(dataDir);
  const db = new SQLite(join(where, 'server.lock'), { timeout: 0 });
  const pidFile = join(where, 'server.pid');
  try {
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if (!isBusy(error)) throw error;
    let pid: number | undefined;
    try {
      pid = Number.parseInt(readFileSync(pidFile, 'utf8'), 10) || undefined;
    } catch {
      pid = undefined;
    }
    throw new DataDirectoryServed(dataDir, pid);
  }
  writeFileSync(pidFile, `${process.pid}\n`);
  return {
    release() {
      if (db.open) db.close();
    },
  };
}
