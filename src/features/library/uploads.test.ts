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
