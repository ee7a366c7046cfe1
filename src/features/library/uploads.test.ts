import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { makeItem, postMultipart } from '../../../test/support/library.ts';

const t = useTestApp();

let made: Promise<Buffer> | undefined;

/** A phone-like photo larger than 1600 px, with EXIF including where it was taken (made once). */
async function phonePhoto() {
  made ??= sharp({ create: { width: 2000, height: 1200, channels: 3, background: '#8a6' } })
    .withExif({
      IFD0: { Make: 'PhoneCo', Copyright: 'Rosa' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '41/1 53/1 0/1',
        GPSLongitudeRef: 'W',
        GPSLongitude: '87/1 37/1 0/1',
      },
    })
    .jpeg()
    .toBuffer();
  const data = await made;
  expect((await sharp(data).metadata()).exif).toBeDefined();
  return { name: 'photos', filename: 'IMG_0042.jpg', type: 'image/jpeg', data };
}

const fields = {
  name: 'Pressure washer',
  category: 'tools',
  condition: 'good',
  valueBand: 'high',
  loanDays: '3',
};

async function photoIdsOf(itemId: string, communityId: string) {
  const rows = await t.services.db
    .selectFrom('itemPhoto')
    .select('photoId')
    .where('communityId', '=', communityId)
    .where('itemId', '=', itemId)
    .execute();
  return rows.map((r) => r.photoId);
}

describe('uploading item photos from a plain form', () => {
  it('resizes, re-encodes and strips EXIF (GPS included), and serves it to members only', async () => {
    const { community } = await t.community();
    const member = await t.member(community);
    const browser = await t.as(member);
    const res = await postMultipart(t, browser, `/c/${community.slug}/library/items`, fields, [
      await phonePhoto(),
    ]);
    expect(res.statusCode, res.body).toBe(303);
    const itemId = (res.headers.location as string).split('/').pop()!;
    const [photoId] = await photoIdsOf(itemId, community.id);
    expect(photoId).toBeDefined();

    const file = join(t.services.config.dataDir, 'uploads', community.id, `${photoId}.jpg`);
    expect(existsSync(file)).toBe(true);
    const stored = await sharp(readFileSync(file)).metadata();
    expect(stored.exif).toBeUndefined();
    expect(Math.max(stored.width!, stored.height!)).toBe(1600);

    const full = await browser.get(`/c/${community.slug}/photos/${photoId}/full`);
    expect(full.statusCode).toBe(200);
    expect(full.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(full.rawPayload).metadata()).exif).toBeUndefined();
    const thumb = await browser.get(`/c/${community.slug}/photos/${photoId}/thumb`);
    const meta = await sharp(thumb.rawPayload).metadata();
    expect(Math.max(meta.width!, meta.height!)).toBe(400);
    expect(meta.exif).toBeUndefined();

    const page = await browser.get(`/c/${community.slug}/library/items/${itemId}`);
    expect(page.body).toContain(`/c/${community.slug}/photos/${photoId}/thumb`);

    // Members only: a signed-in outsider is refused, a visitor is sent to sign in.
    expect(
      (await (await t.as(await t.account())).get(`/c/${community.slug}/photos/${photoId}/full`)).statusCode,
    ).toBe(403);
    expect((await t.visitor().get(`/c/${community.slug}/photos/${photoId}/full`)).statusCode).toBe(303);
    // Through another community's address, it does not exist.
    const other = await t.community();
    expect(
      (await (await t.as(other.steward)).get(`/c/${other.community.slug}/photos/${photoId}/full`)).statusCode,
    ).toBe(404);
  });

  it('serves an archived item’s photos to nobody', async () => {
    const { community } = await t.community();
    const member = await t.member(community);
    const browser = await t.as(member);
    const res = await postMultipart(t, browser, `/c/${community.slug}/library/items`, fields, [
      await phonePhoto(),
    ]);
    const itemId = (res.headers.location as string).split('/').pop()!;
    const [photoId] = await photoIdsOf(itemId, community.id);
    expect((await browser.get(`/c/${community.slug}/photos/${photoId}/thumb`)).statusCode).toBe(200);
    expect(
      (await browser.api('DELETE', `/api/v1/communities/${community.slug}/items/${itemId}`)).statusCode,
    ).toBe(204);
    expect((await browser.get(`/c/${community.slug}/photos/${photoId}/thumb`)).statusCode).toBe(404);
  });

  it('refuses a text file named like a photo, with a message beside the field, and writes nothing', async () => {
    const { community } = await t.community();
    const browser = await t.as(await t.member(community));
    const res = await postMultipart(
      t,
      browser,
      `/c/${community.slug}/library/items`,
      { ...fields, name: 'Not a photo' },
      [
        {
          name: 'photos',
          filename: 'holiday.jpg',
          type: 'image/jpeg',
          data: Buffer.from('just some text, honestly\n'),
        },
      ],
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('id="e-photos"');
    expect(res.body).toContain('not a photo we can read');
    const items = await t.services.db
      .selectFrom('item')
      .select('id')
      .where('communityId', '=', community.id)
      .execute();
    expect(items).toEqual([]);
  });

  it('accepts the form when no photo was chosen (browsers send an empty file part)', async () => {
    const { community } = await t.community();
    const browser = await t.as(await t.member(community));
    const res = await postMultipart(t, browser, `/c/${community.slug}/library/items`, fields, [
      { name: 'photos', filename: '', type: 'application/octet-stream', data: Buffer.alloc(0) },
    ]);
    expect(res.statusCode, res.body).toBe(303);
    const itemId = (res.headers.location as string).split('/').pop()!;
    expect(await photoIdsOf(itemId, community.id)).toEqual([]);
  });

  it('refuses a file over 8 MB', async () => {
    const { community } = await t.community();
    const browser = await t.as(await t.member(community));
    const big = Buffer.alloc(9 * 1024 * 1024, 1);
    const res = await postMultipart(t, browser, `/c/${community.slug}/library/items`, fields, [
      { name: 'photos', filename: 'huge.jpg', type: 'image/jpeg', data: big },
    ]);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('too large');
  });

  it('sends a visitor to sign in without reading the files', async () => {
    const { community } = await t.community();
    const res = await postMultipart(
      t,
      t.visitor(),
      `/c/${community.slug}/library/items`,
      fields,
      [await phonePhoto()],
      {
        csrf: false,
      },
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/login\?next=/);
  });

  it('refuses a multipart form without the CSRF token', async () => {
    const { community } = await t.community();
    const browser = await t.as(await t.member(community));
    const res = await postMultipart(
      t,
      browser,
      `/c/${community.slug}/library/items`,
      fields,
      [await phonePhoto()],
      {
        csrf: false,
      },
    );
    expect(res.statusCode).toBe(403);
  });

  it('adds photos to an item (owner only) and removes one, deleting its files', async () => {
    const { community } = await t.community();
    const owner = await t.member(community);
    const thing = await makeItem(t, community, { owner });
    const url = `/c/${community.slug}/library/items/${thing.id}/photos`;
    const stranger = await t.as(await t.member(community));
    expect((await postMultipart(t, stranger, url, {}, [await phonePhoto()])).statusCode).toBe(403);
    const browser = await t.as(owner);
    expect(
      (await postMultipart(t, browser, url, {}, [await phonePhoto(), await phonePhoto()])).statusCode,
    ).toBe(303);
    const ids = await photoIdsOf(thing.id, community.id);
    expect(ids).toHaveLength(2);
    const file = join(t.services.config.dataDir, 'uploads', community.id, `${ids[0]}.jpg`);
    expect((await browser.post(`${url}/${ids[0]}/remove`)).statusCode).toBe(303);
    expect(existsSync(file)).toBe(false);
    expect(await photoIdsOf(thing.id, community.id)).toHaveLength(1);
  });
});

describe('item photos through the API', () => {
  const json = { headers: { accept: 'application/json' } };
  const small = async (color = '#36a') => ({
    name: 'photo',
    filename: 'porch.png',
    type: 'image/png',
    data: await sharp({ create: { width: 300, height: 200, channels: 3, background: color } })
      .png()
      .toBuffer(),
  });
  const asPhoto = async () => ({ ...(await phonePhoto()), name: 'photo' });
  const apiUrl = (slug: string, itemId: string) => `/api/v1/communities/${slug}/items/${itemId}/photos`;

  it('lets the owner add a photo, stored without its metadata, and remove it with its files', async () => {
    const { community } = await t.community();
    const owner = await t.member(community);
    const thing = await makeItem(t, community, { owner });
    const browser = await t.as(owner);
    const res = await postMultipart(
      t,
      browser,
      apiUrl(community.slug, thing.id),
      {},
      [await asPhoto()],
      json,
    );
    expect(res.statusCode, res.body).toBe(201);
    const [photo] = res.json().photos;
    expect(res.json()).toMatchObject({ id: thing.id, photos: [{ id: photo.id }] });
    expect(photo.thumbUrl).toBe(`/c/${community.slug}/photos/${photo.id}/thumb`);
    const file = join(t.services.config.dataDir, 'uploads', community.id, `${photo.id}.jpg`);
    const stored = await sharp(readFileSync(file)).metadata();
    expect(stored.exif).toBeUndefined();
    expect(stored.format).toBe('jpeg');
    expect(Math.max(stored.width!, stored.height!)).toBe(1600);
    const served = await browser.get(photo.url);
    expect(served.statusCode).toBe(200);
    expect((await sharp(served.rawPayload).metadata()).exif).toBeUndefined();
    const item = await browser.api('GET', `/api/v1/communities/${community.slug}/items/${thing.id}`);
    expect(item.json().item.photos).toEqual([photo]);

    expect((await browser.api('DELETE', `${apiUrl(community.slug, thing.id)}/${photo.id}`)).statusCode).toBe(
      204,
    );
    expect(existsSync(file)).toBe(false);
    expect(await photoIdsOf(thing.id, community.id)).toEqual([]);
    const again = await browser.api('DELETE', `${apiUrl(community.slug, thing.id)}/${photo.id}`);
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('library.errors.photo_not_found');
  });

  it('refuses a file over 8 MB with a problem naming the field, and saves nothing', async () => {
    const { community } = await t.community();
    const owner = await t.member(community);
    const thing = await makeItem(t, community, { owner });
    const big = {
      name: 'photo',
      filename: 'huge.jpg',
      type: 'image/jpeg',
      data: Buffer.alloc(9 * 1024 * 1024, 1),
    };
    const res = await postMultipart(t, await t.as(owner), apiUrl(community.slug, thing.id), {}, [big], json);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors).toEqual([
      {
        field: 'photo',
        code: 'uploads.too_large',
        message: 'This photo is too large. Please choose one of at most 8 MB.',
      },
    ]);
    expect(await photoIdsOf(thing.id, community.id)).toEqual([]);
  });

  it('refuses a file that is not an image, and asks for a file when none is sent, in the member’s language', async () => {
    const { community } = await t.community();
    const owner = await t.member(community, 'member', { locale: 'es' });
    const thing = await makeItem(t, community, { owner });
    const browser = await t.as(owner);
    const text = {
      name: 'photo',
      filename: 'holiday.jpg',
      type: 'image/jpeg',
      data: Buffer.from('not a picture'),
    };
    const res = await postMultipart(t, browser, apiUrl(community.slug, thing.id), {}, [text], json);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors[0]).toMatchObject({ field: 'photo', code: 'uploads.not_an_image' });
    expect(res.json().errors[0].message).toContain('no es una foto');
    const empty = { name: 'photo', filename: '', type: 'application/octet-stream', data: Buffer.alloc(0) };
    const none = await postMultipart(t, browser, apiUrl(community.slug, thing.id), {}, [empty], json);
    expect(none.statusCode).toBe(422);
    expect(none.json().errors[0]).toMatchObject({
      field: 'photo',
      code: 'library.errors.photo_required',
      message: 'Elige una foto para añadir.',
    });
    expect(await photoIdsOf(thing.id, community.id)).toEqual([]);
  });

  it('refuses a fifth photo with 409', async () => {
    const { community } = await t.community();
    const owner = await t.member(community);
    const thing = await makeItem(t, community, { owner });
    const browser = await t.as(owner);
    const url = apiUrl(community.slug, thing.id);
    const four = await postMultipart(
      t,
      browser,
      url,
      {},
      [await small(), await small(), await small()],
      json,
    );
    expect(four.statusCode, four.body).toBe(201);
    expect((await postMultipart(t, browser, url, {}, [await small()], json)).json().photos).toHaveLength(4);
    const fifth = await postMultipart(t, browser, url, {}, [await small()], json);
    expect(fifth.statusCode).toBe(409);
    expect(fifth.json()).toMatchObject({
      code: 'library.errors.photos_full',
      detail: 'A thing can have at most 4 photos. Remove one to add another.',
    });
    // The page's form says the same beside the photos.
    const page = await postMultipart(
      t,
      browser,
      `/c/${community.slug}/library/items/${thing.id}/photos`,
      {},
      [{ ...(await small()), name: 'photos' }],
    );
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('A thing can have at most 4 photos.');
    expect(await photoIdsOf(thing.id, community.id)).toHaveLength(4);
  });

  it.each([
    ['another member', 403, 'library.errors.only_owner_or_steward'],
    ['a coordinator', 403, 'library.errors.only_owner_or_steward'],
    ['someone who is not a member', 403, 'errors.members_only'],
  ] as const)('refuses %s (%i), adding and removing nothing', async (who, status, code) => {
    const { community } = await t.community();
    const owner = await t.member(community);
    const thing = await makeItem(t, community, { owner });
    const url = apiUrl(community.slug, thing.id);
    const added = await postMultipart(t, await t.as(owner), url, {}, [await small()], json);
    const photoId = added.json().photos[0].id;
    const account =
      who === 'someone who is not a member'
        ? await t.account()
        : await t.member(community, who === 'a coordinator' ? 'coordinator' : 'member');
    const client = await t.as(account);
    const post = await postMultipart(t, client, url, {}, [await small()], json);
    expect(post.statusCode).toBe(status);
    expect(post.json().code).toBe(code);
    const del = await client.api('DELETE', `${url}/${photoId}`);
    expect(del.statusCode).toBe(status);
    expect(await photoIdsOf(thing.id, community.id)).toEqual([photoId]);
  });

  it('lets a steward add and remove photos of the shed’s things; sends a visitor away with 401', async () => {
    const { community, steward } = await t.community();
    const shed = await makeItem(t, community, { owner: null, name: 'Wheelbarrow' });
    const url = apiUrl(community.slug, shed.id);
    const browser = await t.as(steward);
    const res = await postMultipart(t, browser, url, {}, [await small()], json);
    expect(res.statusCode, res.body).toBe(201);
    expect((await browser.api('DELETE', `${url}/${res.json().photos[0].id}`)).statusCode).toBe(204);
    const visitor = await postMultipart(t, t.visitor(), url, {}, [await small()], { ...json, csrf: false });
    expect(visitor.statusCode).toBe(401);
    // An API client has no page to take a CSRF token from: its upload is checked by Origin, so a
    // form on another site (whose browser sends that site's Origin) is refused.
    const client = await postMultipart(t, browser, url, {}, [await small()], { ...json, csrf: false });
    expect(client.statusCode).toBe(201);
    const forged = await postMultipart(t, browser, url, {}, [await small()], {
      ...json,
      csrf: false,
      headers: { ...json.headers, origin: 'https://evil.example' },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().code).toBe('errors.csrf');
  });

  it('answers 404 for an item of another community, and changes nothing', async () => {
    const a = await t.community();
    const b = await t.community();
    const owner = await t.member(b.community);
    const thing = await makeItem(t, b.community, { owner });
    const added = await postMultipart(
      t,
      await t.as(owner),
      apiUrl(b.community.slug, thing.id),
      {},
      [await small()],
      json,
    );
    const photoId = added.json().photos[0].id;
    const steward = await t.as(a.steward);
    const url = apiUrl(a.community.slug, thing.id);
    const post = await postMultipart(t, steward, url, {}, [await small()], json);
    expect(post.statusCode).toBe(404);
    expect(post.json().code).toBe('library.errors.item_not_found');
    expect((await steward.api('DELETE', `${url}/${photoId}`)).statusCode).toBe(404);
    // Nor may a photo of an item elsewhere be removed through an item here.
    const mine = await makeItem(t, a.community, { owner: null });
    expect((await steward.api('DELETE', `${apiUrl(a.community.slug, mine.id)}/${photoId}`)).statusCode).toBe(
      404,
    );
    expect(await photoIdsOf(thing.id, b.community.id)).toEqual([photoId]);
  });
});
