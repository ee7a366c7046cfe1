/**
 * `porch backup` and `porch restore`: a round trip brings back the database, the photos and the
 * keys (photos are served again, sessions and forms opened before the backup stay valid); a
 * restore refuses archives it cannot use, changing nothing. That a restore refuses while a server
 * runs on the data directory is tested on the built server (build.test.ts), which runs anyway.
 */
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { create } from 'tar';
import { afterAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../src/app.ts';
import { backup } from '../src/commands/backup.ts';
import { RestoreRefused, restore } from '../src/commands/restore.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { createSession } from '../src/platform/auth/sessions.ts';
import { systemClock } from '../src/platform/db/time.ts';
import { vapidFile, vapidKeys } from '../src/platform/notify/push.ts';
import { Client, type TestApp } from './support/app.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { Factories } from './support/factories.ts';
import { postMultipart } from './support/library.ts';

const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const d of databases) await d.drop();
});

async function setup(): Promise<Config> {
  const database = await createTestDatabase();
  databases.push(database);
  return configOf(database);
}

function configOf(database: TestDatabase): Config {
  return loadConfig({
    PORCH_DATA_DIR: database.dataDir,
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
    BASE_URL: 'http://porch.test',
    LOG_LEVEL: 'silent',
  });
}

const open = (config: Config) => buildApp(config, { logger: false });

/** Everything in `dir` but the backups folder, as path → bytes. */
function contents(dir: string): Map<string, string> {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
    (f) => !f.startsWith('backups') && statSync(join(dir, f)).isFile(),
  );
  return new Map(files.map((f) => [f, readFileSync(join(dir, f)).toString('base64')]));
}

describe('a backup and its restore', () => {
  it('bring back the database, the photos and the key: photos are served, sessions and open forms stay valid', async () => {
    const config = await setup();
    let app: App = await open(config);
    const factories = new Factories(app.services);
    const { community } = await factories.community();
    const member = await factories.member(community);
    let browser = new Client(app);
    browser.cookies.set('porch_session', await createSession(app.services.db, systemClock, member.id));
    const token = await browser.csrfToken();
    const photo = await sharp({ create: { width: 80, height: 60, channels: 3, background: '#36a' } })
      .png()
      .toBuffer();
    const added = await postMultipart(
      { app } as TestApp,
      browser,
      `/c/${community.slug}/library/items`,
      { name: 'Ladder', category: 'tools', condition: 'good', valueBand: 'low', loanDays: '3' },
      [{ name: 'photos', filename: 'ladder.png', type: 'image/png', data: photo }],
    );
    expect(added.statusCode, added.body).toBe(303);
    const itemPage = (await browser.get(added.headers.location as string)).body;
    const photoUrl = itemPage.match(/\/c\/[\w-]+\/photos\/[\w-]+\/full/)![0];
    const served = (await browser.get(photoUrl)).rawPayload;
    expect(served.length).toBeGreaterThan(100);
    await app.close();

    const pushKeys = vapidKeys(config);
    const archive = join(config.dataDir, 'backups', 'porch.tar.gz');
    const manifest = await backup(config, archive);
    expect(manifest).toMatchObject({ porch: 'backup', photoFiles: 2 });
    expect(statSync(archive).mode & 0o777).toBe(0o600);

    // The data directory is lost (on PostgreSQL the database itself comes back with pg_restore).
    for (const name of readdirSync(config.dataDir)) {
      if (name !== 'backups') rmSync(join(config.dataDir, name), { recursive: true });
    }
    const restored = await restore(config, archive);
    expect(restored.setAside).toBeUndefined();
    const again = configOf({
      dataDir: config.dataDir,
      databaseUrl: config.databaseUrl,
      drop: async () => {},
    });
    expect(again.secretKey).toBe(config.secretKey);
    // The push keys too: the devices subscribed with them are still reached.
    expect(JSON.parse(readFileSync(join(config.dataDir, vapidFile), 'utf8'))).toEqual(pushKeys);
    expect(statSync(join(config.dataDir, vapidFile)).mode & 0o777).toBe(0o600);

    app = await open(
      configOf({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, drop: async () => {} }),
    );
    try {
      const returning = new Client(app);
      for (const [name, value] of browser.cookies) returning.cookies.set(name, value);
      browser = returning;
      const photoAgain = await browser.get(photoUrl);
      expect(photoAgain.statusCode).toBe(200);
      expect(photoAgain.rawPayload.equals(served)).toBe(true);
      // Signed in with the session from before the backup…
      expect((await browser.get(added.headers.location as string)).body).toContain('Ladder');
      // …and a form opened then still posts: its token's secret is signed with the restored key.
      const form = await browser.post('/locale', { _csrf: token, locale: 'es', next: '/' }, { csrf: false });
      expect(form.statusCode).toBe(303);
    } finally {
      await app.close();
    }
  });

  it('keeps the data that was in place aside, and refuses archives it cannot use, changing nothing', async () => {
    const config = await setup();
    const app = await open(config);
    await new Factories(app.services).community();
    await app.close();
    const archive = join(config.dataDir, 'backups', 'first.tar.gz');
    await backup(config, archive);
    const before = contents(config.dataDir);

    const notAnArchive = join(config.dataDir, 'backups', 'notes.txt');
    writeFileSync(notAnArchive, 'not a backup');
    await expect(restore(config, notAnArchive)).rejects.toThrow(RestoreRefused);
    const foreign = join(config.dataDir, 'backups', 'foreign.tar.gz');
    writeFileSync(join(config.dataDir, 'backups', 'README'), 'hello');
    await create({ gzip: true, file: foreign, cwd: join(config.dataDir, 'backups') }, ['README']);
    await expect(restore(config, foreign)).rejects.toThrow(/no manifest/);
    expect(contents(config.dataDir)).toEqual(before);

    const restored = await restore(config, archive);
    expect(restored.setAside).toMatch(/before-restore-/);
    expect(readdirSync(restored.setAside!).sort()).toEqual(
      ['porch.db', 'porch.db-shm', 'porch.db-wal', 'secret.key', 'vapid.json'].filter((n) => before.has(n)),
    );
  });
});
