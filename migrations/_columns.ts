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
