/**
 * The sharing journeys of the demo community "Maple Street", in a real browser: borrowing Minh's
 * drill end to end (with JavaScript on, and again with it off), adding a memory to Abuela
 * Carmen's bean and reading the thread in Spanish, and an urgent request claimed by a neighbor
 * who opted in to urgent mail, fulfilled and thanked on the gratitude wall. The demo is loaded
 * through the features' services; neighbors sign in with one-time links. Every page on the way
 * is checked by axe and at 360 px; the last test of each journey lists what those checks found.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listMyLoans, transitionLoan } from '../../src/features/library/service.ts';
import { Auditor, launchBrowser, type Server, startServer } from '../support/e2e.ts';
import {
  browserFor,
  dayFrom,
  email,
  h1,
  home,
  loadMapleStreet,
  mailedLink,
  memberCtx,
  pathOf,
  signIn,
} from './sharing-support.ts';

const drill = 'Cordless drill with two batteries';
const bean = 'bean · Frijol de la abuela Carmen';
/** How long a status may take to change: a page round trip on a busy two-core machine. */
const patiently = { timeout: 20_000, interval: 100 };

let browser: Browser;
let server: Server;
beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  await loadMapleStreet(server);
  // The demo has Amara's weekend loan of the drill still out; she has brought it back since.
  const minh = await memberCtx(server, email.minh);
  const amaras = (await listMyLoans(minh)).lending.filter((l) => l.itemName === drill && l.status === 'out');
  expect(amaras).toHaveLength(1);
  await transitionLoan(minh, amaras[0]!.id, 'return', { condition: 'good' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** One journey's browsers and page checks. */
function journey() {
  const state = { auditor: undefined as unknown as Auditor, contexts: [] as BrowserContext[] };
  beforeAll(() => {
    state.auditor = new Auditor(browser);
  });
  afterAll(async () => {
    for (const context of state.contexts) await context.close();
    await state.auditor?.close();
  });
  return state;
}

describe.each([
  { js: true, mode: 'with JavaScript', borrower: 'Fatima Haddad', address: email.fatima, from: 5, until: 8 },
  {
    js: false,
    mode: 'without JavaScript',
    borrower: 'George Whitfield',
    address: email.george,
    from: 10,
    until: 13,
  },
])('borrowing a drill from a neighbor $mode', ({ js, borrower, address, from, until }) => {
  const j = journey();
  let neighbor: Page;
  let minh: Page;
  let loanPath: string;
  const startsOn = () => dayFrom(server, from);
  const dueOn = () => dayFrom(server, until);
  const thanks = `Thank you, Minh! The shelves are up (${borrower}).`;
  const problem = 'One battery holds less charge than the other.';

  test(`${borrower} finds the drill`, async () => {
    neighbor = await browserFor(j.auditor, j.contexts, { js });
    await signIn(server, j.auditor, neighbor, address, home, { shown: true });
    await h1(neighbor, 'Maple Street Neighbors');
    await j.auditor.check(neighbor);
    const nav = neighbor.getByRole('navigation', { name: 'Main' });
    if (js) {
      // The library's own catalog search.
      await nav.getByRole('link', { name: 'Library' }).click();
      await h1(neighbor, 'Lending library');
      await j.auditor.check(neighbor);
      await neighbor.getByLabel('Search by name').fill('drill');
      // With "All categories" the form cannot be sent yet (see the known bug below).
      await neighbor.getByLabel('Category').selectOption({ label: 'Tools' });
      await neighbor.getByRole('button', { name: 'Find' }).click();
      await neighbor.waitForURL(/[?&]q=drill/);
      await h1(neighbor, 'Lending library');
      await j.auditor.check(neighbor);
      await neighbor.getByRole('main').getByRole('link', { name: drill }).click();
    } else {
      // The community's search across posts, items, seeds and skills.
      await nav.getByRole('link', { name: 'Search' }).click();
      await h1(neighbor, 'Search');
      await j.auditor.check(neighbor);
      await neighbor.getByLabel('What are you looking for?').fill('drill');
      await neighbor.getByRole('button', { name: 'Search', exact: true }).click();
      await h1(neighbor, 'Search');
      await j.auditor.check(neighbor);
      await neighbor
        .getByRole('region', { name: 'In the library' })
        .getByRole('link', { name: drill })
        .click();
    }
    await h1(neighbor, drill);
    await j.auditor.check(neighbor);
    await neighbor.getByText('Lent by Minh Tran').waitFor();
  });

  // The catalog's form sends `category=` for "All categories": that must mean no filter.
  test('the catalog form searches by name in all categories', async () => {
    const response = await neighbor.request.get(`${server.url}${home}/library?q=drill&category=`);
    expect(response.status(), 'the catalog with "All categories"').toBe(200);
  });

  test(`${borrower} asks to borrow it for free days`, async () => {
    await neighbor.getByLabel('From').fill(startsOn());
    await neighbor.getByLabel('Back by').fill(dueOn());
    await neighbor
      .getByLabel('Message to the lender (optional)')
      .fill('For two shelves. I will charge both batteries.');
    await neighbor.getByRole('button', { name: 'Ask to borrow' }).click();
    await h1(neighbor, `Loan of ${drill}`);
    loanPath = pathOf(neighbor);
    expect(loanPath).toMatch(/^\/c\/maple-street\/library\/loans\/[^/]+$/);
    await j.auditor.check(neighbor);
    await expect.poll(() => facts(neighbor, 'Status'), patiently).toBe('Requested');
    expect(await facts(neighbor, 'Borrower')).toBe(borrower);
  });

  test('Minh follows the link in his mail, approves, and hands the drill over', async () => {
    const link = await mailedLink(server, email.minh, 'would like to borrow', loanPath);
    minh = await browserFor(j.auditor, j.contexts, { js });
    await signIn(server, j.auditor, minh, email.minh, new URL(link).pathname, { shown: false });
    await h1(minh, `Loan of ${drill}`);
    await j.auditor.check(minh);
    expect(await facts(minh, 'Borrower')).toBe(borrower);

    await minh.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => facts(minh, 'Status'), patiently).toBe('Approved, not picked up yet');
    await j.auditor.check(minh);

    await minh.getByRole('button', { name: 'It has been picked up' }).click();
    await expect.poll(() => facts(minh, 'Status'), patiently).toBe('Lent out');
    await j.auditor.check(minh);
  });

  test('Minh marks it returned, with its condition and a small problem', async () => {
    const returning = minh.getByRole('group', { name: 'Condition when returned' });
    await returning.getByRole('radio', { name: 'Fair' }).check();
    await minh.getByLabel('Anything broken or missing? (optional)').fill(problem);
    await minh.getByRole('button', { name: 'It has been returned' }).click();
    await expect.poll(() => facts(minh, 'Status'), patiently).toBe('Returned');
    await j.auditor.check(minh);
    expect(await facts(minh, 'Condition when returned')).toBe('Fair');
    expect(await facts(minh, 'Anything broken or missing? (optional)')).toBe(problem);
  });

  test(`${borrower} says thank you from the mail that it is back`, async () => {
    const link = await mailedLink(server, address, 'Thanks for bringing back', loanPath);
    await neighbor.goto(link);
    await h1(neighbor, `Loan of ${drill}`);
    await expect.poll(() => facts(neighbor, 'Status'), patiently).toBe('Returned');
    await j.auditor.check(neighbor);
    await neighbor.getByLabel('A few words of thanks (optional)').fill(thanks);
    await neighbor.getByRole('button', { name: 'Say thank you' }).click();
    await expect.poll(() => facts(neighbor, 'Status'), patiently).toBe('Returned and thanked');
    await j.auditor.check(neighbor);
    expect(await neighbor.getByRole('button', { name: 'Say thank you' }).count()).toBe(0);
  });

  test("Minh reads the thank-you, and the drill's history shows every step of the loan, by whom", async () => {
    const link = await mailedLink(server, email.minh, `${borrower} says thank you`, loanPath);
    await minh.goto(link);
    await h1(minh, `Loan of ${drill}`);
    await expect.poll(() => facts(minh, 'Status'), patiently).toBe('Returned and thanked');
    expect(await facts(minh, 'A few words of thanks (optional)')).toBe(thanks);
    await j.auditor.check(minh);

    await minh.getByRole('main').getByRole('link', { name: drill }).click();
    await h1(minh, drill);
    await j.auditor.check(minh);
    const history = minh
      .getByRole('main')
      .getByRole('listitem')
      .filter({ has: minh.locator(`a[href="${loanPath}"]`) });
    // Each line: "<date and time>: <what> — <who> — “<note>” (loan)"; the lender sees every name.
    const lines = (await history.allTextContents()).map((l) =>
      l.replace(/\s+/g, ' ').replace(/^.*?\d{1,2}:\d{2}(?: [AP]M)?: /, ''),
    );
    // Newest first.
    expect(lines).toEqual([
      `Thanked — ${borrower} — “${thanks}” (loan)`,
      `Returned — Minh Tran — “${problem}” (loan)`,
      'Picked up — Minh Tran (loan)',
      'Loan approved — Minh Tran (loan)',
      `Loan requested — ${borrower} (loan)`,
    ]);
  });

  test('every page of the journey passes axe and fits 360 px', () => {
    expect(j.auditor.checked.length).toBeGreaterThanOrEqual(14);
    j.auditor.assertClean();
  });
});

/** The text of the `<dd>` after the `<dt>` named `term` in the page's facts list. */
async function facts(page: Page, term: string): Promise<string> {
  const dd = page.locator('dl.facts dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
  return ((await dd.first().textContent()) ?? '').trim();
}

describe('adding a story to a bean variety', () => {
  const j = journey();
  let amara: Page;
  let varietyPath: string;
  const memory =
    'The summer of the heat wave Rosa gave me a handful for my balcony. They climbed the railing all the way up.';

  /** The stories' headings ("year · kind"), in the order the thread shows them. */
  const thread = (page: Page, name: string) =>
    page
      .getByRole('region', { name })
      .getByRole('listitem')
      .getByRole('heading', { level: 3 })
      .allTextContents();

  test('Amara opens the seed library and Abuela Carmen’s bean', async () => {
    amara = await browserFor(j.auditor, j.contexts, { js: true });
    await signIn(server, j.auditor, amara, email.amara, `${home}/seeds`, { shown: true });
    await h1(amara, 'Seed library');
    await j.auditor.check(amara);
    await amara.getByRole('link', { name: bean }).click();
    await h1(amara, bean);
    varietyPath = pathOf(amara);
    await j.auditor.check(amara);
    expect(await thread(amara, 'Stories')).toEqual([
      '1974 · Memory',
      '2019 · Growing tip',
      'Undated · Memory',
    ]);
  });

  test('she adds a memory from 1995; it takes its place in the thread by year', async () => {
    const form = amara.getByRole('region', { name: 'Add a memory or a tip' });
    await form
      .getByRole('group', { name: 'What are you sharing?' })
      .getByRole('radio', { name: 'Memory' })
      .check();
    await form.getByLabel('Your story or tip').fill(memory);
    await form.getByLabel('Year the memory is from').fill('1995');
    await form.getByRole('button', { name: 'Share' }).click();
    await amara.getByText(memory).waitFor();
    await h1(amara, bean);
    expect(pathOf(amara)).toBe(varietyPath);
    await j.auditor.check(amara);
    expect(await thread(amara, 'Stories')).toEqual([
      '1974 · Memory',
      '1995 · Memory',
      '2019 · Growing tip',
      'Undated · Memory',
    ]);
    const story = amara
      .getByRole('region', { name: 'Stories' })
      .getByRole('listitem')
      .filter({ hasText: memory });
    expect(await story.getByRole('heading').textContent()).toBe('1995 · Memory');
    await story.getByText('Told by Amara Okafor').waitFor();
  });

  test('Lucía reads the thread in Spanish', async () => {
    const lucia = await browserFor(j.auditor, j.contexts, { js: true, locale: 'es-ES' });
    await signIn(server, j.auditor, lucia, email.lucia, varietyPath, { shown: false });
    await h1(lucia, bean);
    expect(await lucia.getAttribute('html', 'lang')).toBe('es');
    await j.auditor.check(lucia);
    expect(await thread(lucia, 'Historias')).toEqual([
      '1974 · Recuerdo',
      '1995 · Recuerdo',
      '2019 · Consejo de cultivo',
      'Sin fecha · Recuerdo',
    ]);
    await lucia.getByText(memory).waitFor();
  });

  test('every page of the journey passes axe and fits 360 px', () => {
    expect(j.auditor.checked.length).toBeGreaterThanOrEqual(5);
    j.auditor.assertClean();
  });
});

describe('an urgent request, claimed, fulfilled and thanked', () => {
  const j = journey();
  let amara: Page;
  let sam: Page;
  let postPath: string;
  const title = 'Help carrying a new mattress up to the 3rd floor';
  const thanks = 'Amara came within ten minutes and we had it upstairs before the rain. Thank you!';

  test('Amara asks for urgent requests by email, from the board', async () => {
    amara = await browserFor(j.auditor, j.contexts, { js: true });
    await signIn(server, j.auditor, amara, email.amara, `${home}/board`, { shown: true });
    await h1(amara, 'Offers and requests');
    await j.auditor.check(amara);
    await amara.getByRole('button', { name: 'Email me urgent requests' }).click();
    await amara.getByRole('button', { name: 'Stop emailing me urgent requests' }).waitFor();
    await j.auditor.check(amara);
    await amara.getByText('You get an email when a neighbor posts an urgent request').waitFor();
  });

  test('Sam posts an urgent request', async () => {
    sam = await browserFor(j.auditor, j.contexts, { js: true });
    await signIn(server, j.auditor, sam, email.sam, `${home}/board/new`, { shown: false });
    await h1(sam, 'Offer or ask for help');
    await j.auditor.check(sam);
    await sam
      .getByRole('group', { name: 'Offer or request' })
      .getByRole('radio', { name: 'I need help' })
      .check();
    await sam.getByLabel('What is it?').fill(title);
    await sam
      .getByLabel('Details')
      .fill('The delivery left it in the lobby. It needs two people; I have the other pair of hands.');
    await sam.getByLabel('Category').selectOption({ label: 'Errands' });
    await sam.getByLabel('Where').fill('488 Maple, lobby');
    await sam.getByRole('checkbox', { name: 'This is urgent' }).check();
    await sam.getByRole('button', { name: 'Post' }).click();
    await h1(sam, title);
    postPath = pathOf(sam);
    expect(postPath).toMatch(/^\/c\/maple-street\/posts\/[^/]+$/);
    await j.auditor.check(sam);
    await sam.getByRole('main').getByText('Urgent', { exact: true }).waitFor();
  });

  test('Amara gets the urgent mail, opens the post and says she will help', async () => {
    const link = await mailedLink(
      server,
      email.amara,
      `Urgent on Maple Street Neighbors: ${title}`,
      postPath,
    );
    await amara.goto(link);
    await h1(amara, title);
    await j.auditor.check(amara);
    await amara.getByRole('button', { name: 'I will help' }).click();
    await amara.getByText('You are helping.').waitFor();
    await j.auditor.check(amara);
    expect(await amara.getByRole('button', { name: 'I can no longer help' }).count()).toBe(1);
  });

  test('Sam hears who helps, marks the request done and thanks her', async () => {
    const link = await mailedLink(server, email.sam, 'Amara Okafor will help', postPath);
    await sam.goto(link);
    await h1(sam, title);
    await sam.getByText('Amara Okafor is helping.').waitFor();
    await j.auditor.check(sam);
    await sam.getByLabel('Thank-you note (optional)').fill(thanks);
    const helper = sam.getByLabel('Who helped?');
    expect(await helper.locator('option:checked').textContent()).toBe('Amara Okafor');
    await sam.getByRole('button', { name: 'Mark as done' }).click();
    await sam.getByText('This is done. Thank you, neighbors!').waitFor();
    await j.auditor.check(sam);
    await sam.getByRole('blockquote').getByText(thanks).waitFor();
    await sam.getByText('To Amara Okafor').waitFor();
  });

  test('the thank-you is on the gratitude wall', async () => {
    await sam.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Thanks' }).click();
    await h1(sam, 'Gratitude wall');
    await j.auditor.check(sam);
    const newest = sam.getByRole('main').getByRole('listitem').first();
    expect(await newest.getByRole('blockquote').textContent()).toBe(thanks);
    await newest.getByText('From Sam Rivera to Amara Okafor').waitFor();
    expect(await newest.getByRole('link', { name: title }).getAttribute('href')).toBe(postPath);
  });

  test('every page of the journey passes axe and fits 360 px', () => {
    expect(j.auditor.checked.length).toBeGreaterThanOrEqual(10);
    j.auditor.assertClean();
  });
});
