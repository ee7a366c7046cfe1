/**
 * `npm run bench:http`: load test of the everyday pages on a generated community of 500 members
 * and 5,000 items (plus 300 posts and 60 seed varieties), with autocannon (Fastify's own load
 * generator) at 100 concurrent connections, signed in as a member. Prints p50/p99 latency and
 * requests per second per page. The server runs in this process, on a fresh SQLite file; the
 * load generator runs in a worker thread, so it neither waits behind the server's work on the
 * same event loop nor delays it (in the same thread, p99 read several seconds at any speed).
 *
 * Options: --connections N (100), --seconds N (10 per page), --members N (500), --items N (5000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { startCommunity } from '../src/features/communities/service.ts';
import { importItems } from '../src/features/library/service.ts';
import { createPost } from '../src/features/posts/service.ts';
import { addVariety } from '../src/features/seeds/service.ts';
import { createSession } from '../src/platform/auth/sessions.ts';
import type { Ctx } from '../src/platform/context.ts';
import { newId } from '../src/platform/db/ids.ts';
import { iso } from '../src/platform/db/time.ts';
import { translator } from '../src/platform/i18n/index.ts';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '10' },
    members: { type: 'string', default: '500' },
    items: { type: 'string', default: '5000' },
  },
});
const connections = Number(values.connections);
const seconds = Number(values.seconds);
const memberCount = Number(values.members);
const itemCount = Number(values.items);

const things = [
  'ladder',
  'drill',
  'saw',
  'tent',
  'wheelbarrow',
  'sewing machine',
  'pressure washer',
  'canoe',
];
const adjectives = ['aluminium', 'cordless', 'folding', 'big', 'small', 'old', 'sturdy', 'electric'];
const skills = [
  'gardening',
  'bike repair',
  'sewing',
  'cooking',
  'spanish conversation',
  'tutoring',
  'driving',
];
const pick = <T>(list: T[], i: number) => list[i % list.length];

const dir = mkdtempSync(join(tmpdir(), 'porch-bench-'));
const config = loadConfig({ PORCH_DATA_DIR: dir, LOG_LEVEL: 'silent', SECRET_KEY: 'b'.repeat(40) });
const app = await buildApp(config, { logger: false });
const s = app.services;
const now = iso(s.clock.now());

process.stdout.write(`generating ${memberCount} members, ${itemCount} items, 300 posts, 60 varieties…\n`);
const steward = await s.db
  .insertInto('account')
  .values({
    id: newId(),
    email: 'steward@bench.example',
    displayName: 'Steward',
    operator: 1,
    createdAt: now,
  })
  .returningAll()
  .executeTakeFirstOrThrow();
const ctxFor = (accountId: string, communityId: string | null, role: Ctx['actor']['role']): Ctx => ({
  ...s,
  actor: { accountId, communityId, role, operator: true },
  locale: 'en',
  t: translator('en'),
});
const community = await startCommunity(ctxFor(steward.id, null, 'visitor'), {
  name: 'Bench Street',
  slug: 'bench-street',
  languages: ['en', 'es'],
  timeZone: 'America/Chicago',
  rhythm: 'monthly',
  joinPolicy: 'invite',
});
const stewardCtx = ctxFor(steward.id, community.id, 'steward');

const memberIds: string[] = [];
for (let start = 0; start < memberCount; start += 100) {
  const accounts = Array.from({ length: Math.min(100, memberCount - start) }, (_, k) => {
    const i = start + k;
    return { id: newId(), email: `member${i}@bench.example`, displayName: `Neighbor ${i}`, createdAt: now };
  });
  await s.db.insertInto('account').values(accounts).execute();
  await s.db
    .insertInto('membership')
    .values(
      accounts.map((a) => ({
        id: newId(),
        communityId: community.id,
        accountId: a.id,
        role: 'member' as const,
        status: 'active' as const,
        requestedAt: now,
        joinedAt: now,
      })),
    )
    .execute();
  await s.db
    .insertInto('skill')
    .values(
      accounts.flatMap((a, k) => [
        {
          id: newId(),
          accountId: a.id,
          kind: 'share' as const,
          name: pick(skills, k),
          normalized: pick(skills, k),
        },
        {
          id: newId(),
          accountId: a.id,
          kind: 'learn' as const,
          name: pick(skills, k + 3),
          normalized: pick(skills, k + 3),
        },
      ]),
    )
    .execute();
  memberIds.push(...accounts.map((a) => a.id));
}

for (let start = 0; start < itemCount; start += 1000) {
  const rows = ['name,category,condition,owner,pickup_place,loan_days'];
  for (let i = start; i < Math.min(start + 1000, itemCount); i++) {
    const owner = i % 5 === 0 ? 'shed' : `member${i % memberCount}@bench.example`;
    rows.push(
      `${pick(adjectives, i * 7)} ${pick(things, i)} ${i},tools,good,${owner},Porch at number ${i % 90},7`,
    );
  }
  await importItems(stewardCtx, rows.join('\n'));
}

for (let i = 0; i < 300; i++) {
  const author = ctxFor(memberIds[i % memberIds.length], community.id, 'member');
  await createPost(author, {
    kind: i % 3 === 0 ? 'offer' : 'request',
    title: `${i % 2 ? 'Borrow' : 'Lend'} a ${pick(things, i)} this week`,
    details: 'For a weekend project. I can pick it up and bring it back clean.',
    category: 'tools',
  });
}
for (let i = 0; i < 60; i++) {
  await addVariety(stewardCtx, {
    crop: pick(['bean', 'tomato', 'squash', 'pepper', 'corn'], i),
    name: `Heirloom ${i}`,
    seasons: ['spring'],
    daysToMaturity: 60 + (i % 40),
    origin: 'A neighbor’s garden',
    savingDifficulty: 'easy',
  });
}

await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address() as { port: number };
const base = `http://127.0.0.1:${address.port}`;
const cookie = `porch_session=${await createSession(s.db, s.clock, memberIds[0])}`;

const pages: [string, string][] = [
  ['board', '/c/bench-street/board'],
  ['catalog', '/c/bench-street/library'],
  ['catalog search', '/c/bench-street/library?q=ladder'],
  ['search', '/c/bench-street/search?q=ladder'],
  ['members', '/c/bench-street/members?q=gardening'],
];

process.stdout.write(`\n${connections} connections, ${seconds} s per page, signed in as a member\n\n`);
process.stdout.write('page              p50 ms   p99 ms   req/s   non-2xx\n');
for (const [name, path] of pages) {
  const probe = await fetch(base + path, { headers: { cookie } });
  if (probe.status !== 200) {
    process.stdout.write(`${name.padEnd(16)}  skipped: ${path} answered ${probe.status}\n`);
    continue;
  }
  const result = await autocannon({
    url: base + path,
    connections,
    duration: seconds,
    headers: { cookie },
    workers: 1,
  });
  const row = [
    name.padEnd(16),
    String(result.latency.p50).padStart(7),
    String(result.latency.p99).padStart(8),
    String(Math.round(result.requests.average)).padStart(7),
    String(result.non2xx).padStart(9),
  ];
  process.stdout.write(`${row.join('  ')}\n`);
}
await app.close();
rmSync(dir, { recursive: true, force: true });
