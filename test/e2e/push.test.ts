/**
 * Web push in Chromium, with JavaScript and without: "Notifications on this device" registers
 * the service worker (scope: the whole site) and offers to turn push on; a push delivered to the
 * worker (through the DevTools protocol, as the push service would deliver it) is shown as a
 * notification. Chromium here cannot reach a real push service (Google's, which its
 * subscriptions go through), so subscribing itself is tested against a push service played by a
 * test server in `src/features/push/push.test.ts`; here, turning push on says that it failed.
 * Without JavaScript the page says what it needs, lists the devices and turns one off.
 * The same worker keeps the copy of a page a member asked to keep (a driver's route card), which
 * opens with the network gone and is forgotten when they sign out.
 * Every page is checked with axe and at 360 px.
 */
import { createECDH, randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { subscribe } from '../../src/features/push/service.ts';
import { createSession } from '../../src/platform/auth/sessions.ts';
import { systemClock } from '../../src/platform/db/time.ts';
import { Auditor, eventually, launchBrowser, type Server, startServer } from '../support/e2e.ts';
import { browserFor, email, h1, loadMapleStreet, memberCtx, signIn } from './sharing-support.ts';

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

describe('with JavaScript', () => {
  let auditor: Auditor;
  const contexts: BrowserContext[] = [];
  let page: Page;
  beforeAll(() => {
    auditor = new Auditor(browser);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await auditor?.close();
  });

  test('My profile leads to the page, which registers the service worker and offers push', async () => {
    page = await browserFor(auditor, contexts, { js: true });
    await signIn(server, auditor, page, email.amara, '/account', { shown: false });
    await h1(page, 'My profile');
    await auditor.check(page);
    await page.getByRole('link', { name: 'Turn them on or off' }).click();
    await h1(page, 'Notifications on this device');
    const status = page.getByRole('status').filter({ hasText: 'Notifications are off for this device.' });
    await status.waitFor();
    await page.getByRole('button', { name: 'Turn on for this device' }).waitFor();
    expect(await page.getByText('needs JavaScript').count()).toBe(0);
    await auditor.check(page);
    const worker = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return { scope: registration.scope, script: registration.active?.scriptURL };
    });
    expect(worker).toEqual({ scope: `${server.url}/`, script: `${server.url}/sw.js` });
  });

  test('a push reaching the service worker is shown as a notification that names its page', async () => {
    const context = page.context();
    await context.grantPermissions(['notifications'], { origin: server.url });
    const cdp = await context.newCDPSession(page);
    const registrations = new Promise<{ registrationId: string; scopeURL: string }[]>((resolve) =>
      cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => resolve(e.registrations)),
    );
    await cdp.send('ServiceWorker.enable');
    const registration = (await registrations).find((r) => r.scopeURL === `${server.url}/`);
    expect(registration).toBeDefined();
    const message = {
      title: 'A loan request',
      body: 'Ben would like to borrow your ladder.',
      url: '/c/maple-street',
    };
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin: `${server.url}/`,
      registrationId: registration!.registrationId,
      data: JSON.stringify(message),
    });
    const shown = await eventually('the notification', () =>
      page.evaluate(async () => {
        const notifications = await (await navigator.serviceWorker.ready).getNotifications();
        return notifications.map((n) => ({ title: n.title, body: n.body, url: n.data?.url }))[0];
      }),
    );
    expect(shown).toEqual({
      title: message.title,
      body: message.body,
      url: `${server.url}/c/maple-street`,
    });
  });

  test('turning push on asks the browser; with no push service to reach, the page says it failed', async () => {
    await page.getByRole('button', { name: 'Turn on for this device' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Notifications could not be turned on. Please try again later.' })
      .waitFor({ timeout: 60_000 });
    await auditor.check(page);
  });
});

describe('a copy kept on this device (the same service worker)', () => {
  let auditor: Auditor;
  const contexts: BrowserContext[] = [];
  beforeAll(() => {
    auditor = new Auditor(browser);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await auditor?.close();
  });

  test('a driver keeps their route card, reads it with the network gone, and signing out forgets it', async () => {
    const page = await browserFor(auditor, contexts, { js: true });
    const card = '/c/maple-street/evacuation/route';
    await signIn(server, auditor, page, email.amara, card, { shown: false });
    await h1(page, 'My route card');
    const stop = (await page.locator('.route-card li').first().innerText()).split('\n')[0] as string;
    expect(stop.length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Keep a copy on this device' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'A copy of this page is kept on this device' })
      .waitFor();
    await auditor.check(page);

    // The network is gone: the same address opens the copy, which says it is one.
    await page.context().setOffline(true);
    await page.reload();
    await h1(page, 'My route card');
    await page.getByText(stop).first().waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: 'This is the copy kept on this device, saved' })
      .waitFor();
    // A page nobody kept is not there.
    await expect(page.goto(`${server.url}/c/maple-street/evacuation/household`)).rejects.toThrow();
    await page.context().setOffline(false);

    // Signing out on this device removes the copy.
    await page.goto(`${server.url}${card}`);
    await page.getByRole('button', { name: 'Sign out' }).first().click();
    await page.waitForURL((url) => !url.pathname.startsWith('/c/'));
    const gone = () =>
      eventually('the copy removed', async () => {
        const left = await page.evaluate(async () => (await caches.keys()).includes('porch-kept-v1'));
        return left ? undefined : 'gone';
      });
    expect(await gone()).toBe('gone');

    // A session that ends elsewhere (expired, signed out everywhere): the first page this browser
    // shows to nobody, or to someone else, forgets the copy.
    await signIn(server, auditor, page, email.amara, card, { shown: false });
    await page.getByRole('button', { name: 'Keep a copy on this device' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'A copy of this page is kept on this device' })
      .waitFor();
    await page.context().clearCookies();
    await page.goto(`${server.url}/login`);
    expect(await gone()).toBe('gone');
  });
});

describe('without JavaScript', () => {
  let auditor: Auditor;
  const contexts: BrowserContext[] = [];
  beforeAll(() => {
    auditor = new Auditor(browser);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await auditor?.close();
  });

  test('the page says what turning push on needs, lists the devices, and turns one off', async () => {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    // Turned on, earlier, on her phone (another session than this browser's).
    const rosa = await memberCtx(server, email.rosa);
    const phone = await createSession(server.app.services.db, systemClock, rosa.actor.accountId!);
    await subscribe(
      rosa,
      {
        endpoint: `https://fcm.googleapis.com/fcm/send/${randomBytes(12).toString('hex')}`,
        keys: { p256dh: ecdh.getPublicKey('base64url'), auth: randomBytes(16).toString('base64url') },
      },
      { sessionToken: phone, userAgent: 'Mozilla/5.0 (Linux; Android 14) Chrome/131' },
    );
    // Rosa reads Porch in Spanish.
    const page = await browserFor(auditor, contexts, { js: false });
    await signIn(server, auditor, page, email.rosa, '/account/push', { shown: false });
    await h1(page, 'Notificaciones en este dispositivo');
    await page.getByText('Para activar las notificaciones hace falta JavaScript').waitFor();
    expect(await page.getByRole('button', { name: 'Activar en este dispositivo' }).isVisible()).toBe(false);
    const device = page.getByRole('listitem').filter({ hasText: 'servicio de notificaciones de Google' });
    await device.waitFor();
    await auditor.check(page);
    await device.getByRole('button', { name: /Desactivar/ }).click();
    await page.getByText('Las notificaciones están desactivadas en ese dispositivo.').waitFor();
    await page.getByText('Ninguno todavía.').waitFor();
    await auditor.check(page);
  });
});
