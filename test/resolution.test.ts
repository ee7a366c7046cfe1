/**
 * Who a request stands for is read from the database on every request: a member removed, or a
 * session signed out everywhere, through one process is honoured by another process on the same
 * database at once, not after a cache there expires.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../src/app.ts';
import { createSession } from '../src/platform/auth/sessions.ts';
import type { Account, Community } from '../src/platform/db/database.ts';
import { useTestApp } from './support/app.ts';

const t = useTestApp();
/** A second Porch process on the same database. */
let other: App;

beforeAll(async () => {
  other = await buildApp(t.services.config, { logger: false });
  await other.ready();
});
afterAll(async () => {
  await other?.close();
});

/** Calls the API of `app` as the holder of session `token`. */
function call(app: App, token: string, method: 'GET' | 'POST', url: string, body?: unknown) {
  return app.inject({
    method,
    url,
    headers: {
      cookie: `porch_session=${token}`,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

const item = { name: 'Ladder', category: 'tools', condition: 'good', valueBand: 'low', loanDays: 7 };

async function memberOnTheOtherProcess(): Promise<{
  community: Community;
  steward: Account;
  member: Account;
  token: string;
}> {
  const { community, steward } = await t.community();
  const member = await t.member(community);
  const token = await createSession(t.services.db, t.services.clock, member.id);
  return { community, steward, member, token };
}

describe('resolving who a request stands for, with two processes on one database', () => {
  it('refuses a member removed on one process at once on the other, every time', async () => {
    const { community, steward, member, token } = await memberOnTheOtherProcess();
    const steward1 = await t.as(steward);
    const items = `/api/v1/communities/${community.slug}/items`;
    for (let round = 0; round < 5; round++) {
      // Seen as a member on the other process just before…
      expect((await call(other, token, 'POST', items, item)).statusCode).toBe(201);
      const removed = await steward1.api(
        'DELETE',
        `/api/v1/communities/${community.slug}/members/${member.id}`,
      );
      expect(removed.statusCode).toBe(200);
      // …and refused there right after, without waiting for anything.
      expect((await call(other, token, 'POST', items, item)).statusCode).toBe(403);
      expect((await call(other, token, 'GET', items)).statusCode).toBe(403);
      await t.services.db
        .updateTable('membership')
        .set({ status: 'active', endedAt: null })
        .where('communityId', '=', community.id)
        .where('accountId', '=', member.id)
        .execute();
    }
  });

  it('refuses a session signed out everywhere on one process at once on the other', async () => {
    const { community, member, token } = await memberOnTheOtherProcess();
    const me = '/api/v1/me';
    const items = `/api/v1/communities/${community.slug}/items`;
    expect((await call(other, token, 'GET', me)).statusCode).toBe(200);
    expect((await call(other, token, 'GET', items)).statusCode).toBe(200);
    const here = await t.as(member);
    expect((await here.post('/logout/everywhere')).statusCode).toBe(303);
    expect((await call(other, token, 'GET', me)).statusCode).toBe(401);
    expect((await call(other, token, 'GET', items)).statusCode).toBe(401);
  });

  it('sees a role given on one process at once on the other', async () => {
    const { community, steward, member, token } = await memberOnTheOtherProcess();
    const settings = `/api/v1/communities/${community.slug}/library/settings`;
    expect((await call(other, token, 'GET', settings)).statusCode).toBe(403);
    const changed = await (await t.as(steward)).api(
      'PATCH',
      `/api/v1/communities/${community.slug}/members/${member.id}`,
      { role: 'steward' },
    );
    expect(changed.statusCode).toBe(200);
    expect((await call(other, token, 'GET', settings)).statusCode).toBe(200);
  });

  it('answers 404 on the other process for a community archived or renamed away', async () => {
    const { community, token } = await memberOnTheOtherProcess();
    const items = `/api/v1/communities/${community.slug}/items`;
    expect((await call(other, token, 'GET', items)).statusCode).toBe(200);
    await t.services.db
      .updateTable('community')
      .set({ archivedAt: new Date().toISOString() })
      .where('id', '=', community.id)
      .execute();
    expect((await call(other, token, 'GET', items)).statusCode).toBe(404);
  });
});
