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
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
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
