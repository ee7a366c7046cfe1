import { describe, expect, it } from 'vitest';
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
