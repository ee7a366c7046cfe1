/**
 * Every page of a member shows in its menu what needs them (`platform/porch.ts`): those statements
 * run on every page rendered, so each must read the member's own rows of the community, never
 * all of the community's (a community with 20,000 messages made the unread count 8 ms of CPU on
 * every page) nor every community's. Checked on SQLite, whose planner chooses without statistics
 * (PostgreSQL's plans are checked on thousands of communities by test/query-plans.test.ts).
 */
import { CompiledQuery, type LogEvent } from 'kysely';
import { describe, expect, it } from 'vitest';
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

    const problems: string[] = [];
    for (const { sql, parameters } of statements.values()) {
      const names = tablesOf(sql);
      const plan = await t.services.db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${sql}`, [...parameters]),
      );
      for (const { detail } of plan.rows) {
        const [, how, name, condition] = /^(SCAN|SEARCH) (\w+)[^(]*(?:\((.*)\))?/.exec(detail) ?? [];
        const table = name && names.get(name);
        if (!table || !communityTables.includes(table) || table === 'account') continue;
        // The community first, then at least one more column that narrows it to the member's rows
        // (an account, a conversation, a status), or the row's own key.
        const terms = condition?.split(' AND ') ?? [];
        const narrowed = terms[0] === 'community_id=?' && terms.length > 1;
        if (how === 'SCAN' || !narrowed) problems.push(`${detail} in: ${sql}`);
      }
    }
    // The statements of the board, the library, conversations, seeds and join requests.
    expect(statements.size).toBeGreaterThanOrEqual(5);
    expect(problems).toEqual([]);
  });
});
