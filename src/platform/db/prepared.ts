/**
 * Queries built and compiled once, then run with each request's values. Building a Kysely query
 * (an immutable tree, copied at each step), passing it through the plugins (the camelCase
 * plugin copies the whole tree) and compiling it to SQL cost more CPU than running a small
 * indexed query on SQLite; an everyday page ran that for every statement, every time.
 *
 * A prepared query is written as any other, except that each value of the run is a stand-in,
 * `slot(name)`, replaced in the compiled parameters when it runs. The plugins see the query once
 * per database and shape (the tenant guard in tests included), as they would on each run.
 */
import type { Compilable, CompiledQuery } from 'kysely';
import type { Db } from './database.ts';

/** Marks a stand-in among a compiled query's parameters (no value a page passes holds it). */
const mark = '\u0000slot:';

/** A compiled query and, for each parameter that is a slot, the slot's name. */
interface Compiled<Row> {
  query: CompiledQuery<Row>;
  slots: (string | undefined)[];
}

/**
 * A query of `build`, built and compiled once per database and shape, run with `values` in its
 * slots; resolves to its rows. `build` is given the slots and the first values of the shape,
 * to see which options are set: whatever adds a clause or changes a list's length must be in
 * `shapeOf(values)`; a boolean value is such an option, never a slot. A slot may be used only
 * as a whole value: one made part of another value (`${slot('q')}%`), or never used while its
 * value is defined (a value written into the query as it was the first time), throws when
 * first compiled. Values are passed as Kysely would pass them: no plugin may need to change one.
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
    const shape = shapeOf(values);
    let found = shapes.get(shape);
    if (!found) {
      const given = values as Record<string, unknown>;
      const named = Object.keys(given).filter(
        (name) => given[name] !== undefined && typeof given[name] !== 'boolean',
      );
      found = compile(
        build(db, (name) => `${mark}${name}` as never, values),
        named,
      );
      shapes.set(shape, found);
    }
    const { query, slots } = found;
    const parameters = query.parameters.map((p, i) => {
      const name = slots[i];
      return name === undefined ? p : (values as Record<string, unknown>)[name];
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
    const name = p.slice(mark.length);
    used.add(name);
    return name;
  });
  const unused = names.filter((name) => !used.has(name));
  if (unused.length) throw new Error(`slots not in the query: ${unused.join(', ')}`);
  return { query: compiled, slots };
}
