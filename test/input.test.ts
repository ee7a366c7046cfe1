import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { routeSchemasOf } from '../src/platform/http/validation.ts';
import { safeNext } from '../src/web/next.ts';
import { useTestApp } from './support/app.ts';

describe('input Porch refuses everywhere, with a clear answer', () => {
  const t = useTestApp();

  it('refuses control characters (NUL) in JSON, forms and query strings, naming the field', async () => {
    const { community } = await t.community();
    const member = await t.as(await t.member(community));
    const api = await member.api('POST', `/api/v1/communities/${community.slug}/posts`, {
      kind: 'request',
      title: 'Ladder\u0000please',
      category: 'tools',
    });
    expect(api.statusCode).toBe(422);
    expect(api.json().errors).toEqual([
      expect.objectContaining({ field: 'title', code: 'validation.control_characters' }),
    ]);
    const form = await member.post(`/c/${community.slug}/board/new`, {
      kind: 'request',
      title: 'Ladder\u0000please',
      category: 'tools',
    });
    expect(form.statusCode).toBe(422);
    expect(form.body).toContain('Please remove the invisible control characters.');
    expect((await member.get(`/c/${community.slug}/search?q=a%00b`)).statusCode).toBe(422);
    const rows = await t.services.db
      .selectFrom('post')
      .select('id')
      .where('communityId', '=', community.id)
      .execute();
    expect(rows).toHaveLength(0);
  });

  it('refuses what reverses text (bidi overrides, embeddings, isolates) and keeps the marks RTL text needs', async () => {
    const { community } = await t.community();
    const member = await t.as(await t.member(community));
    const api = `/api/v1/communities/${community.slug}/posts`;
    for (const c of [
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u202E',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
    ]) {
      const res = await member.api('POST', api, {
        kind: 'request',
        title: 'A ladder',
        category: 'tools',
        place: `Call +1 312 555 ${c}0199 ext`,
      });
      expect(res.statusCode, c.codePointAt(0)!.toString(16)).toBe(422);
      expect(res.json().errors).toEqual([
        expect.objectContaining({ field: 'place', code: 'validation.bidi_controls' }),
      ]);
    }
    const asEs = await t.as(await t.member(community, 'member', { locale: 'es' }));
    const form = await asEs.post(`/c/${community.slug}/board/new`, {
      kind: 'request',
      title: 'Una escalera',
      category: 'tools',
      place: 'Llamar al 555 \u202E0199',
    });
    expect(form.statusCode).toBe(422);
    expect(form.body).toContain('Quita los caracteres invisibles que cambian la dirección del texto');
    expect((await member.get(`/c/${community.slug}/search?q=a%E2%80%AEb`)).statusCode).toBe(422);
    expect(
      await t.services.db.selectFrom('post').select('id').where('communityId', '=', community.id).execute(),
    ).toHaveLength(0);
    // Right-to-left and left-to-right marks and the Arabic letter mark reorder nothing by themselves.
    const marked = await member.api('POST', api, {
      kind: 'request',
      title: 'A ladder',
      category: 'tools',
      place: 'شارع\u200F 12 \u061Cالقيقب\u200E Maple',
    });
    expect(marked.statusCode, marked.body).toBe(201);
  });

  it('refuses a number too large to count with (1e309 reads as Infinity) instead of failing', async () => {
    const { community } = await t.community();
    const member = await t.as(await t.member(community));
    const page = await member.get(`/c/${community.slug}/board?page=1e309`);
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('page: This number is too large.');
    const api = await member.api('GET', `/api/v1/communities/${community.slug}/posts?page=1e309`);
    expect(api.statusCode).toBe(422);
    expect(api.json().errors).toEqual([
      expect.objectContaining({ field: 'page', code: 'validation.finite' }),
    ]);
  });

  it('trims JSON text, so a title of spaces is refused as empty', async () => {
    const { community } = await t.community();
    const member = await t.as(await t.member(community));
    const res = await member.api('POST', `/api/v1/communities/${community.slug}/posts`, {
      kind: 'request',
      title: '   ',
      category: 'tools',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('title');
  });

  it('takes a JSON body as sent: null is not read as 0, a number as text is refused', async () => {
    const { community } = await t.community();
    const member = await t.as(await t.member(community));
    const url = `/api/v1/communities/${community.slug}/posts`;
    const post = { kind: 'request', title: 'Ride', category: 'rides' };
    const nulls = await member.api('POST', url, { ...post, placeLat: null, placeLng: null });
    expect(nulls.statusCode).toBe(422);
    expect(nulls.json().errors.map((e: { field: string }) => e.field)).toContain('placeLat');
    expect((await member.api('POST', url, { ...post, placeLat: '41.9', placeLng: '-87.6' })).statusCode).toBe(
      422,
    );
    const created = await member.api('POST', url, { ...post, placeLat: 41.9, placeLng: -87.6 });
    expect(created.statusCode).toBe(201);
    // Where null means "clear", it clears.
    const edited = await member.api('PATCH', `${url}/${created.json().id}`, {
      placeLat: null,
      placeLng: null,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ placeLat: null, placeLng: null });
  });

  it('refuses a local time that is no time (month 13, hour 25)', async () => {
    const { community } = await t.community();
    const member = await t.as(await t.member(community));
    const res = await member.api('POST', `/api/v1/communities/${community.slug}/posts`, {
      kind: 'request',
      title: 'Ride',
      category: 'rides',
      whenAt: '2030-13-45T25:99',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('whenAt');
  });

  it('answers a URL it cannot decode, or a too long path segment, with a problem', async () => {
    const bad = await t.app.inject({ url: '/c/street/posts/%E0%A4%A' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const long = await t.app.inject({ url: `/api/v1/communities/${'x'.repeat(200)}` });
    expect(long.statusCode).toBe(414);
    expect(long.headers['content-type']).toContain('application/problem+json');
    expect(long.json().title).toBe('Address too long');
  });

  it('answers a broken multipart body with 400, not 500', async () => {
    const { community } = await t.community();
    const member = await t.as(await t.member(community));
    const res = await t.app.inject({
      method: 'POST',
      url: `/c/${community.slug}/library/items`,
      payload: 'garbage',
      headers: {
        cookie: [...member.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'content-type': 'multipart/form-data; boundary=zzz',
      },
    });
    expect(res.statusCode).toBe(400);
  });

  it('never redirects off-site, also when a tab or line break hides a second slash', async () => {
    for (const next of [
      '//evil.example',
      '/\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      'https://x',
      '/。/x',
    ]) {
      expect(safeNext(next)).toBe('/');
    }
    expect(safeNext('/c/maple/board?kind=offer')).toBe('/c/maple/board?kind=offer');
    const res = await t.visitor().post('/locale', { locale: 'en', next: '/\t/evil.example' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
  });

  it('links the sign-in page to itself without nesting where to go next', async () => {
    const page = await t.visitor().get('/login?next=%2Fc%2Fmaple');
    expect(page.body).not.toContain('/login?next=%2Flogin');
  });
});

/** The places in the JSON Schema `schema` where an object does not refuse fields it does not name. */
function openObjects(schema: unknown, path = '', into: string[] = []): string[] {
  if (Array.isArray(schema)) {
    for (const [i, s] of schema.entries()) openObjects(s, `${path}/${i}`, into);
    return into;
  }
  if (!schema || typeof schema !== 'object') return into;
  const node = schema as Record<string, unknown>;
  if ((node.type === 'object' || 'properties' in node) && node.additionalProperties !== false)
    into.push(path || '/');
  for (const [key, value] of Object.entries(node)) {
    if (key === 'enum' || key === 'const' || key === 'default' || key === 'examples') continue;
    openObjects(value, `${path}/${key}`, into);
  }
  return into;
}

describe('unknown fields and wrong kinds are refused, never ignored', () => {
  const t = useTestApp();

  it('every body and query string schema of every route closes its objects, and the API says so', async () => {
    await t.app.ready();
    const schemas = routeSchemasOf(t.app).filter((s) => s.part === 'body' || s.part === 'querystring');
    // The walk sees the routes: forms, pages and the API.
    expect(schemas.some((s) => s.url === '/api/v1/me/profile' && s.part === 'body')).toBe(true);
    expect(schemas.some((s) => s.url.startsWith('/c/') && s.part === 'body')).toBe(true);
    expect(schemas.length).toBeGreaterThan(80);
    const open = schemas.flatMap((s) =>
      openObjects(s.schema).map((at) => `${s.method} ${s.url} ${s.part}${at}`),
    );
    expect(open).toEqual([]);
    // A route that reads a body but names none gets the closed empty one (`noBody`), so it is
    // in the walk above too: an action route such as archive refuses fields like every other.
    const withBody = new Set(schemas.filter((s) => s.part === 'body').map((s) => `${s.method} ${s.url}`));
    for (const route of [
      'POST /api/v1/communities/:community/places/:placeId/archive',
      'POST /api/v1/communities/:community/places/:placeId/reports/:reportId/hide',
      'POST /operator/notifications/:id/retry',
      'POST /c/:community/places/:placeId/archive',
    ])
      expect(withBody.has(route), route).toBe(true);
    // The committed API description says the same of every request body.
    const document = JSON.parse(readFileSync(new URL('../openapi.json', import.meta.url), 'utf8'));
    const bodies: string[] = [];
    for (const [url, methods] of Object.entries(document.paths as Record<string, Record<string, unknown>>)) {
      for (const [method, operation] of Object.entries(methods)) {
        const content = (operation as { requestBody?: { content?: Record<string, { schema: unknown }> } })
          .requestBody?.content;
        for (const [type, { schema }] of Object.entries(content ?? {})) {
          if (type === 'application/json')
            bodies.push(...openObjects(schema).map((at) => `${method} ${url}${at}`));
        }
      }
    }
    expect(bodies).toEqual([]);
  });

  it('a profile change naming a field the API does not take is refused, naming it, and changes nothing', async () => {
    const { community } = await t.community();
    const account = await t.member(community);
    const me = await t.as(account);
    const res = await me.api('PATCH', '/api/v1/me/profile', { locationLat: 'norte', about: 'Gardener' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      expect.objectContaining({
        field: 'locationLat',
        code: 'validation.additionalProperties',
        message: expect.stringContaining('“locationLat”'),
      }),
    ]);
    const nested = await me.api('PATCH', '/api/v1/me/profile', { location: { lat: 1, lng: 2, alt: 3 } });
    expect(nested.statusCode).toBe(422);
    expect(nested.json().errors).toEqual([expect.objectContaining({ field: 'location/alt' })]);
    const wrongKind = await me.api('PATCH', '/api/v1/me/profile', { location: { lat: 'norte', lng: 2 } });
    expect(wrongKind.statusCode).toBe(422);
    expect((await me.api('GET', '/api/v1/me/profile')).json()).toMatchObject({ about: '', location: null });
    // An API query string is as strict as its body.
    const query = await me.api('GET', `/api/v1/communities/${community.slug}/posts?colour=red`);
    expect(query.statusCode).toBe(422);
  });

  it('a route that takes no fields refuses one, takes no body or {}, and says what an empty JSON body lacks', async () => {
    const { community, steward } = await t.community();
    const client = await t.as(steward);
    const api = `/api/v1/communities/${community.slug}/places`;
    const add = async () =>
      (await client.api('POST', api, { kind: 'garden', name: 'Corner garden' })).json().place.id;
    const [one, two] = [await add(), await add()];
    const refused = await client.api('POST', `${api}/${one}/archive`, { x: 1 });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0]).toMatchObject({ field: 'x', code: 'validation.additionalProperties' });
    expect((await client.api('POST', `${api}/${one}/archive`, {})).statusCode).toBe(204);
    const empty = await t.app.inject({
      method: 'POST',
      url: `${api}/${two}/archive`,
      headers: {
        cookie: (client as unknown as { cookieHeader(): string }).cookieHeader(),
        'content-type': 'application/json',
        accept: 'application/json',
      },
      payload: '',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().detail).toContain('send {} or no Content-Type');
    const form = await client.post(`/c/${community.slug}/places/${two}/archive`, { x: '1' });
    expect(form.statusCode).toBe(422);
    expect((await client.post(`/c/${community.slug}/places/${two}/archive`, {})).statusCode).toBe(303);
  });

  it('a form with a field its page does not have is refused; a page link with a tracking parameter still opens', async () => {
    const { community } = await t.community();
    const member = await t.as(await t.member(community));
    const form = await member.post(`/c/${community.slug}/board/new`, {
      kind: 'request',
      title: 'A ladder',
      category: 'tools',
      authorId: 'someone-else',
    });
    expect(form.statusCode).toBe(422);
    expect(form.body).toContain('“authorId”');
    const fine = await member.post(`/c/${community.slug}/board/new`, {
      kind: 'request',
      title: 'A ladder',
      category: 'tools',
    });
    expect(fine.statusCode).toBe(303);
    expect((await member.get(`/c/${community.slug}/board?fbclid=IwAR0abc`)).statusCode).toBe(200);
  });
});
