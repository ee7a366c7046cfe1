/**
 * A fridge's public page, in real browsers: a passer-by without an account (JavaScript off, on a
 * phone) opens the laundromat fridge's page from its sign, reports it empty, and the stock level
 * shows it; a volunteer (JavaScript on) sees the report on the place's page among the places; the
 * sign prints alone. Every page on the way is checked by axe and at 360 px.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Auditor, launchBrowser, type Server, startServer } from '../support/e2e.ts';
import { browserFor, email, h1, home, loadMapleStreet, signIn } from './sharing-support.ts';

let browser: Browser;
let server: Server;
let auditor: Auditor;
let fridge: string;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  await loadMapleStreet(server);
  auditor = new Auditor(browser);
  const s = server.app.services;
  // The test reads the demo's fridge id as the sign's QR code would give it.
  const row = await s.db
    .selectFrom('place')
    .innerJoin('community', 'community.id', 'place.communityId')
    .select('place.id')
    .where('community.slug', '=', 'maple-street')
    .where('place.name', '=', 'Laundromat fridge')
    .executeTakeFirstOrThrow();
  fridge = `${home}/p/${row.id}`;
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await auditor?.close();
  await browser?.close();
  await server?.close();
});

describe('a passer-by reports an empty fridge without an account', () => {
  test('from the public page, without JavaScript: the stock level shows it at once', async () => {
    const phone = await browserFor(auditor, contexts, { js: false });
    await phone.setViewportSize({ width: 360, height: 740 });
    await phone.goto(`${server.url}${fridge}`);
    await h1(phone, 'Laundromat fridge');
    await auditor.check(phone);
    await expect(phone.getByText('Running low').first().isVisible()).resolves.toBe(true);
    // The volunteers' names are not published; the fridge phone is.
    await expect(phone.getByText('Amara').count()).resolves.toBe(0);
    await expect(phone.getByText('+1 312 555 0199').first().isVisible()).resolves.toBe(true);
    await phone.getByRole('radio', { name: "It's empty" }).check();
    await phone.getByLabel('Anything to add (optional)').fill('Nothing left but a jar of pickles');
    await phone.getByRole('button', { name: 'Send the report' }).click();
    await phone.getByText('Thank you! Your report is in.').waitFor();
    await auditor.check(phone);
    const stock = phone.locator('dl.facts dd').first();
    await expect(stock.textContent()).resolves.toMatch(/^Empty/);
  });

  test('a volunteer sees the report on the place page, found from the map of places', async () => {
    const amara = await browserFor(auditor, contexts, { js: true });
    // No internet here: tiles are refused at once, and the map must work without them.
    const tiles: string[] = [];
    await amara.context().route('https://tile.openstreetmap.org/**', (route) => {
      tiles.push(route.request().url());
      return route.abort();
    });
    const ours: string[] = [];
    amara.on('requestfinished', (req) => ours.push(new URL(req.url()).pathname));
    await signIn(server, auditor, amara, email.amara, `${home}/places`, { shown: false });
    await h1(amara, 'Places');
    // The map shows the demo's six places (two of them shelters), its markers and styles from our own assets.
    const map = amara.locator('#places-map.leaflet-container');
    await map.waitFor();
    await expect(map.locator('.leaflet-marker-icon').count()).resolves.toBe(6);
    expect(ours.some((p) => /^\/assets\/leaflet\.[0-9a-f]+\/images\/marker-icon\.png$/.test(p))).toBe(true);
    expect(tiles.length).toBeGreaterThan(0);
    await expect(map.getByText('OpenStreetMap').isVisible()).resolves.toBe(true);
    await auditor.check(amara);
    await map.getByRole('button', { name: 'Laundromat fridge' }).click();
    // The marker's popup leads to the place.
    await map.locator('.leaflet-popup').getByRole('link', { name: 'Laundromat fridge' }).click();
    await h1(amara, 'Laundromat fridge');
    await auditor.check(amara);
    await expect(amara.getByText('Nothing left but a jar of pickles').isVisible()).resolves.toBe(true);
    await amara.getByRole('link', { name: 'Edit' }).click();
    await h1(amara, 'Edit the place');
    // The pin map: a click drops the pin and fills the point's fields.
    const pin = amara.locator('#pin-map.leaflet-container');
    await pin.waitFor();
    await auditor.check(amara);
    const box = (await pin.boundingBox())!;
    await amara.mouse.click(box.x + box.width / 2 + 40, box.y + box.height / 2);
    const latitude = Number(await amara.getByLabel(/Latitude/).inputValue());
    expect(latitude).toBeGreaterThan(41.8);
    expect(latitude).toBeLessThan(41.9);
    expect(await amara.getByLabel(/Longitude/).inputValue()).not.toBe('-87.6657');
  });

  test('the sign: a QR code to the public page that fits a phone, and on paper only the sign prints', async () => {
    const phone = await browserFor(auditor, contexts, { js: false, locale: 'es' });
    await phone.goto(`${server.url}${fridge}/sign`);
    await h1(phone, 'Laundromat fridge');
    await auditor.check(phone);
    await expect(phone.locator('.link-text').textContent()).resolves.toBe(`${server.url}${fridge}`);
    await phone.emulateMedia({ media: 'print' });
    await expect(phone.locator('header.site').isVisible()).resolves.toBe(false);
    await expect(phone.locator('.qr svg').isVisible()).resolves.toBe(true);
    auditor.assertClean();
  });
});
