/**
 * `npm run bench:http`: load test of the everyday pages on a generated community of 500 members
 * and 5,000 items (plus 300 posts and 60 seed varieties), with autocannon (Fastify's own load
 * generator) at 100 concurrent connections, each signed in as a different member (session and
 * CSRF cookies, as a browser holds them), after a 2 s warm-up per page. Prints p50/p99 latency and
 * requests per second per page. The server runs in this process, on a fresh SQLite file; the
 * load generator runs in a worker thread, so it neither waits behind the server's work on the
 * same event loop nor delays it (in the same thread, p99 read several seconds at any speed).
 *
 * Options: --connections N (100), --seconds N (10 per page), --warmup N (2 s), --members N (500),
 * --items N (5000), --writes N (0: a neighbor posts on the board N times a second meanwhile, and
 * every post makes each member's next page a fresh render).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createPost } from '../src/features/posts/service.ts';
import { createSession } from '../src/platform/auth/sessions.ts';
import { actingAs, seedBenchCommunity } from './http-seed.ts';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    writes: { type: 'string', default: '0' },
    members: { type: 'string', default: '500' },
    items: { type: 'string', default: '5000' },
  },
});
const connections = Number(values.connections);
const seconds = Number(values.seconds);
const warmup = Number(values.warmup);
const writesPerSecond = Number(values.writes);
const memberCount = Number(values.members);
const itemCount = Number(values.items);

const dir = mkdtempSync(join(tmpdir(), 'porch-bench-'));
const config = loadConfig({ PORCH_DATA_DIR: dir, LOG_LEVEL: 'silent', SECRET_KEY: 'b'.repeat(40) });
const app = await buildApp(config, { logger: false });
process.stdout.write(`generating ${memberCount} members, ${itemCount} items, 300 posts, 60 varieties…\n`);
const { communityId, memberIds } = await seedBenchCommunity(app.services, memberCount, itemCount);

await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address() as { port: number };
const base = `http://127.0.0.1:${address.port}`;

// One member per connection, each with the session and CSRF cookies a browser would hold.
const cookies: string[] = [];
for (const accountId of memberIds.slice(0, connections)) {
  const session = `porch_session=${await createSession(app.services.db, app.services.clock, accountId)}`;
  const first = await fetch(`${base}/c/bench-street/board`, { headers: { cookie: session } });
  const csrf = first.headers.getSetCookie().find((c) => c.startsWith('_csrf='));
  cookies.push(csrf ? `${session}; ${csrf.split(';')[0]}` : session);
}
process.env.BENCH_COOKIES = JSON.stringify(cookies);
// autocannon's types want a function; in worker mode it takes the path of a module instead.
const setupClient = fileURLToPath(new URL('./http-client.cjs', import.meta.url)) as never;

const pages: [string, string][] = [
  ['board', '/c/bench-street/board'],
  ['catalog', '/c/bench-street/library'],
  ['catalog search', '/c/bench-street/library?q=ladder'],
  ['search', '/c/bench-street/search?q=ladder'],
  ['members', '/c/bench-street/members?q=gardening'],
];

process.stdout.write(`\n${connections} connections, ${seconds} s per page, one member per connection\n\n`);
// Someone posting meanwhile: every committed write makes the next page of each member a render.
const writer = await actingAs(app.services, memberIds[memberIds.length - 1], communityId);
let posted = 0;
const writing =
  writesPerSecond > 0
    ? setInterval(() => {
        createPost(writer, { kind: 'offer', title: `Fresh eggs, batch ${++posted}`, category: 'food' }).catch(
          (err) => process.stderr.write(`write failed: ${err}\n`),
        );
      }, 1000 / writesPerSecond)
    : undefined;

process.stdout.write('page              p50 ms   p99 ms   req/s   non-2xx\n');
for (const [name, path] of pages) {
  const probe = await fetch(base + path, { headers: { cookie: cookies[0] } });
  if (probe.status !== 200) {
    process.stdout.write(`${name.padEnd(16)}  skipped: ${path} answered ${probe.status}\n`);
    continue;
  }
  // A short warm-up first (JIT, and each member's first visit renders the page), as is usual.
  await autocannon({ url: base + path, connections, duration: warmup, setupClient, workers: 1 });
  const result = await autocannon({
    url: base + path,
    connections,
    duration: seconds,
    setupClient,
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
clearInterval(writing);
await app.close();
rmSync(dir, { recursive: true, force: true });
