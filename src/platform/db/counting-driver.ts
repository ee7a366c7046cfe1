/**
 * A Kysely dialect wrapper that tells `DataChanges` which tables each committed write touched,
 * and records which tables each read touched while a `trackReads` call is running. A DELETE
 * counts as a write to every table (foreign keys may cascade it anywhere), as does raw SQL that
 * writes without naming a table Porch knows.
 */
import type {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from 'kysely';
import { type DataChanges, trackedReads } from './changes.ts';

const readOnlyRaw = /^\s*(select|pragma|explain|show)\b/i;
const words = /[A-Za-z_][A-Za-z0-9_]*/g;

/** Whether `query` may write: any insert/update/delete/merge, and raw SQL that is not a read. */
function writes(query: CompiledQuery): boolean {
  const kind = query.query.kind;
  if (kind === 'SelectQueryNode') return false;
  if (kind === 'RawNode') return !readOnlyRaw.test(query.sql);
  return true;
}

/** Adds to `into` the tables `node` names: table nodes, and known names inside raw SQL. */
function collectTables(node: unknown, known: Set<string>, into: Set<string>): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) collectTables(item, known, into);
    return;
  }
  const n = node as { kind?: string; table?: { identifier?: { name?: string } }; sqlFragments?: string[] };
  if (n.kind === 'TableNode' && n.table?.identifier?.name) {
    into.add(n.table.identifier.name);
    return;
  }
  if (n.kind === 'RawNode' && n.sqlFragments) {
    for (const fragment of n.sqlFragments)
      for (const word of fragment.match(words) ?? []) {
        if (known.has(word)) into.add(word);
      }
  }
  for (const value of Object.values(n))
    if (value && typeof value === 'object') collectTables(value, known, into);
}

/** The tables a write changes, or undefined when any table may have changed. */
function writtenTables(query: CompiledQuery, changes: DataChanges): Set<string> | undefined {
  if (query.query.kind === 'DeleteQueryNode' || /^\s*delete\b/i.test(query.sql)) return undefined;
  const tables = new Set<string>();
  collectTables(query.query, changes.known, tables);
  return tables.size > 0 ? tables : undefined;
}

/** A connection that reports its writes: at once outside a transaction, at COMMIT inside one. */
class CountingConnection implements DatabaseConnection {
  inTransaction = false;
  /** Tables written in the open transaction; null when any table may have been. */
  dirty: Set<string> | null = new Set();
  constructor(
    readonly inner: DatabaseConnection,
    private readonly changes: DataChanges,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.inner.executeQuery<R>(query);
    if (!writes(query)) {
      const tracked = trackedReads();
      if (tracked) {
        const read = new Set<string>();
        collectTables(query.query, this.changes.known, read);
        for (const table of read) tracked.add(this.changes.sourceOf(table));
      }
    } else {
      const tables = writtenTables(query, this.changes);
      if (!this.inTransaction) this.changes.committed(tables);
      else if (!tables) this.dirty = null;
      else if (this.dirty) for (const t of tables) this.dirty.add(t);
    }
    return result;
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }

  /** Reports the transaction's writes (after COMMIT) and forgets them. */
  settle(committed: boolean): void {
    if (committed && (this.dirty === null || this.dirty.size > 0))
      this.changes.committed(this.dirty ?? undefined);
    this.inTransaction = false;
    this.dirty = new Set();
  }
}

/** `dialect` whose driver reports committed writes (and tracked reads) to `changes`. */
export function countingWrites(dialect: Dialect, changes: DataChanges): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver: () => countingDriver(dialect.createDriver(), changes),
  };
}

function countingDriver(inner: Driver, changes: DataChanges): Driver {
  const wrappers = new WeakMap<DatabaseConnection, CountingConnection>();
  const unwrap = (c: DatabaseConnection) => (c as CountingConnection).inner;
  type Compile = QueryCompiler['compileQuery'];
  const driver: Driver = {
    init: () => inner.init(),
    async acquireConnection() {
      const connection = await inner.acquireConnection();
      let wrapper = wrappers.get(connection);
      if (!wrapper) {
        wrapper = new CountingConnection(connection, changes);
        wrappers.set(connection, wrapper);
      }
      return wrapper;
    },
    async beginTransaction(c: DatabaseConnection, settings: TransactionSettings) {
      await inner.beginTransaction(unwrap(c), settings);
      (c as CountingConnection).inTransaction = true;
    },
    async commitTransaction(c: DatabaseConnection) {
      try {
        await inner.commitTransaction(unwrap(c));
      } finally {
        // Even a failed COMMIT may have written (and a spare bump only costs a cache miss).
        (c as CountingConnection).settle(true);
      }
    },
    async rollbackTransaction(c: DatabaseConnection) {
      (c as CountingConnection).settle(false);
      await inner.rollbackTransaction(unwrap(c));
    },
    releaseConnection: (c: DatabaseConnection) => inner.releaseConnection(unwrap(c)),
    destroy: () => inner.destroy(),
  };
  if (inner.savepoint) {
    driver.savepoint = (c: DatabaseConnection, name: string, compile: Compile) =>
      inner.savepoint!(unwrap(c), name, compile);
  }
  if (inner.rollbackToSavepoint) {
    driver.rollbackToSavepoint = (c: DatabaseConnection, name: string, compile: Compile) =>
      inner.rollbackToSavepoint!(unwrap(c), name, compile);
  }
  if (inner.releaseSavepoint) {
    driver.releaseSavepoint = (c: DatabaseConnection, name: string, compile: Compile) =>
      inner.releaseSavepoint!(unwrap(c), name, compile);
  }
  return driver;
}
