/**
 * Two Porch processes on one database, as the README's scale-out story runs them: on PostgreSQL
 * only, since a second server on one SQLite database is refused (test/one-server.test.ts; what
 * another connection commits to SQLite is checked by test/standing.test.ts). What one process
 * commits — a member removed, a session signed out everywhere, a phone number hidden — must hold
 * on the other at once, whatever either has stored: a stale answer is a privacy or authorization
 * fault. On PostgreSQL the same rounds run again after the connections the processes LISTEN on
 * are killed (as a database restart, a failover or an idle-connection killer does).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../src/platform/auth/sessions.ts';
import type { Account, Community } from '../src/platform/db/database.ts';
import { batchSize, notify } from '../src/platform/notify/service.ts';
import { useTestApp } from './support/app.ts';
import { type PorchProcess, startPorch } from './support/processes.ts';

/** Rounds per scenario and phase: each round checks at once, right after the write. */
const rounds = 40;
const phone = '+1 555 0199';

/** A browser's cookies for one person, sent to either process. */
class Browser {
  readonly cookies = new Map<string, string>();
  constructor(session?: string) {
    if (session) this.cookies.set('porch_session', session);
  }

  async request(base: string, path: string, init: RequestInit = {}): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(base + path, {
      ...init,
      redirect: 'manual',
      headers: { cookie, 'accept-encoding': 'identity', ...(init.headers as Record<string, string>) },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair.indexOf('=');
      const value = pair.slice(at + 1);
      if (value === '') this.cookies.delete(pair.slice(0, at));
      else this.cookies.set(pair.slice(0, at), value);
    }
    return res;
  }

  /** GETs `path` twice, so whatever a process keeps of it is kept (the page cache's second visit). */
  async visit(base: string, path: string): Promise<Response> {
    await (await this.request(base, path)).text();
    return this.request(base, path);
  }

  api(base: string, method: string, path: string, body?: unknown): Promise<Response> {
    return this.request(base, path, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
}

/** Retries `check` until it holds (for the setup of a round, not for what is tested). */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Opens the live stream at `path` on `base` (resolves once it answers); its `changed` resolves
 * true at the first `changed` event it sends, false if it ends first.
 */
async function listen(
  browser: Browser,
  base: string,
  path: string,
  signal: AbortSignal,
): Promise<{ changed: Promise<boolean> }> {
  const stream = await browser.request(base, path, { signal });
  const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
  const changed = (async () => {
    const decoder = new TextDecoder();
    let heard = '';
    while (!heard.includes('event: changed')) {
      const { value, done } = await reader.read();
      if (done) return false;
      heard += decoder.decode(value);
    }
    return true;
  })().catch(() => false);
  return { changed };
}

describe.runIf(process.env.TEST_DATABASE_URL)('two Porch processes on one database', () => {
  const t = useTestApp();
  let a: PorchProcess;
  let b: PorchProcess;
  let community: Community;
  let steward: Account;
  const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

  beforeAll(async () => {
    ({ community, steward } = await t.community());
    const { config } = t.services;
    const env = {
      PORCH_DATA_DIR: config.dataDir,
      SECRET_KEY: config.secretKey,
      // Both send mail to the tests' SMTP server, so what each sent is counted.
      SMTP_URL: t.mailbox.url,
      ...(config.databaseUrl ? { DATABASE_URL: config.databaseUrl } : {}),
    };
    [a, b] = await Promise.all([startPorch(env), startPorch(env)]);
  }, 240_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  const signedIn = async (account: Account) =>
    new Browser(await createSession(t.services.db, t.clock, account.id));

  /** Kills the connections the Porch processes LISTEN on. */
  async function killListeners(): Promise<number> {
    const killed = await sql<{ pid: number }>`select pid from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and query ilike 'listen %'
        and pg_terminate_backend(pid)`.execute(t.services.db);
    return killed.rows.length;
  }

  /** Runs the three scenarios `rounds` times each; returns the stale answers seen, by kind. */
  async function scenarios(): Promise<Record<string, number>> {
    const stale: Record<string, number> = { removed: 0, signedOut: 0, hidden: 0 };
    const board = `/c/${community.slug}/board`;
    const api = `/api/v1/communities/${community.slug}`;
    const stewardOnA = await signedIn(steward);

    // A member removed on A can no longer read or write on B.
    const removed = await t.member(community);
    const removedOnB = await signedIn(removed);
    for (let i = 0; i < rounds; i++) {
      await t.services.db
        .updateTable('membership')
        .set({ status: 'active', endedAt: null })
        .where('communityId', '=', community.id)
        .where('accountId', '=', removed.id)
        .execute();
      await until(async () => (await removedOnB.visit(b.url, board)).status === 200, 'member back on B');
      expect((await removedOnB.api(b.url, 'GET', `${api}/members`)).status).toBe(200);
      const res = await stewardOnA.api(a.url, 'DELETE', `${api}/members/${removed.id}`);
      expect(res.status).toBe(200);
      if ((await removedOnB.request(b.url, board)).status === 200) stale.removed++;
      if ((await removedOnB.api(b.url, 'GET', `${api}/members`)).status === 200) stale.removed++;
      const item = await removedOnB.api(b.url, 'POST', `${api}/items`, {
        name: `Ladder ${i}`,
        category: 'tools',
      });
      if (item.status < 300) stale.removed++;
    }

    // A session signed out everywhere on A gets nothing more on B.
    const leaving = await t.member(community);
    for (let i = 0; i < rounds; i++) {
      const browser = await signedIn(leaving);
      const token = browser.cookies.get('porch_session') ?? '';
      expect((await browser.visit(b.url, board)).status).toBe(200);
      expect((await browser.api(a.url, 'DELETE', '/api/v1/auth/sessions')).status).toBe(204);
      // A's answer cleared the cookie; a browser still holding it is what B must refuse.
      browser.cookies.set('porch_session', token);
      if ((await browser.request(b.url, board)).status === 200) stale.signedOut++;
      if ((await browser.api(b.url, 'GET', '/api/v1/me')).status === 200) stale.signedOut++;
    }

    // A phone number hidden on A is not shown on B.
    const owner = await t.member(community, 'member', { phone });
    const ownerOnA = await signedIn(owner);
    const viewerOnB = await signedIn(await t.member(community));
    const profile = `/c/${community.slug}/members/${owner.id}`;
    for (let i = 0; i < rounds; i++) {
      expect(
        (await ownerOnA.api(a.url, 'PATCH', '/api/v1/me/profile', { phoneVisibility: 'community' })).status,
      ).toBe(200);
      await until(
        async () => (await (await viewerOnB.visit(b.url, profile)).text()).includes(phone),
        'phone shown',
      );
      expect(
        (await ownerOnA.api(a.url, 'PATCH', '/api/v1/me/profile', { phoneVisibility: 'nobody' })).status,
      ).toBe(200);
      if ((await (await viewerOnB.request(b.url, profile)).text()).includes(phone)) stale.hidden++;
      const json = (await (await viewerOnB.api(b.url, 'GET', `${api}/members/${owner.id}`)).json()) as {
        phone?: string | null;
      };
      if (json.phone) stale.hidden++;
    }
    return stale;
  }

  it('honours a removal, a sign-out everywhere and a hidden phone on the other process at once', async () => {
    expect(await scenarios()).toEqual({ removed: 0, signedOut: 0, hidden: 0 });
  }, 180_000);

  it('send each notification once per member, both processes’ workers taking the delivery jobs', async () => {
    // More members than one delivery job holds, so both workers have jobs to claim.
    const people = await Promise.all(Array.from({ length: 2 * batchSize + 10 }, () => t.member(community)));
    const s = t.services;
    await s.db.transaction().execute((tx) =>
      notify(s, tx, {
        kind: 'communities.welcome',
        community,
        to: people.map((p) => p.id),
        about: { type: 'community', id: community.id },
        path: '',
        text: { subject: 'communities.mail.approved_subject', body: 'communities.mail.approved_body' },
        params: { name: 'x' },
      }),
    );
    const sent = () => people.filter((p) => t.mailbox.to(p.email as string).length > 0).length;
    const deadline = Date.now() + 60_000;
    while (sent() < people.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    // A second pass of both workers finds nothing left to send.
    await new Promise((r) => setTimeout(r, 2500));
    for (const p of people) expect(t.mailbox.to(p.email as string), p.id).toHaveLength(1);
  }, 120_000);

  it('show the same live board: a driver’s tap on one process is on the other’s board, and its stream says so', async () => {
    const api = `/api/v1/communities/${community.slug}`;
    const coordinator = await signedIn(await t.member(community, 'coordinator'));
    const driverAccount = await t.member(community);
    const driver = await signedIn(driverAccount);
    const household = await signedIn(await t.member(community));
    const place = await (await signedIn(steward)).api(a.url, 'POST', `${api}/places`, {
      kind: 'shelter',
      name: 'Church hall',
      address: '1 Main Street',
      latitude: 41.86,
      longitude: -87.67,
    });
    const shelter = ((await place.json()) as { place: { id: string } }).place.id;
    const ok = async (res: Promise<Response>, status: number) => expect((await res).status).toBe(status);
    await ok(
      coordinator.api(a.url, 'PUT', `${api}/evacuation/shelters/${shelter}`, {
        capacity: 10,
        accessible: true,
        pets: true,
      }),
      204,
    );
    const car = { seats: 4, latitude: 41.851, longitude: -87.661, consent: true };
    await ok(driver.api(a.url, 'PUT', `${api}/evacuation/driver`, car), 200);
    const home = { people: 2, latitude: 41.854, longitude: -87.665, consent: true };
    const registered = await household.api(a.url, 'PUT', `${api}/evacuation/household`, home);
    const householdId = ((await registered.json()) as { id: string }).id;
    await ok(coordinator.api(a.url, 'POST', `${api}/evacuation/plan`, {}), 201);
    await ok(
      coordinator.api(a.url, 'POST', `${api}/evacuation/alert`, { reason: 'Flood', shelters: [shelter] }),
      201,
    );
    // The coordinator's board is open on B, listening (on PostgreSQL: on SQLite the live events
    // stay in their process, and the board is fresh on each load).
    const listening = new AbortController();
    const stream = onPostgres
      ? await listen(coordinator, b.url, `/c/${community.slug}/live`, listening.signal)
      : null;
    await ok(driver.api(a.url, 'POST', `${api}/evacuation/alert/route`, { status: 'started' }), 204);
    await ok(
      driver.api(a.url, 'POST', `${api}/evacuation/alert/route`, { status: 'picked_up', householdId }),
      204,
    );
    // What B shows is read from the database: the tap is there at once.
    const onB = (await (await coordinator.api(b.url, 'GET', `${api}/evacuation/alert`)).json()) as {
      board: {
        households: { householdId: string; state: string }[];
        routes: { state: string; pickedUp: number }[];
      };
    };
    expect(onB.board.households).toEqual([expect.objectContaining({ householdId, state: 'picked_up' })]);
    expect(onB.board.routes).toEqual([expect.objectContaining({ state: 'en_route', pickedUp: 1 })]);
    // B's stream tells the open board to fetch itself again, whichever process's worker publishes it.
    if (stream) {
      const timeout = new Promise<boolean>((r) => setTimeout(() => r(false), 30_000));
      expect(await Promise.race([stream.changed, timeout])).toBe(true);
    }
    listening.abort();
  }, 120_000);

  it.runIf(onPostgres)(
    'still does after the connections they LISTEN on were killed',
    async () => {
      expect(await killListeners()).toBeGreaterThanOrEqual(2);
      expect(await scenarios()).toEqual({ removed: 0, signedOut: 0, hidden: 0 });
    },
    180_000,
  );
});
