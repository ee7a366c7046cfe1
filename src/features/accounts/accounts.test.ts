import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';

describe('signing in by magic link', () => {
  const t = useTestApp();

  it('mails a single-use link that signs a visitor in and creates the account', async () => {
    const browser = t.visitor();
    const res = await browser.post('/login', { email: 'Rosa@Example.org', next: '/account' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Rosa@Example.org');
    await t.runJobs();
    const link = t.mailbox.lastLink('rosa@example.org');
    expect(link).toMatch(/^http:\/\/porch\.test\/login\//);
    const token = link!.split('/login/')[1];

    const confirm = await browser.get(`/login/${token}`);
    expect(confirm.statusCode).toBe(200);
    const verified = await browser.post('/login/verify', { token });
    expect(verified.statusCode).toBe(303);
    expect(verified.headers.location).toBe('/account');
    const me = await browser.api('GET', '/api/v1/me');
    expect(me.json()).toMatchObject({ email: 'rosa@example.org', operator: false });

    const again = await t.visitor().post('/login/verify', { token });
    expect(again.statusCode).toBe(409);
  });

  it('refuses an expired link', async () => {
    const browser = t.visitor();
    await browser.api('POST', '/api/v1/auth/sign-in-link', { email: 'late@example.org' });
    await t.runJobs();
    const token = t.mailbox.lastLink('late@example.org')!.split('/login/')[1];
    t.clock.advance(21 * 60);
    const res = await browser.api('POST', '/api/v1/auth/session', { token });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('accounts.link_invalid');
  });

  it('limits links per address', async () => {
    const browser = t.visitor();
    for (let i = 0; i < 3; i++) {
      expect(
        (await browser.api('POST', '/api/v1/auth/sign-in-link', { email: 'busy@example.org' })).statusCode,
      ).toBe(202);
    }
    const res = await browser.api('POST', '/api/v1/auth/sign-in-link', { email: 'busy@example.org' });
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('re-renders the form with a translated message beside the field for a bad address', async () => {
    const res = await t
      .visitor()
      .post('/login', { email: 'not-an-email' }, { headers: { 'accept-language': 'es' } });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('aria-invalid="true"');
    expect(res.body).toContain('Escribe una dirección de correo, por ejemplo ana@ejemplo.org.');
    expect(res.body).toContain('aria-describedby="e-email"');
  });

  it('refuses a form post without the CSRF token', async () => {
    const res = await t.visitor().post('/login', { email: 'a@example.org' }, { csrf: false });
    expect(res.statusCode).toBe(403);
  });

  it('signs out everywhere', async () => {
    const account = await t.account();
    const phone = await t.as(account);
    const laptop = await t.as(account);
    expect((await laptop.api('DELETE', '/api/v1/auth/sessions')).statusCode).toBe(204);
    expect((await phone.api('GET', '/api/v1/me')).statusCode).toBe(401);
  });
});
