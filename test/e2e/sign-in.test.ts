/**
 * Signing in by magic link and choosing Spanish, in a real browser, with JavaScript on and off.
 * Every page on the way is checked by axe and at 360 px.
 */
import type { Browser, Page } from 'playwright-core';
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

  let page: Page;
  let link: string;
  const email = `rosa.${js ? 'js' : 'nojs'}@example.org`;
  const h1 = (name: string) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor();

  test('a visitor asks for a sign-in link from the start page', async () => {
    const context = await auditor.context({ javaScriptEnabled: js });
    context.setDefaultTimeout(20_000);
    page = await context.newPage();
    await page.goto(`${server.url}/`);
    await h1('Welcome to Porch');
    await auditor.check(page);
    await page.getByRole('navigation').getByRole('link', { name: 'Sign in' }).click();
    await h1('Sign in');
    await auditor.check(page);
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await h1('Check your email');
    await auditor.check(page);
    link = await eventually('the sign-in mail', () => server.mailbox.lastLink(email));
    expect(link.startsWith(`${server.url}/login/`)).toBe(true);
  });

  test('the mailed link signs her in once, and brings her back where she was', async () => {
    await page.goto(link);
    await h1('Sign in to Porch');
    await auditor.check(page);
    await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
    await h1('Your communities');
    expect(new URL(page.url()).pathname).toBe('/');
    await auditor.check(page);

    const again = await page.context().newPage();
    await again.goto(link);
    await auditor.check(again);
    await again.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
    await again.getByText('This sign-in link has expired or was already used').waitFor();
    await auditor.check(again);
    await again.close();
  });

  test('she switches to Spanish from the footer', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'My profile' }).click();
    await h1('My profile');
    await auditor.check(page);
    const footer = page.getByRole('contentinfo');
    await footer.getByLabel('Language', { exact: true }).selectOption('es');
    await footer.getByRole('button', { name: 'Change' }).click();
    await h1('Mi perfil');
    // Screen readers pick their voice from the page's language.
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    await auditor.check(page);
  });

  test('she signs out', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Cerrar sesión', exact: true }).click();
    await h1('Te damos la bienvenida a Porch');
    await page.getByRole('navigation').getByRole('link', { name: 'Entrar' }).waitFor();
    await auditor.check(page);
    await page.context().close();
  });

  test('every page on the way passes axe and fits 360 px', () => {
    expect(auditor.checked.length).toBeGreaterThanOrEqual(9);
    auditor.assertClean();
  });
});
