import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { postMultipart } from '../../../test/support/library.ts';
import { addVariety, type SeedCommunity, seedCommunity } from '../../../test/support/seeds.ts';

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
