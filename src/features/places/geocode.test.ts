import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';

/** A local server playing Nominatim's search: one address it knows, one it is slow on, errors. */
const asked: IncomingMessage[] = [];
const nominatim = createServer((req, res) => {
  asked.push(req);
  const q = new URL(req.url ?? '/', 'http://x').searchParams.get('q');
  if (q === 'slow street') return; // never answers: the timeout must end it
  if (q === 'broken street') {
    res.writeHead(503).end('busy');
    return;
  }
  const hits =
    q === '452 Maple Street, Chicago'
      ? [{ lat: '41.8539', lon: '-87.6657', display_name: 'Maple' }]
      : q === 'blank street'
        ? [{ lat: '', lon: '' }]
        : [];
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(hits));
});
const env: Record<string, string> = {};
beforeAll(async () => {
  await new Promise<void>((resolve) => nominatim.listen(0, '127.0.0.1', resolve));
  env.GEOCODER_URL = `http://127.0.0.1:${(nominatim.address() as AddressInfo).port}/search`;
});
afterAll(() => {
  nominatim.closeAllConnections();
  nominatim.close();
});
const t = useTestApp(env);

describe('finding a place’s point from its address (a Nominatim-style geocoder)', () => {
  it('fills the point on the form, asking with the address, JSON and who is asking', async () => {
    t.clock.advance(2); // a new second of the server's geocoding budget
    const { community, steward } = await t.community();
    const browser = await t.as(steward);
    const form = await browser.get(`/c/${community.slug}/places/new`);
    expect(form.body).toContain('Find the point from the address');
    const res = await browser.post(`/c/${community.slug}/places`, {
      kind: 'fridge',
      name: 'Laundromat fridge',
      address: '452 Maple Street, Chicago',
      findPoint: '1',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('value="41.8539"');
    expect(res.body).toContain('value="-87.6657"');
    const req = asked.at(-1)!;
    const query = new URL(req.url!, 'http://x').searchParams;
    expect(query.get('format')).toBe('json');
    expect(req.headers['user-agent']).toMatch(/^Porch \(/);
    // Nothing was saved: the steward saves the form with its point.
    expect((await browser.api('GET', `/api/v1/communities/${community.slug}/places`)).json().places).toEqual(
      [],
    );
  });

  it('asks the geocoder only for who may write the place: a member gets 403 and nothing is asked', async () => {
    const { community, steward } = await t.community();
    const made = await (await t.as(steward)).api('POST', `/api/v1/communities/${community.slug}/places`, {
      kind: 'fridge',
      name: 'Laundromat fridge',
    });
    const member = await t.as(await t.member(community));
    const before = asked.length;
    const find = {
      kind: 'fridge',
      name: 'Laundromat fridge',
      address: '452 Maple Street, Chicago',
      findPoint: '1',
    };
    expect((await member.post(`/c/${community.slug}/places`, find)).statusCode).toBe(403);
    const edit = await member.post(`/c/${community.slug}/places/${made.json().place.id}`, find);
    expect(edit.statusCode).toBe(403);
    expect(asked.length).toBe(before);
  });

  it.each([
    ['an address it does not know', 'Nowhere Lane 0'],
    ['a failing service', 'broken street'],
    ['a service slower than the timeout', 'slow street'],
    ['an empty point (never 0, 0)', 'blank street'],
  ])(
    'with %s, asks for the point typed or a pin dropped, in Spanish too',
    { timeout: 15_000 },
    async (_, address) => {
      t.clock.advance(2);
      const { community, steward } = await t.community();
      const res = await (await t.as(steward)).post(
        `/c/${community.slug}/places`,
        { kind: 'fridge', name: 'Nevera', address, findPoint: '1' },
        { headers: { 'accept-language': 'es' } },
      );
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('escribe el punto o márcalo en el mapa');
      expect(res.body).toContain('value="Nevera"');
    },
  );

  it('asks the service at most once a second for the whole server (Nominatim’s policy), and says to wait', async () => {
    t.clock.advance(2);
    const first = await t.community();
    const second = await t.community();
    const find = async (who: Awaited<ReturnType<typeof t.community>>) =>
      (await t.as(who.steward)).post(`/c/${who.community.slug}/places`, {
        kind: 'fridge',
        name: 'Laundromat fridge',
        address: '452 Maple Street, Chicago',
        findPoint: '1',
      });
    expect((await find(first)).statusCode).toBe(200);
    const before = asked.length;
    const busy = await find(second);
    expect(busy.statusCode).toBe(429);
    expect(busy.body).toContain('Finding points from addresses is busy');
    expect(busy.body).toContain('value="Laundromat fridge"');
    expect(asked.length).toBe(before);
    t.clock.advance(1);
    expect((await find(second)).statusCode).toBe(200);
  });
});
