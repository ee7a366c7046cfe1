/**
 * The front porch in a real browser, with JavaScript on and off: a neighbor writes to another
 * from their profile (a one-time notice says it is sent), the other's porch and menu say a
 * message needs them, and — two browsers open at once — each new message reaches the other's
 * open porch and open conversation without a reload when JavaScript runs, and on reload when it
 * does not. Every page on the way is checked by axe and at 360 px.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Auditor, launchBrowser, type Server, startServer } from '../support/e2e.ts';
import { browserFor, email, h1, home, loadMapleStreet, signIn } from './sharing-support.ts';

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

/** The account id of the demo neighbor with `address`. */
async function idOf(address: string): Promise<string> {
  const row = await server.app.services.db
    .selectFrom('account')
    .select('id')
    .where('email', '=', address)
    .executeTakeFirstOrThrow();
  return row.id;
}

describe.each([
  {
    js: true,
    mode: 'with JavaScript',
    writer: email.amara,
    writerName: 'Amara',
    reader: email.minh,
    readerName: 'Minh Tran',
  },
  {
    js: false,
    mode: 'without JavaScript',
    writer: email.george,
    writerName: 'George',
    reader: email.sam,
    readerName: 'Sam Rivera',
  },
])('messages reach the front porch $mode', ({ js, writer, writerName, reader, readerName }) => {
  let auditor: Auditor;
  const contexts: BrowserContext[] = [];
  let writing: Page;
  let reading: Page;
  let conversation: string;
  beforeAll(() => {
    auditor = new Auditor(browser);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await auditor?.close();
  });

  const needsYou = () => reading.getByRole('region', { name: 'Needs you now' });
  /** The unread count the menu says beside "Conversations" (0 when it says none). */
  const unread = async () => {
    const link = reading.getByRole('navigation', { name: 'Main' }).locator(`a[href="${home}/conversations"]`);
    const name = (await link.textContent()) ?? '';
    return Number(/\((\d+) unread messages?\)/.exec(name)?.[1] ?? 0);
  };
  let unreadBefore = 0;
  const write = async (text: string) => {
    await writing.getByLabel('Your message').fill(text);
    await writing.getByRole('button', { name: 'Send', exact: true }).click();
    await writing.getByText(text).waitFor();
    await auditor.check(writing);
  };

  test(`${writerName} writes from ${readerName}'s profile and is told it is sent`, async () => {
    writing = await browserFor(auditor, contexts, { js });
    const profile = `${home}/members/${await idOf(reader)}`;
    await signIn(server, auditor, writing, writer, profile, { shown: false });
    await h1(writing, readerName);
    await auditor.check(writing);
    await writing.getByLabel('Your message').fill('Hello! Could you water my tomatoes on Sunday?');
    await writing.getByRole('button', { name: 'Send a message' }).click();
    await writing.getByRole('status').getByText('Your message is sent.').waitFor();
    conversation = new URL(writing.url()).pathname;
    expect(conversation).toMatch(/^\/c\/maple-street\/conversations\/[^/]+$/);
    await auditor.check(writing);
  });

  test(`${readerName}'s porch and menu say a message needs them`, async () => {
    reading = await browserFor(auditor, contexts, { js });
    await signIn(server, auditor, reading, reader, home, { shown: false });
    await h1(reading, 'Maple Street Neighbors');
    await needsYou().getByText('wrote: “Hello! Could you water my tomatoes on Sunday?”').waitFor();
    // The demo has conversations of its own: this one adds one unread message.
    unreadBefore = await unread();
    expect(unreadBefore).toBeGreaterThanOrEqual(1);
    await auditor.check(reading);
  });

  test('a second message reaches the open porch', async () => {
    await writing.goto(`${server.url}${conversation}`);
    await auditor.check(writing);
    await write('Only if it does not rain, of course.');
    if (!js) await reading.reload();
    await expect
      .poll(() => needsYou().textContent(), patiently)
      .toContain('wrote 2 new messages, the last: “Only if it does not rain, of course.”');
    await auditor.check(reading);
    await expect.poll(unread, patiently).toBe(unreadBefore + 1);
  });

  test('the open conversation shows what the other writes', async () => {
    await needsYou().getByRole('link').first().click();
    await reading.getByText('Only if it does not rain, of course.').waitFor();
    await auditor.check(reading);
    await write('Thank you, neighbor!');
    if (!js) await reading.reload();
    await expect
      .poll(() => reading.getByRole('list').filter({ hasText: 'Hello!' }).textContent(), patiently)
      .toContain('Thank you, neighbor!');
    await auditor.check(reading);
    // Read: the porch no longer lists it.
    await reading.goto(`${server.url}${home}`);
    await h1(reading, 'Maple Street Neighbors');
    if (js) await reading.waitForTimeout(300);
    expect(await needsYou().textContent()).not.toContain('tomatoes');
    await auditor.check(reading);
  });

  test('every page passes axe and fits 360 px', () => {
    expect(auditor.checked.length).toBeGreaterThanOrEqual(5);
    auditor.assertClean();
  });
});
