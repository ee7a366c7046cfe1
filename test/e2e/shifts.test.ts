/**
 * A fridge's cleaning shift, in a real browser: Lucía, one of the laundromat fridge's volunteers
 * (JavaScript off, on a phone, in Spanish), signs up for its next cleaning; when the hour comes she logs it
 * done with a reading of 7 °C, above the fridge's safe 5 °C, and the alert reaches the other
 * volunteer by mail. The server runs on a clock the test moves forward to the shift's hour (a
 * shift is signed up for before it starts and logged after). Every page is checked by axe and at
 * 360 px.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { zonedInstant } from '../../src/platform/db/time.ts';
import {
  Auditor,
  type LaterClock,
  laterClock,
  launchBrowser,
  type Server,
  startServer,
} from '../support/e2e.ts';
import { browserFor, email, h1, home, loadMapleStreet, mailedLink, signIn } from './sharing-support.ts';

let browser: Browser;
let server: Server;
let auditor: Auditor;
const clock: LaterClock = laterClock();
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer(clock)]);
  await loadMapleStreet(server);
  auditor = new Auditor(browser);
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await auditor?.close();
  await browser?.close();
  await server?.close();
});

describe('a volunteer keeps the fridge safe', () => {
  test('signs up for the next cleaning, logs 7 °C, and the other volunteer is alerted', async () => {
    const lucia = await browserFor(auditor, contexts, { js: false });
    await lucia.setViewportSize({ width: 360, height: 740 });
    await signIn(server, auditor, lucia, email.lucia, `${home}/shifts`, { shown: false });
    await auditor.check(lucia);
    // The next cleaning she can still sign up for (today's may have started, by the hour CI runs).
    const cleanings = lucia.getByRole('link', { name: 'Clean the laundromat fridge' });
    for (let i = 0; ; i++) {
      await cleanings.nth(i).click();
      await h1(lucia, 'Clean the laundromat fridge');
      if ((await lucia.getByRole('button', { name: 'Apuntarme' }).count()) > 0) break;
      await lucia.goBack();
    }
    await auditor.check(lucia);
    await lucia.getByRole('button', { name: 'Apuntarme' }).click();
    await lucia.getByText('Te has apuntado.').waitFor();
    await auditor.check(lucia);

    // The hour comes: the shift's local start (its address) in the community's zone, and 10 minutes.
    const occurrence = decodeURIComponent(new URL(lucia.url()).pathname.split('/').at(-1)!);
    const start = zonedInstant(occurrence, 'America/Chicago').getTime();
    clock.ahead = Math.max(0, start + 10 * 60_000 - Date.now());
    await lucia.reload();
    await h1(lucia, 'Clean the laundromat fridge');
    await lucia.getByLabel('Wipe the shelves and the door seal').check();
    await lucia.getByLabel('Lectura de').selectOption('fridge');
    await lucia.getByLabel(/^Temperatura/).fill('7');
    await auditor.check(lucia);
    await lucia.getByRole('button', { name: 'Registrar como hecho' }).click();
    await lucia.getByText('La lectura supera el límite seguro').waitFor();
    await auditor.check(lucia);

    const link = await mailedLink(server, email.amara, 'Unsafe temperature at Laundromat fridge', '/log');
    expect(link.startsWith(server.url)).toBe(true);
    auditor.assertClean();
  });
});
