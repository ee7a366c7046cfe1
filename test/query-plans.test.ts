/**
 * Every query the everyday pages, writes and periodic jobs run finds its rows through an index, on a
 * server with thousands of communities (PostgreSQL only: its planner is the one that meets them).
 * The statements are recorded while the pages render, then explained on a generated population of
 * 2,000 communities, with sequential scans disabled: a sequential scan of a table of more than
 * `largeRows` rows (no index fits), or an index read from end to end, is a missing index that would
 * cost seconds with ten thousand communities (`npm run bench:scale` measures what it costs).
 */
import type { CompiledQuery, LogEvent } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  analyze,
  everydayPages,
  itemId,
  memberId,
  populate,
  type Shape,
  slugOf,
} from '../bench/scale-population.ts';
import { createSession } from '../src/platform/auth/sessions.ts';
import { communityTables } from '../src/platform/db/database.ts';
import { type Client, useTestApp } from './support/app.ts';

/** Tables this large must never be read whole. */
const largeRows = 1000;

/**
 * Records every statement run while `recording`, as run: the SQL and the values of its first
 * run (a query compiled once, `platform/db/prepared.ts`, is seen on each run with its values).
 */
class Recorder {
  readonly statements = new Map<string, CompiledQuery>();
  recording = false;

  readonly log = (event: LogEvent) => {
    if (this.recording && event.level === 'query' && !this.statements.has(event.query.sql))
      this.statements.set(event.query.sql, event.query);
  };
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

function* nodes(plan: PlanNode): Generator<PlanNode> {
  yield plan;
  for (const child of plan.Plans ?? []) yield* nodes(child);
}

const postgres = Boolean(process.env.TEST_DATABASE_URL);

const shape = (prefix: string, tag: number, communities: number, members: number): Shape => ({
  prefix,
  tag,
  communities,
  members,
  items: 3,
  posts: 2,
  varieties: 1,
});
const street = shape('street', 1, 2000, 5);
const big = { ...shape('big', 2, 1, 300), items: 300, posts: 100, varieties: 20 };
const home = shape('home', 3, 1, 20);

describe.skipIf(!postgres)('query plans with thousands of communities', () => {
  const recorder = new Recorder();
  const t = useTestApp({}, { dbLog: recorder.log });
  let admin: pg.Client;

  beforeAll(async () => {
    const now = t.clock.now();
    for (const s of [street, big, home]) await populate(t.services.db, s, now);
    await analyze(t.services.db);
    admin = new pg.Client({ connectionString: t.services.config.databaseUrl });
    await admin.connect();
    // A sequential scan then appears only where no index fits (whatever the table's size now).
    await admin.query('set enable_seqscan = off');
  });
  // Registered after the app's, so it runs before the test database is dropped.
  afterAll(() => admin?.end());

  it('every statement of the everyday pages, writes and jobs uses an index on a large table', async () => {
    const clients = new Map<string, Client>();
    const clientFor = async (who: string) => {
      if (!clients.has(who)) {
        const client = t.visitor();
        const account = {
          member: memberId(home, 1, 2),
          steward: memberId(home, 1, 1),
          bigMember: memberId(big, 1, 2),
        }[who as 'member'];
        if (account)
          client.cookies.set('porch_session', await createSession(t.services.db, t.clock, account));
        clients.set(who, client);
      }
      return clients.get(who)!;
    };
    recorder.recording = true;
    for (const [name, who, url] of everydayPages(home, big)) {
      const res = await (await clientFor(who)).get(
        url,
        url.startsWith('/api/') ? { accept: 'application/json' } : {},
      );
      expect(res.statusCode, name).toBe(200);
    }
    // The everyday writes: a post, an answer to it, a loan request, a sign-in link and its use.
    const api = `/api/v1/communities/${slugOf(home, 1)}`;
    const member = await clientFor('member');
    const post = await member.api('POST', `${api}/posts`, {
      kind: 'request',
      title: 'A ladder',
      category: 'tools',
    });
    expect(post.statusCode).toBe(201);
    const steward = await clientFor('steward');
    const answer = await steward.api('POST', `${api}/posts/${post.json().id}/respond`, {
      message: 'I have one',
    });
    expect(answer.statusCode).toBe(201);
    const day = t.clock.now().toLocaleDateString('en-CA', { timeZone: 'America/Chicago' });
    const loan = await member.api('POST', `${api}/items/${itemId(home, 1, 3)}/loans`, {
      startsOn: day,
      dueOn: day,
    });
    expect(loan.statusCode).toBe(201);
    const visitor = t.visitor();
    await visitor.api('POST', '/api/v1/auth/sign-in-link', { email: 'home-3@scale.example' });
    await t.runJobs();
    const token = t.mailbox.lastLink('home-3@scale.example')!.split('/login/')[1];
    expect((await visitor.api('POST', '/api/v1/auth/session', { token })).statusCode).toBe(201);
    // The periodic jobs (post expiry) run over every community.
    t.clock.advance(3600);
    await t.runJobs();
    recorder.recording = false;

    const large = new Set(
      (
        await admin.query<{ relname: string }>(
          `select relname from pg_class where relkind = 'r' and reltuples > $1`,
          [largeRows],
        )
      ).rows.map((r) => r.relname),
    );
    const partial = new Set(
      (
        await admin.query<{ relname: string }>(
          `select c.relname from pg_index i join pg_class c on c.oid = i.indexrelid where i.indpred is not null`,
        )
      ).rows.map((r) => r.relname),
    );
    expect(large.has('account') && large.has('community') && large.has('search_document')).toBe(true);

    const problems: string[] = [];
    let explained = 0;
    for (const { sql, parameters } of recorder.statements.values()) {
      if (!/^\s*(select|update|delete|with)\b/i.test(sql)) continue;
      const [{ 'QUERY PLAN': plans }] = (
        await admin.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`explain (format json) ${sql}`, [
          ...parameters,
        ])
      ).rows;
      explained++;
      for (const node of nodes(plans[0].Plan)) {
        const table = node['Relation Name'];
        if (!table || !large.has(table)) continue;
        const type = node['Node Type'];
        const wholeIndex =
          (type === 'Index Scan' || type === 'Index Only Scan') &&
          !node['Index Cond'] &&
          !partial.has(node['Index Name']!);
        if (type === 'Seq Scan' || wholeIndex) problems.push(`${type} on ${table}: ${sql}`);
      }
    }
    expect(explained).toBeGreaterThan(50);
    expect(problems).toEqual([]);
    // Its time is the periodic jobs going through 2,000 communities twice (feedback, milestones,
    // the newsletter's drafts), not a limit it asserts: benchmarks measure, tests assert plans.
  }, 120_000);

  it('the large community’s board, catalog and directory walk their page in the order shown, not sort all', async () => {
    const client = t.visitor();
    client.cookies.set('porch_session', await createSession(t.services.db, t.clock, memberId(big, 1, 2)));
    recorder.statements.clear();
    recorder.recording = true;
    const c = `/c/${slugOf(big, 1)}`;
    for (const url of [
      `${c}/board`,
      `${c}/library`,
      `${c}/members`,
      `${c}/members?after=${memberId(big, 1, 3)}`,
      `${c}/members?before=${memberId(big, 1, 4)}`,
    ])
      expect((await client.get(url)).statusCode, url).toBe(200);
    recorder.recording = false;
    const pages = [...recorder.statements.values()].filter(({ sql }) =>
      /order by "post"."urgent" desc|order by "item"."name"|order by "membership"."sort_name" \w+, "membership"."account_id" \w+ limit/.test(
        sql,
      ),
    );
    expect(pages.length).toBe(5);
    // A Limit over a Sort read every live post (every item) of the community to show one page.
    const sorted: string[] = [];
    for (const { sql, parameters } of pages) {
      const [{ 'QUERY PLAN': plans }] = (
        await admin.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`explain (format json) ${sql}`, [
          ...parameters,
        ])
      ).rows;
      for (const node of nodes(plans[0].Plan))
        if (node['Node Type'] === 'Limit' && node.Plans?.some((p) => p['Node Type'].includes('Sort')))
          sorted.push(sql);
    }
    expect(sorted).toEqual([]);
  });

  it('every index of a community table leads with community_id, unless it is unique', async () => {
    // Across communities on purpose: the expiry job finds posts past due in every community at
    // once; a person's home page lists their memberships in every community; the operator lists
    // and retries the failed deliveries of every community; the tidy job removes old read
    // notifications of every community; the drills' escalation job finds the open drills whose
    // buddy time has come in every community; the ride network's minute job finds the households
    // that just lost a buddy in every community (a partial index: only those rows).
    const global = new Set([
      'post_status_open_until_idx',
      'membership_account_idx',
      'notification_delivery_status_idx',
      'notification_read_idx',
      'evacuation_drill_open_idx',
      'evacuation_household_buddy_lost_idx',
    ]);
    const { rows } = await admin.query<{ table: string; index: string; first: string; unique: boolean }>(
      `select t.relname as "table", i.relname as "index", a.attname as "first", x.indisunique as "unique"
       from pg_index x
       join pg_class i on i.oid = x.indexrelid
       join pg_class t on t.oid = x.indrelid
       join pg_namespace n on n.oid = t.relnamespace and n.nspname = current_schema()
       join pg_attribute a on a.attrelid = t.oid and a.attnum = x.indkey[0]`,
    );
    expect(rows.length).toBeGreaterThan(30);
    // A non-unique index that does not start with the community makes a large community's query
    // read every community's rows (as the words-only full-text index did).
    const strays = rows.filter(
      (r) =>
        communityTables.includes(r.table) && r.first !== 'community_id' && !r.unique && !global.has(r.index),
    );
    expect(strays).toEqual([]);
  });
});
