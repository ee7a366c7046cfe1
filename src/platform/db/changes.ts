/**
 * Knowing when the data changed, so caches can hold rendered pages and resolved sessions without
 * ever serving what a committed write made stale. A version number moves forward after every
 * committed write: this process's own (counted by wrapping the Kysely driver, after COMMIT, so
 * a reader never caches data older than the version it saw), another process's on the same
 * SQLite file (`PRAGMA data_version`, https://sqlite.org/pragma.html#pragma_data_version), or
 * another process's on PostgreSQL (told through the event bus, which NOTIFYs after commit).
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

/** The data version: read it before reading data; a cached value is fresh while it is unchanged. */
export class DataChanges {
  #local = 0;
  #elsewhere = 0;
  readonly #external: () => number;
  readonly #listeners: (() => void)[] = [];

  /** `external`: a counter moved by other connections' commits (SQLite's data_version), if any. */
  constructor(external: () => number = () => 0) {
    this.#external = external;
  }

  /** The current version (an integer that only grows). */
  version(): number {
    return this.#local + this.#elsewhere + this.#external();
  }

  /** Records a committed write of this process and tells the listeners (the event bus relay). */
  committed(): void {
    this.#local++;
    for (const listener of this.#listeners) listener();
  }

  /** Records a write another process committed (told by the event bus). */
  changedElsewhere(): void {
    this.#elsewhere++;
  }

  /** Calls `listener` after each committed write of this process. */
  onCommit(listener: () => void): void {
    this.#listeners.push(listener);
  }
}

const readOnlyRaw = /^\s*(select|pragma|explain|show)\b/i;

/** Whether `query` may write: any insert/update/delete/merge, and raw SQL that is not a read. */
function writes(query: CompiledQuery): boolean {
  const kind = query.query.kind;
  if (kind === 'SelectQueryNode') return false;
  if (kind === 'RawNode') return !readOnlyRaw.test(query.sql);
  return true;
}

/** A connection that counts its writes: at once outside a transaction, at COMMIT inside one. */
class CountingConnection implements DatabaseConnection {
  inTransaction = false;
  dirty = false;
  constructor(
    readonly inner: DatabaseConnection,
    private readonly changes: DataChanges,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.inner.executeQuery<R>(query);
    if (writes(query)) {
      if (this.inTransaction) this.dirty = true;
      else this.changes.committed();
    }
    return result;
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

/** `dialect` whose driver reports committed writes to `changes`. */
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
      const w = c as CountingConnection;
      w.inTransaction = true;
      w.dirty = false;
    },
    async commitTransaction(c: DatabaseConnection) {
      const w = c as CountingConnection;
      try {
        await inner.commitTransaction(unwrap(c));
      } finally {
        // Even a failed COMMIT may have written (and a spare bump only costs a cache miss).
        w.inTransaction = false;
        if (w.dirty) changes.committed();
        w.dirty = false;
      }
    },
    async rollbackTransaction(c: DatabaseConnection) {
      const w = c as CountingConnection;
      w.inTransaction = false;
      w.dirty = false;
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

/** Limits of a `VersionedCache`: entries kept (least recently used dropped first) and their age. */
export interface CacheLimits {
  maxEntries: number;
  /** Milliseconds of the service clock an entry stays usable, for what depends on the time. */
  maxAgeMs: number;
}

/**
 * A least-recently-used map whose entries count only at the data version they were read at:
 * `set` takes the version read *before* the data, so a write committed meanwhile leaves the entry
 * stale at once. Ages are measured on the service clock (tests move it).
 */
export class VersionedCache<V> {
  readonly #entries = new Map<string, { version: number; at: number; value: V }>();
  constructor(
    private readonly now: () => number,
    private readonly limits: CacheLimits,
  ) {}

  /** The value at `key` if it was stored at `version` and is young enough. */
  get(key: string, version: number): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (entry.version !== version || this.now() - entry.at >= this.limits.maxAgeMs) return undefined;
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** Stores `value` at `key`, read at data `version`. */
  set(key: string, version: number, value: V): void {
    this.#entries.delete(key);
    if (this.#entries.size >= this.limits.maxEntries)
      this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, { version, at: this.now(), value });
  }
}
