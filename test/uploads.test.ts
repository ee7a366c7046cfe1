/**
 * Uploads cost memory and time to read, so their body is read only once the request may send
 * it: the route takes files, the sender is signed in, the API's Origin or the form's CSRF token
 * (its first field) is right, and an upload slot is free. Each refusal is checked with a body
 * that would go on for 77 MB, counting how much of it the server read.
 */
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Community } from '../src/platform/db/database.ts';
import {
  maxAnonymousUploads,
  maxConcurrentUploads,
  maxUploadsPerAccount,
} from '../src/platform/uploads/multipart.ts';
import { maxPixels } from '../src/platform/uploads/photos.ts';
import { type Client, useTestApp } from './support/app.ts';
import { makeItem, postMultipart } from './support/library.ts';

const t = useTestApp();
const boundary = 'porchuploadtest';
const megabyte = 1024 * 1024;

/**
 * A multipart body: `fields`, then a photo part that goes on for `size` bytes; after `hold()`,
 * it stops after the photo's first chunk until `finish()`.
 */
function photoBody(fields: Record<string, string>, size = 77 * megabyte, field = 'photos') {
  let sent = 0;
  let release: () => void = () => undefined;
  let held = false;
  const head = Buffer.from(
    Object.entries(fields)
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`,
  );
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const stream = new Readable({
    read() {
      if (sent === 0) {
        sent += head.length;
        this.push(head);
      } else if (held && sent > head.length) {
        // Held after the file's first chunk: a parser sees a part only once bytes follow its head.
        release = () => {
          this.push(Buffer.from(`\r\n--${boundary}--\r\n`));
          this.push(null);
        };
      } else if (sent >= size) {
        this.push(Buffer.from(`\r\n--${boundary}--\r\n`));
        this.push(null);
      } else {
        sent += chunk.length;
        this.push(chunk);
      }
    },
  });
  return {
    stream,
    /** Bytes the server pulled so far. */
    read: () => sent,
    /** Stops the body after the photo's first chunk (the request waits) until `finish()`. */
    hold() {
      held = true;
    },
    finish: () => release(),
  };
}

function send(
  url: string,
  body: ReturnType<typeof photoBody> | Buffer,
  headers: Record<string, string> = {},
  remoteAddress = '127.0.0.1',
) {
  return t.app.inject({
    method: 'POST',
    url,
    payload: Buffer.isBuffer(body) ? body : body.stream,
    remoteAddress,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...headers },
  });
}

/** A whole multipart body of `fields` and a file input left empty, as a browser sends it. */
function formWithoutFile(fields: Record<string, string>, field: string, content = '') {
  return Buffer.from(
    Object.entries(fields)
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename=""\r\n` +
      `Content-Type: application/octet-stream\r\n\r\n${content}\r\n--${boundary}--\r\n`,
  );
}

const cookieOf = (client: Client) => [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

async function member(community: Community) {
  const client = await t.as(await t.member(community));
  const token = await client.csrfToken();
  return { client, cookie: cookieOf(client), token };
}

describe('an upload is refused before its body is read', () => {
  it('by a route that takes no files (415), the connection closed', async () => {
    const { community } = await t.community();
    const { cookie, token } = await member(community);
    const body = photoBody({ _csrf: token });
    const res = await send('/account', body, { cookie });
    expect(res.statusCode).toBe(415);
    expect(res.headers.connection).toBe('close');
    expect(body.read()).toBeLessThan(megabyte);
  });

  it('from a visitor (sent to sign in)', async () => {
    const { community } = await t.community();
    const body = photoBody({});
    const res = await send(`/c/${community.slug}/library/items`, body);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/login\?next=/);
    expect(body.read()).toBeLessThan(megabyte);
  });

  it('from a page form without its CSRF token before the file, or a wrong one (403)', async () => {
    const { community } = await t.community();
    const { cookie, token } = await member(community);
    const forms: Record<string, string>[] = [{ name: 'Ladder' }, { _csrf: 'not-the-token', name: 'Ladder' }];
    for (const fields of forms) {
      const body = photoBody(fields);
      const res = await send(`/c/${community.slug}/library/items`, body, { cookie });
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('This form has expired');
      expect(body.read()).toBeLessThan(megabyte);
    }
    // The same form with its token read to the end: the photo is too large, said beside the field.
    const item = { name: 'Ladder', category: 'tools', condition: 'good', valueBand: 'low', loanDays: '3' };
    const body = photoBody({ _csrf: token, ...item }, 9 * megabyte);
    const res = await send(`/c/${community.slug}/library/items`, body, { cookie });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('This photo is too large');
  });

  it('sent to the API from another site (403)', async () => {
    const { community, steward } = await t.community();
    const item = await makeItem(t, community, { owner: null });
    const cookie = cookieOf(await t.as(steward));
    const body = photoBody({});
    const res = await send(`/api/v1/communities/${community.slug}/items/${item.id}/photos`, body, {
      cookie,
      origin: 'https://elsewhere.example',
      accept: 'application/json',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('errors.csrf');
    expect(body.read()).toBeLessThan(megabyte);
  });

  it(`while ${maxConcurrentUploads} uploads are being read, or ${maxUploadsPerAccount} of one person (429)`, async () => {
    const { community } = await t.community();
    const url = `/c/${community.slug}/library/items`;
    const people = await Promise.all(
      Array.from({ length: maxConcurrentUploads + 1 }, () => member(community)),
    );
    const inFlight: { body: ReturnType<typeof photoBody>; res: ReturnType<typeof send> }[] = [];
    /** Starts an upload that stays unfinished, and waits until the server is reading it. */
    const start = async (who: (typeof people)[number]) => {
      const body = photoBody({ _csrf: who.token, name: 'Ladder' }, 100_000);
      body.hold();
      inFlight.push({ body, res: send(url, body, { cookie: who.cookie }) });
      while (body.read() === 0) await new Promise((r) => setTimeout(r, 5));
    };
    const refused = async (who: (typeof people)[number]) => {
      const body = photoBody({ _csrf: who.token, name: 'Ladder' });
      const res = await send(url, body, { cookie: who.cookie });
      expect(body.read()).toBeLessThan(megabyte);
      return res;
    };

    for (let i = 0; i < maxUploadsPerAccount; i++) await start(people[0]);
    const again = await refused(people[0]);
    expect(again.statusCode).toBe(429);
    expect(again.headers['retry-after']).toBe('10');
    expect(again.body).toContain('Many photos are arriving right now. Please wait 10 seconds');

    for (let i = 1; inFlight.length < maxConcurrentUploads; i++) await start(people[i]);
    expect((await refused(people[maxConcurrentUploads])).statusCode).toBe(429);

    // Once they are read (their photo is no image), the slots are free again.
    for (const { body } of inFlight) body.finish();
    for (const { res } of inFlight) expect((await res).statusCode).toBe(422);
    const after = photoBody({ _csrf: people[maxConcurrentUploads].token, name: 'Ladder' }, 1000);
    expect((await send(url, after, { cookie: people[maxConcurrentUploads].cookie })).statusCode).toBe(422);
  });
});

describe('strangers cannot keep members’ photos out', () => {
  it(`by holding slow bodies open: they have ${maxAnonymousUploads} slots of their own, one per address, and an empty file input needs none`, async () => {
    const { community, steward } = await t.community();
    const made = await (await t.as(steward)).api('POST', `/api/v1/communities/${community.slug}/places`, {
      kind: 'fridge',
      name: 'Elm Street fridge',
      openingHours: { alwaysOpen: true },
    });
    expect(made.statusCode, made.body).toBe(201);
    const report = `/c/${community.slug}/p/${made.json().place.id}/report`;
    const stranger = t.visitor();
    const token = await stranger.csrfToken();
    const cookie = cookieOf(stranger);
    const fields = { _csrf: token, kind: 'empty' };

    const held: { body: ReturnType<typeof photoBody>; res: ReturnType<typeof send> }[] = [];
    for (let i = 1; i <= maxAnonymousUploads; i++) {
      const body = photoBody(fields, 100_000, 'photo');
      body.hold();
      held.push({ body, res: send(report, body, { cookie }, `10.0.0.${i}`) });
      while (body.read() === 0) await new Promise((r) => setTimeout(r, 5));
    }
    const another = photoBody(fields, megabyte, 'photo');
    const full = await send(report, another, { cookie }, '10.0.0.99');
    expect(full.statusCode).toBe(429);
    expect(another.read()).toBeLessThan(megabyte);

    // A member's photo still goes in (the file is no image: 422, past the slot), and a passer-by's
    // report without a photo too.
    const { cookie: memberCookie, token: memberToken } = await member(community);
    const photo = photoBody({ _csrf: memberToken, name: 'Ladder' }, 1000);
    expect(
      (await send(`/c/${community.slug}/library/items`, photo, { cookie: memberCookie })).statusCode,
    ).toBe(422);
    const plain = await send(report, formWithoutFile(fields, 'photo'), { cookie }, '10.0.0.98');
    expect(plain.statusCode, plain.body).toBe(303);
    // A file input with no name that carries bytes anyway is refused.
    const smuggled = await send(
      report,
      formWithoutFile(fields, 'photo', 'x'.repeat(100)),
      { cookie },
      '10.0.0.97',
    );
    expect(smuggled.statusCode).toBe(422);

    for (const { body } of held) body.finish();
    for (const { res } of held) expect((await res).statusCode).toBe(422);
  });
});

describe('a photo with too many pixels', () => {
  it(`is refused before decoding, naming the field and the limit of ${maxPixels / 1_000_000} megapixels`, async () => {
    const { community } = await t.community();
    const client = await t.as(await t.member(community));
    // A small JPEG whose header claims 6000 × 4500 pixels (27 megapixels), as a decompression bomb does.
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#8a6' } })
      .jpeg()
      .toBuffer();
    const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
    jpeg.writeUInt16BE(4500, sof + 5);
    jpeg.writeUInt16BE(6000, sof + 7);
    expect((await sharp(jpeg).metadata()).width).toBe(6000);
    const res = await postMultipart(
      t,
      client,
      `/c/${community.slug}/library/items`,
      { name: 'Ladder', category: 'tools', condition: 'good', valueBand: 'low', loanDays: '3' },
      [{ name: 'photos', filename: 'huge.jpg', type: 'image/jpeg', data: jpeg }],
      { headers: { 'accept-language': 'es' } },
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Esta foto tiene 27 megapíxeles; se aceptan 24 como máximo.');
  });
});
