import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { postMultipart } from '../../../test/support/library.ts';
import {
  addStory,
  addVariety,
  type SeedCommunity,
  seedCommunity,
  sendMultipart,
} from '../../../test/support/seeds.ts';

/** A photo with EXIF (GPS included), as a phone makes it. */
async function photo(color = '#a63') {
  const data = await sharp({ create: { width: 900, height: 600, channels: 3, background: color } })
    .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '19/1 26/1 0/1' } })
    .jpeg()
    .toBuffer();
  return { name: 'photo', filename: 'IMG_1975.jpg', type: 'image/jpeg', data };
}

describe('a story with a photo', () => {
  const t = useTestApp();
  const file = (c: SeedCommunity, photoId: string) =>
    join(t.services.config.dataDir, 'uploads', c.community.id, `${photoId}.jpg`);
  const storyOf = async (c: SeedCommunity, varietyId: string) =>
    (await c.asAlma.api('GET', `${c.api}/${varietyId}`)).json().stories[0];

  it('stores the photo without its metadata and shows it in the thread to members only', async () => {
    const c = await seedCommunity(t);
    const v = await addVariety(c, c.asBeto);
    const res = await postMultipart(
      t,
      c.asAlma,
      `/c/${c.slug}/seeds/${v.id}/stories`,
      { kind: 'memory', body: "Grandfather's seed tin.", memoryYear: '1975' },
      [await photo()],
    );
    expect(res.statusCode, res.body).toBe(303);
    const story = await storyOf(c, v.id);
    expect(story).toMatchObject({ body: "Grandfather's seed tin.", memoryYear: 1975 });
    expect(story.photoId).toEqual(expect.any(String));
    expect((await sharp(readFileSync(file(c, story.photoId))).metadata()).exif).toBeUndefined();

    const page = (await c.asBeto.get(`/c/${c.slug}/seeds/${v.id}`)).body;
    expect(page).toContain(`src="/c/${c.slug}/photos/${story.photoId}/thumb"`);
    expect(page).toContain('alt="Photo shared by Alma with this story"');
    const image = await c.asBeto.get(`/c/${c.slug}/photos/${story.photoId}/full`);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    const outsider = await t.as(await t.account());
    expect((await outsider.get(`/c/${c.slug}/photos/${story.photoId}/full`)).statusCode).toBe(403);
  });

  it('serves a hidden story’s photo only to those who may see the story: its author and stewards', async () => {
    const c = await seedCommunity(t);
    const v = await addVariety(c, c.asBeto);
    await postMultipart(
      t,
      c.asAlma,
      `/c/${c.slug}/seeds/${v.id}/stories`,
      { kind: 'memory', body: 'Seed tin.' },
      [await photo()],
    );
    const story = await storyOf(c, v.id);
    const hide = (hidden: boolean) =>
      c.asSteward.api('PUT', `${c.api}/${v.id}/stories/${story.id}/hidden`, { hidden });
    const status = async (client: typeof c.asBeto, size = 'full') =>
      (await client.get(`/c/${c.slug}/photos/${story.photoId}/${size}`)).statusCode;
    expect((await hide(true)).statusCode).toBe(204);
    expect([await status(c.asBeto), await status(c.asBeto, 'thumb')]).toEqual([404, 404]);
    expect([await status(c.asAlma), await status(c.asSteward)]).toEqual([200, 200]);
    await hide(false);
    expect(await status(c.asBeto)).toBe(200);
  });

  it('serves no photo that no story or item shows', async () => {
    const c = await seedCommunity(t);
    const v = await addVariety(c, c.asBeto);
    await postMultipart(
      t,
      c.asAlma,
      `/c/${c.slug}/seeds/${v.id}/stories`,
      { kind: 'memory', body: 'Seed tin.' },
      [await photo()],
    );
    const story = await storyOf(c, v.id);
    // The story lets go of its photo row's link, as a crash between two writes could leave it.
    await t.services.db
      .updateTable('seedStory')
      .set({ photoId: null })
      .where('communityId', '=', c.community.id)
      .where('id', '=', story.id)
      .execute();
    expect(existsSync(file(c, story.photoId))).toBe(true);
    expect((await c.asAlma.get(`/c/${c.slug}/photos/${story.photoId}/full`)).statusCode).toBe(404);
  });

  it('refuses a file that is not a photo, beside the field, keeping the text and saving nothing', async () => {
    const c = await seedCommunity(t);
    const v = await addVariety(c, c.asBeto);
    const res = await postMultipart(
      t,
      c.asAlma,
      `/c/${c.slug}/seeds/${v.id}/stories`,
      { kind: 'tip', body: 'Sow after the first rain.' },
      [
        {
          name: 'photo',
          filename: 'notes.jpg',
          type: 'image/jpeg',
          data: Buffer.from('not really a picture'),
        },
      ],
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('id="e-photo"');
    expect(res.body).toContain('Sow after the first rain.');
    expect((await c.asAlma.api('GET', `${c.api}/${v.id}`)).json().stories).toEqual([]);
  });

  it('lets the author replace the photo, then remove it; old files are deleted', async () => {
    const c = await seedCommunity(t);
    const v = await addVariety(c, c.asBeto);
    const url = `/c/${c.slug}/seeds/${v.id}/stories`;
    await postMultipart(t, c.asAlma, url, { kind: 'memory', body: 'The old garden.' }, [await photo()]);
    const first = (await storyOf(c, v.id)).photoId as string;
    const edit = `${url}/${(await storyOf(c, v.id)).id}/edit`;
    expect((await c.asAlma.get(edit)).body).toContain('Remove this photo');

    const replaced = await postMultipart(t, c.asAlma, edit, { kind: 'memory', body: 'The old garden.' }, [
      await photo('#36a'),
    ]);
    expect(replaced.statusCode, replaced.body).toBe(303);
    const second = (await storyOf(c, v.id)).photoId as string;
    expect(second).not.toBe(first);
    expect(existsSync(file(c, first))).toBe(false);
    expect(existsSync(file(c, second))).toBe(true);

    const removed = await postMultipart(
      t,
      c.asAlma,
      edit,
      { kind: 'memory', body: 'The old garden, 1980.', removePhoto: 'true' },
      [],
    );
    expect(removed.statusCode).toBe(303);
    expect(await storyOf(c, v.id)).toMatchObject({ photoId: null, body: 'The old garden, 1980.' });
    expect(existsSync(file(c, second))).toBe(false);
  });

  it('deletes the photo with the story', async () => {
    const c = await seedCommunity(t);
    const v = await addVariety(c, c.asBeto);
    const url = `/c/${c.slug}/seeds/${v.id}/stories`;
    await postMultipart(t, c.asAlma, url, { kind: 'memory', body: 'Gone.' }, [await photo()]);
    const story = await storyOf(c, v.id);
    expect((await c.asAlma.post(`${url}/${story.id}/delete`)).statusCode).toBe(303);
    expect(existsSync(file(c, story.photoId))).toBe(false);
    const rows = await t.services.db
      .selectFrom('photo')
      .select('id')
      .where('communityId', '=', c.community.id)
      .execute();
    expect(rows).toEqual([]);
  });
});

describe('a story’s photo through the API', () => {
  const t = useTestApp();
  const file = (c: SeedCommunity, photoId: string, size = '') =>
    join(t.services.config.dataDir, 'uploads', c.community.id, `${photoId}${size}.jpg`);

  /** A variety with Alma's story; `url` is the story's photo endpoint. */
  async function story(c: SeedCommunity) {
    const v = await addVariety(c, c.asBeto);
    const s = await addStory(c, c.asAlma, v.id);
    return { v, s, url: `${c.api}/${v.id}/stories/${s.id}/photo` };
  }
  const photoRows = (c: SeedCommunity) =>
    t.services.db.selectFrom('photo').select('id').where('communityId', '=', c.community.id).execute();

  it('lets the author upload a photo, stored without its metadata, replace it, then remove it', async () => {
    const c = await seedCommunity(t);
    const { url } = await story(c);
    const res = await sendMultipart(t, c.asAlma, 'PUT', url, [await photo()]);
    expect(res.statusCode, res.body).toBe(200);
    const first = res.json().photoId as string;
    expect(first).toEqual(expect.any(String));
    const stored = await sharp(readFileSync(file(c, first))).metadata();
    expect(stored.exif).toBeUndefined();
    expect(stored).toMatchObject({ format: 'jpeg', width: 900, height: 600 });
    expect((await c.asBeto.get(`/c/${c.slug}/photos/${first}/full`)).statusCode).toBe(200);

    const replaced = await sendMultipart(t, c.asAlma, 'PUT', url, [await photo('#36a')]);
    expect(replaced.statusCode).toBe(200);
    const second = replaced.json().photoId as string;
    expect(second).not.toBe(first);
    expect(existsSync(file(c, first))).toBe(false);
    expect(existsSync(file(c, first, '.thumb'))).toBe(false);
    expect(await photoRows(c)).toEqual([{ id: second }]);

    expect((await c.asAlma.api('DELETE', url)).statusCode).toBe(204);
    expect(existsSync(file(c, second))).toBe(false);
    expect(await photoRows(c)).toEqual([]);
    const again = await c.asAlma.api('DELETE', url);
    expect(again.statusCode).toBe(404);
    expect(again.json()).toMatchObject({
      code: 'seeds.story_has_no_photo',
      detail: 'This story has no photo.',
    });
  });

  it('refuses a file over 8 MB with a problem naming the field, and saves nothing', async () => {
    const c = await seedCommunity(t);
    const { url } = await story(c);
    const big = {
      name: 'photo',
      filename: 'huge.jpg',
      type: 'image/jpeg',
      data: Buffer.alloc(9 * 1024 * 1024, 1),
    };
    const res = await sendMultipart(t, c.asAlma, 'PUT', url, [big]);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors).toEqual([
      {
        field: 'photo',
        code: 'uploads.too_large',
        message: 'This photo is too large. Please choose one of at most 8 MB.',
      },
    ]);
    expect(await photoRows(c)).toEqual([]);
  });

  it.each([
    ['text named like a photo', 'notes.jpg', 'image/jpeg', Buffer.from('not really a picture')],
    [
      'an SVG drawing',
      'drawing.svg',
      'image/svg+xml',
      Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
      ),
    ],
  ])('refuses %s as not an image', async (_what, filename, type, data) => {
    const c = await seedCommunity(t);
    const { url } = await story(c);
    const res = await sendMultipart(t, c.asAlma, 'PUT', url, [{ name: 'photo', filename, type, data }]);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors[0]).toMatchObject({ field: 'photo', code: 'uploads.not_an_image' });
    expect(res.json().errors[0].message).toContain('not a photo we can read');
    expect(await photoRows(c)).toEqual([]);
  });

  it('asks for a file when none is sent, in the member’s language', async () => {
    const c = await seedCommunity(t);
    const { url } = await story(c);
    const empty = { name: 'photo', filename: '', type: 'application/octet-stream', data: Buffer.alloc(0) };
    const res = await sendMultipart(t, c.asAlma, 'PUT', url, [empty]);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ field: 'photo', code: 'seeds.photo_required' });
    const rosa = await t.member(c.community, 'member', { displayName: 'Rosa', locale: 'es' });
    const asRosa = await t.as(rosa);
    const v = await addVariety(c, asRosa);
    const hers = await addStory(c, asRosa, v.id);
    const res2 = await sendMultipart(t, asRosa, 'PUT', `${c.api}/${v.id}/stories/${hers.id}/photo`, [empty]);
    expect(res2.statusCode).toBe(422);
    expect(res2.json().errors[0].message).toBe('Elige una foto para esta historia.');
  });

  it.each([
    ['another member', 'beto', 403, 'seeds.only_author_edits'],
    ['a steward', 'steward', 403, 'seeds.only_author_edits'],
    ['someone who is not a member', 'outsider', 403, 'errors.members_only'],
  ] as const)('refuses %s (%s: %i)', async (_who, who, status, code) => {
    const c = await seedCommunity(t);
    const { url } = await story(c);
    const client =
      who === 'outsider' ? await t.as(await t.account()) : { beto: c.asBeto, steward: c.asSteward }[who];
    const put = await sendMultipart(t, client, 'PUT', url, [await photo()]);
    expect(put.statusCode).toBe(status);
    expect(put.json().code).toBe(code);
    expect(await photoRows(c)).toEqual([]);
    await sendMultipart(t, c.asAlma, 'PUT', url, [await photo()]);
    const del = await client.api('DELETE', url);
    expect(del.statusCode).toBe(status);
    expect(await photoRows(c)).toHaveLength(1);
  });

  it('sends a visitor who is not signed in away with 401, reading no file', async () => {
    const c = await seedCommunity(t);
    const { url } = await story(c);
    const res = await sendMultipart(t, t.visitor(), 'PUT', url, [await photo()]);
    expect(res.statusCode).toBe(401);
  });

  it('answers 404 for a story of another community, and changes nothing', async () => {
    const a = await seedCommunity(t);
    const b = await seedCommunity(t);
    const { v, s } = await story(b);
    await sendMultipart(t, b.asAlma, 'PUT', `${b.api}/${v.id}/stories/${s.id}/photo`, [await photo()]);
    const before = await photoRows(b);
    const url = `${a.api}/${v.id}/stories/${s.id}/photo`;
    const put = await sendMultipart(t, a.asSteward, 'PUT', url, [await photo('#36a')]);
    expect(put.statusCode).toBe(404);
    expect(put.json().code).toBe('seeds.story_not_found');
    expect((await a.asSteward.api('DELETE', url)).statusCode).toBe(404);
    expect(await photoRows(b)).toEqual(before);
    expect(await photoRows(a)).toEqual([]);
  });
});
