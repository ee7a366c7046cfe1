import { describe, expect, it } from 'vitest';
import { useTestApp } from './support/app.ts';

describe('the platform, as any visitor meets it', () => {
  const t = useTestApp();

  it('answers health and readiness checks', async () => {
    expect((await t.visitor().get('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await t.visitor().get('/readyz')).json()).toEqual({ status: 'ready' });
  });

  it('sends a strict Content-Security-Policy and other security headers on pages', async () => {
    const res = await t.visitor().get('/login');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
  });

  it('shows a real 404 page for an unknown address, and a problem for an unknown API path', async () => {
    const page = await t.visitor().get('/no/such/page');
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<h1>Page not found</h1>');
    const api = await t.visitor().api('GET', '/api/v1/no-such-thing');
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses an oversized body with 413', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in-link',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: `${'a'.repeat(2 * 1024 * 1024)}@example.org` }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('errors.too_large');
  });

  it('answers 400 for malformed JSON, naming no internals', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in-link',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(/at .*\.ts/);
  });

  it('serves cache-busted, compressed assets with a long cache', async () => {
    const page = await t.visitor().get('/login');
    const script = page.body.match(/src="(\/assets\/main\.[0-9a-f]+\.js)"/)?.[1];
    const style = page.body.match(/href="(\/assets\/styles\.[0-9a-f]+\.css)"/)?.[1];
    expect(script && style).toBeTruthy();
    const js = await t.visitor().get(script!, { 'accept-encoding': 'gzip' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-encoding']).toBe('gzip');
    expect(js.headers['cache-control']).toContain('immutable');
    // Budgets of a core page: ≤ 30 KB of compressed JS, ≤ 15 KB of compressed CSS.
    expect(js.rawPayload.length).toBeLessThanOrEqual(30 * 1024);
    const css = await t.visitor().get(style!, { 'accept-encoding': 'gzip' });
    expect(css.rawPayload.length).toBeLessThanOrEqual(15 * 1024);
  });

  it('switches the language with the footer form, without JavaScript', async () => {
    const browser = t.visitor();
    const res = await browser.post('/locale', { locale: 'es', next: '/login' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login');
    expect((await browser.get('/login')).body).toContain('<html lang="es"');
  });

  it('never redirects off-site after switching language', async () => {
    const res = await t.visitor().post('/locale', { locale: 'en', next: '//evil.example/' });
    expect(res.headers.location).toBe('/');
  });

  it('follows Accept-Language when nobody chose a language', async () => {
    const res = await t.visitor().get('/login', { 'accept-language': 'es-MX,es;q=0.9,en;q=0.5' });
    expect(res.body).toContain('<html lang="es"');
  });
});

describe('cross-site request protection on the API', () => {
  const t = useTestApp();

  it('accepts a body-less API POST from this site and refuses one from another origin', async () => {
    const account = await t.account();
    const client = await t.as(account);
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const post = (origin?: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/no-such-action',
        headers: { cookie, host: 'porch.test', ...(origin ? { origin } : {}) },
      });
    expect((await post()).statusCode).toBe(404);
    expect((await post('http://porch.test')).statusCode).toBe(404);
    const refused = await post('https://evil.example');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('errors.csrf');
  });
});

describe('query strings from GET forms', () => {
  const t = useTestApp();

  it('treat an empty field as not given ("All kinds" sends kind=)', async () => {
    const { community } = await t.community();
    const member = await (await t.as(await t.member(community))).get(
      `/c/${community.slug}/search?q=ladder&kind=`,
    );
    expect(member.statusCode).toBe(200);
  });
});

describe('route schemas', () => {
  const t = useTestApp();

  it('every one compiles (a start leaves them to the first request that needs them)', () => {
    expect(() => t.app.compileSchemas()).not.toThrow();
  });
});
