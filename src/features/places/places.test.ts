import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { postMultipart } from '../../../test/support/library.ts';
import { findPlace, placeVolunteerIds, recordCleaned } from './service.ts';
import * as store from './store.ts';

const t = useTestApp();

describe('the place store', () => {
  it('keeps a place with its point, its volunteers who are active members, and when it was cleaned', async () => {
    const { community, steward } = await t.community();
    const volunteer = await t.member(community);
    const db = t.services.db;
    const now = new Date().toISOString();
    const id = await store.insertPlace(
      db,
      community.id,
      { kind: 'fridge', name: 'Elm Street fridge', latitude: 40.4168, longitude: -3.7038, checkHours: 48 },
      now,
    );
    await store.setVolunteers(db, community.id, id, [volunteer.id, steward.id], now);
    expect((await placeVolunteerIds(db, community.id, id)).sort()).toEqual([volunteer.id, steward.id].sort());
    await recordCleaned(db, community.id, id, now);
    expect(await findPlace(db, community.id, id)).toMatchObject({
      kind: 'fridge',
      latitude: 40.4168,
      longitude: -3.7038,
      addressVisibility: 'members',
      checkHours: 48,
      cleanedAt: now,
      stockLevel: null,
    });
    const other = await t.community();
    expect(await findPlace(db, other.community.id, id)).toBeUndefined();
  });

  it('a volunteer who leaves the community is neither shown nor told', async () => {
    const { community, volunteer, member, placeId, api } = await withFridge();
    const shown = async () =>
      (await (await t.as(member)).api('GET', `${api}/${placeId}`))
        .json()
        .place.volunteers.map((v: { accountId: string }) => v.accountId);
    expect(await shown()).toEqual([volunteer.id]);
    expect((await (await t.as(volunteer)).post(`/c/${community.slug}/leave`)).statusCode).toBe(303);
    expect(await shown()).toEqual([]);
    expect(await placeVolunteerIds(t.services.db, community.id, placeId)).toEqual([]);
    const list = (await (await t.as(member)).api('GET', api)).json().places[0];
    expect(list.volunteers ?? []).toEqual([]);
  });

  it('refuses a point out of range or half a point, and an unknown kind', async () => {
    const { community } = await t.community();
    const now = new Date().toISOString();
    const add = (place: Record<string, unknown>) =>
      store.insertPlace(t.services.db, community.id, { kind: 'fridge', name: 'x', ...place } as any, now);
    await expect(add({ latitude: 91, longitude: 0 })).rejects.toThrow();
    await expect(add({ latitude: 10, longitude: null })).rejects.toThrow();
    await expect(add({ kind: 'castle' })).rejects.toThrow();
  });
});

const fridge = {
  kind: 'fridge',
  name: 'Elm Street fridge',
  address: '12 Elm Street, behind the bakery',
  contact: 'WhatsApp the fridge group: +1 555 010 0199',
  foodAccepted: 'Fresh fruit, vegetables, bread, sealed packets',
  foodLabels: 'Write what it is and the date you made it',
  foodRefused: 'No raw meat, no alcohol, nothing opened',
  checkHours: 48,
  openingHours: { alwaysOpen: true },
};

/** A community with a steward, a member, a coordinator and a fridge whose volunteer is `volunteer`. */
async function withFridge(extra: Record<string, unknown> = {}) {
  // Every test's reports draw on a new hour's budget (all come from this computer's address).
  t.clock.advance(3601);
  const { community, steward } = await t.community();
  const volunteer = await t.member(community, 'member', { displayName: 'Vera Volunteer' });
  const member = await t.member(community);
  const coordinator = await t.member(community, 'coordinator');
  const stewardClient = await t.as(steward);
  const api = `/api/v1/communities/${community.slug}/places`;
  const res = await stewardClient.api('POST', api, { ...fridge, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  const placeId = res.json().place.id as string;
  expect(
    (await stewardClient.api('PUT', `${api}/${placeId}/volunteers`, { accountIds: [volunteer.id] }))
      .statusCode,
  ).toBe(204);
  return { community, steward, volunteer, member, coordinator, placeId, api, stewardClient };
}

describe('places, by role', () => {
  it.each([
    ['member', 403],
    ['coordinator', 403],
    ['steward', 201],
  ] as const)('a %s adding a place gets %i', async (role, status) => {
    const { community } = await t.community();
    const res = await (await t.as(await t.member(community, role))).api(
      'POST',
      `/api/v1/communities/${community.slug}/places`,
      fridge,
    );
    expect(res.statusCode).toBe(status);
    if (status === 201)
      expect(res.json().place).toMatchObject({ kind: 'fridge', publicUrl: expect.stringContaining('/p/') });
  });

  it("the place's volunteer and stewards edit it; other members and coordinators may not; only stewards name volunteers", async () => {
    const { community, volunteer, member, coordinator, steward, placeId, api } = await withFridge();
    const edit = { ...fridge, name: 'Elm Street community fridge' };
    for (const [who, status] of [
      [member, 403],
      [coordinator, 403],
      [volunteer, 200],
      [steward, 200],
    ] as const) {
      const res = await (await t.as(who)).api('PUT', `${api}/${placeId}`, edit);
      expect(res.statusCode, who.displayName).toBe(status);
    }
    const asVolunteer = await t.as(volunteer);
    // What the place is stays the stewards' choice: it decides the public page printed signs lead to.
    const garden = await asVolunteer.api('PUT', `${api}/${placeId}`, { ...edit, kind: 'garden' });
    expect(garden.statusCode).toBe(403);
    expect(garden.json().code).toBe('places.errors.only_stewards_kind');
    expect((await asVolunteer.get(`/c/${community.slug}/places/${placeId}/edit`)).body).toContain(
      'type="hidden" name="kind" value="fridge"',
    );
    expect(
      (await asVolunteer.api('PUT', `${api}/${placeId}/volunteers`, { accountIds: [] })).statusCode,
    ).toBe(403);
    expect((await asVolunteer.api('POST', `${api}/${placeId}/archive`)).statusCode).toBe(403);
    const list = await (await t.as(member)).api('GET', api);
    expect(list.json().places.map((p: { name: string }) => p.name)).toEqual(['Elm Street community fridge']);
  });

  it("another community's place is 404 on every route, to its steward too", async () => {
    const { placeId } = await withFridge();
    const other = await t.community();
    const client = await t.as(other.steward);
    const api = `/api/v1/communities/${other.community.slug}/places/${placeId}`;
    const c = `/c/${other.community.slug}`;
    for (const res of [
      await client.api('GET', api),
      await client.api('PUT', api, fridge),
      await client.api('PUT', `${api}/volunteers`, { accountIds: [] }),
      await client.api('POST', `${api}/archive`),
      await client.api('POST', `${api}/reports`, { kind: 'empty' }),
      await client.get(`${c}/places/${placeId}`),
      await client.get(`${c}/places/${placeId}/edit`),
      await client.get(`${c}/p/${placeId}`),
      await t.visitor().get(`${c}/p/${placeId}`),
    ]) {
      expect(res.statusCode).toBe(404);
    }
  });

  it('refuses volunteers who are not active members of the community', async () => {
    const { placeId, api, stewardClient } = await withFridge();
    const outsider = await t.account();
    const res = await stewardClient.api('PUT', `${api}/${placeId}/volunteers`, { accountIds: [outsider.id] });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ field: 'accountIds' });
  });
});

describe('bad input', () => {
  it('refuses points out of range, unknown kinds, over-long texts and half points, naming each field', async () => {
    const { community, steward } = await t.community();
    const client = await t.as(steward);
    const api = `/api/v1/communities/${community.slug}/places`;
    const res = await client.api('POST', api, {
      ...fridge,
      kind: 'castle',
      name: 'x'.repeat(121),
      latitude: 91,
      longitude: -181,
    });
    expect(res.statusCode).toBe(422);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['kind', 'name', 'latitude', 'longitude']));
    const half = await client.api('POST', api, { ...fridge, latitude: 40 });
    expect(half.statusCode).toBe(422);
    expect(half.json().errors).toEqual([
      expect.objectContaining({ field: 'longitude', code: 'places.errors.point_needs_both' }),
    ]);
    const island = await client.api('POST', api, { ...fridge, latitude: 0, longitude: 0 });
    expect(island.json().errors).toEqual([
      expect.objectContaining({ field: 'latitude', code: 'validation.point_null_island' }),
    ]);
    const hours = await client.api('POST', api, {
      ...fridge,
      openingHours: { alwaysOpen: false, mon: { opens: '18:00', closes: '09:00' } },
    });
    expect(hours.json().errors).toEqual([
      expect.objectContaining({ field: 'openingHours.mon', code: 'places.errors.closes_before_opens' }),
    ]);
    expect((await client.api('POST', api, { ...fridge, colour: 'red' })).statusCode).toBe(422);
  });

  it('the page form says what is wrong beside each field, in Spanish too, and keeps what was typed', async () => {
    const { community, steward } = await t.community();
    const browser = await t.as(steward);
    const res = await browser.post(
      `/c/${community.slug}/places`,
      {
        kind: 'fridge',
        name: 'Nevera de la plaza',
        latitude: '95',
        longitude: '3',
        monOpens: '20:00',
        monCloses: '08:00',
        tueOpens: '09:00',
      },
      { headers: { 'accept-language': 'es' } },
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Nevera de la plaza');
    expect(res.body).toContain('aria-invalid="true"');
    expect(res.body).toContain('Indica un número de como máximo 90.');
    // A wrong time says the form it expects; a length its unit with the plural of the language.
    const time = await browser.post(`/c/${community.slug}/places`, {
      kind: 'fridge',
      name: 'x',
      monOpens: '9:00',
      monCloses: '25:00',
    });
    expect(time.body).toContain('Please give a time as hours and minutes, HH:MM, for example 09:00');
    const one = await browser.api('POST', `/api/v1/communities/${community.slug}/places`, {
      kind: 'fridge',
      name: '   ',
    });
    expect(one.json().errors[0].message).toBe('Please write at least 1 character.');
    // Once the point is right, the hours are judged: a day closing before it opens, a day half given.
    const hours = await browser.post(
      `/c/${community.slug}/places`,
      {
        kind: 'fridge',
        name: 'Nevera de la plaza',
        monOpens: '20:00',
        monCloses: '08:00',
        tueOpens: '09:00',
      },
      { headers: { 'accept-language': 'es' } },
    );
    expect(hours.statusCode).toBe(422);
    expect(hours.body).toContain('La hora de cierre debe ser posterior a la de apertura.');
    expect(hours.body).toContain('Indica la hora de apertura y la de cierre, o ninguna.');
  });

  it('the page form takes the point as people write it (a decimal comma, the minus sign of its own example)', async () => {
    const { community, steward } = await t.community();
    const browser = await t.as(steward);
    const es = { headers: { 'accept-language': 'es' } };
    const wrong = await browser.post(
      `/c/${community.slug}/places`,
      { kind: 'garden', name: 'Huerto', latitude: 'norte', longitude: '−3,7038' },
      es,
    );
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Escribe la latitud en grados, por ejemplo 40,4168');
    const res = await browser.post(
      `/c/${community.slug}/places`,
      { kind: 'garden', name: 'Huerto', latitude: '40,4168', longitude: '−3.7038' },
      es,
    );
    expect(res.statusCode, res.body).toBe(303);
    const page = await browser.get(res.headers.location as string, es.headers);
    expect(page.body).toContain('Punto: 40,4168; -3,7038');
    const [place] = (await browser.api('GET', `/api/v1/communities/${community.slug}/places`)).json().places;
    expect(place).toMatchObject({ latitude: 40.4168, longitude: -3.7038 });
  });
});

describe('the place pages', () => {
  it('a steward adds a fridge from the plain form with its hours and volunteers; members see it in the list and on its page', async () => {
    const { community, steward } = await t.community();
    const volunteer = await t.member(community, 'member', { displayName: 'Vera Volunteer' });
    const browser = await t.as(steward);
    const form = await browser.get(`/c/${community.slug}/places/new`);
    expect(form.statusCode).toBe(200);
    const res = await browser.post(`/c/${community.slug}/places`, {
      kind: 'pantry',
      name: 'Church pantry',
      address: 'St. Mary, side door',
      latitude: '40.4168',
      longitude: '-3.7038',
      satOpens: '09:00',
      satCloses: '13:00',
      volunteers: [volunteer.id],
    });
    expect(res.statusCode, res.body).toBe(303);
    const member = await t.as(await t.member(community));
    const page = await member.get(res.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Church pantry');
    expect(page.body).toContain('Vera Volunteer');
    expect(page.body).toContain('Saturday');
    expect(page.body).toContain('09:00 to 13:00');
    const list = await member.get(`/c/${community.slug}/places`);
    expect(list.body).toContain('Church pantry');
    expect(list.body).toContain('Pantry');
    expect((await member.get(`${res.headers.location}/edit`)).statusCode).toBe(403);
  });
});

describe('the public page of a fridge, and reports without an account', () => {
  it('shows anyone the stock, food rules, hours and contact; never the volunteers; the address only when public', async () => {
    const { community, placeId } = await withFridge();
    const page = await t.visitor().get(`/c/${community.slug}/p/${placeId}`);
    expect(page.statusCode).toBe(200);
    // Nothing on it asks for the members' live stream, which a visitor is refused.
    expect(page.body).not.toContain('data-live');
    for (const text of [
      'Elm Street fridge',
      'Not reported yet',
      'No raw meat, no alcohol, nothing opened',
      'Open day and night, every day',
      'WhatsApp the fridge group',
    ]) {
      expect(page.body).toContain(text);
    }
    expect(page.body).not.toContain('Vera Volunteer');
    expect(page.body).not.toContain('12 Elm Street');
    const open = await withFridge({ addressVisibility: 'public' });
    const shown = await t
      .visitor()
      .get(`/c/${open.community.slug}/p/${open.placeId}`, { 'accept-language': 'es' });
    expect(shown.body).toContain('12 Elm Street');
    expect(shown.body).toContain('Normas sobre la comida');
  });

  it('prints a sign with a QR code to the public page, in the community’s languages', async () => {
    const { community, placeId } = await withFridge();
    await t.services.db
      .updateTable('community')
      .set({ languages: 'en,es' })
      .where('id', '=', community.id)
      .execute();
    const sign = await t.visitor().get(`/c/${community.slug}/p/${placeId}/sign`);
    expect(sign.statusCode).toBe(200);
    expect(sign.body).toContain('<svg');
    expect(sign.body).toContain(`http://porch.test/c/${community.slug}/p/${placeId}`);
    expect(sign.body).toContain('no account needed');
    expect(sign.body).toContain('sin necesidad de cuenta');
    expect(sign.body).toContain('No raw meat, no alcohol, nothing opened');
    expect(sign.body).not.toContain('Vera Volunteer');
  });

  it('offers the page in the community’s other language, without JavaScript', async () => {
    const { community, placeId } = await withFridge();
    await t.services.db
      .updateTable('community')
      .set({ languages: 'en,es' })
      .where('id', '=', community.id)
      .execute();
    const passerBy = t.visitor();
    const url = `/c/${community.slug}/p/${placeId}`;
    const page = await passerBy.get(url);
    expect(page.body).toContain('Leer en español');
    const chosen = await passerBy.post('/locale', { locale: 'es', next: url });
    expect(chosen.headers.location).toBe(url);
    expect((await passerBy.get(url)).body).toContain('Normas sobre la comida');
  });

  it('a garden has no public page, and outsiders cannot report on it', async () => {
    const { community, api, stewardClient } = await withFridge();
    const garden = await stewardClient.api('POST', api, { kind: 'garden', name: 'Corner garden' });
    const id = garden.json().place.id;
    expect((await t.visitor().get(`/c/${community.slug}/p/${id}`)).statusCode).toBe(404);
    expect(
      (await t.visitor().api('POST', `${api}/${id}/reports`, { kind: 'problem', problem: 'dirty' }))
        .statusCode,
    ).toBe(404);
  });

  it('a passer-by reports it empty from the plain form: the stock level shows it, for members too', async () => {
    const { community, placeId, member } = await withFridge();
    const passerBy = t.visitor();
    const url = `/c/${community.slug}/p/${placeId}`;
    await passerBy.get(url);
    const res = await passerBy.post(`${url}/report`, { kind: 'empty', note: 'Only a jar of pickles left' });
    expect(res.statusCode, res.body).toBe(303);
    const page = await passerBy.get(res.headers.location as string);
    expect(page.body).toContain('Thank you! Your report is in.');
    expect(page.body).toMatch(/<strong>Empty<\/strong>/);
    const seen = await (await t.as(member)).api(
      'GET',
      `/api/v1/communities/${community.slug}/places/${placeId}`,
    );
    expect(seen.json().place).toMatchObject({ stockLevel: 'empty', stockReportedAt: expect.any(String) });
    expect(seen.json().reports[0]).toMatchObject({
      kind: 'empty',
      note: 'Only a jar of pickles left',
      reporterName: null,
    });
  });

  it('a form without its CSRF token is refused, and a cleaning needs an account', async () => {
    const { community, placeId, api } = await withFridge();
    const res = await t
      .visitor()
      .post(`/c/${community.slug}/p/${placeId}/report`, { kind: 'empty' }, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect((await t.visitor().api('POST', `${api}/${placeId}/reports`, { kind: 'cleaned' })).statusCode).toBe(
      401,
    );
  });

  it('the honeypot: a filled hidden field is thanked and nothing is stored', async () => {
    const { community, placeId, member } = await withFridge();
    const bot = t.visitor();
    const url = `/c/${community.slug}/p/${placeId}`;
    const res = await bot.post(`${url}/report`, { kind: 'empty', website: 'http://spam.example' });
    expect(res.statusCode).toBe(303);
    const seen = await (await t.as(member)).api(
      'GET',
      `/api/v1/communities/${community.slug}/places/${placeId}`,
    );
    expect(seen.json().reports).toEqual([]);
    expect(seen.json().place.stockLevel).toBeNull();
  });

  it('refuses a report that does not hang together, with translated messages', async () => {
    const { placeId, api } = await withFridge();
    const res = await t
      .visitor()
      .api('POST', `${api}/${placeId}/reports`, { kind: 'problem', stockLevel: 'full' });
    expect(res.statusCode).toBe(422);
    expect(
      res
        .json()
        .errors.map((e: { code: string }) => e.code)
        .sort(),
    ).toEqual(['places.errors.problem_required', 'places.errors.stock_only_when_stocked']);
    expect((await t.visitor().api('POST', `${api}/${placeId}/reports`, { kind: 'spilled' })).statusCode).toBe(
      422,
    );
    expect(
      (await t.visitor().api('POST', `${api}/${placeId}/reports`, { kind: 'empty', note: 'x'.repeat(1001) }))
        .statusCode,
    ).toBe(422);
  });

  it('a problem report reaches the volunteers by mail at once, and never the member who is not one', async () => {
    const { community, placeId, volunteer, member, api } = await withFridge();
    const res = await t.visitor().api('POST', `${api}/${placeId}/reports`, {
      kind: 'problem',
      problem: 'unsafe_food',
      note: 'A carton of milk, two weeks past its date',
    });
    expect(res.statusCode).toBe(201);
    await t.runJobs();
    const [mail] = t.mailbox.to(volunteer.email!);
    expect(mail.subject).toBe('A problem at Elm Street fridge');
    expect(mail.text).toContain('unsafe food');
    expect(mail.text).toContain('“A carton of milk, two weeks past its date”');
    expect(mail.text).toContain(`/c/${community.slug}/places/${placeId}`);
    expect(t.mailbox.to(member.email!)).toEqual([]);
    // A volunteer reporting their own place is not told of it.
    const own = await (await t.as(volunteer)).api('POST', `${api}/${placeId}/reports`, {
      kind: 'problem',
      problem: 'broken',
    });
    expect(own.statusCode).toBe(201);
    await t.runJobs();
    expect(t.mailbox.to(volunteer.email!)).toHaveLength(1);
  });

  it("a passer-by's note is quoted on one line after Porch's own link: it cannot pass for Porch's words", async () => {
    const { community, placeId, volunteer, api } = await withFridge();
    const fake = 'https://porch-login.example/login';
    const note = `see photo.\n\n${fake}\n\n-- \nYour session expired. Sign in again.${' and more'.repeat(40)}`;
    const res = await t
      .visitor()
      .api('POST', `${api}/${placeId}/reports`, { kind: 'problem', problem: 'other', note });
    expect(res.statusCode).toBe(201);
    await t.runJobs();
    const [mail] = t.mailbox.to(volunteer.email!);
    const own = mail.text.indexOf(`/c/${community.slug}/places/${placeId}`);
    expect(own).toBeGreaterThan(-1);
    expect(own).toBeLessThan(mail.text.indexOf(fake));
    const quoted = mail.text.match(/“([^”]*)”/)![1];
    expect(quoted).toMatch(/^see photo\. https:\/\/porch-login\.example\/login -- Your session expired\./);
    expect(quoted).toHaveLength(200);
    expect(quoted.endsWith('…')).toBe(true);
    // The only signature is Porch's own, after the quote.
    expect(mail.text.split('\n-- \n')).toHaveLength(2);
  });

  it('a volunteer hides a report: it leaves the pages and the stock level goes back to what the others said', async () => {
    const { community, placeId, volunteer, member, api } = await withFridge();
    const asMember = await t.as(member);
    await asMember.api('POST', `${api}/${placeId}/reports`, { kind: 'stocked', stockLevel: 'full' });
    t.clock.advance(60);
    const prank = await t.visitor().api('POST', `${api}/${placeId}/reports`, { kind: 'empty' });
    expect((await asMember.api('GET', `${api}/${placeId}`)).json().place.stockLevel).toBe('empty');
    expect((await asMember.api('POST', `${api}/${placeId}/reports/${prank.json().id}/hide`)).statusCode).toBe(
      403,
    );
    const asVolunteer = await t.as(volunteer);
    expect(
      (await asVolunteer.api('POST', `${api}/${placeId}/reports/${prank.json().id}/hide`)).statusCode,
    ).toBe(204);
    const after = (await asMember.api('GET', `${api}/${placeId}`)).json();
    expect(after.place.stockLevel).toBe('full');
    expect(after.reports.map((r: { kind: string }) => r.kind)).toEqual(['stocked']);
    const kept = (await asVolunteer.api('GET', `${api}/${placeId}`)).json();
    expect(kept.reports.map((r: { hidden: boolean }) => r.hidden)).toEqual([true, false]);
    const publicPage = await t.visitor().get(`/c/${community.slug}/p/${placeId}`);
    expect(publicPage.body).toContain('Full');
  });

  it('a photo with a report: re-encoded without its GPS position; too large is refused with a clear message', async () => {
    const { community, placeId, member } = await withFridge();
    const passerBy = t.visitor();
    const url = `/c/${community.slug}/p/${placeId}`;
    await passerBy.get(url);
    const data = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#ccc' } })
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '41/1 53/1 0/1' } })
      .jpeg()
      .toBuffer();
    const res = await postMultipart(t, passerBy, `${url}/report`, { kind: 'problem', problem: 'broken' }, [
      { name: 'photo', filename: 'door.jpg', type: 'image/jpeg', data },
    ]);
    expect(res.statusCode, res.body).toBe(303);
    const report = (
      await (await t.as(member)).api('GET', `/api/v1/communities/${community.slug}/places/${placeId}`)
    ).json().reports[0];
    const photo = await (await t.as(member)).get(report.photo.url);
    expect(photo.statusCode).toBe(200);
    expect((await sharp(photo.rawPayload).metadata()).exif).toBeUndefined();
    const huge = Buffer.alloc(9 * 1024 * 1024, 1);
    const refused = await postMultipart(t, passerBy, `${url}/report`, { kind: 'empty' }, [
      { name: 'photo', filename: 'big.jpg', type: 'image/jpeg', data: huge },
    ]);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('aria-invalid="true"');
  });
});

describe('what the pages show of photos and checks', () => {
  it('the public page shows the place’s photos to anyone, and only those; the members’ page its checks', async () => {
    const { community, placeId, api, stewardClient, member } = await withFridge();
    const data = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#8a8' } })
      .jpeg()
      .toBuffer();
    const added = await postMultipart(t, stewardClient, `${api}/${placeId}/photos`, {}, [
      { name: 'photo', filename: 'fridge.jpg', type: 'image/jpeg', data },
    ]);
    expect(added.statusCode, added.body).toBe(201);
    const page = (await t.visitor().get(`/c/${community.slug}/p/${placeId}`)).body;
    const thumb = page.match(/src="(\/c\/[^"]+\/p\/[^"]+\/photos\/[^"]+\/thumb)"/)?.[1];
    expect(thumb).toBeDefined();
    const image = await t.visitor().get(thumb as string);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    // A photo of no public place is not served there, and the sign stays text-only.
    const report = await postMultipart(
      t,
      t.visitor(),
      `/c/${community.slug}/p/${placeId}/report`,
      { kind: 'empty' },
      [{ name: 'photo', filename: 'inside.jpg', type: 'image/jpeg', data }],
    );
    expect(report.statusCode, report.body).toBe(303);
    const reportPhoto = await t.services.db
      .selectFrom('placeReport')
      .select('photoId')
      .where('communityId', '=', community.id)
      .where('photoId', 'is not', null)
      .executeTakeFirstOrThrow();
    const notHers = thumb?.replace(/photos\/[^/]+\//, `photos/${reportPhoto.photoId}/`) as string;
    expect((await t.visitor().get(notHers)).statusCode).toBe(404);
    expect((await t.visitor().get(`/c/${community.slug}/p/${placeId}/sign`)).body).not.toContain('<img');
    const members = await (await t.as(member)).get(`/c/${community.slug}/places/${placeId}`);
    expect(members.body).toContain('No check logged yet.');
    expect(members.body).toContain(`/shifts/places/${placeId}/log`);
  });
});

describe('the report rate limit', () => {
  it('allows 12 reports an hour from one address, then answers 429 with when to try again', async () => {
    const { placeId, api } = await withFridge();
    const send = () => t.visitor().api('POST', `${api}/${placeId}/reports`, { kind: 'empty' });
    const statuses: number[] = [];
    for (let i = 0; i < 13; i++) statuses.push((await send()).statusCode);
    expect(statuses.slice(0, 12).every((s) => s === 201)).toBe(true);
    const refused = await send();
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it("a member's page form draws on the same budget as the API: a 13th report is refused", async () => {
    const { community, placeId, member, api } = await withFridge();
    const client = await t.as(member);
    const form = `/c/${community.slug}/places/${placeId}/reports`;
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push(
        (await client.post(form, { kind: 'problem', problem: 'other', note: `Report ${i}` })).statusCode,
      );
    expect(statuses.every((s) => s === 303)).toBe(true);
    expect((await client.post(form, { kind: 'problem', problem: 'other', note: 'Again' })).statusCode).toBe(
      429,
    );
    expect((await client.api('POST', `${api}/${placeId}/reports`, { kind: 'stocked' })).statusCode).toBe(429);
  });
});

describe('a library item kept at a place', () => {
  it('a shed item points to the shed; a place of another community is refused', async () => {
    const { community, stewardClient, api } = await withFridge();
    const shed = (await stewardClient.api('POST', api, { kind: 'tool_shed', name: 'The shed at 417' })).json()
      .place.id;
    const items = `/api/v1/communities/${community.slug}/items`;
    const item = {
      name: 'Wheelbarrow',
      category: 'garden',
      condition: 'good',
      valueBand: 'low',
      loanDays: 3,
    };
    const res = await stewardClient.api('POST', items, { ...item, owner: 'shed', placeId: shed });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().place).toEqual({ id: shed, name: 'The shed at 417' });
    const page = await stewardClient.get(`/c/${community.slug}/library/items/${res.json().id}`);
    expect(page.body).toContain(`/c/${community.slug}/places/${shed}`);
    const form = await stewardClient.get(`/c/${community.slug}/library/items/new`);
    expect(form.body).toContain('Kept at (a place)');
    const other = await withFridge();
    const refused = await stewardClient.api('POST', items, { ...item, placeId: other.placeId });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([
      expect.objectContaining({ field: 'placeId', code: 'library.errors.place_not_found' }),
    ]);
  });
});
