/**
 * The guidelines and a proposal, in a real browser: Lucía (Spanish, JavaScript off, on a phone)
 * reads the new version of Maple Street's guidelines and says she has read them, compares it with
 * the first, and gives her position on the open proposal; Rosa, the steward, sees it counted.
 * Every page is checked by axe and at 360 px.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
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

describe('the guidelines and a proposal', () => {
  test('a neighbor reads the new version, compares it, and gives her position', async () => {
    const lucia = await browserFor(auditor, contexts, { js: false, locale: 'es-US' });
    await signIn(server, auditor, lucia, email.lucia, `${home}/guidelines`, { shown: false });
    await h1(lucia, 'Normas');
    await auditor.check(lucia);
    await lucia.getByRole('button', { name: 'Las he leído' }).click();
    await lucia.getByText('Gracias: leíste la versión 2.').waitFor();
    await auditor.check(lucia);

    await lucia.getByRole('link', { name: 'Versión 1 comparada con la versión 2' }).first().click();
    await h1(lucia, 'Versión 1 comparada con la versión 2');
    expect(await lucia.locator('.diff ins').count()).toBeGreaterThan(0);
    await auditor.check(lucia);

    await lucia
      .getByRole('navigation', { name: 'Normas y propuestas' })
      .getByRole('link', { name: 'Propuestas' })
      .click();
    await h1(lucia, 'Propuestas');
    await auditor.check(lucia);
    await lucia.getByRole('link', { name: 'Quiet hours for shared tools' }).click();
    await h1(lucia, 'Quiet hours for shared tools');
    await auditor.check(lucia);
    await lucia.getByRole('radio', { name: /^De acuerdo/ }).check();
    await lucia.getByRole('button', { name: 'Guardar mi postura' }).click();
    await lucia.getByText('Tu postura ahora: De acuerdo.').waitFor();
    await auditor.check(lucia);

    const rosa = await browserFor(auditor, contexts, { js: true });
    await signIn(server, auditor, rosa, email.rosa, `${home}/proposals`, { shown: false });
    await h1(rosa, 'Propuestas');
    await auditor.check(rosa);
    await rosa.getByRole('link', { name: 'Quiet hours for shared tools' }).click();
    await h1(rosa, 'Quiet hours for shared tools');
    await rosa.getByText('De acuerdo: 3 personas').waitFor();
    await auditor.check(rosa);
    auditor.assertClean();
  });
});
