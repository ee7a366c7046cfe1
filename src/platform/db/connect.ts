/**
 * Opens the database: PostgreSQL when a URL is given, otherwise the SQLite file
 * `<dataDir>/porch.db` (WAL, foreign keys on, 5 s busy timeout, transactions that take the write
 * lock at once: see `locking.ts`).
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, type KyselyPlugin, PostgresDialect, SqliteDialect } from 'kysely';
import type pg from 'pg';
import type { Dialect } from '../../../migrations/_columns.ts';
import type { Database, Db } from './database.ts';
import { immediateTransactions, SqliteRowLocks } from './locking.ts';

/** An open database and what kind it is. */
export interface Connection {
  db: Db;
  dialect: Dialect;
  /** The SQLite file's path, for backups; undefined on PostgreSQL. */
  sqlitePath?: string;
  close(): Promise<void>;
}

/** Options for `connect`: a PostgreSQL URL, or a data directory for the SQLite file. */
export interface ConnectOptions {
  databaseUrl?: string;
  dataDir: string;
  /** Extra Kysely plugins (tests add the tenant guard). */
  plugins?: KyselyPlugin[];
  /** Told when an idle PostgreSQL connection breaks (the pool replaces it on the next query). */
  onIdleError?: (err: Error) => void;
}

/**
 * The pg package, loaded only for PostgreSQL: loading it starts Node's fetch implementation,
 * which was a fifth of a start on SQLite.
 */
export function loadPg(): typeof pg {
  const loaded: typeof pg = createRequire(import.meta.url)('pg');
  // pg returns bigint (count(*)) as text; numbers we store fit in a double.
  loaded.types.setTypeParser(20, (v) => Number(v));
  return loaded;
}

/** Opens the database described by `options`. */
export function connect(options: ConnectOptions): Connection {
  const plugins = [new CamelCasePlugin(), ...(options.plugins ?? [])];
  if (options.databaseUrl) {
    const pool = new (loadPg().Pool)({ connectionString: options.databaseUrl, max: 10 });
    // Without a listener, a broken idle connection (a restarted server) would end the process.
    pool.on('error', (err) => options.onIdleError?.(err));
    // Porch's queries are short index lookups; on a large database the planner starts parallel
    // workers for a large community's (its directory: 2,000 account lookups), and starting them
    // costs more than they save (bench:scale, busy 2-core server: 44–51 ms with, 8 ms without).
    // Queued before the pool hands the connection out, so it precedes the first query.
    pool.on('connect', (client) => {
      client.query('SET max_parallel_workers_per_gather = 0').catch((err) => options.onIdleError?.(err));
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  mkdirSync(options.dataDir, { recursive: true });
  const sqlitePath = join(options.dataDir, 'porch.db');
  const sqlite = new SQLite(sqlitePath);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Locking as platform/db/locking.ts says: the transaction is the lock on SQLite.
  const db = new Kysely<Database>({
    dialect: immediateTransactions(new SqliteDialect({ database: cachingStatements(sqlite) })),
    plugins: [...plugins, new SqliteRowLocks()],
  });
  return { db, dialect: 'sqlite', sqlitePath, close: () => db.destroy() };
}

/** How many prepared SQLite statements to keep (a page runs the same few SQL texts every time). */
const statementCacheSize = 500;

/**
 * `sqlite` for Kysely, keeping prepared statements by SQL text: Kysely prepares every query
 * anew, and preparing costs about as much as running a small indexed query. Reusing one is safe
 * because Kysely runs one query at a time on its single SQLite connection, and SQLite prepares a
 * statement again by itself when a migration changed the schema. The least recently used
 * statement is dropped beyond `statementCacheSize` (IN lists of varying length make new texts).
 */
function cachingStatements(sqlite: SQLite.Database) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (statements.size >= statementCacheSize) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
    close() {
      statements.clear();
      sqlite.close();
    },
  };
}
