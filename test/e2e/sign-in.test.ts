/**
 * Signing in by magic link and choosing Spanish, in a real browser, with JavaScript on and off.
 * Every page on the way is checked by axe and at 360 px.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Auditor, eventually, launchBrowser, type Server, startServer } from '../support/e2e.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe.each([
  { js: true, mode: 'with JavaScript' },
  { js: false, mode: 'without JavaScript' },
])('a neighbor $mode', ({ js }) => {
  let server: Server;
  let auditor: Auditor;
  beforeAll(async () => {
    server = await startServer();
    auditor = new Auditor(browser);
  });
  afterAll(async () => {
    await auditor?.close();
    await server?.close();
  });

  test('signs in with the link mailed to her, switches to Spanish, and signs out', async () => {
    const email = `rosa.${js ? 'js' : 'nojs'}@example.org`;
    const context = await auditor.context({ javaScriptEnabled: js });
    const page = await context.newPage();

    await page.goto(`${server.url}/login?next=%2Faccount`);
    await auditor.check(page);
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check your email' }).waitFor();
    await auditor.check(page);

    const link = await eventually('the sign-in mail', () => server.mailbox.lastLink(email));
    expect(link.startsWith(`${server.url}/login/`)).toBe(true);
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Sign in to Porch' }).waitFor();
    await auditor.check(page);
    await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
    await page.getByRole('navigation').getByRole('button', { name: 'Sign out', exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/account');
    await auditor.check(page);

    // The link was single-use.
    const again = await context.newPage();
    await again.goto(link);
    await auditor.check(again);
    await again.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
    await again.getByText('This sign-in link has expired or was already used').waitFor();
    await auditor.check(again);
    await again.close();

    const footer = page.getByRole('contentinfo');
    await footer.getByLabel('Language', { exact: true }).selectOption('es');
    await footer.getByRole('button', { name: 'Change' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mi perfil' }).waitFor();
    // Screen readers pick their voice from the page's language.
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    await auditor.check(page);

    await page.getByRole('navigation').getByRole('button', { name: 'Salir', exact: true }).click();
    await page.getByRole('link', { name: 'Entrar' }).waitFor();
    await auditor.check(page);
    await context.close();

    auditor.assertClean();
  });
});
