/**
 * Right-to-left names and titles people write are isolated wherever Porch shows them: in pages
 * (every text node with right-to-left letters inside FSI … PDI or <bdi>), in translated
 * sentences and in mail subjects, so "שרה is helping." keeps its words in order.
 */
import { describe, expect, it } from 'vitest';
import { translator } from '../src/platform/i18n/index.ts';
import { FSI, isolate, PDI, unisolatedRightToLeft } from '../src/platform/text.ts';
import { useTestApp } from './support/app.ts';
import { makeItem } from './support/library.ts';
import { createPost } from './support/posts.ts';

const sara = 'שרה כהן';
const drill = 'مثقاب كهربائي';
const request = 'צריכה סולם';
const fridge = 'מקרר הרחוב';

describe('isolating right-to-left text', () => {
  const t = useTestApp();

  it('isolates names in translated sentences only where they hold right-to-left letters', () => {
    const en = translator('en');
    expect(en('search.from', { name: sara })).toBe(`From ${FSI}${sara}${PDI}`);
    expect(en('search.from', { name: 'Ana' })).toBe('From Ana');
    expect(isolate(isolate(sara))).toBe(isolate(sara));
    expect(unisolatedRightToLeft(`<p>Hello ${sara}</p><textarea>${sara}</textarea>`)).toEqual([
      `Hello ${sara}`,
    ]);
    expect(unisolatedRightToLeft(`<p>Hello <bdi>${sara}</bdi> and ${isolate(drill)}</p>`)).toEqual([]);
  });

  it('leaves no right-to-left name or title outside an isolate on the pages that show them, and isolates them in mails', async () => {
    const { community, steward } = await t.community();
    const member = await t.member(community, 'member', { displayName: sara });
    const owner = await t.member(community, 'member', { displayName: 'Ana' });
    const item = await makeItem(t, community, { name: drill, owner });
    const post = await createPost(t, community, member, { title: request, details: `${sara} ${drill}` });
    const browser = await t.as(member);
    const c = `/c/${community.slug}`;
    const api = `/api/v1/communities/${community.slug}/places`;
    const place = (
      await (await t.as(steward)).api('POST', api, { kind: 'fridge', name: fridge, contact: sara })
    ).json().place.id;
    await (await t.as(steward)).api('PUT', `${api}/${place}/volunteers`, { accountIds: [member.id] });
    const pages = [
      c,
      `${c}/board`,
      `${c}/posts/${post.id}`,
      `${c}/library`,
      `${c}/library/items/${item.id}`,
      `${c}/members`,
      `${c}/members/${member.id}`,
      `${c}/places`,
      `${c}/places/${place}`,
      `${c}/places/${place}/edit`,
      `${c}/p/${place}`,
      `${c}/search?q=${encodeURIComponent(sara.split(' ')[0])}`,
      `${c}/search?q=${encodeURIComponent(drill.split(' ')[0])}`,
      '/account',
    ];
    let shown = 0;
    for (const path of pages) {
      const res = await browser.get(path);
      expect(res.statusCode, path).toBe(200);
      if (res.body.includes(sara) || res.body.includes(drill) || res.body.includes(request)) shown++;
      expect(unisolatedRightToLeft(res.body), path).toEqual([]);
    }
    expect(shown).toBeGreaterThanOrEqual(6);
    // A right-to-left title is isolated alone in the browser tab: " · Porch" keeps its side.
    expect((await browser.get(`${c}/library/items/${item.id}`)).body).toContain(
      `<title>${FSI}${drill}${PDI} · Porch</title>`,
    );
    // The form sends the name back as it was: no marks inside the text box's value.
    expect((await browser.get('/account')).body).toContain(`value="${sara}"`);

    const start = new Date(t.clock.now().getTime() + 86400_000).toISOString().slice(0, 10);
    const asked = await browser.post(`${c}/library/items/${item.id}/loans`, {
      startsOn: start,
      dueOn: start,
    });
    expect(asked.statusCode).toBe(303);
    await t.runJobs();
    const mail = t.mailbox.to(owner.email!).at(-1)!;
    expect(mail.subject).toBe(`${FSI}${sara}${PDI} would like to borrow ${FSI}${drill}${PDI}`);
  });
});
