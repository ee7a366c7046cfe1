/**
 * The test harness: a real Porch app on a fresh database, a real SMTP server, clients with
 * cookie jars that post forms with their CSRF token like a browser does, and factories.
 */
import type { LightMyRequestResponse } from 'fastify';
import type { KyselyPlugin, LogEvent } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { type App, buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createSession } from '../../src/platform/auth/sessions.ts';
import type { Services } from '../../src/platform/context.ts';
import { type Account, communityTables } from '../../src/platform/db/database.ts';
import { TenantGuardPlugin } from '../../src/platform/db/tenant-guard.ts';
import type { Clock } from '../../src/platform/db/time.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { Factories } from './factories.ts';
import { type Mailbox, startMailbox } from './mailbox.ts';
import { guardNumbersInMarkup } from './numbers-guard.ts';

/** A clock tests can move forward. */
export interface TestClock extends Clock {
  advance(seconds: number): void;
}

function testClock(): TestClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (seconds) => {
      offset += seconds * 1000;
    },
  };
}

type Body = Record<string, string | number | boolean | string[] | undefined>;

/** A browser-like client: keeps cookies, sends forms with the CSRF token, or JSON. */
export class Client {
  readonly cookies = new Map<string, string>();
  private csrf?: string;

  constructor(private readonly app: App) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()))
        this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  /** GET `url` (HTML unless `accept` says otherwise). */
  async get(url: string, headers: Record<string, string> = {}) {
    return this.keep(
      await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), ...headers } }),
    );
  }

  /** A CSRF token from a page, as a browser would have it from the form it submits. */
  async csrfToken(): Promise<string> {
    if (!this.csrf) {
      const res = await this.get('/login');
      const m = res.body.match(/name="_csrf" value="([^"]+)"/);
      if (!m) throw new Error('no CSRF token on /login');
      this.csrf = m[1];
    }
    return this.csrf;
  }

  /** POSTs an HTML form (urlencoded) with the CSRF token unless `csrf: false`. */
  async post(
    url: string,
    body: Body = {},
    options: { csrf?: boolean; headers?: Record<string, string> } = {},
  ) {
    const form = new URLSearchParams();
    if (options.csrf !== false) form.append('_csrf', await this.csrfToken());
    for (const [k, v] of Object.entries(body)) {
      if (v === undefined) continue;
      for (const item of Array.isArray(v) ? v : [v]) form.append(k, String(item));
    }
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        payload: form.toString(),
        headers: {
          cookie: this.cookieHeader(),
          'content-type': 'application/x-www-form-urlencoded',
          ...options.headers,
        },
      }),
    );
  }

  /** Calls the JSON API. */
  async api(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown) {
    return this.keep(
      await this.app.inject({
        method,
        url,
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
        headers: {
          cookie: this.cookieHeader(),
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
      }),
    );
  }
}

/** What `useTestApp` gives a test file. */
export interface TestApp extends Factories {
  app: App;
  services: Services;
  mailbox: Mailbox;
  clock: TestClock;
  /** A client with no session. */
  visitor(): Client;
  /** A client signed in as `account`. */
  as(account: Account): Promise<Client>;
  /** Runs every due job (mail, reminders) now. */
  runJobs(): Promise<number>;
  /**
   * Another app on the same database and clock, as after a restart or in a second process (the
   * caller closes it): what it reads is only what was stored.
   */
  restarted(): Promise<App>;
}

/**
 * Builds a fresh app for this test file (before all tests; closed after). The tenant guard is on:
 * a query on a community table without `community_id` fails the test. `dbPlugins` run after it;
 * `dbLog` is told of every statement as it runs (a test that looks at the SQL a page runs).
 */
export function useTestApp(
  env: Record<string, string> = {},
  options: { dbPlugins?: KyselyPlugin[]; dbLog?: (event: LogEvent) => void } = {},
): TestApp {
  const t = {} as TestApp;
  let database: TestDatabase;
  guardNumbersInMarkup();
  beforeAll(async () => {
    database = await createTestDatabase();
    const mailbox = await startMailbox();
    const config = loadConfig({
      PORCH_DATA_DIR: database.dataDir,
      ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
      SMTP_URL: mailbox.url,
      BASE_URL: 'http://porch.test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      ...env,
    });
    const clock = testClock();
    const app = await buildApp(config, {
      clock,
      dbPlugins: [new TenantGuardPlugin(communityTables), ...(options.dbPlugins ?? [])],
      dbLog: options.dbLog,
      // TEST_LOG_LEVEL=error shows the server's log (a 500's cause) while debugging a test.
      logger: process.env.TEST_LOG_LEVEL ? { level: process.env.TEST_LOG_LEVEL } : false,
    });
    await app.ready();
    const factories = new Factories(app.services);
    Object.assign(t, {
      app,
      services: app.services,
      mailbox,
      clock,
      visitor: () => new Client(app),
      async as(account: Account) {
        const client = new Client(app);
        client.cookies.set('porch_session', await createSession(app.services.db, clock, account.id));
        return client;
      },
      runJobs: () => app.services.jobs.runDue(),
      async restarted() {
        const again = await buildApp(config, { clock, logger: false });
        await again.ready();
        return again;
      },
    });
    for (const key of Object.getOwnPropertyNames(Factories.prototype)) {
      if (key !== 'constructor') (t as any)[key] = (factories as any)[key].bind(factories);
    }
  });
  afterAll(async () => {
    await t.app?.close();
    await t.mailbox?.close();
    await database?.drop();
  });
  return t;
}
