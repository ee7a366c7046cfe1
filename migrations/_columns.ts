/**
 * Portable column types for migrations, frozen with them (never import app code here: a
 * migration must keep meaning what it meant when it was written).
 * Ids are text UUIDv7; instants are fixed-width ISO-8601 UTC text, comparable as text on both
 * dialects; flags are integers 0/1 (SQLite has no boolean).
 */
export type Dialect = 'sqlite' | 'postgres';

/** Column data types for `dialect`. */
export function columns(dialect: Dialect) {
  return {
    id: 'text',
    instant: 'text',
    text: 'text',
    flag: 'integer',
    integer: 'integer',
    real: dialect === 'postgres' ? 'double precision' : 'real',
  } as const;
}

/**
 * A migration's rows with camelCase keys, whatever the connection: the app migrates through its
 * CamelCasePlugin, which hands a row's `display_name` back as `displayName`; a bare connection
 * does not. A migration that reads rows reads them through this, by their camelCase keys (one
 * that read `row.display_name` got undefined, and failed on every database holding data).
 */
export function camelRows(rows: readonly Record<string, any>[]): any[] {
  return rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), v]),
    ),
  );
}
