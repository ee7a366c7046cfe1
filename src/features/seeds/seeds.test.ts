import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { addLot, addStory, addVariety, seedCommunity } from '../../../test/support/seeds.ts';
import { addMonths, localMonth } from '../../platform/db/time.ts';

describe('the seed catalog', () => {
  const t = useTestApp();

  it('lets a member add a variety through the form and find it by crop, variety and season', async () => {
    const c = await seedCommunity(t);
    const res = await c.asAlma.post(`/c/${c.slug}/seeds`, {
      crop: 'Bean',
      name: 'Black Oaxaca',
      seasons: ['summer', 'spring'],
      daysToMaturity: 95,
      origin: "Abuela Carmen's garden, Oaxaca, 1970s",
      savingDifficulty: 'easy',
      description: 'A climbing black bean.',
    });
    expect(res.statusCode).toBe(303);
    const id = res.headers.location?.toString().split('/').at(-1);
    await addVariety(c, c.asBeto, {
      crop: 'Tomato',
      name: 'Cherokee Purple',
      seasons: ['spring'],
      origin: 'Tennessee, 1890s',
    });
    await addVariety(c, c.asBeto, {
      crop: 'Garlic',
      name: 'Rocambole',
      seasons: ['autumn'],
      origin: 'The corner allotment',
    });

    const variety = (await c.asBeto.api('GET', `${c.api}/${id}`)).json();
    expect(variety).toMatchObject({ crop: 'Bean', seasons: ['spring', 'summer'], daysToMaturity: 95 });

    const names = async (query: string) =>
      (await c.asBeto.api('GET', `${c.api}${query}`)).json().map((v: { name: string }) => v.name);
    expect(await names('')).toEqual(['Black Oaxaca', 'Rocambole', 'Cherokee Purple']);
    expect(await names('?q=BEAN')).toEqual(['Black Oaxaca']);
    expect(await names('?q=purple%20tom')).toEqual(['Cherokee Purple']);
    expect(await names('?season=autumn')).toEqual(['Rocambole']);
    expect(await names('?season=spring&q=oaxaca')).toEqual(['Black Oaxaca']);

    const page = await c.asBeto.get(`/c/${c.slug}/seeds?q=&season=summer`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Black Oaxaca');
    expect(page.body).not.toContain('Rocambole');
  });

  it('finds a variety by its origin and without accents, and finds an edited name', async () => {
    const c = await seedCommunity(t);
    const v = await addVariety(c, c.asAlma, { crop: 'Maíz', name: 'Olotillo', origin: 'Don Tomás, Chiapas' });
    const names = async (q: string) =>
      (await c.asBeto.api('GET', `${c.api}?q=${encodeURIComponent(q)}`))
        .json()
        .map((x: { name: string }) => x.name);
    expect(await names('maiz')).toEqual(['Olotillo']);
    expect(await names('chiap')).toEqual(['Olotillo']);
    expect(await names('tomas maíz')).toEqual(['Olotillo']);
    expect(await names('frijol')).toEqual([]);
    await c.asAlma.api('PUT', `${c.api}/${v.id}`, {
      crop: 'Maíz',
      name: 'Tuxpeño',
      seasons: ['spring'],
      savingDifficulty: 'hard',
    });
    expect(await names('tuxpeno')).toEqual(['Tuxpeño']);
    expect(await names('olotillo')).toEqual([]);
  });

  it('shows the packets available over all lots of a variety', async () => {
    const c = await seedCommunity(t);
    const v = await addVariety(c, c.asAlma);
    await addLot(c, c.asAlma, v.id, { packets: 4 });
    await addLot(c, c.asBeto, v.id, { packets: 3, harvestYear: 2020 });
    const [line] = (await c.asAlma.api('GET', c.api)).json();
    expect(line.packetsAvailable).toBe(7);
    expect((await c.asAlma.get(`/c/${c.slug}/seeds`)).body).toContain('7 packets');
  });

  it('re-renders the form with translated messages beside the refused fields', async () => {
    const c = await seedCommunity(t);
    const res = await c.asAlma.post(
      `/c/${c.slug}/seeds`,
      { crop: 'Frijol', name: '', daysToMaturity: 0, savingDifficulty: 'easy' },
      { headers: { 'accept-language': 'es' } },
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('aria-invalid="true"');
    expect(res.body).toContain('Indica un número de al menos 1');
    expect(res.body).toContain('value="Frijol"');
    const api = await c.asAlma.api('POST', c.api, {
      crop: 'Bean',
      name: 'X',
      seasons: ['monsoon'],
      daysToMaturity: 401,
      savingDifficulty: 'easy',
    });
    expect(api.statusCode).toBe(422);
    const fields = api.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['seasons', 'daysToMaturity']));
  });

  it.each([
    ['the member who added it', 'alma', 200],
    ['a steward', 'steward', 200],
    ['another member', 'beto', 403],
  ] as const)('lets %s edit a variety (as %s: %i)', async (_who, who, status) => {
    const c = await seedCommunity(t);
    const v = await addVariety(c, c.asAlma);
    const client = { alma: c.asAlma, steward: c.asSteward, beto: c.asBeto }[who];
    const res = await client.api('PUT', `${c.api}/${v.id}`, {
      crop: 'Bean',
      name: 'Black Oaxaca (climbing)',
      seasons: ['summer'],
      savingDifficulty: 'moderate',
    });
    expect(res.statusCode).toBe(status);
    const form = await client.get(`/c/${c.slug}/seeds/${v.id}/edit`);
    expect(form.statusCode).toBe(status);
    if (status === 200)
      expect(res.json()).toMatchObject({ name: 'Black Oaxaca (climbing)', daysToMaturity: null });
  });

  it('edits a variety through the form and shows the edit button only to those who may', async () => {
    const c = await seedCommunity(t);
    const v = await addVariety(c, c.asAlma);
    expect((await c.asAlma.get(`/c/${c.slug}/seeds/${v.id}`)).body).toContain('Edit this variety');
    expect((await c.asBeto.get(`/c/${c.slug}/seeds/${v.id}`)).body).not.toContain('Edit this variety');
    const res = await c.asSteward.post(`/c/${c.slug}/seeds/${v.id}/edit`, {
      crop: 'Bean',
      name: 'Negro de Oaxaca',
      seasons: 'spring',
      savingDifficulty: 'easy',
    });
    expect(res.statusCode).toBe(303);
    expect((await c.asBeto.get(`/c/${c.slug}/seeds/${v.id}`)).body).toContain('Negro de Oaxaca');
  });
});

describe('who may open the seed library', () => {
  const t = useTestApp();

  it('shows a signed-in neighbor who is not a member a 403 page', async () => {
    const c = await seedCommunity(t);
    const v = await addVariety(c, c.asAlma);
    const outsider = await t.as(await t.account());
    for (const url of [`/c/${c.slug}/seeds`, `/c/${c.slug}/seeds/${v.id}`, `/c/${c.slug}/seeds/new`]) {
      const res = await outsider.get(url);
      expect(res.statusCode, url).toBe(403);
      expect(res.body).toContain('This is for members of the community.');
    }
    expect((await outsider.api('GET', `${c.api}/${v.id}`)).statusCode).toBe(403);
    expect(
      (await outsider.api('POST', `${c.api}/${v.id}/stories`, { kind: 'tip', body: 'Hi' })).statusCode,
    ).toBe(403);
  });

  it('refuses a member whose request is still pending, and sends a visitor to sign in', async () => {
    const c = await seedCommunity(t);
    const pending = await t.account();
    await t.membership(c.community, pending, 'member', 'pending');
    expect((await (await t.as(pending)).get(`/c/${c.slug}/seeds`)).statusCode).toBe(403);
    const visitor = await t.visitor().get(`/c/${c.slug}/seeds`);
    expect(visitor.statusCode).toBe(303);
    expect(visitor.headers.location).toContain('/login?next=');
  });

  it('answers 404 for an unknown variety and for a malformed id', async () => {
    const c = await seedCommunity(t);
    expect((await c.asAlma.get(`/c/${c.slug}/seeds/01890000-0000-7000-8000-000000000000`)).statusCode).toBe(
      404,
    );
    expect((await c.asAlma.get(`/c/${c.slug}/seeds/not-an-id`)).statusCode).toBe(404);
  });
});

describe('stories of a variety', () => {
  const t = useTestApp();

  it('shows the thread ordered by the year the memory is from, then when added, undated last', async () => {
    const c = await seedCommunity(t);
    const v = await addVariety(c, c.asAlma);
    await addStory(c, c.asAlma, v.id, { body: 'Planted at the new house.', memoryYear: 1985 });
    await addStory(c, c.asBeto, v.id, { kind: 'tip', body: 'Soak overnight before sowing.' });
    await addStory(c, c.asBeto, v.id, { body: 'Grandmother carried them from Oaxaca.', memoryYear: 1962 });
    await addStory(c, c.asAlma, v.id, { body: 'The same summer, a drought.', memoryYear: 1962 });
    const bodies = (await c.asSteward.api('GET', `${c.api}/${v.id}`))
      .json()
      .stories.map((s: { body: string }) => s.body);
    expect(bodies).toEqual([
      'Grandmother carried them from Oaxaca.',
      'The same summer, a drought.',
      'Planted at the new house.',
      'Soak overnight before sowing.',
    ]);
    const page = (await c.asSteward.get(`/c/${c.slug}/seeds/${v.id}`)).body;
    const at = (text: string) => page.indexOf(text);
    expect(at('Grandmother carried')).toBeLessThan(at('a drought'));
    expect(at('a drought')).toBeLessThan(at('new house'));
    expect(at('new house')).toBeLessThan(at('Soak overnight'));
    expect(page).toContain('Told by Beto');
    expect(page).toContain('Tip from Beto');
  });

  it('adds a story through the form, and refuses a year in the future or an empty text', async () => {
    const c = await seedCommunity(t);
    const v = await addVariety(c, c.asAlma);
    const ok = await c.asBeto.post(`/c/${c.slug}/seeds/${v.id}/stories`, {
      kind: 'memory',
      body: 'My uncle saved these\nevery September.',
      memoryYear: 1990,
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toMatch(/#story-/);
    expect((await c.asAlma.get(`/c/${c.slug}/seeds/${v.id}`)).body).toContain(
      'My uncle saved these<br/>every September.',
    );

    const future = new Date().getUTCFullYear() + 1;
    const res = await c.asBeto.post(`/c/${c.slug}/seeds/${v.id}/stories`, {
      kind: 'memory',
      body: 'Not yet.',
      memoryYear: future,
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Please give a year no later than');
    expect(res.body).toContain('Not yet.');
    const empty = await c.asBeto.api('POST', `${c.api}/${v.id}/stories`, { kind: 'tip', body: '   ' });
    expect(empty.statusCode).toBe(422);
    const long = await c.asBeto.api('POST', `${c.api}/${v.id}/stories`, {
      kind: 'tip',
      body: 'x'.repeat(4001),
    });
    expect(long.statusCode).toBe(422);
  });

  it.each([
    ['its author', 'alma', 200],
    ['a steward', 'steward', 403],
    ['another member', 'beto', 403],
  ] as const)('lets %s edit and delete a story (as %s: %i)', async (_who, who, status) => {
    const c = await seedCommunity(t);
    const v = await addVariety(c, c.asBeto);
    const story = await addStory(c, c.asAlma, v.id);
    const client = { alma: c.asAlma, steward: c.asSteward, beto: c.asBeto }[who];
    const url = `${c.api}/${v.id}/stories/${story.id}`;
    const edit = await client.api('PUT', url, { kind: 'tip', body: 'Sow after the last frost.' });
    expect(edit.statusCode).toBe(status);
    expect((await client.get(`/c/${c.slug}/seeds/${v.id}/stories/${story.id}/edit`)).statusCode).toBe(status);
    const del = await client.post(`/c/${c.slug}/seeds/${v.id}/stories/${story.id}/delete`);
    expect(del.statusCode).toBe(status === 200 ? 303 : 403);
    const left = (await c.asSteward.api('GET', `${c.api}/${v.id}`)).json().stories;
    expect(left).toHaveLength(status === 200 ? 0 : 1);
  });

  it('lets a steward hide a story from members; its author still sees it, marked hidden', async () => {
    const c = await seedCommunity(t);
    const v = await addVariety(c, c.asAlma);
    const story = await addStory(c, c.asAlma, v.id, { body: 'Something unkind.' });
    const memberHide = await c.asBeto.post(`/c/${c.slug}/seeds/${v.id}/stories/${story.id}/hide`);
    expect(memberHide.statusCode).toBe(403);
    expect((await c.asSteward.post(`/c/${c.slug}/seeds/${v.id}/stories/${story.id}/hide`)).statusCode).toBe(
      303,
    );

    expect((await c.asBeto.get(`/c/${c.slug}/seeds/${v.id}`)).body).not.toContain('Something unkind.');
    expect((await c.asBeto.api('GET', `${c.api}/${v.id}`)).json().stories).toEqual([]);
    const author = (await c.asAlma.get(`/c/${c.slug}/seeds/${v.id}`)).body;
    expect(author).toContain('Something unkind.');
    expect(author).toContain('A steward hid this story.');
    expect((await c.asSteward.api('GET', `${c.api}/${v.id}`)).json().stories[0].hidden).toBe(true);

    const show = await c.asSteward.api('PUT', `${c.api}/${v.id}/stories/${story.id}/hidden`, {
      hidden: false,
    });
    expect(show.statusCode).toBe(204);
    expect((await c.asBeto.get(`/c/${c.slug}/seeds/${v.id}`)).body).toContain('Something unkind.');
  });
});

describe('the seed library in Spanish', () => {
  const t = useTestApp();

  it('renders every page in both languages with one h1 and no untranslated key', async () => {
    const c = await seedCommunity(t);
    const v = await addVariety(c, c.asAlma);
    const story = await addStory(c, c.asAlma, v.id);
    const lot = await addLot(c, c.asAlma, v.id);
    const taken = await c.asAlma.api('POST', `${c.api}/${v.id}/lots/${lot.id}/take`, {
      packets: 1,
      expectedMonth: addMonths(localMonth(t.clock.now(), c.community.timeZone), 2),
    });
    const pledge = taken.json().pledge.id;
    const base = `/c/${c.slug}/seeds`;
    const pages = [
      base,
      `${base}?q=bean&season=spring`,
      `${base}/new`,
      `${base}/${v.id}?taken=2`,
      `${base}/${v.id}/edit`,
      `${base}/${v.id}/stories/${story.id}/edit`,
      `${base}/${v.id}/lots/new`,
      `${base}/${v.id}/lots/${lot.id}/take`,
      `${base}/${v.id}/pledges/${pledge}/return`,
    ];
    for (const lang of ['en', 'es']) {
      for (const url of pages) {
        const res = await c.asAlma.get(url, { 'accept-language': lang });
        expect(res.statusCode, url).toBe(200);
        expect(res.body.match(/<h1[ >]/g), url).toHaveLength(1);
        expect(res.body, url).not.toMatch(/\bseeds\.[a-z_]|\{\{/);
      }
    }
  });

  it('renders the catalog and a variety page in Spanish', async () => {
    const c = await seedCommunity(t);
    const v = await addVariety(c, c.asAlma, { crop: 'Frijol', name: 'Negro de Oaxaca' });
    await addLot(c, c.asAlma, v.id, { packets: 1 });
    await addStory(c, c.asAlma, v.id, { body: 'Mi abuela los sembraba con el maíz.', memoryYear: 1962 });
    const es = { 'accept-language': 'es' };
    const catalog = await c.asBeto.get(`/c/${c.slug}/seeds`, es);
    expect(catalog.body).toContain('<html lang="es"');
    expect(catalog.body).toContain('Biblioteca de semillas');
    expect(catalog.body).toContain('1 sobre');
    expect(catalog.body).toContain('Sembrar en: Primavera, Verano');
    const page = await c.asBeto.get(`/c/${c.slug}/seeds/${v.id}`, es);
    expect(page.body).toContain('Sobres en el estante');
    expect(page.body).toContain('Contada por Alma');
    expect(page.body).toContain('Fácil de guardar');
    expect(page.body).toContain('90 días');
    const refused = await c.asBeto.api('GET', `${c.api}/01890000-0000-7000-8000-000000000000`);
    expect(refused.statusCode).toBe(404);
  });
});
