import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { createPost } from '../../../test/support/posts.ts';
import type { Account, Community } from '../../platform/db/database.ts';

const t = useTestApp();

/** A request by `author` answered by `responder`; returns the conversation id. */
async function respond(
  community: Community,
  author: Account,
  responder: Account,
  message = 'I can drive you',
) {
  const post = await createPost(t, community, author);
  const res = await (await t.as(responder)).api(
    'POST',
    `/api/v1/communities/${community.slug}/posts/${post.id}/respond`,
    { message },
  );
  expect(res.statusCode).toBe(201);
  return { post, conversationId: res.json().conversationId as string };
}

describe('responding to a post', () => {
  it('opens a conversation between the author and the responder, and mails the author', async () => {
    const { community } = await t.community();
    const [author, responder] = [await t.member(community), await t.member(community)];
    const { post, conversationId } = await respond(community, author, responder);
    const page = await (await t.as(author)).get(`/c/${community.slug}/conversations/${conversationId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('I can drive you');
    expect(page.body).toContain(`/c/${community.slug}/posts/${post.id}`);
    await t.runJobs();
    const mail = t.mailbox.to(author.email as string);
    expect(mail).toHaveLength(1);
    expect(mail[0].text).toContain('I can drive you');
    expect(mail[0].text).toContain(`/c/${community.slug}/conversations/${conversationId}`);
    expect(t.mailbox.to(responder.email as string)).toHaveLength(0);
  });

  it('responding again reuses the same conversation; a second responder gets their own', async () => {
    const { community } = await t.community();
    const [author, first, second] = [
      await t.member(community),
      await t.member(community),
      await t.member(community),
    ];
    const { post, conversationId } = await respond(community, author, first);
    const url = `/c/${community.slug}/posts/${post.id}/respond`;
    const again = await (await t.as(first)).post(url, { message: 'Still free?' });
    expect(again.headers.location).toBe(`/c/${community.slug}/conversations/${conversationId}`);
    const other = await (await t.as(second)).post(url, { message: 'Me too' });
    expect(other.headers.location).not.toBe(again.headers.location);
    const postPage = await (await t.as(author)).get(`/c/${community.slug}/posts/${post.id}`);
    expect(postPage.body).toContain(first.displayName);
    expect(postPage.body).toContain(second.displayName);
  });

  it('a claimed request still takes messages; the author cannot respond to their own post', async () => {
    const { community } = await t.community();
    const [author, helper, other] = [
      await t.member(community),
      await t.member(community),
      await t.member(community),
    ];
    const post = await createPost(t, community, author);
    const base = `/api/v1/communities/${community.slug}/posts/${post.id}`;
    await (await t.as(helper)).api('POST', `${base}/claim`, {});
    expect(
      (await (await t.as(other)).api('POST', `${base}/respond`, { message: 'Backup driver here' }))
        .statusCode,
    ).toBe(201);
    expect((await (await t.as(author)).api('POST', `${base}/respond`, { message: 'hi' })).statusCode).toBe(
      403,
    );
  });

  it('a post made for a neighbor brings both the neighbor and the poster into the conversation', async () => {
    const { community } = await t.community();
    const [poster, neighbor, responder] = [
      await t.member(community),
      await t.member(community),
      await t.member(community),
    ];
    const post = await createPost(t, community, poster, { forAccountId: neighbor.id });
    const res = await (await t.as(responder)).api(
      'POST',
      `/api/v1/communities/${community.slug}/posts/${post.id}/respond`,
      { message: 'Happy to help' },
    );
    const conversation = await (await t.as(poster)).api(
      'GET',
      `/api/v1/communities/${community.slug}/conversations/${res.json().conversationId}`,
    );
    expect(conversation.statusCode).toBe(200);
    const ids = conversation
      .json()
      .participants.map((p: { accountId: string }) => p.accountId)
      .sort();
    expect(ids).toEqual([poster.id, neighbor.id, responder.id].sort());
  });
});

describe('claiming a request', () => {
  it('opens the conversation with the helper and tells the author by mail', async () => {
    const { community } = await t.community();
    const [author, helper] = [
      await t.member(community),
      await t.member(community, 'member', { displayName: 'Marta' }),
    ];
    const post = await createPost(t, community, author, { title: 'Carry a sofa' });
    await (await t.as(helper)).api(
      'POST',
      `/api/v1/communities/${community.slug}/posts/${post.id}/claim`,
      {},
    );
    await t.runJobs();
    expect(t.mailbox.to(author.email as string).at(-1)?.subject).toBe('Marta will help: Carry a sofa');
    const page = await (await t.as(author)).get(`/c/${community.slug}/posts/${post.id}`);
    const link = page.body.match(/href="(\/c\/[^"]+\/conversations\/[^"]+)">Marta</)?.[1];
    expect(link).toBeDefined();
    expect(
      (await (await t.as(author)).post(link as string, { body: 'Thank you! Come at 5.' })).statusCode,
    ).toBe(303);
  });
});

describe('conversation privacy', () => {
  it('a third member gets 403 on the page, the API and when writing', async () => {
    const { community } = await t.community();
    const [author, responder, third] = [
      await t.member(community),
      await t.member(community),
      await t.member(community),
    ];
    const { conversationId } = await respond(community, author, responder);
    const client = await t.as(third);
    expect((await client.get(`/c/${community.slug}/conversations/${conversationId}`)).statusCode).toBe(403);
    const api = `/api/v1/communities/${community.slug}/conversations/${conversationId}`;
    expect((await client.api('GET', api)).statusCode).toBe(403);
    expect((await client.api('POST', `${api}/messages`, { body: 'let me in' })).statusCode).toBe(403);
    expect((await client.api('POST', `${api}/ask-steward`, {})).statusCode).toBe(403);
  });

  it('a steward reads it only after a participant asks, and is told by mail', async () => {
    const { community, steward } = await t.community();
    const [author, responder] = [await t.member(community), await t.member(community)];
    const { conversationId } = await respond(community, author, responder);
    const page = `/c/${community.slug}/conversations/${conversationId}`;
    expect((await (await t.as(steward)).get(page)).statusCode).toBe(403);
    const authorClient = await t.as(author);
    expect((await authorClient.get(page)).body).toContain('Ask a steward to look');
    expect((await authorClient.post(`${page}/ask-steward`)).statusCode).toBe(303);
    await t.runJobs();
    expect(t.mailbox.to(steward.email as string).at(-1)?.text).toContain(page);
    const seen = await (await t.as(steward)).get(page);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).toContain('I can drive you');
    expect(seen.body).not.toContain('Ask a steward to look');
    expect((await (await t.as(steward)).post(page, { body: 'I am here to help.' })).statusCode).toBe(303);
  });

  it('a signed-in non-member gets 403', async () => {
    const { community } = await t.community();
    const [author, responder] = [await t.member(community), await t.member(community)];
    const { conversationId } = await respond(community, author, responder);
    const res = await (await t.as(await t.account())).get(
      `/c/${community.slug}/conversations/${conversationId}`,
    );
    expect(res.statusCode).toBe(403);
  });

  it.each([
    ['GET', 'page', ''],
    ['POST', 'page', ''],
    ['POST', 'page', '/ask-steward'],
    ['GET', 'api', ''],
    ['POST', 'api', '/messages'],
    ['POST', 'api', '/ask-steward'],
  ] as const)('a conversation of another community is 404 (%s %s%s)', async (method, kind, suffix) => {
    const a = await t.community();
    const b = await t.community();
    const [author, responder] = [await t.member(b.community), await t.member(b.community)];
    const { conversationId } = await respond(b.community, author, responder);
    // A steward of A who is even a participant in B's conversation still cannot reach it through A.
    await t.membership(a.community, author, 'steward');
    const client = await t.as(author);
    const url =
      kind === 'page'
        ? `/c/${a.community.slug}/conversations/${conversationId}${suffix}`
        : `/api/v1/communities/${a.community.slug}/conversations/${conversationId}${suffix}`;
    // Asking a steward takes no fields; a message takes its text.
    const body = suffix === '/ask-steward' ? {} : { body: 'hello' };
    const res =
      kind === 'page'
        ? method === 'GET'
          ? await client.get(url)
          : await client.post(url, body)
        : await client.api(method, url, method === 'POST' ? body : undefined);
    expect(res.statusCode).toBe(404);
  });
});

describe('my conversations', () => {
  it('lists the conversations I take part in, with what they are about; nobody else’s', async () => {
    const { community } = await t.community();
    const [author, responder, third] = [
      await t.member(community),
      await t.member(community),
      await t.member(community),
    ];
    const { conversationId } = await respond(community, author, responder);
    const page = await (await t.as(author)).get(`/c/${community.slug}/conversations`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/c/${community.slug}/conversations/${conversationId}`);
    expect(page.body).toContain(`With ${responder.displayName}`);
    const api = await (await t.as(responder)).api(
      'GET',
      `/api/v1/communities/${community.slug}/conversations`,
    );
    expect(api.json()).toEqual([
      expect.objectContaining({
        id: conversationId,
        subject: expect.objectContaining({ title: 'Ride to the clinic' }),
        messageCount: 1,
      }),
    ]);
    expect(
      (await (await t.as(third)).api('GET', `/api/v1/communities/${community.slug}/conversations`)).json(),
    ).toEqual([]);
  });
});

describe('writing a message', () => {
  it('an empty or too long message is refused beside the field', async () => {
    const { community } = await t.community();
    const [author, responder] = [await t.member(community), await t.member(community)];
    const { conversationId } = await respond(community, author, responder);
    const page = `/c/${community.slug}/conversations/${conversationId}`;
    const res = await (await t.as(author)).post(page, { body: 'x'.repeat(2001) });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('at most 2000 characters');
    const api = await (await t.as(author)).api(
      'POST',
      `/api/v1/communities/${community.slug}/conversations/${conversationId}/messages`,
      { body: '' },
    );
    expect(api.statusCode).toBe(422);
  });

  it('the other participant is mailed in their own language', async () => {
    const { community } = await t.community();
    const author = await t.member(community, 'member', { locale: 'es' });
    const responder = await t.member(community);
    await respond(community, author, responder, 'Puedo llevarte');
    await t.runJobs();
    expect(t.mailbox.to(author.email as string)[0].subject).toContain('te escribió');
  });
});

describe('writing to a member from their profile', () => {
  it('opens one conversation between the two, whoever writes first, and tells the other', async () => {
    const { community, steward } = await t.community();
    const [ana, bo] = [
      await t.member(community, 'member', { displayName: 'Ana' }),
      await t.member(community, 'member', { displayName: 'Bo' }),
    ];
    const asAna = await t.as(ana);
    const profile = await asAna.get(`/c/${community.slug}/members/${bo.id}`);
    expect(profile.body).toContain('Send a message to Bo');
    expect(profile.body).toContain(`action="/c/${community.slug}/members/${bo.id}/message"`);
    expect((await asAna.get(`/c/${community.slug}/members/${ana.id}`)).body).not.toContain('Send a message');

    const sent = await asAna.post(`/c/${community.slug}/members/${bo.id}/message`, {
      body: 'Hello neighbor',
    });
    expect(sent.statusCode).toBe(303);
    const page = await asAna.get(sent.headers.location as string);
    expect(page.body).toContain('Your message is sent.');
    expect(page.body).toContain('Hello neighbor');
    await t.runJobs();
    expect(t.mailbox.to(bo.email as string).at(-1)?.text).toContain('Hello neighbor');

    const back = await (await t.as(bo)).api(
      'POST',
      `/api/v1/communities/${community.slug}/members/${ana.id}/messages`,
      { body: 'Hi Ana' },
    );
    expect(back.statusCode).toBe(201);
    expect(sent.headers.location).toBe(`/c/${community.slug}/conversations/${back.json().conversationId}`);
    // A steward writes to a member the same way, in a conversation of their own.
    const fromSteward = await (await t.as(steward)).api(
      'POST',
      `/api/v1/communities/${community.slug}/members/${bo.id}/messages`,
      { body: 'Welcome, Bo' },
    );
    expect(fromSteward.statusCode).toBe(201);
    expect(fromSteward.json().conversationId).not.toBe(back.json().conversationId);
    // Nobody else reads it.
    const third = await t.as(await t.member(community));
    expect((await third.get(sent.headers.location as string)).statusCode).toBe(403);
  });

  it('refuses writing to oneself, to someone not a member here, and an empty message', async () => {
    const { community } = await t.community();
    const other = await t.community();
    const [ana, elsewhere] = [await t.member(community), await t.member(other.community)];
    const api = (id: string, body: unknown) =>
      t
        .as(ana)
        .then((c) => c.api('POST', `/api/v1/communities/${community.slug}/members/${id}/messages`, body));
    expect((await api(ana.id, { body: 'me' })).statusCode).toBe(409);
    expect((await api(elsewhere.id, { body: 'hi' })).statusCode).toBe(404);
    const refused = await (await t.as(ana)).post(`/c/${community.slug}/members/${elsewhere.id}/message`, {
      body: '',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Send a message');
    const count = await t.services.db
      .selectFrom('conversation')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('communityId', '=', community.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });
});
