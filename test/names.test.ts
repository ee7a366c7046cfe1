/**
 * Every name and title field refuses a right-to-left override, a zero-width character and other
 * invisible characters, through the API and the pages alike, with the message saying what a name
 * may hold (in the reader's language); nothing is written.
 */
import { describe, expect, it } from 'vitest';
import { useTestApp } from './support/app.ts';

const t = useTestApp();

// "Rosa" with a right-to-left override, and with a zero-width space.
const disguised = ['Rosa\u202E', 'Ro\u200Bsa'];

describe('names and titles', () => {
  it('the API refuses them in every name and title field, naming the field', async () => {
    const { community, steward } = await t.community({ emailOptional: 1, joinPolicy: 'open' });
    const api = `/api/v1/communities/${community.slug}`;
    const client = await t.as(steward);
    const community$ = {
      languages: ['en'],
      timeZone: 'America/Chicago',
      rhythm: 'monthly',
      joinPolicy: 'open',
    };
    for (const bad of disguised) {
      const calls: [string, string, string, Record<string, unknown>, typeof client][] = [
        ['PATCH', '/api/v1/me/profile', 'displayName', { displayName: bad }, client],
        ['PATCH', '/api/v1/me/profile', 'skillsToShare', { skillsToShare: ['gardening', bad] }, client],
        ['POST', '/api/v1/communities', 'name', { ...community$, name: bad }, client],
        ['PATCH', api, 'name', { name: bad }, client],
        ['POST', `${api}/invites`, 'label', { label: bad }, client],
        ['POST', `${api}/paper-members`, 'name', { name: bad }, client],
        ['POST', `${api}/posts`, 'title', { kind: 'offer', title: bad, category: 'other' }, client],
        [
          'POST',
          `${api}/items`,
          'name',
          { name: bad, category: 'tools', condition: 'good', valueBand: 'low', loanDays: 7 },
          client,
        ],
        [
          'POST',
          `${api}/varieties`,
          'crop',
          { crop: bad, name: 'Black Oaxaca', seasons: ['spring'], savingDifficulty: 'easy' },
          client,
        ],
        [
          'POST',
          `${api}/varieties`,
          'name',
          { crop: 'Bean', name: bad, seasons: ['spring'], savingDifficulty: 'easy' },
          client,
        ],
        ['POST', `${api}/join`, 'name', { name: bad }, t.visitor()],
      ];
      for (const [method, url, field, body, caller] of calls) {
        const res = await caller.api(method as 'POST', url, body);
        expect(res.statusCode, `${method} ${url} ${field}`).toBe(422);
        // Skills are names the service checks one by one, after the shared refusal of what
        // reverses text in any field (which names the item).
        const expected =
          field === 'skillsToShare' && bad.includes('\u202E')
            ? { field: 'skillsToShare/1', code: 'validation.bidi_controls' }
            : { field, code: 'validation.name' };
        expect(res.json().errors, `${method} ${url}`).toContainEqual(expect.objectContaining(expected));
      }
    }
    // Nothing was written.
    const me = (await client.api('GET', '/api/v1/me')).json();
    expect(me.displayName).toBe(steward.displayName);
    const posts = (await client.api('GET', `${api}/posts`)).json().posts;
    expect(posts).toEqual([]);
  });

  it('the pages refuse them beside the field, in the reader’s language', async () => {
    const { community, steward } = await t.community();
    const browser = await t.as(steward);
    const profile = await browser.post(
      '/account',
      { displayName: 'Ro\u200Bsa' },
      { headers: { 'accept-language': 'es' } },
    );
    expect(profile.statusCode).toBe(422);
    expect(profile.body).toContain('id="e-displayName"');
    expect(profile.body).toContain('sin caracteres invisibles');
    const post = await browser.post(`/c/${community.slug}/board/new`, {
      kind: 'offer',
      title: 'Ladder\u202E',
      category: 'other',
    });
    expect(post.statusCode).toBe(422);
    expect(post.body).toContain('id="e-title"');
    expect(post.body).toContain('no invisible characters');
    // A spreadsheet's names follow the same rule.
    const csv = 'name,category,condition,owner\nLad\u200Bder,tools,good,shed';
    const preview = await browser.post(`/c/${community.slug}/library/import/preview`, { csv });
    expect(preview.statusCode).toBe(422);
    expect(preview.body).toContain('Row 2, column “name”');
  });

  it('names in other scripts, with the joiners their spelling needs, are kept', async () => {
    const account = await t.account();
    const client = await t.as(account);
    for (const displayName of ['علی‌رضا', 'क्‍षमा', 'Nguyễn Văn An', 'Rosa 🌻']) {
      const res = await client.api('PATCH', '/api/v1/me/profile', { displayName });
      expect(res.statusCode, displayName).toBe(200);
      expect(res.json().displayName).toBe(displayName);
    }
  });
});
