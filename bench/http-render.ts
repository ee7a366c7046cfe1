/**
 * `npm run bench:render`: what a fresh view costs — the everyday pages rendered anew, one request
 * after another in-process (`app.inject`), on the community `bench:http` generates. Before each
 * request the community's data version moves, as after anyone's write, so nothing stored for the
 * community serves it (search runs its queries too). Each request accepts compressed pages, as
 * browsers do, so compressing is counted. Prints the CPU milliseconds of each request (the best
 * and the median of 5 batches; the version's move is not counted) in two cases: a member's
 * browser that holds its CSRF cookie (every page after the first: the page is rendered anew
 * because someone wrote), and a first visit without it (a CSRF secret is made and its signed
 * cookie set too); then the page's size and, for comparison, the board served from the page
 * cache.
 *
 * Options: --requests N (50 per batch), --members N (500), --items N (5000), --posts N (300 live
 * posts: more shows what the board's statement costs as the board grows).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createSession } from '../src/platform/auth/sessions.ts';
import { seedBenchCommunity } from './http-seed.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '50' },
    members: { type: 'string', default: '500' },
    items: { type: 'string', default: '5000' },
    posts: { type: 'string', default: '300' },
  },
});
const perBatch = Number(values.requests);
const loadAverage = () => loadavg()[0].toFixed(2);
process.stdout.write(`load average ${loadAverage()} (1 min) at the start\n`);

const dir = mkdtempSync(join(tmpdir(), 'porch-bench-'));
const config = loadConfig({ PORCH_DATA_DIR: dir, LOG_LEVEL: 'silent', SECRET_KEY: 'b'.repeat(40) });
const app = await buildApp(config, { logger: false });
const { communityId, memberIds } = await seedBenchCommunity(
  app.services,
  Number(values.members),
  Number(values.items),
  Number(values.posts),
);
const session = `porch_session=${await createSession(app.services.db, app.services.clock, memberIds[0])}`;
const neighbor = memberIds[1];
/** What a browser accepts. */
const browser = 'gzip, deflate, br';

/** Moves the community's data version, as any write to it does. */
const moveVersion = () =>
  sql`UPDATE community_version SET version = version + 1 WHERE community_id = ${communityId}`.execute(
    app.services.db,
  );

/**
 * CPU ms of `get` per request over 5 batches, each request preceded by `before` (not counted):
 * the best batch (the least disturbed by other work on the machine) and the median.
 */
async function cpuPerRequest(
  get: () => Promise<unknown>,
  before: () => Promise<unknown>,
): Promise<{ best: number; median: number }> {
  for (let i = 0; i < 20; i++) {
    await before();
    await get();
  }
  const batches: number[] = [];
  for (let b = 0; b < 5; b++) {
    let micros = 0;
    for (let i = 0; i < perBatch; i++) {
      await before();
      const start = process.cpuUsage();
      await get();
      const used = process.cpuUsage(start);
      micros += used.user + used.system;
    }
    batches.push(micros / 1000 / perBatch);
  }
  batches.sort((a, b) => a - b);
  return { best: batches[0], median: batches[2] };
}

const pages: [string, string][] = [
  ['board', '/c/bench-street/board'],
  ['catalog', '/c/bench-street/library'],
  ['catalog search', '/c/bench-street/library?q=ladder'],
  ['search', '/c/bench-street/search?q=ladder'],
  ['members', '/c/bench-street/members'],
  ['members search', '/c/bench-street/members?q=gardening'],
  ['member page', `/c/bench-street/members/${neighbor}`],
  ['sign-in page', '/login'],
];
process.stdout.write(
  'fresh render, CPU ms  cookie held: best  median   first visit: best  median   HTML KB\n',
);
const first = await app.inject({ url: pages[0][1], headers: { cookie: session } });
const csrf = String(first.headers['set-cookie']).match(/_csrf=[^;]+/)?.[0];
for (const [name, url] of pages) {
  const get = (cookie: string) => () => app.inject({ url, headers: { cookie, 'accept-encoding': browser } });
  // With the CSRF cookie, as a member's browser holds it after its first page.
  const held = await cpuPerRequest(get(`${session}; ${csrf}`), moveVersion);
  // Without it: never served from the page cache, nor stored, and the cookie is set.
  const firstVisit = await cpuPerRequest(get(session), moveVersion);
  const size = (await app.inject({ url, headers: { cookie: session } })).body.length / 1024;
  const cells = [held.best, held.median, firstVisit.best, firstVisit.median].map((ms) => ms.toFixed(2));
  process.stdout.write(
    `${name.padEnd(16)}  ${cells[0].padStart(18)}  ${cells[1].padStart(6)}  ${cells[2].padStart(17)}  ${cells[3].padStart(6)}   ${size.toFixed(1).padStart(7)}\n`,
  );
}

// The same board served as stored, for comparison: the browser holds its CSRF cookie.
const stored = () =>
  app.inject({ url: pages[0][1], headers: { cookie: `${session}; ${csrf}`, 'accept-encoding': browser } });
await stored();
if ((await stored()).headers['x-cache'] !== 'hit') throw new Error('the board was not stored');
const ms = await cpuPerRequest(stored, async () => undefined);
process.stdout.write(
  `${'board, stored'.padEnd(16)}  ${ms.best.toFixed(2).padStart(18)}  ${ms.median.toFixed(2).padStart(6)}\n`,
);
process.stdout.write(`load average ${loadAverage()} at the end\n`);
await app.close();
rmSync(dir, { recursive: true, force: true });
