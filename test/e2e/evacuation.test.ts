/**
 * The day of an alert in real browsers: Walter, a coordinator, raises an alert on Maple Street's
 * plan and keeps the live board open (JavaScript on); Amara, a driver, opens her route on her phone
 * without JavaScript and taps "I am on my way", then "Picked up" at her first stop. Walter's board
 * shows the pickup without a reload. Every page on the way is checked by axe and at 360 px.
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

describe('the coordinator’s live board follows a driver’s taps', () => {
  let auditor: Auditor;
  const contexts: BrowserContext[] = [];
  let board: Page;
  let driving: Page;
  let first = '';
  beforeAll(() => {
    auditor = new Auditor(browser);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await auditor?.close();
  });

  test('Walter raises the alert and sees the board', async () => {
    board = await browserFor(auditor, contexts, { js: true });
    await signIn(server, auditor, board, email.walter, `${home}/evacuation/alert`, { shown: false });
    await h1(board, 'Alert');
    await auditor.check(board);
    await board.getByLabel('Reason').fill('Flood warning for the harbour');
    for (const shelter of await board
      .getByRole('group', { name: 'Shelters open' })
      .getByRole('checkbox')
      .all())
      await shelter.check();
    await board.getByLabel('Message to everyone').fill('Bring medicines and papers.');
    await board.getByText('Raise the alert', { exact: true }).click();
    await board.getByRole('button', { name: 'Yes, raise the alert and tell everyone' }).click();
    await h1(board, 'Live board');
    await board.getByRole('status').getByText('The alert is raised').waitFor();
    await auditor.check(board);
  });

  test('Amara, without JavaScript, sets off and picks up her first stop', async () => {
    driving = await browserFor(auditor, contexts, { js: false });
    await signIn(server, auditor, driving, email.amara, `${home}/evacuation`, { shown: false });
    await h1(driving, 'Emergency rides');
    await auditor.check(driving);
    await driving.getByRole('link', { name: 'Open my route' }).click();
    await auditor.check(driving);
    await driving.getByRole('button', { name: 'I am on my way' }).click();
    await driving.getByText('On your way. Drive safely.').waitFor();
    await auditor.check(driving);
    const pickup = driving.locator('form.tap button', { hasText: 'Picked up' }).first();
    // The button names its household for screen readers ("Picked up: Eugene Walsh").
    first = ((await pickup.locator('.visually-hidden').textContent()) ?? '').replace(/^: /, '');
    expect(first).not.toBe('');
    await pickup.click();
    await driving.getByText('Picked up.', { exact: true }).waitFor();
    await auditor.check(driving);
  });

  test('Walter’s open board shows it without a reload', async () => {
    const line = board.locator('#board li', { hasText: first }).filter({ hasText: 'Picked up' }).first();
    await expect.poll(() => line.count(), patiently).toBeGreaterThan(0);
    expect(await board.getByRole('heading', { name: /Still unaccounted for/ }).count()).toBe(1);
    await auditor.check(board);
  });

  test('every page passes axe and fits 360 px', () => {
    expect(auditor.checked.length).toBeGreaterThanOrEqual(6);
    auditor.assertClean();
  });
});
