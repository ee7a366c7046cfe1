/**
 * The foundation journey, in a real browser, with JavaScript on and again with it off: a steward
 * sets up the server, starts a community and prints an invite; a neighbor joins through the link
 * (her address proven by the link mailed to it) and shows her phone number to stewards only; a second member does not see it, the steward does.
 * Every page on the way is checked by axe and at 360 px; the last test of each run lists what
 * those checks found.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Auditor, eventually, launchBrowser, type Server, startServer } from '../support/e2e.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const slug = 'maple-street';
const phone = '+1 (555) 010-4477';
/** The neighbors' browsers' time zone: one the server's machine is not in. */
const browserZone = 'America/Bogota';

describe.each([
  { js: true, mode: 'with JavaScript' },
  { js: false, mode: 'without JavaScript' },
])('invite journey $mode', ({ js }) => {
  let server: Server;
  let auditor: Auditor;
  const contexts: BrowserContext[] = [];
  let steward: Page;
  let inviteLink: string;
  let rosaPage: string;

  /** A new person's browser, with its first tab. */
  async function person(): Promise<Page> {
    const context = await auditor.context({ javaScriptEnabled: js, timezoneId: browserZone });
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    return context.newPage();
  }

  const h1 = (page: Page, name: string) =>
    page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
  const nav = (page: Page) => page.getByRole('navigation');
  const path = (page: Page) => new URL(page.url()).pathname;

  /** Joins from the invite's join page with a name and an address, through the link mailed to it. */
  async function joinByMail(page: Page, name: string, email: string) {
    await page.getByLabel('Your name').fill(name);
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await h1(page, 'Check your email');
    await auditor.check(page);
    await page.goto(await eventually('the join mail', () => server.mailbox.lastLink(email)));
    await h1(page, 'Sign in to Porch');
    await auditor.check(page);
    await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
    await h1(page, 'Join Maple Street');
    await auditor.check(page);
    await page.getByRole('button', { name: 'Join', exact: true }).click();
  }

  beforeAll(async () => {
    server = await startServer();
    auditor = new Auditor(browser);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await auditor?.close();
    await server?.close();
  });

  test('the steward sets up the server with its one-time link and starts an invite-only community', async () => {
    steward = await person();
    await steward.goto(`${server.url}/setup?token=${server.setupToken}`);
    await h1(steward, 'Set up this Porch server');
    await auditor.check(steward);
    await steward.getByLabel('Your name').fill('Marta Steward');
    await steward.getByLabel('Email address').fill('marta@example.org');
    await steward.getByRole('button', { name: 'Create my account' }).click();

    await h1(steward, 'Start a community');
    expect(path(steward)).toBe('/communities/new');
    await auditor.check(steward);
    await steward.getByLabel('Community name').fill('Maple Street');
    await steward.getByLabel('Web address').fill(slug);
    await steward.getByLabel('About the community').fill('Neighbors on Maple Street, between 3rd and 5th.');
    await steward.getByRole('radio', { name: /^By invitation/ }).check();
    await steward.getByRole('button', { name: 'Start the community' }).click();

    await h1(steward, 'Maple Street');
    expect(path(steward)).toBe(`/c/${slug}`);
    await auditor.check(steward);
    // The community keeps the steward's browser's time zone with JavaScript; without, the server's.
    const { timeZone } = await server.app.services.db
      .selectFrom('community')
      .select('timeZone')
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow();
    expect(timeZone).toBe(js ? browserZone : Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  test('the steward makes an invite link and opens its printable page with a QR code', async () => {
    await nav(steward).getByRole('link', { name: 'Invites' }).click();
    await h1(steward, 'Invite links');
    expect(path(steward)).toBe(`/c/${slug}/invites`);
    await auditor.check(steward);
    await steward.getByLabel('Where will you use it? (optional)').fill('Flyer at the library');
    await steward.getByRole('button', { name: 'Make the link' }).click();

    const card = steward.getByRole('listitem').filter({ hasText: 'Flyer at the library' });
    await card.waitFor();
    await auditor.check(steward);
    const linkText = card.getByText(`${server.url}/c/${slug}/join?invite=`);
    inviteLink = (await linkText.textContent())!.trim();
    expect(inviteLink).toMatch(new RegExp(`^${server.url}/c/${slug}/join\\?invite=[\\w-]+$`));

    await card.getByRole('link', { name: 'Print with QR code' }).click();
    await h1(steward, 'Maple Street');
    expect(path(steward)).toMatch(new RegExp(`^/c/${slug}/invites/[^/]+/print$`));
    await auditor.check(steward);
    const qr = steward.getByRole('img', { name: 'QR code to join Maple Street' });
    expect(await qr.locator('svg').count()).toBe(1);
    expect(await steward.getByText(inviteLink, { exact: true }).count()).toBe(1);
    // The print button needs JavaScript; without it, the browser's own menu prints.
    expect(await steward.getByRole('button', { name: 'Print' }).isVisible()).toBe(js);
  });

  test('a neighbor joins through the link and shows her phone number to stewards only', async () => {
    const rosa = await person();
    await rosa.goto(inviteLink);
    await h1(rosa, 'Join Maple Street');
    await auditor.check(rosa);
    await joinByMail(rosa, 'Rosa Díaz', 'rosa@example.org');

    await h1(rosa, 'Maple Street');
    expect(path(rosa)).toBe(`/c/${slug}`);
    await auditor.check(rosa);

    await nav(rosa).getByRole('link', { name: 'My profile' }).click();
    await h1(rosa, 'My profile');
    await auditor.check(rosa);
    await rosa.getByLabel('Phone number').fill(phone);
    await rosa
      .getByRole('group', { name: 'Who can see my phone number' })
      .getByRole('radio', { name: 'Stewards only' })
      .check();
    await rosa.getByRole('button', { name: 'Save my profile' }).click();

    await rosa.getByRole('status').getByText('Your profile is saved.').waitFor();
    await auditor.check(rosa);
    expect(await rosa.getByLabel('Phone number').inputValue()).toBe(phone);
    expect(
      await rosa
        .getByRole('group', { name: 'Who can see my phone number' })
        .getByRole('radio', { name: 'Stewards only' })
        .isChecked(),
    ).toBe(true);
  });

  test('a second member joins through the same invite and does not see her phone number', async () => {
    const sam = await person();
    await sam.goto(inviteLink);
    await h1(sam, 'Join Maple Street');
    await auditor.check(sam);
    await joinByMail(sam, 'Sam Lee', 'sam@example.org');
    await h1(sam, 'Maple Street');
    await auditor.check(sam);

    await nav(sam).getByRole('link', { name: 'Members' }).click();
    await h1(sam, 'Members');
    expect(path(sam)).toBe(`/c/${slug}/members`);
    await auditor.check(sam);
    await sam.getByRole('main').getByRole('link', { name: 'Rosa Díaz' }).first().click();

    await h1(sam, 'Rosa Díaz');
    rosaPage = sam.url();
    expect(path(sam)).toMatch(new RegExp(`^/c/${slug}/members/[^/]+$`));
    await auditor.check(sam);
    expect(await sam.getByText(phone).count()).toBe(0);
    expect(await sam.locator('a[href^="tel:"]').count()).toBe(0);
  });

  test('the steward opens her page and sees her phone number', async () => {
    await steward.goto(rosaPage);
    await h1(steward, 'Rosa Díaz');
    await auditor.check(steward);
    await steward.getByRole('link', { name: phone }).waitFor();
    expect(await steward.getByRole('link', { name: phone }).getAttribute('href')).toBe('tel:+15550104477');
  });

  test('every page of the journey passes axe and fits 360 px', () => {
    expect(auditor.checked.length).toBeGreaterThanOrEqual(13);
    auditor.assertClean();
  });
});
