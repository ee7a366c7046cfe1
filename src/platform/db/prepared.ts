/**
 * Queries built and compiled once, then run with each request's values. Building a Kysely query
 * (an immutable tree, copied at each step), passing it through the plugins (the camelCase
 * plugin copies the whole tree) and compiling it to SQL cost more CPU than running a small
 * indexed query on SQLite; an everyday page ran that for every statement, every time.
 *
 * A prepared query is written as any other, except that each value of the run is a stand-in,
 * `slot(name)`, replaced in the compiled parameters when it runs; a list (`in (…)`) is a list of
 * stand-ins, one per element. The plugins see the query once per database and shape (the tenant
 * guard in tests included), as they would on each run.
 */
import { type Compilable, type CompiledQuery, type RawBuilder, sql } from 'kysely';
import type { Db } from './database.ts';

/** Marks a stand-in among a compiled query's parameters (no value a page passes holds it). */
const mark = '\u0000slot:';

/** Where a parameter's value is taken from: a slot's value, or one element of a list slot's. */
interface Slot {
  name: string;
  /** The element's index, for a list. */
  index?: number;
}

/** A compiled query and, for each parameter that is a slot, where its value is taken from. */
interface Compiled<Row> {
  query: CompiledQuery<Row>;
  slots: (Slot | undefined)[];
}

/**
 * A query of `build`, built and compiled once per database and shape, run with `values` in its
 * slots; resolves to its rows. `build` is given the slots and the first values of the shape,
 * to see which options are set: whatever adds a clause must be in `shapeOf(values)`; a boolean
 * value is such an option, never a slot. A list value's slot is a list of as many stand-ins, and
 * its length is part of the shape (an empty list must not reach the query: `in ()` is no SQL). A
 * slot may be used only as a whole value: one made part of another value (`${slot('q')}%`), or
 * never used while its value is defined (a value written into the query as it was the first
 * time), throws when first compiled. Values are passed as Kysely would pass them: no plugin may
 * need to change one.
 */
export function prepared<Values extends object, Row>(
  build: (
    db: Db,
    slot: <K extends keyof Values & string>(name: K) => NonNullable<Values[K]>,
    values: Values,
  ) => Compilable<Row>,
  shapeOf: (values: Values) => string = () => '',
): (db: Db, values: Values) => Promise<Row[]> {
  const compiled = new WeakMap<Db, Map<string, Compiled<Row>>>();
  return async (db, values) => {
    let shapes = compiled.get(db);
    if (!shapes) {
      shapes = new Map();
      compiled.set(db, shapes);
    }
    const given = values as Record<string, unknown>;
    let shape = shapeOf(values);
    for (const name in given) {
      const value = given[name];
      if (Array.isArray(value)) shape += ` ${name}:${value.length}`;
    }
    let found = shapes.get(shape);
    if (!found) {
      const named = Object.keys(given).filter((name) => {
        const value = given[name];
        return value !== undefined && typeof value !== 'boolean' && !(Array.isArray(value) && !value.length);
      });
      const stand = (name: string) => {
        const value = given[name];
        return Array.isArray(value) ? value.map((_, i) => `${mark}${name}[${i}]`) : `${mark}${name}`;
      };
      found = compile(build(db, stand as never, values), named);
      shapes.set(shape, found);
    }
    const { query, slots } = found;
    const parameters = query.parameters.map((p, i) => {
      const slot = slots[i];
      if (slot === undefined) return p;
      const value = given[slot.name];
      return slot.index === undefined ? value : (value as unknown[])[slot.index];
    });
    const result = await db.executeQuery<Row>({ ...query, parameters });
    return result.rows;
  };
}

/** Compiles `query`, finding its slots; throws when a slot is misused or one of `names` unused. */
function compile<Row>(query: Compilable<Row>, names: string[]): Compiled<Row> {
  const compiled = query.compile();
  const used = new Set<string>();
  const slots = compiled.parameters.map((p) => {
    if (typeof p !== 'string' || !p.includes(mark)) return undefined;
    if (!p.startsWith(mark)) throw new Error(`a slot is part of the value ${JSON.stringify(p)}`);
    const [, name, index] = /^(\w+)(?:\[(\d+)\])?$/.exec(p.slice(mark.length)) ?? [];
    if (name === undefined) throw new Error(`a slot is part of the value ${JSON.stringify(p)}`);
    used.add(name);
    return index === undefined ? { name } : { name, index: Number(index) };
  });
  const unused = names.filter((name) => !used.has(name));
  if (unused.length) throw new Error(`slots not in the query: ${unused.join(', ')}`);
  return { query: compiled, slots };
}

/**
 * `list` for an `in (…)` slot, padded to a power of two with its last element (which changes no
 * `in`): a list of any length from 1 to 2^n compiles to n + 1 shapes, not one per length. A
 * list of 0 is returned as it is (never an `in`'s: callers answer without a query).
 */
export function padded<T>(list: readonly T[]): T[] {
  if (list.length < 2) return [...list];
  const size = 2 ** Math.ceil(Math.log2(list.length));
  const out = [...list];
  while (out.length < size) out.push(list[list.length - 1]);
  return out;
}

/**
 * A LIKE pattern bound as a value (`x like ${likePattern(v)}`), written so SQLite does not plan
 * with it: SQLite prepares a statement with `like ?` anew on every run (the bound pattern might
 * allow an index's prefix), which Porch's patterns never do (they start with `%`). A cast is not
 * a value to SQLite's planner; on PostgreSQL it changes nothing. The same holds for a bound LIMIT,
 * which the SQLite compiler writes as `? + 0` (`connect.ts`).
 */
export function likePattern(value: string): RawBuilder<string> {
  return sql<string>`cast(${value} as text)`;
}
