import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { createPost, daysFromNow } from '../../../test/support/posts.ts';
import { search } from '../../platform/search/index.ts';
import { scheduleExpiry } from './service.ts';

const t = useTestApp();

const api = (slug: string) => `/api/v1/communities/${slug}/posts`;

describe('posting an offer or a request', () => {
  it('a member posts a request through the form and lands on its page', async () => {
    const { community } = await t.community();
    const member = await t.member(community);
    const client = await t.as(member);
    const form = await client.get(`/c/${community.slug}/board/new`);
    expect(form.statusCode).toBe(200);
    const res = await client.post(`/c/${community.slug}/board/new`, {
      kind: 'request',
      title: 'Need a ladder',
      details: 'For the gutter, Saturday',
      category: 'tools',
      place: 'Corner of Maple and 3rd',
      whenText: 'Saturday morning',
    });
    expect(res.statusCode).toBe(303);
    const page = await client.get(res.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Need a ladder');
    expect(page.body).toContain('Saturday morning');
  });

  it('a post is open for 14 days by default', async () => {
    const { community } = await t.community();
    const member = await t.member(community);
    const post = await createPost(t, community, member);
    const days = (Date.parse(post.openUntil as string) - t.clock.now().getTime()) / 86400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThanOrEqual(14);
    expect(post.status).toBe('open');
  });

  it('refuses "open until" in the past or beyond 90 days, and "when" after "open until"', async () => {
    const { community } = await t.community();
    const client = await t.as(await t.member(community));
    const base = { kind: 'request', title: 'x', category: 'food' };
    const past = await client.api('POST', api(community.slug), { ...base, openUntil: daysFromNow(t, -1) });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors).toEqual([
      expect.objectContaining({ field: 'openUntil', code: 'posts.open_until_past' }),
    ]);
    const far = await client.api('POST', api(community.slug), { ...base, openUntil: daysFromNow(t, 91) });
    expect(far.json().errors[0].code).toBe('posts.open_until_too_far');
    const order = await client.api('POST', api(community.slug), {
      ...base,
      openUntil: daysFromNow(t, 2),
      whenAt: daysFromNow(t, 3),
    });
    expect(order.json().errors[0]).toMatchObject({ field: 'whenAt', code: 'posts.when_after_open_until' });
  });

  it('only requests can be urgent; the form says so in Spanish', async () => {
    const { community } = await t.community();
    const client = await t.as(await t.member(community, 'member', { locale: 'es' }));
    const res = await client.post(`/c/${community.slug}/board/new`, {
      kind: 'offer',
      title: 'Sopa casera',
      category: 'food',
      urgent: '1',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Solo los pedidos pueden ser urgentes.');
    expect(res.body).toContain('value="Sopa casera"');
  });

  it('a title that is too long is refused beside the field', async () => {
    const { community } = await t.community();
    const client = await t.as(await t.member(community));
    const res = await client.api('POST', api(community.slug), {
      kind: 'offer',
      title: 'x'.repeat(121),
      category: 'other',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('title');
  });

  it('rounds a place to 3 decimals and shows it only to the post’s people', async () => {
    const { community } = await t.community();
    const [author, other] = [await t.member(community), await t.member(community)];
    const post = await createPost(t, community, author, { placeLat: 41.878114, placeLng: -87.629798 });
    expect(post).toMatchObject({ placeLat: 41.878, placeLng: -87.63 });
    const seen = await (await t.as(other)).api('GET', `${api(community.slug)}/${post.id}`);
    expect(seen.json()).toMatchObject({ placeLat: null, placeLng: null });
  });
});

describe('the board', () => {
  it('filters by kind and category, newest first', async () => {
    const { community } = await t.community();
    const member = await t.member(community);
    await createPost(t, community, member, { kind: 'offer', title: 'Soup', category: 'food' });
    await createPost(t, community, member, { kind: 'request', title: 'Drill', category: 'tools' });
    await createPost(t, community, member, { kind: 'request', title: 'Bread', category: 'food' });
    const client = await t.as(member);
    const all = await client.api('GET', api(community.slug));
    expect(all.json().posts.map((p: { title: string }) => p.title)).toEqual(['Bread', 'Drill', 'Soup']);
    const requests = await client.api('GET', `${api(community.slug)}?kind=request&category=food`);
    expect(requests.json().posts.map((p: { title: string }) => p.title)).toEqual(['Bread']);
    const page = await client.get(`/c/${community.slug}/board?kind=offer&category=&sort=newest`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Soup');
    expect(page.body).not.toContain('Drill');
  });

  it('sorts nearest first when the viewer has a location', async () => {
    const { community } = await t.community();
    const viewer = await t.member(community, 'member', { locationLat: 41.9, locationLng: -87.65 });
    const author = await t.member(community);
    await createPost(t, community, author, { title: 'Far', placeLat: 42.5, placeLng: -87.65 });
    await createPost(t, community, author, { title: 'Near', placeLat: 41.901, placeLng: -87.65 });
    await createPost(t, community, author, { title: 'Nowhere' });
    const res = await (await t.as(viewer)).api('GET', `${api(community.slug)}?sort=nearest`);
    const posts = res.json().posts as { title: string; distanceKm: number | null }[];
    expect(posts.map((p) => p.title)).toEqual(['Near', 'Far', 'Nowhere']);
    expect(posts[0].distanceKm).toBeCloseTo(0.1, 1);
  });

  it('a visitor who is not signed in is sent to sign in; a signed-in non-member gets 403', async () => {
    const { community } = await t.community();
    const anonymous = await t.visitor().get(`/c/${community.slug}/board`);
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/login');
    const stranger = await t.as(await t.account());
    expect((await stranger.get(`/c/${community.slug}/board`)).statusCode).toBe(403);
    expect((await stranger.api('GET', api(community.slug))).statusCode).toBe(403);
    const pending = await t.account();
    await t.membership(community, pending, 'member', 'pending');
    expect((await (await t.as(pending)).get(`/c/${community.slug}/thanks`)).statusCode).toBe(403);
  });
});

describe('editing and closing', () => {
  it('the author edits; another member gets 403; a steward may close', async () => {
    const { community, steward } = await t.community();
    const [author, other] = [await t.member(community), await t.member(community)];
    const post = await createPost(t, community, author);
    const url = `${api(community.slug)}/${post.id}`;
    const edited = await (await t.as(author)).api('PATCH', url, {
      title: 'Ride to the dentist',
      place: null,
    });
    expect(edited.json().title).toBe('Ride to the dentist');
    expect((await (await t.as(other)).api('PATCH', url, { title: 'Mine now' })).statusCode).toBe(403);
    expect((await (await t.as(other)).api('POST', `${url}/close`, {})).statusCode).toBe(403);
    const closed = await (await t.as(steward)).api('POST', `${url}/close`, {});
    expect(closed.json().status).toBe('closed');
    expect((await (await t.as(author)).api('POST', `${url}/close`, {})).statusCode).toBe(409);
  });

  it('an edit naming a field that is not editable (the author, the community, the date) is refused, writing nothing', async () => {
    const { community, steward } = await t.community();
    const other = await t.community();
    const author = await t.member(community);
    const post = await createPost(t, community, author, { kind: 'offer', title: 'Spare jars' });
    const url = `${api(community.slug)}/${post.id}`;
    const res = await (await t.as(author)).api('PATCH', url, {
      title: 'Spare jars, clean',
      authorId: steward.id,
      postedBy: steward.id,
      communityId: other.community.id,
      kind: 'request',
      urgent: 1,
      createdAt: '2020-01-01T00:00:00.000Z',
      unknownExtra: 'zzz',
    });
    expect(res.statusCode).toBe(422);
    const refused = (res.json().errors as { field: string; code: string }[]).filter(
      (e) => e.code === 'validation.additionalProperties',
    );
    expect(refused.map((e) => e.field)).toEqual(
      expect.arrayContaining(['authorId', 'postedBy', 'communityId', 'createdAt', 'unknownExtra']),
    );
    const row = await t.services.db
      .selectFrom('post')
      .selectAll()
      .where('communityId', '=', community.id)
      .where('id', '=', post.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ title: 'Spare jars', authorId: author.id, postedBy: author.id });
    expect(row).toMatchObject({ kind: 'offer', urgent: 0 });
    expect(row.createdAt).not.toBe('2020-01-01T00:00:00.000Z');
    expect((await (await t.as(author)).api('PATCH', url, { title: 'Spare jars, clean' })).statusCode).toBe(
      200,
    );
  });

  it('the edit form keeps the post’s values and saves through the page', async () => {
    const { community } = await t.community();
    const author = await t.member(community);
    const post = await createPost(t, community, author, {
      title: 'Soup pot',
      kind: 'offer',
      category: 'food',
    });
    const client = await t.as(author);
    const form = await client.get(`/c/${community.slug}/posts/${post.id}/edit`);
    expect(form.body).toContain('value="Soup pot"');
    const res = await client.post(`/c/${community.slug}/posts/${post.id}/edit`, {
      title: 'Big soup pot',
      category: 'food',
      openUntil: daysFromNow(t, 5).slice(0, 10),
    });
    expect(res.statusCode).toBe(303);
    expect((await client.get(`/c/${community.slug}/posts/${post.id}`)).body).toContain('Big soup pot');
  });
});

describe('claiming a request', () => {
  it('one helper at a time: others see who is helping; the helper or author can release', async () => {
    const { community } = await t.community();
    const [author, helper, late] = [
      await t.member(community),
      await t.member(community),
      await t.member(community),
    ];
    const post = await createPost(t, community, author);
    const url = `${api(community.slug)}/${post.id}`;
    const claimed = await (await t.as(helper)).api('POST', `${url}/claim`, {});
    expect(claimed.json()).toMatchObject({ status: 'claimed', claimedBy: { id: helper.id } });
    const second = await (await t.as(late)).api('POST', `${url}/claim`, {});
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('posts.already_claimed');
    const page = await (await t.as(late)).get(`/c/${community.slug}/posts/${post.id}`);
    expect(page.body).toContain(`${helper.displayName} is helping.`);
    // The helper reads about herself, with one box to write to the author (not "Offer to help").
    const own = (await (await t.as(helper)).get(`/c/${community.slug}/posts/${post.id}`)).body;
    expect(own).toContain('You are helping.');
    expect(own).not.toContain(`${helper.displayName} is helping.`);
    expect(own).toContain(`Write to ${author.displayName}`);
    expect(own).not.toContain('Offer to help');
    expect((await (await t.as(late)).api('POST', `${url}/release`, {})).statusCode).toBe(403);
    expect((await (await t.as(author)).api('POST', `${url}/release`, {})).json().status).toBe('open');
    expect((await (await t.as(late)).api('POST', `${url}/claim`, {})).statusCode).toBe(200);
    expect((await (await t.as(late)).api('POST', `${url}/release`, {})).json()).toMatchObject({
      status: 'open',
      claimedBy: null,
    });
  });

  it('the author cannot claim their own request, and offers cannot be claimed', async () => {
    const { community } = await t.community();
    const [author, other] = [await t.member(community), await t.member(community)];
    const request = await createPost(t, community, author);
    const offer = await createPost(t, community, author, { kind: 'offer' });
    expect(
      (await (await t.as(author)).api('POST', `${api(community.slug)}/${request.id}/claim`, {})).statusCode,
    ).toBe(403);
    expect(
      (await (await t.as(other)).api('POST', `${api(community.slug)}/${offer.id}/claim`, {})).statusCode,
    ).toBe(403);
  });

  it('a claim through the page that comes second shows the post again with a notice', async () => {
    const { community } = await t.community();
    const [author, helper, late] = [
      await t.member(community),
      await t.member(community),
      await t.member(community),
    ];
    const post = await createPost(t, community, author);
    await (await t.as(helper)).post(`/c/${community.slug}/posts/${post.id}/claim`);
    const res = await (await t.as(late)).post(`/c/${community.slug}/posts/${post.id}/claim`);
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Someone is already helping');
  });
});

describe('fulfilling and thanking', () => {
  it('the author marks it done with a thank-you naming the helper; it shows on the gratitude wall', async () => {
    const { community } = await t.community();
    const [author, helper, other] = [
      await t.member(community),
      await t.member(community),
      await t.member(community),
    ];
    const post = await createPost(t, community, author, { title: 'Groceries' });
    await (await t.as(helper)).api('POST', `${api(community.slug)}/${post.id}/claim`, {});
    expect(
      (await (await t.as(other)).api('POST', `${api(community.slug)}/${post.id}/fulfill`, {})).statusCode,
    ).toBe(403);
    const res = await (await t.as(author)).post(`/c/${community.slug}/posts/${post.id}/fulfill`, {
      thanks: 'Thank you for carrying everything up!',
      helperId: helper.id,
    });
    expect(res.statusCode).toBe(303);
    const wall = await (await t.as(other)).get(`/c/${community.slug}/thanks`);
    expect(wall.statusCode).toBe(200);
    expect(wall.body).toContain('Thank you for carrying everything up!');
    expect(wall.body).toContain(`From ${author.displayName} to ${helper.displayName}`);
    const again = await (await t.as(author)).api('POST', `${api(community.slug)}/${post.id}/fulfill`, {});
    expect(again.statusCode).toBe(409);
    const json = await (await t.as(other)).api('GET', `/api/v1/communities/${community.slug}/thanks`);
    expect(json.json()[0]).toMatchObject({ postTitle: 'Groceries', helper: { id: helper.id } });
  });

  it('a thank-you can follow later, once', async () => {
    const { community } = await t.community();
    const author = await t.member(community);
    const post = await createPost(t, community, author);
    const client = await t.as(author);
    await client.api('POST', `${api(community.slug)}/${post.id}/fulfill`, {});
    expect(
      (await client.api('POST', `${api(community.slug)}/${post.id}/thanks`, { thanks: 'Thanks all' }))
        .statusCode,
    ).toBe(200);
    expect(
      (await client.api('POST', `${api(community.slug)}/${post.id}/thanks`, { thanks: 'Again' })).statusCode,
    ).toBe(409);
  });
});

describe('on behalf of a neighbor', () => {
  it('a member posts for a paper member: "posted by X for Y"; both may manage it', async () => {
    const { community } = await t.community();
    const helper = await t.member(community, 'member', { displayName: 'Rosa' });
    const paper = await t.member(community, 'member', { displayName: 'Don Luis', email: null });
    const other = await t.member(community);
    const post = await createPost(t, community, helper, { forAccountId: paper.id });
    expect(post).toMatchObject({ author: { id: paper.id }, postedBy: { id: helper.id } });
    const page = await (await t.as(other)).get(`/c/${community.slug}/posts/${post.id}`);
    expect(page.body).toContain('Posted by Rosa for Don Luis');
    expect(
      (await (await t.as(helper)).api('PATCH', `${api(community.slug)}/${post.id}`, { title: 'Ride' }))
        .statusCode,
    ).toBe(200);
    expect(
      (await (await t.as(paper)).api('POST', `${api(community.slug)}/${post.id}/close`, {})).statusCode,
    ).toBe(200);
  });

  it('refuses a neighbor who is not an active member of this community', async () => {
    const { community } = await t.community();
    const { community: elsewhere } = await t.community();
    const member = await t.member(community);
    const outsider = await t.member(elsewhere);
    const res = await (await t.as(member)).api('POST', api(community.slug), {
      kind: 'request',
      title: 'x',
      category: 'other',
      forAccountId: outsider.id,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ field: 'forAccountId', code: 'posts.for_not_member' });
  });
});

describe('expiry', () => {
  it('past-due posts read as expired at once, and the job closes them for good', async () => {
    const { community } = await t.community();
    const member = await t.member(community);
    const other = await t.member(community);
    const post = await createPost(t, community, member, { openUntil: daysFromNow(t, 1) });
    t.clock.advance(2 * 86400);
    const client = await t.as(member);
    expect((await client.api('GET', `${api(community.slug)}/${post.id}`)).json().status).toBe('expired');
    expect((await client.api('GET', api(community.slug))).json().posts).toEqual([]);
    expect(
      (await (await t.as(other)).api('POST', `${api(community.slug)}/${post.id}/claim`, {})).statusCode,
    ).toBe(409);
    await t.runJobs();
    const row = await t.services.db
      .selectFrom('post')
      .select('status')
      .where('communityId', '=', community.id)
      .where('id', '=', post.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('expired');
    const pending = await t.services.db
      .selectFrom('job')
      .select('runAt')
      .where('kind', '=', 'posts.expire')
      .where('doneAt', 'is', null)
      .execute();
    expect(pending).toHaveLength(1);
  });
});

describe('the expiry job', () => {
  it('closes past-due posts of every community in one run, beyond a batch, and takes them out of search', async () => {
    const [a, b] = [(await t.community()).community, (await t.community()).community];
    const [memberA, memberB] = [await t.member(a), await t.member(b)];
    const dueA = await createPost(t, a, memberA, { title: 'Ladder wanted', openUntil: daysFromNow(t, 1) });
    const dueB = await createPost(t, b, memberB, { title: 'Ladder wanted', openUntil: daysFromNow(t, 1) });
    const live = await createPost(t, b, memberB, { title: 'Ladder wanted', openUntil: daysFromNow(t, 10) });
    // More past-due posts than one batch (500) of the job.
    const now = t.clock.now().toISOString();
    const past = daysFromNow(t, 1);
    await t.services.db
      .insertInto('post')
      .values(
        Array.from({ length: 1100 }, (_, i) => ({
          id: `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`,
          communityId: i % 2 ? a.id : b.id,
          kind: 'offer' as const,
          title: `Old offer ${i}`,
          category: 'other' as const,
          openUntil: past,
          status: 'open' as const,
          authorId: i % 2 ? memberA.id : memberB.id,
          postedBy: i % 2 ? memberA.id : memberB.id,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .execute();
    const found = async (community: { id: string }) =>
      (await search(t.services.db, t.services.dialect, community.id, 'ladder'))
        .map((h) => h.subjectId)
        .sort();
    expect(await found(b)).toEqual([dueB.id, live.id].sort());
    expect(await found(a)).toEqual([dueA.id]);
    t.clock.advance(2 * 86400);
    await t.runJobs();
    const statuses = await t.services.db
      .selectFrom('post')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('communityId', 'in', [a.id, b.id])
      .groupBy('status')
      .execute();
    expect(Object.fromEntries(statuses.map((r) => [r.status, Number(r.n)]))).toEqual({
      expired: 1102,
      open: 1,
    });
    expect(await found(a)).toEqual([]);
    expect(await found(b)).toEqual([live.id]);
  });
});

describe('scheduling the expiry job', () => {
  it('a restart does not add a second run while one is waiting', async () => {
    const pending = () =>
      t.services.db
        .selectFrom('job')
        .select('id')
        .where('kind', '=', 'posts.expire')
        .where('doneAt', 'is', null)
        .execute();
    await scheduleExpiry(t.services);
    await scheduleExpiry(t.services);
    expect(await pending()).toHaveLength(1);
  });
});

describe('finding posts', () => {
  it('a live post can be searched; closed and expired ones drop out', async () => {
    const { community } = await t.community();
    const member = await t.member(community);
    const find = async (q: string) =>
      (await search(t.services.db, t.services.dialect, community.id, q)).map((h) => h.subjectId);
    const ladder = await createPost(t, community, member, { title: 'Need a ladder', category: 'tools' });
    const soup = await createPost(t, community, member, {
      title: 'Soup',
      details: 'Extra ladder too',
      openUntil: daysFromNow(t, 1),
    });
    expect((await find('ladder')).sort()).toEqual([ladder.id, soup.id].sort());
    await (await t.as(member)).api('POST', `${api(community.slug)}/${ladder.id}/close`, {});
    t.clock.advance(2 * 86400);
    await t.runJobs();
    expect(await find('ladder')).toEqual([]);
  });
});
