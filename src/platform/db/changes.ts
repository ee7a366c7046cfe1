/**
 * Knowing when the data changed, so caches can hold rendered pages and resolved sessions without
 * ever serving what a committed write made stale. Every table has a version that moves forward
 * after each committed write to it by this process (counted by the driver wrapper in
 * `counting-driver.ts`, after COMMIT, so a reader never caches data older than what it saw).
 * Writes whose tables cannot be told (raw SQL naming none), another process's writes to the same
 * SQLite file (`PRAGMA data_version`, https://sqlite.org/pragma.html#pragma_data_version) and
 * another process's on PostgreSQL (told through the event bus, which NOTIFYs after commit) move
 * every table at once. A cached value records the versions of the tables it was read from
 * (`Validity`) and counts while they stand still.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** The versions of some tables at a moment: a cached value is current while they are unchanged. */
export interface Validity {
  /** The version shared by every table (moved by writes to unknown tables, other processes). */
  readonly base: number;
  readonly tables: readonly (readonly [string, number])[];
}

/** The tables read while a request renders, collected by the driver (see `trackReads`). */
const reads = new AsyncLocalStorage<Set<string>>();

/**
 * Runs `fn` (and everything it awaits) recording into `tables` each table a query reads — for a
 * cache that must know what its value depends on.
 */
export function trackReads<R>(tables: Set<string>, fn: () => R): R {
  return reads.run(tables, fn);
}

/** Runs `fn` without recording its reads (for a cache that names its own dependencies). */
export function untracked<R>(fn: () => R): R {
  return reads.exit(fn);
}

/**
 * Records `tables` as read by the current `trackReads` call, if any: for a value served from an
 * in-process cache, which depends on those tables though no query ran.
 */
export function dependOn(tables: Iterable<string>): void {
  const set = reads.getStore();
  if (set) for (const table of tables) set.add(table);
}

/** The set the current `trackReads` call records into, if any. */
export function trackedReads(): Set<string> | undefined {
  return reads.getStore();
}

/** The per-table data versions of one database, as this process knows them. */
export class DataChanges {
  #all = 0;
  #elsewhere = 0;
  #writes = 0;
  readonly #tables = new Map<string, number>();
  readonly #external: () => number;
  readonly #listeners: (() => void)[] = [];
  /** Names raw SQL may mention (learnt after migrations), and tables derived from others. */
  known = new Set<string>();
  readonly #derived = new Map<string, string>();

  /** `external`: a counter moved by other connections' commits (SQLite's data_version), if any. */
  constructor(external: () => number = () => 0) {
    this.#external = external;
  }

  /** A number that moves on every committed write anywhere (for "did anything change?"). */
  version(): number {
    return this.#writes + this.#elsewhere + this.#external();
  }

  #base(): number {
    return this.#all + this.#elsewhere + this.#external();
  }

  /** The current versions of `tables`. */
  validity(tables: Iterable<string>): Validity {
    return { base: this.#base(), tables: [...tables].map((t) => [t, this.#tables.get(t) ?? 0] as const) };
  }

  /** Whether nothing `validity` covers was written since it was taken. */
  isCurrent(validity: Validity): boolean {
    if (validity.base !== this.#base()) return false;
    for (const [table, version] of validity.tables)
      if ((this.#tables.get(table) ?? 0) !== version) return false;
    return true;
  }

  /**
   * Declares that `table` is kept from `source` (an index kept by triggers): reading it counts
   * as reading `source`, whose writes are what change it.
   */
  derive(table: string, source: string): void {
    this.#derived.set(table, source);
  }

  /** The table a read of `table` depends on. */
  sourceOf(table: string): string {
    return this.#derived.get(table) ?? table;
  }

  /** Records a committed write of this process to `tables` (undefined: any table). */
  committed(tables?: Iterable<string>): void {
    this.#writes++;
    if (tables) for (const t of tables) this.#tables.set(t, (this.#tables.get(t) ?? 0) + 1);
    else this.#all++;
    for (const listener of this.#listeners) listener();
  }

  /** Records a write another process committed (told by the event bus): every table moves. */
  changedElsewhere(): void {
    this.#elsewhere++;
  }

  /** Calls `listener` after each committed write of this process. */
  onCommit(listener: () => void): void {
    this.#listeners.push(listener);
  }
}

/** Limits of a `ValidatedCache`: entries kept (least recently used dropped first) and their age. */
export interface CacheLimits {
  maxEntries: number;
  /** Milliseconds of the service clock an entry stays usable, for what depends on the time. */
  maxAgeMs: number;
}

/**
 * A least-recently-used map whose entries count while their `Validity` is current: take it
 * *before* reading the data (or check afterwards that nothing was written meanwhile), so a write
 * committed meanwhile leaves the entry stale at once. Ages are measured on the service clock
 * (tests move it).
 */
export class ValidatedCache<V> {
  readonly #entries = new Map<string, { validity: Validity; at: number; value: V }>();
  constructor(
    private readonly changes: DataChanges,
    private readonly now: () => number,
    private readonly limits: CacheLimits,
  ) {}

  /** The value at `key` if nothing it was read from has changed and it is young enough. */
  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (!this.changes.isCurrent(entry.validity) || this.now() - entry.at >= this.limits.maxAgeMs)
      return undefined;
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** Stores `value` at `key`, valid while `validity` is current. */
  set(key: string, validity: Validity, value: V): void {
    this.#entries.delete(key);
    if (this.#entries.size >= this.limits.maxEntries)
      this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, { validity, at: this.now(), value });
  }
}
