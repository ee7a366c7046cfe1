import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from './connect.ts';
import type { Db } from './database.ts';
import { padded, prepared } from './prepared.ts';

const dir = mkdtempSync(join(tmpdir(), 'porch-prepared-'));
const c = connect({ dataDir: dir });
// A table of the schema's own, read through the typed builder.
const db = c.db as unknown as Db;
beforeAll(async () => {
  await sql`create table tool (id text, community_id text, name text, kind text)`.execute(db);
  await sql`insert into tool values ('1', 'a', 'ladder', 'lend'), ('2', 'a', 'saw', 'give'), ('3', 'b', 'drill', 'lend')`.execute(
    db,
  );
});
afterAll(async () => {
  await c.close();
  rmSync(dir, { recursive: true, force: true });
});

type Tool = { id: string; name: string };
/** The tools of a community, from a table of this test's own. */
const from = (db: Db) =>
  (db as unknown as Kysely<{ tool: Tool & { communityId: string; kind: string } }>)
    .selectFrom('tool')
    .select(['id', 'name']);

describe('a prepared query', () => {
  it('runs with each call’s values in its slots, one compiled query per shape', async () => {
    const tools = prepared<{ community: string; kind?: string }, Tool>(
      (db, slot, { kind }) => {
        let q = from(db).where('communityId', '=', slot('community'));
        if (kind) q = q.where('kind', '=', slot('kind'));
        return q.orderBy('id');
      },
      ({ kind }) => String(Boolean(kind)),
    );
    expect(await tools(db, { community: 'a' })).toEqual([
      { id: '1', name: 'ladder' },
      { id: '2', name: 'saw' },
    ]);
    expect(await tools(db, { community: 'a', kind: 'give' })).toEqual([{ id: '2', name: 'saw' }]);
    expect(await tools(db, { community: 'b', kind: 'lend' })).toEqual([{ id: '3', name: 'drill' }]);
    expect(await tools(db, { community: 'b' })).toEqual([{ id: '3', name: 'drill' }]);
  });

  it('runs a list slot with each element in its place, one compiled query per length', async () => {
    const compiled: string[] = [];
    const tools = prepared<{ community: string; ids: string[] }, Tool>((db, slot) => {
      const q = from(db).where('communityId', '=', slot('community')).where('id', 'in', slot('ids'));
      compiled.push(q.compile().sql);
      return q.orderBy('id');
    });
    expect(await tools(db, { community: 'a', ids: ['1', '3'] })).toEqual([{ id: '1', name: 'ladder' }]);
    expect(await tools(db, { community: 'b', ids: ['2', '3'] })).toEqual([{ id: '3', name: 'drill' }]);
    expect(await tools(db, { community: 'a', ids: ['2'] })).toEqual([{ id: '2', name: 'saw' }]);
    expect(await tools(db, { community: 'a', ids: ['1', '2', '3'] })).toEqual([
      { id: '1', name: 'ladder' },
      { id: '2', name: 'saw' },
    ]);
    // Lengths 2, 1 and 3: each compiled once.
    expect(compiled.map((s) => s.match(/\?/g)?.length)).toEqual([3, 2, 4]);
  });

  it('pads an in-list to a power of two with its last element, the same rows for fewer shapes', async () => {
    expect(padded([])).toEqual([]);
    expect(padded(['1'])).toEqual(['1']);
    expect(padded(['1', '2', '3'])).toEqual(['1', '2', '3', '3']);
    expect(padded(['1', '2', '3', '4', '5'])).toHaveLength(8);
    const tools = prepared<{ ids: string[] }, Tool>((db, slot) =>
      from(db).where('id', 'in', slot('ids')).orderBy('id'),
    );
    expect(await tools(db, { ids: padded(['3', '1', '2']) })).toHaveLength(3);
  });

  it('refuses a slot made part of another value, and a slot with a value the query does not use', async () => {
    const partly = prepared<{ q: string }, Tool>((db, slot) =>
      from(db).where('name', 'like', `%${slot('q')}%`),
    );
    await expect(partly(db, { q: 'lad' })).rejects.toThrow(/part of the value/);
    const unused = prepared<{ community: string; kind: string }, Tool>((db, slot) =>
      from(db).where('communityId', '=', slot('community')),
    );
    await expect(unused(db, { community: 'a', kind: 'lend' })).rejects.toThrow(/not in the query: kind/);
  });
});
