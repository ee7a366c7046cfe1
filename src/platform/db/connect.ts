/**
 * Opens the database: PostgreSQL when a URL is given, otherwise the SQLite file
 * `<dataDir>/porch.db` (WAL, foreign keys on, 5 s busy timeout, transactions that take the write
 * lock at once: see `locking.ts`).
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CamelCasePlugin,
  Kysely,
  type KyselyPlugin,
  type LimitNode,
  type LogEvent,
  type PluginTransformResultArgs,
  PostgresDialect,
  type QueryResult,
  SqliteDialect,
  SqliteQueryCompiler,
  type UnknownRow,
} from 'kysely';
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
  /** Told of every statement run, as run (a test that looks at the SQL a page runs). */
  log?: (event: LogEvent) => void;
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
  if (options.databaseUrl) {
    const plugins = [new CamelCasePlugin(), ...(options.plugins ?? [])];
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
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins, log: options.log });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  mkdirSync(options.dataDir, { recursive: true });
  const sqlitePath = join(options.dataDir, 'porch.db');
  const sqlite = new SQLite(sqlitePath);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const camelCase = new SqliteCamelCasePlugin();
  // Locking as platform/db/locking.ts says: the transaction is the lock on SQLite.
  const db = new Kysely<Database>({
    dialect: immediateTransactions(
      new PreparedOnceDialect({
        database: cachingStatements(sqlite, (column) => camelCase.keyOf(column)),
      }),
    ),
    plugins: [camelCase, ...(options.plugins ?? []), new SqliteRowLocks()],
    log: options.log,
  });
  return { db, dialect: 'sqlite', sqlitePath, close: () => db.destroy() };
}

/**
 * SQLite's compiler, writing a bound LIMIT as `? + 0`. SQLite plans with a bound LIMIT's value
 * (a constant to it), so a statement with `limit ?` was prepared anew on every run, as if a
 * different value had been bound: 30 µs for a menu statement finding nothing, 60 µs for the
 * board's (better-sqlite3 on SQLite 3.51, measured: `limit ?` 37 µs, `limit ? + 0` 7 µs, a
 * literal 7 µs). An expression is not a value to plan with; the limit still stops the scan.
 */
class PreparedOnceCompiler extends SqliteQueryCompiler {
  protected override visitLimit(node: LimitNode): void {
    super.visitLimit(node);
    this.append(' + 0');
  }
}

/** SQLite as Kysely speaks it, with `PreparedOnceCompiler`. */
class PreparedOnceDialect extends SqliteDialect {
  override createQueryCompiler(): SqliteQueryCompiler {
    return new PreparedOnceCompiler();
  }
}

/** How many prepared SQLite statements to keep (a page runs the same few SQL texts every time). */
const statementCacheSize = 500;

/**
 * Kysely's camelCase mapping, whose rows come from `cachingStatements` with their keys already
 * camelCased: the plugin would copy every row once more, key by key.
 */
class SqliteCamelCasePlugin extends CamelCasePlugin {
  override async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }

  /** The key a row holds `column` under. */
  keyOf(column: string): string {
    return this.camelCase(column);
  }
}

/** What Kysely's SQLite driver uses of a prepared statement. */
interface DriverStatement {
  reader: boolean;
  all(parameters: readonly unknown[]): unknown[];
  iterate(parameters: readonly unknown[]): IterableIterator<unknown>;
  run(parameters: readonly unknown[]): SQLite.RunResult;
}

/**
 * A reading `statement` whose rows are made here, keyed by `key(column)`: better-sqlite3 builds
 * each row object through V8's C++ API, property by property, which took twice as long as
 * reading the values as an array and building the objects with a function made for the
 * statement's columns (31 posts of 22 columns: 0.20 ms against 0.10 ms). Duplicate names keep
 * the last column, as better-sqlite3 does.
 */
function readingStatement(statement: SQLite.Statement, key: (column: string) => string): DriverStatement {
  const columns = statement.columns().map((c) => JSON.stringify(key(c.name)));
  // Keys are JSON string literals, so no column name can be anything but a key.
  const rowOf = new Function('v', `return {${columns.map((k, i) => `${k}: v[${i}]`).join(', ')}};`) as (
    values: unknown[],
  ) => unknown;
  statement.raw(true);
  return {
    reader: true,
    all: (parameters) => (statement.all(parameters) as unknown[][]).map(rowOf),
    *iterate(parameters) {
      for (const values of statement.iterate(parameters) as Iterable<unknown[]>) yield rowOf(values);
    },
    run: (parameters) => statement.run(parameters),
  };
}

/** A statement that changes the schema: a reading statement's columns may differ after it. */
const changesSchema = /^\s*(create|alter|drop)\b/i;

/**
 * `sqlite` for Kysely, keeping prepared statements by SQL text: Kysely prepares every query
 * anew, and preparing costs about as much as running a small indexed query. Reusing one is safe
 * because Kysely runs one query at a time on its single SQLite connection, and SQLite prepares a
 * statement again by itself when a migration changed the schema; its rows' keys (the columns'
 * names through `key`) are worked out again after any statement that changes the schema. The
 * least recently used statement is dropped beyond `statementCacheSize` (IN lists of varying
 * length make new texts).
 */
function cachingStatements(sqlite: SQLite.Database, key: (column: string) => string) {
  const statements = new Map<string, DriverStatement>();
  return {
    prepare(sql: string): DriverStatement {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql);
      } else {
        const prepared = sqlite.prepare(sql);
        if (!prepared.reader && changesSchema.test(sql)) {
          statements.clear();
          return prepared as unknown as DriverStatement;
        }
        statement = prepared.reader
          ? readingStatement(prepared, key)
          : (prepared as unknown as DriverStatement);
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
