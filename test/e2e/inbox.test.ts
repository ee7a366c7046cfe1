/**
 * Notifications in a real browser, with JavaScript on and off: a neighbor has their
 * Notifications page open; another neighbor, in a second browser, says they will help with the
 * first one's request. The menu's count and the list update without a reload when JavaScript
 * runs, and on reload when it does not; opening the notification leads to the post and marks it
 * read. Every page on the way is checked by axe and at 360 px.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPost } from '../../src/features/posts/service.ts';
import { Auditor, launchBrowser, type Server, startServer } from '../support/e2e.ts';
import { browserFor, email, h1, home, loadMapleStreet, memberCtx, signIn } from './sharing-support.ts';

/** How long a live update may take: a job, an event and a page fetch on a busy machine. */
const patiently = { timeout: 20_000, interval: 100 };

let browser: Browser;
let server: Server;
beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  await loadMapleStreet(server);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.each([
  {
    js: true,
    mode: 'with JavaScript',
    author: email.amara,
    helper: email.george,
    title: 'Help carrying a sofa',
  },
  {
    js: false,
    mode: 'without JavaScript',
    author: email.minh,
    helper: email.sam,
    title: 'A lift to the library',
  },
])(
  'the Notifications count updates $mode when a neighbor claims my request',
  ({ js, author, helper, title }) => {
    let auditor: Auditor;
    const contexts: BrowserContext[] = [];
    let reading: Page;
    let helping: Page;
    let post: string;
    // The demo street has told its neighbors a few things already.
    let before = 0;
    beforeAll(() => {
      auditor = new Auditor(browser);
    });
    afterAll(async () => {
      for (const context of contexts) await context.close();
      await auditor?.close();
    });

    /** The unread count the menu says beside "Notifications" (0 when it says none). */
    const unread = async () => {
      const link = reading.getByRole('navigation', { name: 'Main' }).locator(`a[href="${home}/inbox"]`);
      const name = (await link.textContent()) ?? '';
      return Number(/\((\d+) unread notifications?\)/.exec(name)?.[1] ?? 0);
    };

    test('the author has their Notifications open', async () => {
      post = await createPost(await memberCtx(server, author), { kind: 'request', title, category: 'other' });
      reading = await browserFor(auditor, contexts, { js });
      await signIn(server, auditor, reading, author, `${home}/inbox`, { shown: false });
      await h1(reading, 'Notifications');
      before = await unread();
      await auditor.check(reading);
    });

    test('a neighbor says they will help, and the open page shows it', async () => {
      helping = await browserFor(auditor, contexts, { js });
      await signIn(server, auditor, helping, helper, `${home}/posts/${post}`, { shown: false });
      await h1(helping, title);
      await auditor.check(helping);
      await helping.getByRole('button', { name: 'I will help' }).click();
      await helping.getByRole('status').getByText('Thank you for helping!').waitFor();
      await auditor.check(helping);
      if (!js) {
        // Without JavaScript the page is as fresh as its last load: the job runs, then a reload.
        await expect
          .poll(async () => {
            await reading.reload();
            return unread();
          }, patiently)
          .toBe(before + 1);
      }
      await expect.poll(unread, patiently).toBe(before + 1);
      await expect
        .poll(() => reading.getByRole('main').textContent(), patiently)
        .toContain(`will help: ${title}`);
      await auditor.check(reading);
    });

    test('opening it leads to the post and marks it read', async () => {
      await reading.getByRole('link', { name: new RegExp(`will help: ${title}`) }).click();
      await h1(reading, title);
      await auditor.check(reading);
      expect(await unread()).toBe(before);
      await reading.goto(`${server.url}${home}/inbox`);
      await h1(reading, 'Notifications');
      const item = reading.getByRole('listitem').filter({ hasText: `will help: ${title}` });
      expect(await item.textContent()).not.toContain('New');
      await auditor.check(reading);
    });

    test('every page passes axe and fits 360 px', () => {
      expect(auditor.checked.length).toBeGreaterThanOrEqual(4);
      auditor.assertClean();
    });
  },
);

describe('the operator retries failed deliveries without JavaScript, in Spanish', () => {
  let auditor: Auditor;
  const contexts: BrowserContext[] = [];
  beforeAll(() => {
    auditor = new Auditor(browser);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await auditor?.close();
  });

  test('from the notification preferences to the failed deliveries, then retry all', async () => {
    // As if no mail of the street could be sent; Rosa runs the server.
    const { db } = server.app.services;
    await db
      .updateTable('notificationDelivery')
      .set({ status: 'failed', attempts: 6, lastError: '451 4.3.0 try again later' })
      .where('communityId', 'is not', null)
      .execute();
    await db.updateTable('account').set({ locale: 'es' }).where('email', '=', email.rosa).execute();
    const page = await browserFor(auditor, contexts, { js: false, locale: 'es-US' });
    await signIn(server, auditor, page, email.rosa, '/account/notifications', { shown: false });
    await auditor.check(page);
    await page.getByRole('link', { name: /Envíos que fallaron/ }).click();
    await h1(page, 'Envíos que fallaron');
    expect(await page.getByRole('main').textContent()).toContain('451 4.3.0 try again later');
    await auditor.check(page);
    await page.getByRole('button', { name: /Reintentar los \d+|Reintentar 1 envío/ }).click();
    await page.getByText(/se volverán? a enviar/).waitFor();
    await auditor.check(page);
    auditor.assertClean();
  });
});
