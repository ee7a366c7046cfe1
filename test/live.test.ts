/**
 * The live-event stream outlives the request that opened it: who may read it is read again from
 * the database before each event, so a member removed or a session signed out (by any process)
 * gets nothing more, and the stream ends.
 */
import { type IncomingMessage, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../src/platform/auth/sessions.ts';
import type { Community } from '../src/platform/db/database.ts';
import { useTestApp } from './support/app.ts';

/** An open stream: the text received so far, and whether the server ended it. */
interface Stream {
  text(): string;
  ended: Promise<void>;
  close(): void;
}

describe('the live-event stream', () => {
  const t = useTestApp();
  let base: string;
  beforeAll(async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  });
  afterAll(() => t.app.server.closeAllConnections());

  function open(community: Community, token: string): Promise<Stream> {
    return new Promise((resolve, reject) => {
      const req = request(`${base}/c/${community.slug}/live`, {
        headers: { cookie: `porch_session=${token}` },
      });
      req.on('error', reject);
      req.on('response', (res: IncomingMessage) => {
        if (res.statusCode !== 200) return reject(new Error(`live answered ${res.statusCode}`));
        let received = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          received += chunk;
        });
        const ended = new Promise<void>((done) => res.on('end', () => done()));
        // Resolves once the stream has started (the retry line).
        const started = setInterval(() => {
          if (!received.includes('retry:')) return;
          clearInterval(started);
          resolve({ text: () => received, ended, close: () => req.destroy() });
        }, 5);
      });
      req.end();
    });
  }

  const publish = (community: Community, n: number) =>
    t.services.events.publish({ channel: `community:${community.id}`, type: 'post', data: { n } });
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  };

  it('delivers events to a member, and nothing more once they are removed', async () => {
    const { community } = await t.community();
    const member = await t.member(community);
    const stream = await open(community, await createSession(t.services.db, t.clock, member.id));
    await publish(community, 1);
    await until(() => stream.text().includes('"n":1'));
    expect(stream.text()).toContain('event: post\ndata: {"n":1}');

    await t.services.db
      .updateTable('membership')
      .set({ status: 'removed' })
      .where('communityId', '=', community.id)
      .where('accountId', '=', member.id)
      .execute();
    await publish(community, 2);
    await stream.ended;
    expect(stream.text()).not.toContain('"n":2');
  });

  it('ends the stream of a session signed out', async () => {
    const { community } = await t.community();
    const member = await t.member(community);
    const token = await createSession(t.services.db, t.clock, member.id);
    const stream = await open(community, token);
    await t.services.db.deleteFrom('session').where('accountId', '=', member.id).execute();
    await publish(community, 3);
    await stream.ended;
    expect(stream.text()).not.toContain('"n":3');
  });

  it('refuses a visitor', async () => {
    const { community } = await t.community();
    await expect(open(community, 'no-such-session')).rejects.toThrow(/answered (303|401|403)/);
  });
});
