/**
 * SQLite's plans of the everyday pages (its planner chooses without statistics; PostgreSQL's plans
 * are checked on thousands of communities by test/query-plans.test.ts): every statement reads a
 * community's table through an index that names the community, never every community's rows.
 * The menu of every page (`platform/porch.ts`, what needs the member) runs on every page
 * rendered, so its statements must also read the member's own rows, never all of the
 * community's (a community with 20,000 messages made the unread count 8 ms of CPU per page).
 * The board and the catalog take their page from an index in the order shown, so a fresh page
 * stops at the page instead of sorting every live post or item of the community. And no statement
 * binds a value SQLite plans with (a LIMIT, a LIKE pattern): SQLite prepares such a statement
 * anew on every run, which cost more than running most of them.
 */
import { CompiledQuery, type LogEvent } from 'kysely';
import { describe, expect, it } from 'vitest';
import { seedCommunity } from '../bench/http-seed.ts';
import { createSession } from '../src/platform/auth/sessions.ts';
import { contextFor } from '../src/platform/context.ts';
import { communityTables } from '../src/platform/db/database.ts';
import { needsMe } from '../src/platform/porch.ts';
import { useTestApp } from './support/app.ts';

const statements = new Map<string, CompiledQuery>();
let recording = false;
const log = (event: LogEvent) => {
  if (recording && event.level === 'query') statements.set(event.query.sql, event.query);
};
const t = useTestApp({}, { dbLog: log });
const sqlite = !process.env.TEST_DATABASE_URL;

/** The table each name in `sql` stands for (`"message" as "m"`: m is message). */
function tablesOf(sql: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const [, table, alias] of sql.matchAll(/(?:from|join) "(\w+)"(?: as "(\w+)")?/g))
    names.set(alias ?? table, table);
  return names;
}

/** The plan of each statement recorded, as `[line, the table it reads, statement]`. */
async function plans(): Promise<[string, string, string][]> {
  const found: [string, string, string][] = [];
  for (const { sql, parameters } of statements.values()) {
    if (!/^\s*(select|update|delete|with)\b/i.test(sql)) continue;
    const names = tablesOf(sql);
    const plan = await t.services.db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${sql}`, [...parameters]),
    );
    for (const { detail } of plan.rows) {
      const name = /^(?:SCAN|SEARCH) (\w+)/.exec(detail)?.[1];
      const table = name && names.get(name);
      if (table && communityTables.includes(table) && table !== 'account') found.push([detail, table, sql]);
    }
  }
  return found;
}

describe.skipIf(!sqlite)('the everyday pages', () => {
  it('read each community table through an index that names the community', async () => {
    const shape = { members: 6, items: 12, posts: 8, varieties: 3 };
    const home = await seedCommunity(t.services, { slug: 'plans-home', name: 'Home', ...shape });
    await seedCommunity(t.services, { slug: 'plans-other', name: 'Other', ...shape });
    const member = t.visitor();
    member.cookies.set('porch_session', await createSession(t.services.db, t.clock, home.memberIds[0]));
    const c = '/c/plans-home';
    const profile = `${c}/members/${home.memberIds[1]}`;
    statements.clear();
    recording = true;
    for (const url of [
      c,
      `${c}/mine`,
      `${c}/board`,
      `${c}/thanks`,
      `${c}/library`,
      `${c}/library?q=ladder`,
      `${c}/library/loans`,
      `${c}/seeds`,
      `${c}/search?q=ladder`,
      `${c}/members`,
      `${c}/members?q=garden`,
      profile,
      `${c}/conversations`,
    ]) {
      expect((await member.get(url)).statusCode, url).toBe(200);
    }
    recording = false;
    // A scan, or an index that does not start with the community (every community's rows), unless
    // it finds one row by its own key.
    const problems = (await plans()).filter(
      ([detail]) =>
        !/\((community_id=\?|id=\?\))|USING INTEGER PRIMARY KEY|USING (COVERING )?INDEX sqlite_autoindex_\w+_1 \(id=\?\)/.test(
          detail,
        ),
    );
    expect(statements.size).toBeGreaterThan(30);
    expect(problems.map(([detail, , sql]) => `${detail} in: ${sql}`)).toEqual([]);
    // Prepared once: a bound LIMIT or LIKE pattern makes SQLite prepare the statement on every run.
    const replanned = [...statements.keys()].filter((sql) => /\b(limit|like) \?(?! \+ 0)/i.test(sql));
    expect([...statements.keys()].some((sql) => / like cast\(\? as text\)/.test(sql))).toBe(true);
    expect(replanned).toEqual([]);
  });
});

describe.skipIf(!sqlite)('the menu of every page', () => {
  it('reads only the member’s own rows of the community, through indexes that name both', async () => {
    const { community, steward } = await t.community();
    const member = await t.member(community);
    statements.clear();
    for (const account of [member, steward]) {
      const ctx = await contextFor(t.services, { accountId: account.id, communityId: community.id });
      recording = true;
      await needsMe(ctx);
      recording = false;
    }

    // The community first, then at least one more column that narrows it to the member's rows (an
    // account, a conversation, a status).
    const problems = (await plans()).filter(([detail]) => {
      const terms = /\((.*)\)/.exec(detail)?.[1].split(' AND ') ?? [];
      return !detail.startsWith('SEARCH') || terms[0] !== 'community_id=?' || terms.length < 2;
    });
    // One statement (migration 0031): the member's tasks not yet done, newest first, through the
    // partial index that holds only those, with no sorting of its own.
    expect([...statements.keys()]).toEqual([expect.stringMatching(/^select .* from "notification" where/)]);
    const details = (await plans()).map(([detail]) => detail);
    expect(details.some((d) => d.includes('notification_needs_idx'))).toBe(true);
    expect(details.filter((d) => d.includes('TEMP B-TREE'))).toEqual([]);
    expect(problems.map(([detail, , sql]) => `${detail} in: ${sql}`)).toEqual([]);
  });
});

describe.skipIf(!sqlite)('the board, the catalog and the members directory', () => {
  it('walk their page in the order shown, not sort every live post, item or member of the community', async () => {
    const home = await seedCommunity(t.services, {
      slug: 'order-home',
      name: 'Home',
      members: 4,
      items: 40,
      posts: 40,
      varieties: 1,
    });
    const member = t.visitor();
    member.cookies.set('porch_session', await createSession(t.services.db, t.clock, home.memberIds[0]));
    statements.clear();
    recording = true;
    for (const url of [
      '/c/order-home/board',
      '/c/order-home/library',
      '/c/order-home/members',
      '/c/order-home/members?q=neighbor',
      `/c/order-home/members?after=${home.memberIds[1]}`,
      `/c/order-home/members?before=${home.memberIds[2]}`,
    ])
      expect((await member.get(url)).statusCode, url).toBe(200);
    recording = false;

    const sorts: string[] = [];
    let pages = 0;
    for (const { sql, parameters } of statements.values()) {
      const board = /order by "post"."urgent" desc/.test(sql);
      if (
        !board &&
        !/order by "item"."name"|order by "membership"."sort_name" \w+, "membership"."account_id" \w+ limit/.test(
          sql,
        )
      )
        continue;
      pages++;
      const plan = await t.services.db.executeQuery<{ id: number; parent: number; detail: string }>(
        CompiledQuery.raw(`explain query plan ${sql}`, [...parameters]),
      );
      // The board sorts the page's few rows it read by id; the page itself (the subquery) and the
      // catalog's page must come from an index in their order.
      const subquery = plan.rows.find((r) => r.detail.startsWith('LIST SUBQUERY'))?.id;
      for (const r of plan.rows)
        if (r.detail.startsWith('USE TEMP B-TREE') && (!board || r.parent === subquery))
          sorts.push(`${r.detail} in: ${sql}`);
    }
    // The board, the catalog, and the directory's first page, its search, the pages after and before.
    expect(pages).toBe(6);
    expect(sorts).toEqual([]);
  });
});
