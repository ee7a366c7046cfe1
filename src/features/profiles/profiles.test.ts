import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';

const t = useTestApp();

/** The profile form as a browser sends it, with overrides. */
function form(fields: Record<string, string | string[] | undefined> = {}) {
  return {
    displayName: 'Rosa',
    phoneVisibility: 'stewards',
    chatVisibility: 'community',
    emailVisibility: 'stewards',
    ...fields,
  };
}

describe('my profile', () => {
  it('a signed-in neighbor sees her profile form, her communities and "Sign out everywhere"', async () => {
    const { community } = await t.community();
    const rosa = await t.member(community, 'member', { displayName: 'Rosa' });
    const res = await (await t.as(rosa)).get('/account');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>My profile</h1>');
    expect(res.body).toContain(`href="/c/${community.slug}"`);
    expect(res.body).toContain('action="/logout/everywhere"');
    expect(res.body).toMatch(/<legend>Who can see my phone number<\/legend>/);
  });

  it('a visitor is sent to sign in, even with a refused form', async () => {
    const res = await t.visitor().get('/account');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Faccount');
    const post = await t.visitor().post('/account', { displayName: '' });
    expect(post.statusCode).toBe(303);
    expect(post.headers.location).toMatch(/^\/login/);
    expect((await t.visitor().api('GET', '/api/v1/me/profile')).statusCode).toBe(401);
    expect((await t.visitor().api('PATCH', '/api/v1/me/profile', { about: 'x' })).statusCode).toBe(401);
  });

  it('saves the form, confirms it, and keeps skills trimmed, lower-cased for matching and without repeats', async () => {
    const rosa = await t.account();
    const browser = await t.as(rosa);
    const res = await browser.post(
      '/account',
      form({
        displayName: 'Rosa Díaz',
        locale: 'es',
        languages: ['es', 'en'],
        about: 'Retired seamstress.',
        skillsToShare: ' Sewing ,sewing, Jardinería;  fixing   bikes,, ',
        skillsToLearn: 'Guitar',
        availability: 'weekday evenings',
        phone: '+1 (555) 010-2030',
        chatHandle: '@rosa',
        locationLat: '41.8781136',
        locationLng: '-87.6297982',
      }),
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/account?saved=1');
    const page = await browser.get('/account?saved=1');
    expect(page.body).toContain('role="status"');
    // She chose Spanish: Porch now speaks it to her.
    expect(page.body).toContain('Tu perfil está guardado.');

    const me = (await browser.api('GET', '/api/v1/me/profile')).json();
    expect(me).toMatchObject({
      displayName: 'Rosa Díaz',
      locale: 'es',
      languages: ['es', 'en'],
      skillsToShare: ['Sewing', 'Jardinería', 'fixing bikes'],
      skillsToLearn: ['Guitar'],
      availability: 'weekday evenings',
      phone: '+1 (555) 010-2030',
      phoneVisibility: 'stewards',
      location: { lat: 41.878, lng: -87.63 },
    });
    const stored = await t.services.db
      .selectFrom('skill')
      .select('normalized')
      .where('accountId', '=', rosa.id)
      .where('kind', '=', 'share')
      .orderBy('id')
      .execute();
    expect(stored.map((s) => s.normalized)).toEqual(['sewing', 'jardineria', 'fixing bikes']);
  });

  it('rounds the location to 3 decimals through the API too, and clears it with null', async () => {
    const browser = await t.as(await t.account());
    const res = await browser.api('PATCH', '/api/v1/me/profile', {
      location: { lat: -33.44489, lng: -70.66926 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().location).toEqual({ lat: -33.445, lng: -70.669 });
    const cleared = await browser.api('PATCH', '/api/v1/me/profile', { location: null });
    expect(cleared.json().location).toBeNull();
  });

  it('re-renders the form with 422 and messages beside each refused field, and saves nothing', async () => {
    const rosa = await t.account({ displayName: 'Rosa' });
    const browser = await t.as(rosa);
    const res = await browser.post(
      '/account',
      form({
        displayName: 'Rosita',
        phone: '<script>',
        locationLat: '123',
        skillsToShare: Array.from({ length: 21 }, (_, i) => `skill ${i}`).join(','),
      }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('id="e-phone"');
    expect(res.body).toContain('id="e-locationLat"');
    expect(res.body).toContain('aria-invalid="true"');
    const again = await browser.post(
      '/account',
      form({ displayName: 'Rosita', skillsToShare: 'a'.repeat(41) }),
    );
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('id="e-skillsToShare"');
    expect(again.body).toContain('too long');
    const me = (await browser.api('GET', '/api/v1/me/profile')).json();
    expect(me.displayName).toBe('Rosa');
    expect(me.skillsToShare).toEqual([]);
  });

  it('explains refused fields in Spanish', async () => {
    const browser = await t.as(await t.account());
    const res = await browser.post(
      '/account',
      form({
        skillsToLearn: Array(22)
          .fill('x')
          .map((x, i) => x + i)
          .join(','),
      }),
      {
        headers: { 'accept-language': 'es' },
      },
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Escribe como máximo 20 habilidades.');
  });

  it('answers 422 with field errors to an API caller', async () => {
    const browser = await t.as(await t.account());
    const res = await browser.api('PATCH', '/api/v1/me/profile', {
      phone: 'abc',
      location: { lat: 91, lng: 0 },
    });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toContain('phone');
    expect(fields).toContain('location');
  });

  it('refuses half a location from the form', async () => {
    const browser = await t.as(await t.account());
    const res = await browser.post('/account', form({ locationLat: '41.9' }));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('id="e-locationLng"');
  });
});

describe('who sees a contact detail', () => {
  async function street() {
    const { community, steward } = await t.community();
    const neighbor = await t.member(community, 'member', {
      displayName: 'Marta',
      phone: '555 0101',
      phoneVisibility: 'stewards',
      email: `marta-${crypto.randomUUID()}@example.org`,
      emailVisibility: 'community',
      chatHandle: '@marta',
      chatVisibility: 'nobody',
    });
    const member = await t.member(community, 'member');
    const coordinator = await t.member(community, 'coordinator');
    return { community, steward, neighbor, member, coordinator };
  }

  it.each([
    ['another member', 'member', false],
    ['a coordinator', 'coordinator', false],
    ['a steward', 'steward', true],
    ['the neighbor herself', 'neighbor', true],
  ] as const)('a phone set to "stewards only": %s sees it: %s', async (_who, key, sees) => {
    const s = await street();
    const browser = await t.as(s[key]);
    const page = await browser.get(`/c/${s.community.slug}/members/${s.neighbor.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body.includes('555 0101')).toBe(sees);
    const api = await browser.api('GET', `/api/v1/communities/${s.community.slug}/members/${s.neighbor.id}`);
    expect(api.statusCode).toBe(200);
    expect(api.json().contacts.phone === '555 0101').toBe(sees);
    // "community": every member; "nobody": only herself.
    expect(api.json().contacts.email).toBe(s.neighbor.email);
    expect(api.json().contacts.chatHandle === '@marta').toBe(key === 'neighbor');
  });

  it('a neighbor changes her phone to "stewards only" and a fellow member stops seeing it', async () => {
    const s = await street();
    const marta = await t.as(s.neighbor);
    await marta.api('PATCH', '/api/v1/me/profile', { phoneVisibility: 'community' });
    const url = `/api/v1/communities/${s.community.slug}/members/${s.neighbor.id}`;
    const member = await t.as(s.member);
    expect((await member.api('GET', url)).json().contacts.phone).toBe('555 0101');
    await marta.post(
      '/account',
      form({ displayName: 'Marta', phone: '555 0101', phoneVisibility: 'stewards' }),
    );
    expect((await member.api('GET', url)).json().contacts.phone).toBeUndefined();
    expect((await (await t.as(s.steward)).api('GET', url)).json().contacts.phone).toBe('555 0101');
  });

  it('never shows coordinates to other members', async () => {
    const { community } = await t.community({ areaLat: 41.88, areaLng: -87.63, areaRadiusM: 2000 } as never);
    const marta = await t.member(community, 'member', { locationLat: 41.881, locationLng: -87.629 });
    const other = await t.as(await t.member(community));
    const page = await other.get(`/c/${community.slug}/members/${marta.id}`);
    expect(page.body).not.toContain('41.881');
    expect(page.body).toContain('Lives in the community');
    const api = await other.api('GET', `/api/v1/communities/${community.slug}/members/${marta.id}`);
    expect(JSON.stringify(api.json())).not.toContain('41.881');
    expect(api.json().livesInArea).toBe(true);
  });
});

describe('member pages across communities', () => {
  it('a member of another community gets 404 in their own, 403 (members only) in that one', async () => {
    const a = await t.community();
    const b = await t.community();
    const inB = await t.member(b.community);
    const fromA = await t.as(await t.member(a.community));
    expect((await fromA.get(`/c/${a.community.slug}/members/${inB.id}`)).statusCode).toBe(404);
    expect((await fromA.get(`/c/${b.community.slug}/members/${inB.id}`)).statusCode).toBe(403);
    expect(
      (await fromA.api('GET', `/api/v1/communities/${a.community.slug}/members/${inB.id}`)).statusCode,
    ).toBe(404);
    const there = await fromA.api('GET', `/api/v1/communities/${b.community.slug}/members/${inB.id}`);
    expect(there.statusCode).toBe(403);
    expect(there.json().code).toBe('errors.members_only');
  });

  it('a member who left is not found', async () => {
    const { community } = await t.community();
    const gone = await t.account();
    await t.membership(community, gone, 'member', 'left');
    const browser = await t.as(await t.member(community));
    expect((await browser.get(`/c/${community.slug}/members/${gone.id}`)).statusCode).toBe(404);
  });

  it('a malformed member id is a 404', async () => {
    const { community, steward } = await t.community();
    expect((await (await t.as(steward)).get(`/c/${community.slug}/members/not-an-id`)).statusCode).toBe(404);
  });

  it('a steward sees forms to change the role and to remove a member; a member does not', async () => {
    const { community, steward } = await t.community();
    const marta = await t.member(community);
    const url = `/c/${community.slug}/members/${marta.id}`;
    const asSteward = await (await t.as(steward)).get(url);
    expect(asSteward.body).toContain(`action="${url}/role"`);
    expect(asSteward.body).toContain(`action="${url}/remove"`);
    const asMember = await (await t.as(await t.member(community))).get(url);
    expect(asMember.body).not.toContain(`${url}/role`);
  });
});

describe('the profile API description', () => {
  it('lists every profile route in the OpenAPI document, and no page', async () => {
    const doc = (await t.visitor().get('/api/openapi.json')).json();
    const paths = Object.keys(doc.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/me/profile',
        '/api/v1/communities/{community}/members',
        '/api/v1/communities/{community}/matches',
        '/api/v1/communities/{community}/members/{accountId}',
        '/api/v1/communities/{community}/members/{accountId}/profile',
      ]),
    );
    expect(doc.paths['/api/v1/me/profile'].patch.tags).toEqual(['profiles']);
    expect(paths.filter((p) => p === '/account' || p.startsWith('/c/'))).toEqual([]);
  });
});
