import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { createPost } from '../../../test/support/posts.ts';
import type { Account, Community } from '../../platform/db/database.ts';
import { firstWave, noticesPerDay, widenAfterSeconds } from './urgent.ts';

const t = useTestApp();

/** `n` members who opted in to urgent requests, at increasing distance north of 41.9, -87.65. */
async function subscribers(community: Community, n: number, located = true): Promise<Account[]> {
  const people: Account[] = [];
  for (let i = 0; i < n; i++) {
    const location = located ? { locationLat: 41.9 + (i + 1) * 0.01, locationLng: -87.65 } : {};
    const member = await t.member(community, 'member', location);
    const res = await (await t.as(member)).api(
      'PUT',
      `/api/v1/communities/${community.slug}/urgent-subscription`,
      {
        subscribed: true,
      },
    );
    expect(res.json()).toEqual({ subscribed: true });
    people.push(member);
  }
  return people;
}

const told = (people: Account[]) => people.filter((p) => t.mailbox.to(p.email as string).length > 0);

describe('urgent requests', () => {
  it('stand out from other tags on the board and the post page (a styled tag, not a plain one)', async () => {
    const { community } = await t.community();
    const author = await t.member(community);
    const urgent = await createPost(t, community, author, { urgent: true, title: 'Locked out' });
    await createPost(t, community, author, { title: 'Spare chairs' });
    const client = await t.as(author);
    for (const path of ['board', `posts/${urgent.id}`]) {
      const page = (await client.get(`/c/${community.slug}/${path}`)).body;
      expect(page.match(/<li class="urgent">Urgent<\/li>/g), path).toHaveLength(1);
    }
  });

  it('tell the nearest opted-in members first, then everyone if nobody answered', async () => {
    const { community } = await t.community();
    const people = await subscribers(community, firstWave + 2);
    const author = await t.member(community, 'member', { locationLat: 41.9, locationLng: -87.65 });
    await createPost(t, community, author, { urgent: true, title: 'Locked out, need a ride' });
    await t.runJobs();
    expect(told(people)).toEqual(people.slice(0, firstWave));
    expect(t.mailbox.to(author.email as string)).toHaveLength(0);
    expect(t.mailbox.to(people[0].email as string)[0].subject).toContain('Locked out, need a ride');
    t.clock.advance(widenAfterSeconds + 1);
    await t.runJobs();
    expect(told(people)).toEqual(people);
    expect(t.mailbox.to(people[0].email as string)).toHaveLength(1);
  });

  it('do not widen once someone has answered', async () => {
    const { community } = await t.community();
    const people = await subscribers(community, firstWave + 1, false);
    const author = await t.member(community);
    const post = await createPost(t, community, author, { urgent: true });
    await t.runJobs();
    expect(told(people)).toHaveLength(firstWave);
    await (await t.as(people[0])).api(
      'POST',
      `/api/v1/communities/${community.slug}/posts/${post.id}/respond`,
      {
        message: 'On my way',
      },
    );
    t.clock.advance(widenAfterSeconds + 1);
    await t.runJobs();
    expect(t.mailbox.to(people[firstWave].email as string)).toHaveLength(0);
  });

  it('never tell the author, nor members who did not opt in or opted out', async () => {
    const { community } = await t.community();
    const [author] = await subscribers(community, 1);
    const quiet = await t.member(community);
    const [leaving] = await subscribers(community, 1);
    const client = await t.as(leaving);
    expect((await client.post(`/c/${community.slug}/board/urgent`, { subscribed: '0' })).statusCode).toBe(
      303,
    );
    expect((await client.get(`/c/${community.slug}/board`)).body).toContain('Email me urgent requests');
    await createPost(t, community, author, { urgent: true });
    t.clock.advance(widenAfterSeconds + 1);
    await t.runJobs();
    expect(told([author, quiet, leaving])).toEqual([]);
  });

  it('a member may post at most 2 urgent requests a day, with a clear message', async () => {
    const { community } = await t.community();
    const author = await t.member(community);
    await createPost(t, community, author, { urgent: true });
    await createPost(t, community, author, { urgent: true });
    const client = await t.as(author);
    const third = await client.api('POST', `/api/v1/communities/${community.slug}/posts`, {
      kind: 'request',
      title: 'Again',
      category: 'errands',
      urgent: true,
    });
    expect(third.statusCode).toBe(429);
    expect(third.json().code).toBe('posts.urgent_limit');
    expect(third.json().detail).toContain('Post this one without “urgent”');
    const form = await client.post(`/c/${community.slug}/board/new`, {
      kind: 'request',
      title: 'Again',
      category: 'errands',
      urgent: '1',
    });
    expect(form.statusCode).toBe(429);
    expect(form.body).toContain('already posted 2 urgent requests today');
    expect(
      (
        await client.api('POST', `/api/v1/communities/${community.slug}/posts`, {
          kind: 'request',
          title: 'Not urgent',
          category: 'errands',
        })
      ).statusCode,
    ).toBe(201);
    t.clock.advance(86400 + 1);
    await createPost(t, community, author, { urgent: true });
  });

  it('a member receives at most 5 urgent notices a day', async () => {
    const { community } = await t.community();
    const [listener] = await subscribers(community, 1);
    for (let i = 0; i < noticesPerDay + 1; i++) {
      await createPost(t, community, await t.member(community), { urgent: true, title: `Urgent ${i}` });
    }
    await t.runJobs();
    expect(t.mailbox.to(listener.email as string)).toHaveLength(noticesPerDay);
    t.clock.advance(widenAfterSeconds + 1);
    await t.runJobs();
    expect(t.mailbox.to(listener.email as string)).toHaveLength(noticesPerDay);
    t.clock.advance(86400);
    await createPost(t, community, await t.member(community), { urgent: true, title: 'Next day' });
    await t.runJobs();
    expect(t.mailbox.to(listener.email as string)).toHaveLength(noticesPerDay + 1);
  });
});
