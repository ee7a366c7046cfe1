/**
 * Forms in a real browser with JavaScript, in English and Spanish: the length counter counts
 * the characters people see and says so in the page's language, and a refused form's error
 * summary takes the focus and names each field to fix. Every page on the way is checked by axe
 * and at 360 px.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
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

describe.each([
  {
    language: 'English',
    address: email.amara,
    heading: 'Offer or ask for help',
    title: 'What is it?',
    counted: '100 of 120 characters',
    over: '121 of 120 characters',
    fix: 'Please fix these:',
    post: 'Post',
  },
  {
    language: 'Spanish',
    address: email.rosa,
    heading: 'Ofrecer o pedir ayuda',
    title: '¿Qué es?',
    counted: '100 de 120 caracteres',
    over: '121 de 120 caracteres',
    fix: 'Corrige esto, por favor:',
    post: 'Publicar',
  },
])('a form in $language, with JavaScript', ({ address, heading, title, counted, over, fix, post }) => {
  let page: Page;

  test('the counter shows once most of the room is used, in the page’s words, counting what people see', async () => {
    page = await browserFor(auditor, contexts, { js: true });
    await signIn(server, auditor, page, address, `${home}/board/new`, { shown: false });
    await h1(page, heading);
    await auditor.check(page);
    const field = page.getByLabel(title);
    const counter = page.locator('#count-f-title');
    await field.fill('a'.repeat(50));
    await expect(counter.isVisible()).resolves.toBe(false);
    // 99 letters and a flag of four code points: 100 characters people see.
    await field.fill(`${'a'.repeat(99)}🏳️‍🌈`);
    await expect(counter.textContent()).resolves.toBe(counted);
    await expect(counter.isVisible()).resolves.toBe(true);
    await field.fill('a'.repeat(121));
    await expect(counter.textContent()).resolves.toBe(over);
    await expect(counter.getAttribute('class')).resolves.toContain('over');
  });

  test('a refused form’s error summary takes the focus and names each field', async () => {
    await page.getByLabel(title).fill('');
    await page.getByRole('main').getByRole('button', { name: post, exact: true }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.className))
      .toContain('error-summary');
    await expect(summary.getByRole('heading').textContent()).resolves.toBe(fix);
    const links = summary.getByRole('link');
    expect(await links.count()).toBeGreaterThanOrEqual(1);
    await expect(links.first().getAttribute('href')).resolves.toBe('#f-title');
    await auditor.check(page);
    auditor.assertClean();
  });
});
