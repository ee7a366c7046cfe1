/**
 * A way back in for a neighbor without email, in real browsers: a steward makes a one-time
 * sign-in link from the member's profile (with JavaScript, in her Spanish), sees it as a link
 * and a QR code that fit a phone's screen and print alone; the member's own phone (without
 * JavaScript, in English) opens it and is signed in as that member; the same link opened again lets no one in. Every page on the way
 * is checked by axe and at 360 px.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { demoPaperMember } from '../../src/features/demo/data.ts';
import { Auditor, launchBrowser, type Server, startServer } from '../support/e2e.ts';
import { browserFor, email, h1, home, loadMapleStreet, signIn } from './sharing-support.ts';

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

describe('a steward’s one-time sign-in link for a member without email', () => {
  const name = demoPaperMember.name;
  let steward: Page;
  let link: string;

  test('the steward makes it from the member’s profile: a link and a QR code that fit the screen', async () => {
    steward = await browserFor(auditor, contexts, { js: true });
    await signIn(server, auditor, steward, email.rosa, `${home}/members`, { shown: false });
    await auditor.check(steward);
    await steward.getByRole('link', { name }).first().click();
    await h1(steward, name);
    await auditor.check(steward);
    await steward.getByRole('link', { name: 'Ayudarle a entrar (un enlace de un solo uso)' }).click();
    await h1(steward, `Un enlace de acceso para ${name}`);
    await auditor.check(steward);
    await steward.getByRole('button', { name: 'Crear un enlace de acceso de un solo uso' }).click();
    const flyer = steward.locator('.sign-in-flyer');
    await flyer.getByRole('img', { name: `Código QR para entrar como ${name}` }).waitFor();
    link = ((await flyer.locator('.link-text').textContent()) ?? '').trim();
    expect(link).toMatch(new RegExp(`^${server.url}${home}/back/[A-Za-z0-9_-]+$`));
    await auditor.check(steward);
    // At 360 px the code is large enough to scan and the link wraps inside the card.
    await steward.setViewportSize({ width: 360, height: 740 });
    const code = await flyer.locator('.qr svg').boundingBox();
    expect(code?.width).toBeGreaterThanOrEqual(200);
    expect(code && code.x + code.width).toBeLessThanOrEqual(360);
    const text = await flyer.locator('.link-text').boundingBox();
    expect(text && text.x + text.width).toBeLessThanOrEqual(360);
    const shots = process.env.LAYOUT_SHOTS;
    if (shots) {
      // As the layout journey does: the made link at 360 px, at the default text size and at 200 %.
      const cdp = await steward.context().newCDPSession(steward);
      for (const size of [16, 32]) {
        await cdp.send('Page.setFontSizes', { fontSizes: { standard: size, fixed: Math.round(size * 0.8) } });
        await steward.screenshot({
          path: `${shots}/sign-in-link-made-steward-es-${size}.png`,
          fullPage: true,
        });
      }
      await cdp.send('Page.setFontSizes', { fontSizes: { standard: 16, fixed: 13 } });
    }
    // With JavaScript, a button prints it.
    await expect(flyer.getByRole('button', { name: 'Imprimir' }).isVisible()).resolves.toBe(true);
  });

  test('on paper, only the card prints: for whom, the code, what to do, until when', async () => {
    await steward.emulateMedia({ media: 'print' });
    for (const [what, hidden] of [
      ['the header', steward.locator('header.site')],
      ['the title', steward.getByRole('heading', { level: 1 })],
      ['the button that makes another', steward.getByRole('button', { name: /Crear otro enlace/ })],
      ['the log', steward.getByRole('heading', { name: 'Enlaces creados antes' })],
      ['the way back', steward.getByRole('link', { name: `Volver a ${name}` })],
    ] as const) {
      expect(await hidden.isVisible(), what).toBe(false);
    }
    const flyer = steward.locator('.sign-in-flyer');
    await expect(
      flyer.getByRole('heading', { name: `Entrar en Maple Street Neighbors como ${name}` }).isVisible(),
    ).resolves.toBe(true);
    await expect(flyer.locator('.qr svg').isVisible()).resolves.toBe(true);
    await expect(flyer.getByText(/^Funciona una vez, hasta/).isVisible()).resolves.toBe(true);
    await expect(flyer.getByRole('button', { name: 'Imprimir' }).isVisible()).resolves.toBe(false);
    await steward.emulateMedia({ media: 'screen' });
  });

  test('the member’s own phone, without JavaScript, opens it and is signed in as them', async () => {
    const phone = await browserFor(auditor, contexts, { js: false });
    await phone.goto(link);
    await h1(phone, 'Welcome back');
    await auditor.check(phone);
    await phone.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
    await phone.waitForURL(`${server.url}${home}`);
    const me = await (await phone.context().request.get(`${server.url}/api/v1/me`)).json();
    expect(me.displayName).toBe(name);
    await auditor.check(phone);
  });

  test('used once: the same link lets nobody else in, and the steward’s log says it was used', async () => {
    const other = await browserFor(auditor, contexts, { js: true });
    await other.goto(link);
    await h1(other, 'Welcome back');
    await auditor.check(other);
    await other.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
    await other.getByText('already used', { exact: false }).first().waitFor();
    await auditor.check(other);
    expect((await other.context().request.get(`${server.url}/api/v1/me`)).status()).toBe(401);
    await steward.goto(steward.url());
    await expect(
      steward
        .getByRole('listitem')
        .filter({ hasText: /usado el / })
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await auditor.check(steward);
    auditor.assertClean();
  });
});
