/**
 * The everyday pages run queries compiled once (`platform/db/prepared.ts`): building a Kysely
 * query, passing it through the plugins and compiling it costs more CPU than running a small
 * indexed statement, and a page rendered anew after every write (the board, the catalog, search,
 * the directory, a member's page, and the menu on all of them) would pay it on every view. A
 * query added to one of them as a plain builder (the menu's unread-notifications count was one,
 * 7 % of a fresh board) shows here as a compilation on a second rendering.
 */
import { DefaultQueryCompiler, sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { seedCommunity } from '../bench/http-seed.ts';
import { createSession } from '../src/platform/auth/sessions.ts';
import { useTestApp } from './support/app.ts';

const t = useTestApp();

/** The first table a compiled query reads or writes, to name it in a failure. */
const tableOf = (node: unknown) =>
  /"table":\{"kind":"SchemableIdentifierNode","identifier":\{"kind":"IdentifierNode","name":"(\w+)"/.exec(
    JSON.stringify(node),
  )?.[1] ?? '';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a fresh rendering of an everyday page', () => {
  it('compiles no query once the page has been rendered before', async () => {
    const shape = { members: 6, items: 12, posts: 8, varieties: 3 };
    const home = await seedCommunity(t.services, { slug: 'compiled-home', name: 'Home', ...shape });
    const member = t.visitor();
    member.cookies.set('porch_session', await createSession(t.services.db, t.clock, home.memberIds[0]));
    const c = '/c/compiled-home';
    const pages = [
      `${c}/board`,
      `${c}/library`,
      `${c}/library?q=ladder`,
      `${c}/search?q=ladder`,
      `${c}/members`,
      `${c}/members?q=garden`,
      `${c}/members/${home.memberIds[1]}`,
    ];
    // Rendered anew each time: the community's data version moves, as after anyone's write.
    const moveVersion = () =>
      sql`update community_version set version = version + 1 where community_id = ${home.communityId}`.execute(
        t.services.db,
      );
    for (const url of pages) {
      await moveVersion();
      expect((await member.get(url)).statusCode, url).toBe(200);
    }

    const compile = vi.spyOn(DefaultQueryCompiler.prototype, 'compileQuery');
    const compiled: string[] = [];
    for (const url of pages) {
      await moveVersion();
      compile.mockClear();
      const res = await member.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['x-cache'], url).toBeUndefined();
      for (const [node] of compile.mock.calls) compiled.push(`${url}: ${node.kind} ${tableOf(node)}`);
    }
    // The version's move above is compiled outside the pages (mockClear before each request).
    expect(compiled).toEqual([]);
  });
});
