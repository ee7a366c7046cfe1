import { describe, expect, it } from 'vitest';
import { seedCommunity } from '../../../bench/http-seed.ts';
import { useTestApp } from '../../../test/support/app.ts';
import { createSession } from '../../platform/auth/sessions.ts';

describe('searching a community', () => {
  const t = useTestApp();

  it('finds a request on the board, a seed variety and a neighbor who shares the skill, for a member', async () => {
    const { community, steward } = await t.community();
    const ana = await t.member(community);
    const base = `/api/v1/communities/${community.slug}`;
    const asAna = await t.as(ana);
    const post = await asAna.api('POST', `${base}/posts`, {
      kind: 'request',
      title: 'Need a ladder for the gutters',
      category: 'tools',
    });
    expect(post.statusCode).toBe(201);
    const asSteward = await t.as(steward);
    const variety = await asSteward.api('POST', `${base}/varieties`, {
      crop: 'bean',
      name: 'Ladder runner',
      seasons: ['spring'],
      savingDifficulty: 'easy',
    });
    expect(variety.statusCode).toBe(201);
    const climber = await t.member(community, 'member', { displayName: 'Climbing Carla' });
    const asCarla = await t.as(climber);
    expect(
      (await asCarla.api('PATCH', '/api/v1/me/profile', { skillsToShare: ['ladder work'] })).statusCode,
    ).toBe(200);

    const res = await asAna.api('GET', `${base}/search?q=ladder`);
    expect(res.statusCode).toBe(200);
    const kinds = res
      .json()
      .results.map((r: { kind: string }) => r.kind)
      .sort();
    expect(kinds).toEqual(['member', 'post', 'variety']);

    const page = await asAna.get(`/c/${community.slug}/search?q=lad`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Need a ladder for the gutters');
    expect(page.body).toContain('Climbing Carla');
  });

  it('finds things listed in English from Spanish words and the other way round, with what they are', async () => {
    const { community, steward } = await t.community();
    const ana = await t.member(community, 'member', { displayName: 'Ana Ruiz' });
    const base = `/api/v1/communities/${community.slug}`;
    const asAna = await t.as(ana);
    const add = async (name: string, category: string) =>
      expect(
        (
          await asAna.post(`/c/${community.slug}/library/items`, {
            name,
            category,
            condition: 'good',
            valueBand: 'medium',
            pickupPlace: 'Porch',
            rules: '',
            loanDays: '5',
          })
        ).statusCode,
      ).toBe(303);
    await add('Aluminium ladder', 'tools');
    await add('Cordless drill', 'tools');
    await add('Escalera de tijera', 'tools');
    const asSteward = await t.as(steward);
    expect(
      (
        await asSteward.api('POST', `${base}/posts`, {
          kind: 'request',
          title: 'Necesito semillas de frijol',
          category: 'food',
        })
      ).statusCode,
    ).toBe(201);
    const titles = async (q: string) =>
      (await asAna.api('GET', `${base}/search?q=${encodeURIComponent(q)}`))
        .json()
        .results.map((r: { title: string }) => r.title)
        .sort();
    expect(await titles('escalera')).toEqual(['Aluminium ladder', 'Escalera de tijera']);
    expect(await titles('ladders')).toEqual(['Aluminium ladder', 'Escalera de tijera']);
    expect(await titles('Taladro')).toEqual(['Cordless drill']);
    expect(await titles('herramientas')).toEqual([
      'Aluminium ladder',
      'Cordless drill',
      'Escalera de tijera',
    ]);
    expect(await titles('beans')).toEqual(['Necesito semillas de frijol']);
    expect(await titles('comida')).toEqual(['Necesito semillas de frijol']);
    expect(await titles('seed')).toEqual(['Necesito semillas de frijol']);

    const [drill] = (await asAna.api('GET', `${base}/search?q=taladro`)).json().results;
    expect(drill).toMatchObject({ kind: 'item', category: 'tools', owner: 'Ana Ruiz', available: true });
    const [request] = (await asAna.api('GET', `${base}/search?q=frijoles`)).json().results;
    expect(request).toMatchObject({ kind: 'post', postKind: 'request', category: 'food' });
    const page = await asAna.get(`/c/${community.slug}/search?q=taladro`);
    expect(page.body).toContain('Cordless drill');
    expect(page.body).toMatch(/Tools · Lent by .*Ana Ruiz.* · Free today/);
  });

  it('shows 20 of each kind first, with a link to the rest of that kind a page at a time, on the page and in the API', async () => {
    // 25 ladders among 200 things; 23 of 150 neighbors share gardening.
    const { communityId, memberIds } = await seedCommunity(t.services, {
      slug: 'many-ladders',
      name: 'Many Ladders',
      members: 150,
      items: 200,
      posts: 2,
      varieties: 0,
    });
    expect(communityId).toBeTruthy();
    const member = t.visitor();
    member.cookies.set('porch_session', await createSession(t.services.db, t.clock, memberIds[0]));
    const api = async (query: string) => {
      const res = await member.get(`/api/v1/communities/many-ladders/search?${query}`);
      expect(res.statusCode, query).toBe(200);
      return res.json() as {
        page: number;
        more: string[];
        results: { kind: string; id: string; title: string }[];
      };
    };
    const count = (found: { results: { kind: string }[] }, kind: string) =>
      found.results.filter((r) => r.kind === kind).length;

    const first = await api('q=ladder');
    expect(count(first, 'item')).toBe(20);
    expect(count(first, 'post')).toBe(1);
    expect(first.more).toEqual(['item']);
    const second = await api('q=ladder&kind=item&page=2');
    expect(second).toMatchObject({ page: 2, more: [] });
    expect(count(second, 'item')).toBe(5);
    const ladders = [...first.results, ...second.results].filter((r) => r.kind === 'item');
    expect(new Set(ladders.map((r) => r.id)).size).toBe(25);
    expect(ladders.every((r) => r.title.includes('ladder'))).toBe(true);

    const neighbors = await api('q=gardening');
    expect(count(neighbors, 'member')).toBe(20);
    expect(neighbors.more).toEqual(['member']);
    expect(count(await api('q=gardening&kind=member&page=2'), 'member')).toBe(3);

    const page = await member.get('/c/many-ladders/search?q=ladder');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(
      '<a href="/c/many-ladders/search?q=ladder&amp;kind=item&amp;page=2">More from the library</a>',
    );
    expect(page.body).toContain('Page 1 of the results for “ladder”');
    const rest = await member.get('/c/many-ladders/search?q=ladder&kind=item&page=2', {
      'accept-language': 'es',
    });
    expect(rest.body).toContain('rel="prev">Página anterior</a>');
    expect(rest.body).not.toContain('rel="next"');
    expect(rest.body.match(/class="card"/g)).toHaveLength(5);
    expect((await member.get('/c/many-ladders/search?q=ladder&page=0')).statusCode).toBe(422);
  });

  it('is for members: a visitor is sent to sign in, a non-member gets 403, another community sees nothing of it', async () => {
    const { community } = await t.community();
    const member = await t.member(community);
    await (await t.as(member)).api('POST', `/api/v1/communities/${community.slug}/posts`, {
      kind: 'offer',
      title: 'Spare wheelbarrow',
      category: 'tools',
    });
    const visitor = await t.visitor().get(`/c/${community.slug}/search?q=wheelbarrow`);
    expect(visitor.statusCode).toBe(303);
    expect(visitor.headers.location).toMatch(/^\/login\?next=/);
    const outsider = await t.account();
    expect(
      (await (await t.as(outsider)).api('GET', `/api/v1/communities/${community.slug}/search?q=wheelbarrow`))
        .statusCode,
    ).toBe(403);
    const { community: other } = await t.community();
    const neighbor = await t.member(other);
    const res = await (await t.as(neighbor)).api(
      'GET',
      `/api/v1/communities/${other.slug}/search?q=wheelbarrow`,
    );
    expect(res.json().results).toEqual([]);
  });

  it('refuses a query that is too long with a field error', async () => {
    const { community } = await t.community();
    const member = await t.member(community);
    const res = await (await t.as(member)).api(
      'GET',
      `/api/v1/communities/${community.slug}/search?q=${'a'.repeat(201)}`,
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('q');
  });
});
