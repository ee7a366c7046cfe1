/**
 * The build (`npm run build`, made by `npm install`) is what `npm start` runs, while every other
 * test runs the sources. This file runs the built `porch` (dist/ when it is up to date, else a
 * build of its own) as a steward would: it migrates a new database, serves pages in both
 * languages with their assets, the API and its documentation, takes a photo upload (sharp,
 * multipart), holds its data directory (a backup is taken meanwhile, a restore refuses and
 * changes nothing until it stops), plans routes in its worker thread, and runs on PostgreSQL when
 * the suite does.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildState } from '../scripts/built.js';
import { backup } from '../src/commands/backup.ts';
import { restore } from '../src/commands/restore.ts';
import { loadConfig } from '../src/config.ts';
import { DataDirectoryInUse } from '../src/platform/data-lock.ts';
import { createTestDatabase } from './support/db.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
// The build npm install made, when it is up to date (as in CI); otherwise a new one, in a folder
// of the project as dist/ is (locales and node_modules are found from it).
const state = buildState(new URL('..', import.meta.url));
const outdir =
  state.built >= state.newest.modified ? join(root, 'dist') : join(root, `.build-test-${process.pid}`);
const work = mkdtempSync(join(tmpdir(), 'porch-build-test-'));

beforeAll(async () => {
  if (outdir.endsWith('dist')) return;
  await run(process.execPath, ['--import', 'tsx', join(root, 'scripts/build.ts'), '--outdir', outdir]);
}, 120_000);

afterAll(() => {
  if (!outdir.endsWith('dist')) rmSync(outdir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

/** Runs the built `porch args…` to its end. */
function porch(args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, [join(outdir, 'porch.mjs'), ...args], {
    // Vitest sets BASE_URL to "/" for Vite; Porch reads it as its public address.
    env: { ...process.env, BASE_URL: 'http://porch.test', LOG_LEVEL: 'warn', ...env },
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** A built server listening on a free port; `stdout` is what it printed by its first answer. */
async function startBuilt(
  env: Record<string, string>,
): Promise<{ url: string; stdout: string; stop(): Promise<void> }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [join(outdir, 'porch.mjs'), 'start'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', BASE_URL: url, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => {
    stdout += d;
  });
  child.stderr!.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the built server exited with ${child.exitCode}:\n${stderr}`);
    try {
      await fetch(`${url}/login`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  while (!stdout.includes('Porch is running')) await new Promise((r) => setTimeout(r, 20));
  return {
    url,
    stdout,
    async stop() {
      child.kill('SIGINT');
      await exited;
    },
  };
}

// On PostgreSQL only the last one runs: the others ran on SQLite.
describe.skipIf(process.env.TEST_DATABASE_URL)('the built server', () => {
  const dataDir = join(work, 'demo');
  let token: string;
  // The demo, loaded by the build's own command, is the data of the first test: its first command
  // creates and migrates the database from the build. A hook of its own, as it grows with Porch.
  beforeAll(async () => {
    const { stdout } = await porch(['demo'], { PORCH_DATA_DIR: dataDir });
    token = stdout.match(/Rosa, with this one-time link:\s+\S+\/login\/([\w-]+)/)![1];
  }, 120_000);

  it('migrates a new database, serves pages in both languages with their assets and the service worker, the API and its docs, and takes a photo', async () => {
    const server = await startBuilt({ PORCH_DATA_DIR: dataDir });
    try {
      const page = await fetch(`${server.url}/login`, { headers: { 'accept-language': 'es' } });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('Entrar');
      const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
      expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
      expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
      for (const asset of assets) {
        const res = await fetch(`${server.url}${asset}`);
        expect(res.status, asset).toBe(200);
        expect((await res.arrayBuffer()).byteLength, asset).toBeGreaterThan(100);
      }
      // The service worker, at the root so that it covers every page, always checked for a new version.
      const worker = await fetch(`${server.url}/sw.js`);
      expect(worker.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(worker.headers.get('cache-control')).toBe('no-cache');
      expect(await worker.text()).toContain('notificationclick');
      const english = await fetch(`${server.url}/login`, { headers: { 'accept-language': 'en' } });
      expect(await english.text()).toContain('Sign in');
      const openapi = await fetch(`${server.url}/api/openapi.json`);
      expect(Object.keys((await openapi.json()).paths).length).toBeGreaterThan(20);
      const docs = await fetch(`${server.url}/api/docs/`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain('swagger');

      const signIn = await fetch(`${server.url}/api/v1/auth/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      expect(signIn.status).toBe(201);
      const cookie = signIn.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const api = `${server.url}/api/v1/communities/maple-street`;
      const { items } = await (await fetch(`${api}/items`, { headers: { cookie } })).json();
      const item = items.find((i: { photos: unknown[] }) => i.photos.length === 0);
      const png = await sharp({
        create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 80, b: 20 } },
      })
        .png()
        .toBuffer();
      const form = new FormData();
      form.append('photo', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'drill.png');
      const upload = await fetch(`${api}/items/${item.id}/photos`, {
        method: 'POST',
        headers: { cookie },
        body: form,
      });
      expect(upload.status, await upload.clone().text()).toBe(201);
      const { photos } = await upload.json();
      const photo = await fetch(`${server.url}${photos[0].url}`, { headers: { cookie } });
      expect(photo.status).toBe(200);
      expect(photo.headers.get('content-type')).toBe('image/jpeg');
      expect((await sharp(Buffer.from(await photo.arrayBuffer())).metadata()).width).toBe(64);
      // The push keys, made when first asked for, kept in the data directory.
      const push = await fetch(`${server.url}/api/v1/me/push-subscriptions`, { headers: { cookie } });
      const { publicKey } = await push.json();
      expect(Buffer.from(publicKey, 'base64url')).toHaveLength(65);
      expect(JSON.parse(readFileSync(join(dataDir, 'vapid.json'), 'utf8')).publicKey).toBe(publicKey);
    } finally {
      await server.stop();
    }
    expect((await porch(['migrate'], { PORCH_DATA_DIR: dataDir })).stdout).toBe('the schema is up to date\n');
  });

  it('holds its data directory while it runs: a backup is taken, a restore refuses and changes nothing until it stops', async () => {
    const dataDir = join(work, 'held');
    const config = loadConfig({
      PORCH_DATA_DIR: dataDir,
      BASE_URL: 'http://porch.test',
      LOG_LEVEL: 'silent',
    });
    const archive = join(dataDir, 'backups', 'live.tar.gz');
    const server = await startBuilt({ PORCH_DATA_DIR: dataDir });
    try {
      expect((await backup(config, archive)).database).toBe('sqlite');
      const names = readdirSync(dataDir).sort();
      const database = statSync(join(dataDir, 'porch.db')).ino;
      await expect(restore(config, archive)).rejects.toThrow(DataDirectoryInUse);
      expect(readdirSync(dataDir).sort()).toEqual(names);
      expect(statSync(join(dataDir, 'porch.db')).ino).toBe(database);
      expect((await fetch(`${server.url}/login`)).status).toBe(200);
    } finally {
      await server.stop();
    }
    expect((await restore(config, archive)).manifest.database).toBe('sqlite');
  });

  it('plans routes in its worker thread and solves a CVRPLIB instance', async () => {
    const problem = join(work, 'problem.json');
    writeFileSync(
      problem,
      JSON.stringify({
        durations: [
          [0, 5, 9],
          [5, 0, 4],
          [9, 4, 0],
        ],
        vehicles: [{ id: 'van', start: 0, end: 0, capacity: [4] }],
        jobs: [
          { id: 'a', location: 1, demand: [2] },
          { id: 'b', location: 2, demand: [2] },
        ],
      }),
    );
    const plan = JSON.parse((await porch(['plan', problem, '--time-limit', '0.5'])).stdout);
    expect(plan.routes).toHaveLength(1);
    expect(plan.routes[0].steps.map((s: { job: string }) => s.job).sort()).toEqual(['a', 'b']);
    expect(plan.unassigned).toEqual([]);

    const vrp = join(work, 'tiny.vrp');
    writeFileSync(
      vrp,
      'NAME : tiny\nTYPE : CVRP\nDIMENSION : 3\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 5\n' +
        'NODE_COORD_SECTION\n1 0 0\n2 3 4\n3 6 8\nDEMAND_SECTION\n1 0\n2 2\n3 2\nDEPOT_SECTION\n1\n-1\nEOF\n',
    );
    const solved = JSON.parse((await porch(['solve-cvrp', vrp, '--time-limit', '0.5'])).stdout);
    expect(solved.routes.flat().sort()).toEqual([2, 3]);
    expect(solved.cost).toBe(20);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('the built server on PostgreSQL', () => {
  it('migrates the database and serves pages', async () => {
    const database = await createTestDatabase();
    try {
      const env = { PORCH_DATA_DIR: database.dataDir, DATABASE_URL: database.databaseUrl! };
      expect((await porch(['migrate'], env)).stdout).toBe('the schema is up to date\n');
      const server = await startBuilt(env);
      try {
        expect(server.stdout).toMatch(/\/setup\?token=/);
        expect((await fetch(`${server.url}/login`)).status).toBe(200);
      } finally {
        await server.stop();
      }
    } finally {
      await database.drop();
    }
  });
});
