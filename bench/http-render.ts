/**
 * `node --import tsx bench/http-render.ts`: what a first view costs — the everyday pages rendered
 * anew (not from the page cache), one request after another in-process (`app.inject`), on the
 * community `bench:http` generates. Prints CPU milliseconds per request (median of 5 batches)
 * and the page's size.
 *
 * Options: --requests N (50 per batch), --members N (500), --items N (5000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createSession } from '../src/platform/auth/sessions.ts';
import { seedBenchCommunity } from './http-seed.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '50' },
    members: { type: 'string', default: '500' },
    items: { type: 'string', default: '5000' },
  },
});
const perBatch = Number(values.requests);

const dir = mkdtempSync(join(tmpdir(), 'porch-bench-'));
const config = loadConfig({ PORCH_DATA_DIR: dir, LOG_LEVEL: 'silent', SECRET_KEY: 'b'.repeat(40) });
const app = await buildApp(config, { logger: false });
const { memberIds } = await seedBenchCommunity(app.services, Number(values.members), Number(values.items));
// Without the CSRF cookie a page is never served from the page cache: each request renders.
const cookie = `porch_session=${await createSession(app.services.db, app.services.clock, memberIds[0])}`;

const pages: [string, string][] = [
  ['board', '/c/bench-street/board'],
  ['catalog', '/c/bench-street/library'],
  ['catalog search', '/c/bench-street/library?q=ladder'],
  ['search', '/c/bench-street/search?q=ladder'],
  ['members', '/c/bench-street/members'],
  ['members search', '/c/bench-street/members?q=gardening'],
  ['sign-in page', '/login'],
];
process.stdout.write('page              CPU ms/request   HTML KB\n');
for (const [name, url] of pages) {
  const get = () => app.inject({ url, headers: { cookie } });
  for (let i = 0; i < 20; i++) await get();
  const batches: number[] = [];
  for (let b = 0; b < 5; b++) {
    const start = process.cpuUsage();
    for (let i = 0; i < perBatch; i++) await get();
    const used = process.cpuUsage(start);
    batches.push((used.user + used.system) / 1000 / perBatch);
  }
  const median = batches.sort((a, b) => a - b)[2];
  const size = (await get()).body.length / 1024;
  process.stdout.write(
    `${name.padEnd(16)}  ${median.toFixed(2).padStart(14)}   ${size.toFixed(1).padStart(7)}\n`,
  );
}
await app.close();
rmSync(dir, { recursive: true, force: true });
