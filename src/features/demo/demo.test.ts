import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { loadDemo } from './service.ts';

describe('the demo community', () => {
  const t = useTestApp();

  it('loads Maple Street through the services once, and its steward can sign in and see it', async () => {
    const link = await loadDemo(t.services);
    expect(link).toMatch(/^http:\/\/porch\.test\/login\//);
    expect(await loadDemo(t.services)).toBeUndefined();

    const browser = t.visitor();
    const token = link!.split('/login/')[1];
    const signedIn = await browser.post('/login/verify', { token });
    expect(signedIn.headers.location).toBe('/c/maple-street');
    for (const path of [
      '/c/maple-street',
      '/c/maple-street/members',
      '/c/maple-street/board',
      '/c/maple-street/library',
      '/c/maple-street/seeds',
    ]) {
      const res = await browser.get(path);
      expect(res.statusCode, path).toBe(200);
    }
    const members = await browser.api('GET', '/api/v1/communities/maple-street/members');
    expect(members.json().length).toBeGreaterThanOrEqual(9);
    const search = await browser.api('GET', '/api/v1/communities/maple-street/search?q=frijol');
    expect(search.json().results.map((r: { kind: string }) => r.kind)).toContain('variety');
  });
});
