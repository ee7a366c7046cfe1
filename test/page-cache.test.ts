import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { createSession } from '../src/platform/auth/sessions.ts';
import { pageCacheLimits } from '../src/platform/http/page-cache.ts';
import { useTestApp } from './support/app.ts';
import { createPost } from './support/posts.ts';

describe('the page cache', () => {
  const t = useTestApp();

  /** A member's client that has been to the board once (so it holds the CSRF cookie). */
  async function memberOnBoard() {
    const { community, steward } = await t.community();
    const member = await t.member(community);
    const client = await t.as(member);
    const board = `/c/${community.slug}/board`;
    expect((await client.get(board)).statusCode).toBe(200);
    return { community, steward, member, client, board };
  }

  it('serves a page again until a write is committed, then renders the fresh page', async () => {
    const { community, steward, client, board } = await memberOnBoard();
    const first = await client.get(board);
    expect(first.headers['x-cache']).toBeUndefined();
    const again = await client.get(board);
    expect(again.headers['x-cache']).toBe('hit');
    expect(again.body).toBe(first.body);

    await createPost(t, community, steward, { title: 'Ladder for the gutters' });
    const fresh = await client.get(board);
    expect(fresh.headers['x-cache']).toBeUndefined();
    expect(fresh.body).toContain('Ladder for the gutters');
  });

  it('keeps another community’s pages: a post in one drops only that community’s', async () => {
    const { community, steward, client, board } = await memberOnBoard();
    const elsewhere = await memberOnBoard();
    await client.get(board);
    await elsewhere.client.get(elsewhere.board);
    await createPost(t, community, steward, { title: 'Jumper cables' });
    expect((await elsewhere.client.get(elsewhere.board)).headers['x-cache']).toBe('hit');
    const fresh = await client.get(board);
    expect(fresh.headers['x-cache']).toBeUndefined();
    expect(fresh.body).toContain('Jumper cables');
  });

  it('drops the pages of every community of a member who hides a phone number', async () => {
    const { community, client } = await memberOnBoard();
    const { community: other, steward: otherSteward } = await t.community();
    const neighbor = await t.member(community, 'member', {
      phone: '+1 555 0142',
      phoneVisibility: 'community',
    });
    await t.membership(other, neighbor);
    const viewerThere = await t.as(otherSteward);
    const profile = `/c/${community.slug}/members/${neighbor.id}`;
    const profileThere = `/c/${other.slug}/members/${neighbor.id}`;
    for (const [c, url] of [
      [client, profile],
      [viewerThere, profileThere],
    ] as const) {
      await c.get(url);
      await c.get(url);
      const stored = await c.get(url);
      expect(stored.headers['x-cache']).toBe('hit');
      expect(stored.body).toContain('+1 555 0142');
    }
    const owner = await t.as(neighbor);
    expect((await owner.api('PATCH', '/api/v1/me/profile', { phoneVisibility: 'nobody' })).statusCode).toBe(
      200,
    );
    for (const [c, url] of [
      [client, profile],
      [viewerThere, profileThere],
    ] as const) {
      const fresh = await c.get(url);
      expect(fresh.headers['x-cache']).toBeUndefined();
      expect(fresh.body).not.toContain('+1 555 0142');
    }
  });

  it('serves nothing stored to a session signed out, even in the same browser', async () => {
    const { client, board } = await memberOnBoard();
    await client.get(board);
    expect((await client.get(board)).headers['x-cache']).toBe('hit');
    const token = client.cookies.get('porch_session')!;
    expect((await client.api('DELETE', '/api/v1/auth/sessions')).statusCode).toBe(204);
    client.cookies.set('porch_session', token);
    const after = await client.get(board);
    expect(after.headers['x-cache']).toBeUndefined();
    expect(after.statusCode).not.toBe(200);
  });

  it('drops a search page built from results another member’s search kept, when a post is added', async () => {
    const { community, steward, client } = await memberOnBoard();
    const other = await t.as(await t.member(community));
    const url = `/c/${community.slug}/search?q=ladder`;
    await other.get('/login');
    await other.get(url); // runs the queries and keeps the results for everyone
    await client.get(url); // renders from the kept results
    expect((await client.get(url)).headers['x-cache']).toBe('hit');
    await createPost(t, community, steward, { title: 'Ladder for the roof' });
    const fresh = await client.get(url);
    expect(fresh.headers['x-cache']).toBeUndefined();
    expect(fresh.body).toContain('Ladder for the roof');
  });

  it('stops serving a member’s stored page the moment they are removed', async () => {
    const { community, member, client, board } = await memberOnBoard();
    await client.get(board);
    expect((await client.get(board)).headers['x-cache']).toBe('hit');
    await t.services.db
      .updateTable('membership')
      .set({ status: 'removed' })
      .where('communityId', '=', community.id)
      .where('accountId', '=', member.id)
      .execute();
    const after = await client.get(board);
    expect(after.statusCode).not.toBe(200);
    expect(after.headers['x-cache']).toBeUndefined();
  });

  it('serves a stored page compressed as the browser accepts, the same page as before', async () => {
    const { client, board } = await memberOnBoard();
    const plain = await client.get(board);
    for (const [accept, encoding, decode] of [
      ['gzip, deflate, br', 'gzip', gunzipSync],
      ['br', 'br', brotliDecompressSync],
      ['br;q=1, gzip;q=0.5', 'br', brotliDecompressSync],
      // Each form's headers are kept with the page: asked again, the same and still right.
      ['gzip', 'gzip', gunzipSync],
    ] as const) {
      const res = await client.get(board, { 'accept-encoding': accept });
      expect(res.headers['x-cache']).toBe('hit');
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
      expect(decode(res.rawPayload).toString()).toBe(plain.body);
    }
    // Written as it is, with every header a rendered page carries (the security policy and all).
    const same = (headers: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(headers).filter(([name]) => !/^(x-cache|content-length|date|connection)$/.test(name)),
      );
    const stored = await client.get(board);
    expect(stored.headers['x-cache']).toBe('hit');
    expect(stored.headers['content-security-policy']).toContain("default-src 'self'");
    expect(same(stored.headers)).toEqual(same(plain.headers));
    expect(Number(stored.headers['content-length'])).toBe(Buffer.byteLength(plain.body));
  });

  it('keeps each viewer their own page: a member is never served the steward’s', async () => {
    const { community, steward, client, board } = await memberOnBoard();
    // Even in the same browser (one CSRF cookie), another session is another page.
    const stewardClient = await t.as(steward);
    stewardClient.cookies.set('_csrf', client.cookies.get('_csrf')!);
    await stewardClient.get(board);
    await stewardClient.get(board);
    const stewardPage = await stewardClient.get(board);
    expect(stewardPage.headers['x-cache']).toBe('hit');
    expect(stewardPage.body).toContain(`/c/${community.slug}/settings`);

    await client.get(board);
    const memberPage = await client.get(board);
    expect(memberPage.headers['x-cache']).toBe('hit');
    expect(memberPage.body).not.toContain(`/c/${community.slug}/settings`);
  });

  it('renders a page that sets a cookie every time, and caches it once the browser holds it', async () => {
    const { community } = await t.community();
    const member = await t.member(community);
    const session = await createSession(t.services.db, t.clock, member.id);
    const url = `/c/${community.slug}/library`;
    const bare = { cookie: `porch_session=${session}` };
    for (let i = 0; i < 2; i++) {
      const res = await t.app.inject({ url, headers: bare });
      expect(res.headers['x-cache']).toBeUndefined();
      expect(String(res.headers['set-cookie'])).toContain('_csrf=');
    }
    const client = await t.as(member);
    await client.get(url);
    await client.get(url);
    expect((await client.get(url)).headers['x-cache']).toBe('hit');
  });

  it('drops a page older than its age limit, for what depends on the time', async () => {
    const { client, board } = await memberOnBoard();
    await client.get(board);
    expect((await client.get(board)).headers['x-cache']).toBe('hit');
    t.clock.advance(pageCacheLimits.maxAgeMs / 1000 + 1);
    expect((await client.get(board)).headers['x-cache']).toBeUndefined();
  });

  it('does not cache a signed-out visitor’s pages or a refused request', async () => {
    const { community, client } = await memberOnBoard();
    const bad = `/c/${community.slug}/board?kind=nonsense`;
    expect((await client.get(bad)).statusCode).toBe(422);
    expect((await client.get(bad)).headers['x-cache']).toBeUndefined();
    const visitor = t.visitor();
    await visitor.get('/login');
    await visitor.get(`/c/${community.slug}/board`);
    const again = await visitor.get(`/c/${community.slug}/board`);
    expect(again.headers['x-cache']).toBeUndefined();
  });

  it('sees a write another process commits to the same database', async () => {
    const { community, steward, client, board } = await memberOnBoard();
    await client.get(board);
    expect((await client.get(board)).headers['x-cache']).toBe('hit');

    const other = await buildApp(t.services.config, { logger: false });
    try {
      const session = await createSession(other.services.db, other.services.clock, steward.id);
      const res = await other.inject({
        method: 'POST',
        url: `/api/v1/communities/${community.slug}/posts`,
        headers: { cookie: `porch_session=${session}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ kind: 'offer', title: 'Spare seedlings', category: 'food' }),
      });
      expect(res.statusCode).toBe(201);
      // At once: the version this process reads with the request has moved.
      const fresh = await client.get(board);
      expect(fresh.headers['x-cache']).toBeUndefined();
      expect(fresh.body).toContain('Spare seedlings');
    } finally {
      await other.close();
    }
  });
});
