/**
 * The phone layout, in a real browser: every kind of page a member, a steward and a visitor can
 * reach by a link in the demo street, in English and in Spanish, at 360 px wide, with the
 * browser's text size at its default and at 200 % (Chromium's own font-size setting, so `rem`,
 * `em` and media queries in `em` grow as they do for a neighbor who set large text). A page fails
 * when a word is broken mid-word though it would fit on a line, a text or form box is narrower
 * than a few characters, a checkbox or radio button is squeezed, anything is wider than the
 * screen outside a scrolling region, or the header pushes the page title down past the first
 * part of the screen. Printing shows no navigation. axe does not see any of these.
 *
 * The crawl follows GET links within the site and visits each kind of page once per person and
 * language (`/c/maple-street/library/items/<id>` is one kind), so new pages are checked without
 * being listed here. `LAYOUT_SHOTS=<dir>` also saves screenshots of the loan, variety, community,
 * board and My things pages and a member's sign-in link page at both text sizes.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createInvite } from '../../src/features/communities/invites.ts';
import { demoPaperMember } from '../../src/features/demo/data.ts';
import { endAlert, raiseAlert, tapRoute } from '../../src/features/evacuation/activation.ts';
import { paperSheet, startDrill } from '../../src/features/evacuation/drills.ts';
import { resolveLinkRef } from '../../src/features/evacuation/links.ts';
import { shelterChoices } from '../../src/features/evacuation/service.ts';
import { listCatalog, requestLoan } from '../../src/features/library/service.ts';
import { addSeries, listShifts } from '../../src/features/shifts/service.ts';
import { askSwap, setTrained, signUp } from '../../src/features/shifts/signups.ts';
import { addSeconds, iso } from '../../src/platform/db/time.ts';
import { Auditor, launchBrowser, narrowWidth, type Server, startServer } from '../support/e2e.ts';
import { dayFrom, email, home, loadMapleStreet, memberCtx, signIn } from './sharing-support.ts';

/** A phone's screen: 360 × 740 CSS px. */
const phone = { width: narrowWidth, height: 740 };
/** Chromium's default font size (px), and the 200 % a neighbor with large text sets. */
const textSizes = [16, 32] as const;
/** Links the crawl does not follow: leaving, signing out, downloads, files and feeds (with a query too). */
const notPages =
  /\/(leave|logout)\b|\.(csv|ics|atom|png|jpe?g|webp|svg)(\?|$)|\/export\b|\/photos?\/|^\/assets\/|^\/api\//;
/**
 * Pages saved as screenshots with `LAYOUT_SHOTS`: the loan, variety, community, board and My
 * things pages, and a steward's sign-in link page for a member without email.
 */
const shown: Record<string, string> = {
  [`${home}/library/loans/:id`]: 'loan',
  [`${home}/seeds/:id`]: 'variety',
  [home]: 'community',
  [`${home}/board`]: 'board',
  [`${home}/mine`]: 'mine',
  [`${home}/members/:id/sign-in-link`]: 'sign-in-link',
};
const shots = process.env.LAYOUT_SHOTS;

let browser: Browser;
let server: Server;
let invitePath: string;
/** The sign-in link page of the demo's member without email (a steward's crawl starts there too). */
let signInLinkPath: string;
/** The public page of the demo's laundromat fridge (a visitor's crawl starts there too, as its sign's code does). */
let fridgePath: string;
/** Who is trained for a trained-only series (those who keep it); a swap Lucía asked Amara for. */
let trainedPath: string;
let swapPath: string;
/** An open drill of the ride network, and a paper member's check-in link from its printed sheet. */
let drillPath: string;
let checkInPath: string;
beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Loads the demo street, with an invite, and a loan for each person crawled. */
async function loadStreet() {
  await loadMapleStreet(server);
  const rosa = await memberCtx(server, email.rosa);
  const invite = await createInvite(rosa, { label: 'Layout' });
  invitePath = new URL(invite.url).pathname + new URL(invite.url).search;
  const paper = await server.app.services.db
    .selectFrom('account')
    .select('id')
    .where('displayName', '=', demoPaperMember.name)
    .executeTakeFirstOrThrow();
  signInLinkPath = `${home}/members/${paper.id}/sign-in-link`;
  const fridge = await server.app.services.db
    .selectFrom('place')
    .select('id')
    .where('name', '=', 'Laundromat fridge')
    .executeTakeFirstOrThrow();
  fridgePath = `${home}/p/${fridge.id}`;
  // Lucía asks to borrow from the shed, so she and the steward each have a loan page too.
  const shed = (await listCatalog(rosa, { ownerId: null })).items[0];
  await requestLoan(await memberCtx(server, email.lucia), shed!.id, {
    startsOn: dayFrom(server, 2),
    dueOn: dayFrom(server, 4),
  });
  // A bakery run only trained volunteers do (Amara is), and Lucía asking Amara to swap cleanings.
  const bakery = await addSeries(rosa, {
    title: 'Restock from the bakery',
    placeId: fridge.id,
    startDate: dayFrom(server, 3),
    startTime: '07:00',
    endTime: '08:00',
    repeat: 'weekly',
    peopleNeeded: 2,
    trainedOnly: true,
    trialSlots: 1,
  });
  const amara = await memberCtx(server, email.amara);
  await setTrained(rosa, bakery.id, amara.actor.accountId as string, true);
  trainedPath = `${home}/shifts/series/${bakery.id}/trained`;
  const lucia = await memberCtx(server, email.lucia);
  const cleanings = (await listShifts(lucia, { weeks: 3 })).shifts.filter((x) => x.title.startsWith('Clean'));
  const amaras = cleanings.find((x) => x.volunteers.some((v) => v.name.startsWith('Amara')));
  const later = cleanings.find((x) => x.startsAt > (amaras?.startsAt ?? ''));
  if (!amaras || !later) throw new Error('the demo has no cleaning of Amara’s to swap');
  await signUp(lucia, later.seriesId, later.occurrence);
  const swapId = await askSwap(lucia, later.seriesId, later.occurrence, {
    occurrence: amaras.occurrence,
    accountId: amara.actor.accountId as string,
  });
  swapPath = `${home}/shifts/swaps/${swapId}`;
  // Walter, the coordinator, starts a drill and prints the sheet of paper members' links.
  const walter = await memberCtx(server, email.walter);
  const deadline = iso(addSeconds(server.app.services.clock.now(), 2 * 86400));
  const drillId = await startDrill(walter, { deadline, message: 'Storm season: please check your details.' });
  drillPath = `${home}/evacuation/drills/${drillId}`;
  const [line] = await paperSheet(walter, drillId);
  checkInPath = new URL(line!.url).pathname;
  // Its mails could not be sent: the operator (Rosa runs the demo's server) has failed
  // deliveries to look at, each with its error and a retry button.
  await server.app.services.db
    .updateTable('notificationDelivery')
    .set({ status: 'failed', attempts: 6, lastError: '451 4.3.0 mail.example.org: try again later' })
    .where('communityId', 'is not', null)
    .execute();
}

/**
 * The kind of page a path is: ids become `:id` — numbers, UUIDs and dates (a month `2027-03`, a
 * day, a local start `2027-03-20T08:00`: a calendar's next month is the same kind of page, or the
 * crawl would follow it forever) — and a query keeps only its names.
 */
function kindOf(path: string): string {
  const url = new URL(path, 'http://x');
  const segments = url.pathname
    .split('/')
    .map((s) =>
      /^[0-9a-f]{8}-[0-9a-f]{4}-|^\d+$|^\d{4}-\d{2}(-\d{2}(T\d{2}:\d{2})?)?$/i.test(s) ? ':id' : s,
    )
    .join('/');
  const names = [...new Set(url.searchParams.keys())].sort();
  return names.length ? `${segments}?${names.join('&')}` : segments;
}

/** What one person saw: the pages and the faults, and how long it took. */
interface Crawl {
  pages: string[];
  faults: string[];
  ms: number;
}

/**
 * Measures what the reader sees on the page as laid out now; returns one line per fault. Runs in
 * the page. A word may break only where it could not fit on a line of the page's main column; a
 * region that scrolls sideways (a wide table) may be wider than the screen.
 */
function audit(): string[] {
  const out: string[] = [];
  const root = document.documentElement;
  const screen = root.clientWidth;
  const main = document.querySelector('main');
  if (!main) return ['no <main>'];
  const mainStyle = getComputedStyle(main);
  const column = main.clientWidth - parseFloat(mainStyle.paddingLeft) - parseFloat(mainStyle.paddingRight);
  const where = (el: Element) => {
    const id = el.id ? `#${el.id}` : '';
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.split(' ')[0]}` : '';
    const parent = el.parentElement ? `${el.parentElement.tagName.toLowerCase()} > ` : '';
    return `${parent}${el.tagName.toLowerCase()}${id}${cls}`;
  };
  /** Inside a region that scrolls sideways (its own overflow is allowed). */
  const scrolls = (el: Element | null) => {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const x = getComputedStyle(e).overflowX;
      if (x === 'auto' || x === 'scroll') return true;
    }
    return false;
  };
  if (root.scrollWidth > screen) out.push(`the page is ${root.scrollWidth} px wide on a ${screen} px screen`);

  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    const el = node.parentElement;
    if (!el || !text.trim() || el.closest('script, style, noscript')) continue;
    if (!el.checkVisibility({ visibilityProperty: true })) continue;
    const style = getComputedStyle(el);
    // Text read only by screen readers is clipped to a pixel on purpose.
    if (style.clip !== 'auto' || style.clipPath !== 'none') continue;
    const font = parseFloat(style.fontSize);
    // Words, and parts of hyphenated words; an address or a code (with : / ? = @ . or a digit
    // inside) may break anywhere, but must not run off the screen.
    for (const m of text.matchAll(/[^\s\-‐]+/g)) {
      const word = m[0];
      const address = /[:/?=@#&]|\.\S/u.test(word) || (/\d/u.test(word) && /\p{L}/u.test(word));
      range.setStart(node, m.index);
      range.setEnd(node, m.index + word.length);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (rects.length === 0) continue;
      const right = Math.max(...rects.map((r) => r.right));
      if (right > screen + 1 && !scrolls(el)) {
        out.push(`“${word.slice(0, 30)}” in ${where(el)} reaches ${Math.round(right)} px, past the screen`);
        break;
      }
      const lines = new Set(rects.map((r) => Math.round(r.top / (font / 2))));
      const width = rects.reduce((sum, r) => sum + r.width, 0);
      // Inside a padded box a long word may have to break; one that would fit in four fifths of
      // the page's column was broken because its box was crushed. A heading's word is larger
      // than the text: if it cannot fit a line, the heading is too large for the screen.
      const heading = font > parseFloat(getComputedStyle(root).fontSize) * 1.15;
      if (!address && lines.size > 1 && (width <= column * 0.8 || heading)) {
        const box = el.getBoundingClientRect().width;
        out.push(
          `“${word.slice(0, 30)}” in ${where(el)} is broken over ${lines.size} lines in a ${Math.round(box)} px box`,
        );
        break;
      }
    }
  }

  for (const el of document.querySelectorAll('input, select, textarea, button, .button, summary')) {
    if (!el.checkVisibility({ visibilityProperty: true })) continue;
    const box = el.getBoundingClientRect();
    const font = parseFloat(getComputedStyle(el).fontSize);
    const type = el instanceof HTMLInputElement ? el.type : '';
    if (type === 'hidden') continue;
    if (type === 'checkbox' || type === 'radio') {
      if (Math.abs(box.width - box.height) > 1.5) {
        out.push(
          `${type} ${where(el)} is squeezed to ${Math.round(box.width)} × ${Math.round(box.height)} px`,
        );
      }
    } else if (el.matches('input, select, textarea') && box.width < 3 * font) {
      out.push(`${where(el)} is ${Math.round(box.width)} px wide, narrower than a few characters`);
    }
    if (box.right > screen + 1 && !scrolls(el)) {
      out.push(`${where(el)} reaches ${Math.round(box.right)} px, past the screen`);
    }
  }

  // The header and menu leave most of the first screen to the page (a little less at large text).
  const rootFont = parseFloat(getComputedStyle(root).fontSize);
  const share = rootFont > 24 ? 0.4 : 0.25;
  const top = main.getBoundingClientRect().top + window.scrollY;
  if (top > window.innerHeight * share) {
    out.push(`the header takes ${Math.round(top)} px of a ${window.innerHeight} px screen`);
  }
  return [...new Set(out)].slice(0, 6);
}

/** What printing the page shows of the site's frame (header, navigation, footer, buttons). */
function printedChrome(): string[] {
  const shown: string[] = [];
  for (const el of document.querySelectorAll('header, nav, footer, .skip, button')) {
    if (el.checkVisibility())
      shown.push(`${el.tagName.toLowerCase()}${el.className ? `.${el.className}` : ''}`);
  }
  return shown;
}

/** Lays the page out at each text size and audits it; saves screenshots of the shown pages. */
async function check(page: Page, cdp: CDPSession, kind: string, label: string): Promise<string[]> {
  const faults: string[] = [];
  for (const size of textSizes) {
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: size, fixed: Math.round(size * 0.8) } });
    const found = await page.evaluate(audit);
    const text = size === textSizes[0] ? '' : ' at 200 % text';
    for (const f of found) faults.push(`${kind}${text} (${label}): ${f}`);
    if (shots && shown[kind]) {
      // Screen by screen, as a neighbor scrolls (each picture readable at its size).
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      for (let y = 0, n = 1; y < height && n <= 6; y += phone.height, n++) {
        await page.evaluate((top) => window.scrollTo(0, top), y);
        await page.screenshot({
          path: join(shots, `${shown[kind]}-${label.replace(', ', '-')}-${size}-${n}.png`),
        });
      }
      await page.evaluate(() => window.scrollTo(0, 0));
    }
  }
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: textSizes[0], fixed: 13 } });
  await page.emulateMedia({ media: 'print' });
  const printed = await page.evaluate(printedChrome);
  await page.emulateMedia({ media: 'screen' });
  if (printed.length) faults.push(`${kind} (${label}), printed: shows ${printed.join(', ')}`);
  return faults;
}

/** Visits every kind of page reachable by a link from `start`, checking each once. */
async function crawl(context: BrowserContext, start: string[], label: string, within = '/'): Promise<Crawl> {
  const began = Date.now();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const seen = new Set<string>();
  const queue = [...start];
  const result: Crawl = { pages: [], faults: [], ms: 0 };
  while (queue.length) {
    const path = queue.shift()!;
    const kind = kindOf(path);
    if (seen.has(kind)) continue;
    seen.add(kind);
    const response = await page.goto(server.url + path, { waitUntil: 'load' });
    const status = response?.status() ?? 0;
    if (status >= 400) {
      result.faults.push(`${path} (${label}) answered ${status}`);
      continue;
    }
    result.pages.push(kind);
    result.faults.push(...(await check(page, cdp, kind, label)));
    const links = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href') ?? ''));
    for (const href of links) {
      if (!href.startsWith(within) || href.startsWith('//')) continue;
      const next = href.replace(/#.*$/, '');
      if (!next || notPages.test(next.replace(/\?.*$/, '')) || seen.has(kindOf(next))) continue;
      queue.push(next);
    }
  }
  await page.close();
  result.ms = Date.now() - began;
  return result;
}

/** A phone browser with `address` signed in, reading `locale`. */
async function signedIn(address: string, locale: 'en' | 'es'): Promise<BrowserContext> {
  await server.app.services.db.updateTable('account').set({ locale }).where('email', '=', address).execute();
  const context = await browser.newContext({ viewport: phone, locale: locale === 'es' ? 'es-US' : 'en-US' });
  const page = await context.newPage();
  await signIn(server, null, page, address, '/', { shown: false });
  await page.close();
  return context;
}

describe('every page at 360 px and 200 % text', () => {
  const faults: string[] = [];
  const report: string[] = [];
  let began = 0;

  test('a visitor to a server not set up yet', async () => {
    began = Date.now();
    if (shots) mkdirSync(shots, { recursive: true });
    const context = await browser.newContext({ viewport: phone, locale: 'en-US' });
    const result = await crawl(context, ['/', '/login', `/setup?token=${server.setupToken}`], 'visitor, en');
    await context.close();
    faults.push(...result.faults);
    report.push(`visitor, en: ${result.pages.length} kinds of page in ${result.ms} ms`);
    await loadStreet();
  });

  test.each([
    { who: 'a member', address: email.amara, locale: 'en' as const },
    { who: 'a member', address: email.lucia, locale: 'es' as const },
    { who: 'a steward', address: email.rosa, locale: 'en' as const },
    { who: 'a steward', address: email.rosa, locale: 'es' as const },
  ])('$who in $locale', { timeout: 300_000 }, async ({ who, address, locale }) => {
    const context = await signedIn(address, locale);
    const label = `${who.replace('a ', '')}, ${locale}`;
    const start = [
      home,
      '/',
      '/account',
      fridgePath,
      ...(who === 'a steward' ? [signInLinkPath, trainedPath] : [swapPath]),
    ];
    const result = await crawl(context, start, label);
    await context.close();
    faults.push(...result.faults);
    report.push(`${label}: ${result.pages.length} kinds of page in ${result.ms} ms`);
    // Places: the list, a place, its public page and its sign, its edit form for those who keep it.
    const shiftPages = [
      '/shifts/no-shows',
      who === 'a steward' ? '/shifts/series/:id/trained' : '/shifts/swaps/:id',
    ];
    for (const kind of ['/places', '/places/:id', '/p/:id', '/p/:id/sign', ...shiftPages]) {
      expect(result.pages).toContain(`${home}${kind}`);
    }
    for (const kind of Object.keys(shown)) {
      // Only a steward reaches a member's sign-in link page.
      if (who === 'a steward' || !kind.endsWith('/sign-in-link')) expect(result.pages).toContain(kind);
    }
    // Emergency rides: everyone's own registrations and buddy page; stewards the log of who read the data.
    for (const kind of ['', '/household/edit', '/buddy', ...(who === 'a steward' ? ['/log'] : [])])
      expect(result.pages).toContain(`${home}/evacuation${kind}`);
    // Rosa runs the server: her crawl reaches the failed deliveries; nobody else is led there.
    if (who === 'a steward') expect(result.pages).toContain('/operator/notifications');
    else expect(result.pages).not.toContain('/operator/notifications');
  });

  // A coordinator's own pages (the rest are a member's): the ride network's registry, the plan,
  // its route cards and the contact lists, in each language.
  test.each(['en', 'es'] as const)('a coordinator in %s', { timeout: 300_000 }, async (locale) => {
    const context = await signedIn(email.walter, locale);
    const label = `coordinator, ${locale}`;
    const rides = `${home}/evacuation`;
    const result = await crawl(context, [rides], label, rides);
    await context.close();
    faults.push(...result.faults);
    report.push(`${label}: ${result.pages.length} kinds of page in ${result.ms} ms`);
    for (const kind of [
      '/households',
      '/households/:id',
      '/households/new',
      '/drivers',
      '/drivers/:id',
      '/shelters',
      '/plan',
      '/plan/cards',
      '/plan/cards/:id',
      '/contacts',
      '/drills',
      '/drills/:id',
      '/drills/:id/calls',
      '/drills/:id/answers/:id',
      '/alert',
    ])
      expect(result.pages).toContain(`${rides}${kind}`);
  });

  // The drills' pages also pass axe: a paper member's check-in opened by its link without
  // JavaScript, answered, and the coordinator's drill pages.
  test('the drill pages pass axe, the check-in without JavaScript', { timeout: 120_000 }, async () => {
    const auditor = new Auditor(browser);
    try {
      const household = await (
        await auditor.context({ javaScriptEnabled: false, locale: 'es-US' })
      ).newPage();
      await household.goto(server.url + checkInPath);
      await auditor.check(household);
      await household.getByRole('button', { name: 'Estos datos están bien' }).click();
      await household.getByText('Gracias, tu respuesta está guardada.').waitFor();
      await auditor.check(household);
      const coordinator = await (await auditor.context({ javaScriptEnabled: true })).newPage();
      const rides = `${home}/evacuation`;
      await signIn(server, null, coordinator, email.walter, `${rides}/drills`, { shown: false });
      await auditor.check(coordinator);
      for (const path of [`${drillPath}/calls`, drillPath]) {
        await coordinator.goto(server.url + path);
        await auditor.check(coordinator);
      }
      // The printed sheet makes the paper members' links anew: the visitor's crawl takes one of those.
      // By the form, not its words: the coordinator crawls before left Walter reading Spanish.
      await coordinator.locator('form[action$="/sheet"] button').click();
      await coordinator.locator('.link-text').first().waitFor();
      await auditor.check(coordinator);
      const printed = await coordinator.locator('.link-text').first().textContent();
      checkInPath = new URL(printed ?? '').pathname;
      auditor.assertClean();
    } finally {
      await auditor.close();
    }
  });

  // The day of an alert: the coordinator's live board, a driver's steps on her route card, a
  // household's part on the network's page; after it, the review and the feedback form.
  test('the day of an alert', { timeout: 300_000 }, async () => {
    const rides = `${home}/evacuation`;
    const walter = await memberCtx(server, email.walter);
    const shelters = (await shelterChoices(walter)).filter((x) => (x.capacity ?? 0) > 0);
    const alertId = await raiseAlert(walter, {
      reason: 'Flood warning for the harbour',
      message: 'Bring medicines, papers and pets. Leave the lights on.',
      shelters: shelters.map((x) => x.placeId),
    });
    const amara = await memberCtx(server, email.amara);
    await tapRoute(amara, { status: 'started' });
    // A household that registered itself, with its own sign-in.
    const { email: household } = await server.app.services.db
      .selectFrom('evacuationHousehold')
      .innerJoin('account', 'account.id', 'evacuationHousehold.accountId')
      .select('account.email')
      .where('evacuationHousehold.communityId', '=', walter.actor.communityId as string)
      .where('account.email', 'is not', null)
      .orderBy('account.email')
      .executeTakeFirstOrThrow();
    const crawls: [string, 'en' | 'es', string[]][] = [
      [email.walter, 'es', [`${rides}/alert`]],
      [email.amara, 'en', [rides, `${rides}/route`]],
      [household as string, 'es', [rides]],
    ];
    // The coordinator's other pages have their crawl above: here only the alert's own.
    const run = async (address: string, locale: 'en' | 'es', start: string[]) => {
      const context = await signedIn(address, locale);
      const label = `the day, ${address.split('@')[0]}, ${locale}`;
      const result = await crawl(context, start, label, address === email.walter ? `${rides}/alert` : rides);
      await context.close();
      faults.push(...result.faults);
      report.push(`${label}: ${result.pages.length} kinds of page in ${result.ms} ms`);
      return result.pages;
    };
    for (const [address, locale, start] of crawls) await run(address, locale, start);
    // The household's personal link, opened without signing in (its notification holds a
    // reference to it, which its mail turns into the link).
    const { path: ref } = await server.app.services.db
      .selectFrom('notification')
      .innerJoin('account', 'account.id', 'notification.accountId')
      .select('notification.path')
      .where('notification.communityId', '=', walter.actor.communityId as string)
      .where('account.email', '=', household as string)
      .where('notification.path', 'like', '/evacuation/link/safe/%')
      .executeTakeFirstOrThrow();
    const link = resolveLinkRef(server.app.services.config.secretKey, ref) as string;
    const visitor = await browser.newContext({ viewport: phone, locale: 'es-US' });
    const linked = await crawl(visitor, [`${home}${link}`], 'the day, a personal link, es', `${home}${link}`);
    await visitor.close();
    faults.push(...linked.faults);
    expect(linked.pages).toHaveLength(1);
    // A buddy's own link to a household they check on: its address and phone, and three marks.
    const { path: buddyRef } = await server.app.services.db
      .selectFrom('notification')
      .select('path')
      .where('communityId', '=', walter.actor.communityId as string)
      .where('subjectKey', '=', 'evacuation.mail.alert_buddy.subject')
      .where('path', 'like', '/evacuation/link/safe/%')
      .executeTakeFirstOrThrow();
    const buddyLink = resolveLinkRef(server.app.services.config.secretKey, buddyRef) as string;
    const buddy = await browser.newContext({ viewport: phone });
    const checked = await crawl(
      buddy,
      [`${home}${buddyLink}`],
      'the day, a buddy link, en',
      `${home}${buddyLink}`,
    );
    await buddy.close();
    faults.push(...checked.faults);
    expect(checked.pages).toHaveLength(1);
    await endAlert(walter, { message: 'The warning is over; you may go home.' });
    expect(await run(email.walter, 'en', [`${rides}/alerts/${alertId}`])).toContain(`${rides}/alerts/:id`);
    expect(await run(email.amara, 'es', [`${rides}/alerts/${alertId}/feedback`])).toContain(
      `${rides}/alerts/:id/feedback`,
    );
  });

  test('a visitor', { timeout: 300_000 }, async () => {
    const context = await browser.newContext({ viewport: phone, locale: 'es-US' });
    const result = await crawl(
      context,
      ['/', '/login', home, invitePath, fridgePath, checkInPath],
      'visitor, es',
    );
    await context.close();
    faults.push(...result.faults);
    report.push(`visitor, es: ${result.pages.length} kinds of page in ${result.ms} ms`);
    expect(result.pages).toContain(`${home}/p/:id`);
    expect(result.pages).toContain(checkInPath);
  });

  test('no page has a layout fault', () => {
    console.log(`${report.join('\n')}\nin all ${Date.now() - began} ms`);
    expect(faults, faults.join('\n')).toEqual([]);
  });
});
