/**
 * A weekly potluck, in a real browser: Rosa, the steward (in Spanish), organizes it and opens it to
 * the public; Lucía (JavaScript off, on a phone) says she is coming and signs up for a salad; the
 * flyer's QR code holds the invite page's address, which a passer-by without an account opens and
 * answers. Every page is checked by axe and at 360 px (the 200 % text size is checked for every
 * page the menu reaches by `layout.test.ts`).
 */
import type { Browser, BrowserContext } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Auditor, launchBrowser, type Server, startServer } from '../support/e2e.ts';
import { browserFor, dayFrom, email, h1, home, loadMapleStreet, signIn } from './sharing-support.ts';

let browser: Browser;
let server: Server;
let auditor: Auditor;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  await loadMapleStreet(server);
  auditor = new Auditor(browser);
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await auditor?.close();
  await browser?.close();
  await server?.close();
});

describe('a weekly potluck', () => {
  test('a steward organizes it, a neighbor without JavaScript comes with a salad, the flyer’s code opens the invite', async () => {
    const rosa = await browserFor(auditor, contexts, { js: true });
    await signIn(server, auditor, rosa, email.rosa, `${home}/gatherings`, { shown: false });
    await auditor.check(rosa);
    await rosa.getByRole('link', { name: 'Organizar un encuentro' }).first().click();
    await h1(rosa, 'Organizar un encuentro');
    await auditor.check(rosa);
    const day = dayFrom(server, 5);
    await rosa.locator('#f-kind').selectOption('potluck');
    await rosa.locator('#f-title').fill('Alley potluck');
    await rosa.locator('#f-startDate').fill(day);
    await rosa.locator('#f-startTime').fill('18:00');
    await rosa.locator('#f-endTime').fill('20:00');
    await rosa.locator('#f-repeat').selectOption('weekly');
    await rosa.locator('#f-address').fill('Behind 417 Maple Street');
    await rosa.locator('#f-capacity').fill('30');
    await rosa.locator('#f-isPublic').check();
    await rosa.getByRole('button', { name: 'Organizarlo' }).click();
    await h1(rosa, 'Alley potluck');
    await auditor.check(rosa);
    const page = new URL(rosa.url()).pathname;
    expect(decodeURIComponent(page)).toMatch(new RegExp(`/${day}T18:00$`));
    // Three sides wanted at each date.
    await rosa.getByRole('link', { name: 'Cambiar el encuentro' }).click();
    await h1(rosa, 'Cambiar Alley potluck');
    await auditor.check(rosa);
    await rosa.locator('#f-side').fill('3');
    await rosa.getByRole('button', { name: 'Guardar los platos pedidos' }).click();
    await rosa.getByText('Los platos pedidos están guardados.').waitFor();
    await auditor.check(rosa);

    // Lucía, on a phone without JavaScript: yes, and a salad for the sides.
    const lucia = await browserFor(auditor, contexts, { js: false });
    await lucia.setViewportSize({ width: 360, height: 740 });
    await signIn(server, auditor, lucia, email.lucia, page, { shown: false });
    await h1(lucia, 'Alley potluck');
    await auditor.check(lucia);
    await lucia.locator('#f-answer').getByRole('radio').first().check();
    await lucia.locator('#rsvp').getByRole('button').click();
    await h1(lucia, 'Alley potluck');
    await auditor.check(lucia);
    await lucia.locator('#f-course').selectOption('side');
    await lucia.locator('#f-name').fill('Garden salad');
    await lucia.locator('#f-labels-vegan').check();
    await lucia.locator('#dish').getByRole('button').click();
    await h1(lucia, 'Alley potluck');
    await auditor.check(lucia);
    await lucia
      .locator('#potluck')
      .getByText(/Garden salad/)
      .waitFor();
    expect(await lucia.locator('#potluck').textContent()).toMatch(/1 (of|de) 3/);

    // The flyer: its QR code is the invite page's address, which opens for someone without an account.
    await rosa.goto(`${server.url}${page}`);
    await auditor.check(rosa);
    await rosa.getByRole('link', { name: 'Imprimir un folleto' }).click();
    await rosa.locator('.flyer .qr svg').waitFor();
    await auditor.check(rosa);
    const url = (await rosa.locator('.flyer .link-text').textContent())!.trim();
    expect(url).toBe(`${server.url}${page}/invite`);
    // The code's modules (the dark path) are those of the address's own QR code.
    const modules = await rosa.locator('.flyer .qr path[stroke]').getAttribute('d');
    const expected = await QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    expect(modules).toBe(/stroke="#000000" d="([^"]+)"/.exec(expected)?.[1]);
    const passerBy = await browserFor(auditor, contexts, { js: false });
    await passerBy.setViewportSize({ width: 360, height: 740 });
    await passerBy.goto(url);
    await h1(passerBy, 'Alley potluck');
    await auditor.check(passerBy);
    await passerBy.locator('#f-name').fill('Tomás');
    await passerBy.locator('#rsvp').getByRole('button').click();
    await passerBy.getByText('Thank you, Tomás').waitFor();
    await auditor.check(passerBy);
    auditor.assertClean();
  });
});
