/**
 * Rate limits: one budget per action, whether the page form or the API is used, and one budget
 * for every Porch process on the database (a second app on the same database stands for a second
 * process; on PostgreSQL as on SQLite).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../src/app.ts';
import { ConfigError, trustedProxies } from '../src/config.ts';
import { Client, useTestApp } from './support/app.ts';
import { createPost } from './support/posts.ts';

const t = useTestApp();

describe('rate limits', () => {
  let second: App | undefined;
  afterAll(() => second?.close());

  it('sign-in links: the page form and the API draw on one budget per address', async () => {
    const browser = t.visitor();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      // Another address each time: the per-address limit of the service does not come into it.
      const email = `neighbor${i}@example.org`;
      const res =
        i % 2
          ? await browser.post('/login', { email })
          : await browser.api('POST', '/api/v1/auth/sign-in-link', { email });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 10).every((s) => s === 200 || s === 202)).toBe(true);
    expect(statuses[10]).toBe(429);
    const page = await browser.post('/login', { email: 'late@example.org' });
    expect(page.statusCode).toBe(429);
    expect(Number(page.headers['retry-after'])).toBeGreaterThan(60);
    // Once spent, the budget is refused without a write per request (a flood costs no writes).
    const hits = async () =>
      (
        await t.services.db
          .selectFrom('rateLimit')
          .select('hits')
          .where('key', 'like', 'sign-in-link %')
          .execute()
      ).map((r) => r.hits);
    expect(await hits()).toEqual([11]);
    await browser.api('POST', '/api/v1/auth/sign-in-link', { email: 'late@example.org' });
    expect(await hits()).toEqual([11]);
    // The window is fifteen minutes.
    t.clock.advance(15 * 60 + 1);
    expect(
      (await browser.api('POST', '/api/v1/auth/sign-in-link', { email: 'late@example.org' })).statusCode,
    ).toBe(202);
  });

  it('posts: twenty an hour per member, through the board form and the API together', async () => {
    const { community } = await t.community();
    const member = await t.member(community);
    const browser = await t.as(member);
    for (let i = 0; i < 10; i++) await createPost(t, community, member, { title: `API post ${i}` });
    const form = { kind: 'offer', title: 'Form post', category: 'other', details: '' };
    for (let i = 0; i < 10; i++)
      expect((await browser.post(`/c/${community.slug}/board/new`, form)).statusCode).toBe(303);
    expect((await browser.post(`/c/${community.slug}/board/new`, form)).statusCode).toBe(429);
    const api = await browser.api('POST', `/api/v1/communities/${community.slug}/posts`, {
      kind: 'offer',
      title: 'One more',
      category: 'other',
    });
    expect(api.statusCode).toBe(429);
    expect(api.json().code).toBe('errors.too_many_requests');
    // Another member's budget is their own.
    const neighbor = await t.member(community);
    expect((await createPost(t, community, neighbor)).id).toBeTruthy();
  });

  it('two processes on one database share a budget', async () => {
    second = await buildApp(t.services.config, { clock: t.clock, logger: false });
    const { community } = await t.community();
    const member = await t.member(community);
    const here = await t.as(member);
    const there = new Client(second);
    there.cookies.set('porch_session', here.cookies.get('porch_session')!);
    const post = (client: Client, i: number) =>
      client.api('POST', `/api/v1/communities/${community.slug}/posts`, {
        kind: 'request',
        title: `Post ${i}`,
        category: 'other',
      });
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await post(i % 2 ? there : here, i)).statusCode);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(201));
    expect(statuses[20]).toBe(429);
    expect((await post(here, 21)).statusCode).toBe(429);
  });

  it('behind a proxy, an address a client wrote into X-Forwarded-For does not get it a new budget', async () => {
    expect(trustedProxies('true')).toBe(1);
    expect(trustedProxies('false')).toBe(false);
    expect(trustedProxies('2')).toBe(2);
    expect(trustedProxies('10.0.0.0/8, ::1,loopback')).toEqual(['10.0.0.0/8', '::1', 'loopback']);
    expect(() => trustedProxies('yes')).toThrow(ConfigError);
    expect(() => trustedProxies('10.0.0.0/33')).toThrow(/TRUST_PROXY/);
    // One proxy in front (TRUST_PROXY=true): it appends the address it was reached from.
    const proxied = await buildApp(
      { ...t.services.config, trustProxy: trustedProxies('true') },
      {
        clock: t.clock,
        logger: false,
      },
    );
    try {
      const ask = (forwarded: string, i: number) =>
        proxied.inject({
          method: 'POST',
          url: '/api/v1/auth/sign-in-link',
          remoteAddress: '10.1.1.1',
          headers: { 'x-forwarded-for': forwarded },
          payload: { email: `proxied${i}@example.org` },
        });
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await ask(`10.9.${i}.1, 198.51.100.7`, i)).statusCode);
      expect(statuses.slice(0, 10).every((s) => s === 202)).toBe(true);
      expect(statuses[10]).toBe(429);
      // Another client behind the same proxy has its own budget.
      expect((await ask('10.9.0.1, 198.51.100.8', 11)).statusCode).toBe(202);
    } finally {
      await proxied.close();
    }
  });

  it('windows that are over are deleted', async () => {
    const windows = async () =>
      Number(
        (
          await t.services.db
            .selectFrom('rateLimit')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const browser = t.visitor();
    await browser.api('POST', '/api/v1/auth/sign-in-link', { email: 'first@example.org' });
    expect(await windows()).toBeGreaterThan(0);
    // Every window so far (an hour at most) is over by then.
    t.clock.advance(2 * 3600);
    await browser.api('POST', '/api/v1/auth/sign-in-link', { email: 'again@example.org' });
    expect(await windows()).toBe(1);
  });
});
