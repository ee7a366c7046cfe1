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
  /** SQLite only: reads that tell whether anything was committed since (see `StampedReads`). */
  stamped?: StampedReads;
  close(): Promise<void>;
}

/**
 * When a SQLite read was made: the file's `PRAGMA data_version` (which moves when another
 * connection, in this process or another, commits: https://sqlite.org/pragma.html#pragma_data_version)
 * and the count of statements that could write run on this connection (its own commits, which
 * data_version does not count).
 */
export interface Stamp {
  dataVersion: number;
  writes: number;
}

/**
 * SQLite reads that know whether what they read still holds: `read` runs a SELECT at once,
 * synchronously, with the stamp taken just before it; `unchanged` tells whether nothing may have
 * been committed since a stamp, by this connection or any other. Both refuse (undefined, false)
 * while a transaction is open on the connection (its writes are not committed yet) or a query is
 * being iterated (it holds an old snapshot open).
 */
export interface StampedReads {
  /** The one row `sql` returns (undefined for none) with the parameters, and its stamp. */
  read(
    sql: string,
    parameters: readonly unknown[],
  ): { stamp: Stamp; row: Record<string, unknown> | undefined } | undefined;
  unchanged(stamp: Stamp): boolean;
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

/**
 * Makes `client`'s 'error' events reach `onError` for as long as it lives. The pool listens on
 * its idle connections only: a connection handed out (inside a transaction, between two
 * statements) that is terminated with no query running emits 'error' with no listener, and
 * Node ends the process for it. The connection is unusable after; its next query fails and the
 * pool drops it when it comes back.
 */
export function guardClient(client: pg.ClientBase, onError: (err: Error) => void): void {
  client.on('error', onError);
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
      guardClient(client, (err) => options.onIdleError?.(err));
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
  const statements = cachingStatements(sqlite, (column) => camelCase.keyOf(column));
  // Locking as platform/db/locking.ts says: the transaction is the lock on SQLite.
  const db = new Kysely<Database>({
    dialect: immediateTransactions(new PreparedOnceDialect({ database: statements })),
    plugins: [camelCase, ...(options.plugins ?? []), new SqliteRowLocks()],
    log: options.log,
  });
  const stamped = stampedReads(sqlite, statements);
  return { db, dialect: 'sqlite', sqlitePath, stamped, close: () => db.destroy() };
}

/** `StampedReads` on `sqlite`, whose statements (and writes) go through `statements`. */
function stampedReads(sqlite: SQLite.Database, statements: CachingStatements): StampedReads {
  const dataVersion = sqlite.prepare('pragma data_version').pluck();
  const { counts } = statements;
  // Inside a transaction its writes are not committed; while a query is being iterated the
  // connection reads an old snapshot, in which data_version does not move either.
  const stampNow = (): Stamp | undefined =>
    sqlite.inTransaction || counts.iterating > 0
      ? undefined
      : { dataVersion: dataVersion.get() as number, writes: counts.writes };
  return {
    read(sql, parameters) {
      const stamp = stampNow();
      if (!stamp) return undefined;
      // In the same synchronous step as the stamp: nothing of this process runs in between,
      // and what another commits after the stamp moves the data version past it.
      return {
        stamp,
        row: statements.prepare(sql).all(parameters)[0] as Record<string, unknown> | undefined,
      };
    },
    unchanged(stamp) {
      const now = stampNow();
      return now !== undefined && now.dataVersion === stamp.dataVersion && now.writes === stamp.writes;
    },
  };
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

/** The statements of `cachingStatements`, and what it counts of them. */
interface CachingStatements {
  prepare(sql: string): DriverStatement;
  /**
   * Runs so far of statements that could change the database (not read-only for SQLite), and
   * the iterations open now (each holds a read transaction, and so an old snapshot, open).
   */
  readonly counts: Readonly<Counts>;
  close(): void;
}

/** What `cachingStatements` counts of the statements run (see `CachingStatements`). */
interface Counts {
  writes: number;
  iterating: number;
}

/**
 * `statement`, counting in `counts` each of its runs when it `writes` (an INSERT, UPDATE, DELETE —
 * with RETURNING too —, or a schema change) and each iteration while it is open.
 */
function watched(statement: DriverStatement, counts: Counts, writes: boolean): DriverStatement {
  return {
    reader: statement.reader,
    all(parameters) {
      if (writes) counts.writes++;
      return statement.all(parameters);
    },
    *iterate(parameters) {
      if (writes) counts.writes++;
      counts.iterating++;
      try {
        yield* statement.iterate(parameters);
      } finally {
        counts.iterating--;
      }
    },
    run(parameters) {
      if (writes) counts.writes++;
      return statement.run(parameters);
    },
  };
}

/**
 * `sqlite` for Kysely, keeping prepared statements by SQL text: Kysely prepares every query
 * anew, and preparing costs about as much as running a small indexed query. Reusing one is safe
 * because Kysely runs one query at a time on its single SQLite connection, and SQLite prepares a
 * statement again by itself when a migration changed the schema; its rows' keys (the columns'
 * names through `key`) are worked out again after any statement that changes the schema. The
 * least recently used statement is dropped beyond `statementCacheSize` (IN lists of varying
 * length make new texts). Counts the runs of statements that may write (SQLite's
 * `sqlite3_stmt_readonly`), for `StampedReads`.
 */
function cachingStatements(sqlite: SQLite.Database, key: (column: string) => string): CachingStatements {
  const statements = new Map<string, DriverStatement>();
  const counts: Counts = { writes: 0, iterating: 0 };
  return {
    counts,
    prepare(sql: string): DriverStatement {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql);
      } else {
        const prepared = sqlite.prepare(sql);
        if (!prepared.reader && changesSchema.test(sql)) {
          statements.clear();
          return watched(prepared as unknown as DriverStatement, counts, true);
        }
        statement = watched(
          prepared.reader ? readingStatement(prepared, key) : (prepared as unknown as DriverStatement),
          counts,
          !prepared.readonly,
        );
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
