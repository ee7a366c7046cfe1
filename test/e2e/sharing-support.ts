/**
 * Helpers for the sharing journeys: the demo community loaded through the features' services,
 * neighbors signed in by a one-time link in their own browser, service contexts for setting up
 * what a journey does not need to click through, and links read from the test mailbox.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { insertSignInToken } from '../../src/features/accounts/service.ts';
import { loadDemo } from '../../src/features/demo/service.ts';
import { type Ctx, contextFor } from '../../src/platform/context.ts';
import { addSeconds, iso } from '../../src/platform/db/time.ts';
import { type Auditor, eventually, type Server } from '../support/e2e.ts';

/** The demo community's web address. */
export const slug = 'maple-street';
/** The demo community's pages start here. */
export const home = `/c/${slug}`;

/** Demo neighbors' sign-in addresses (see `src/features/demo/data.ts`). */
export const email = {
  rosa: 'rosa@maple-street.example',
  walter: 'walter@maple-street.example',
  amara: 'amara@maple-street.example',
  minh: 'minh@maple-street.example',
  lucia: 'lucia@maple-street.example',
  george: 'george@maple-street.example',
  fatima: 'fatima@maple-street.example',
  sam: 'sam@maple-street.example',
} as const;

/** Loads the demo community into the running server (once per server). */
export async function loadMapleStreet(server: Server): Promise<void> {
  await loadDemo(server.app.services);
}

/** A service context for the demo member with `address`, as their own requests would have. */
export async function memberCtx(server: Server, address: string): Promise<Ctx> {
  const s = server.app.services;
  const community = await s.db
    .selectFrom('community')
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow();
  const account = await s.db
    .selectFrom('account')
    .select('id')
    .where('email', '=', address)
    .executeTakeFirstOrThrow();
  return contextFor(s, { accountId: account.id, communityId: community.id, locale: 'en' });
}

/** The day `days` from the server's now, `YYYY-MM-DD` (UTC, as the demo's own loan uses). */
export function dayFrom(server: Server, days: number): string {
  return iso(addSeconds(server.app.services.clock.now(), days * 86400)).slice(0, 10);
}

/** Opens a new browser for one neighbor; `contexts` collects it for closing. */
export async function browserFor(
  auditor: Auditor,
  contexts: BrowserContext[],
  options: { js: boolean; locale?: string },
): Promise<Page> {
  const context = await auditor.context({ javaScriptEnabled: options.js, locale: options.locale });
  context.setDefaultTimeout(20_000);
  contexts.push(context);
  return context.newPage();
}

/**
 * Signs `address` in on `page` with a one-time link (as if mailed) and lands on `next`. With
 * `shown`, the link's confirmation page is opened in the tab, checked, and its button pressed;
 * otherwise the same two requests go through the browser's cookie jar without a tab (the
 * confirmation page has its own journey in sign-in.test.ts), to keep the journeys quick. The
 * caller checks the page it lands on.
 */
export async function signIn(
  server: Server,
  auditor: Auditor | null,
  page: Page,
  address: string,
  next: string,
  { shown }: { shown: boolean },
): Promise<void> {
  const s = server.app.services;
  const token = await s.db.transaction().execute((tx) => insertSignInToken(tx, s, address, next));
  const link = `${server.url}/login/${token}`;
  if (shown) {
    await page.goto(link);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await auditor?.check(page);
    await page.getByRole('main').getByRole('button').click();
    await page.waitForURL((url) => url.pathname === next.replace(/[?#].*$/, ''));
    return;
  }
  const http = page.context().request;
  const confirm = await (await http.get(link)).text();
  const csrf = confirm.match(/name="_csrf" value="([^"]+)"/)?.[1];
  if (!csrf) throw new Error('the sign-in confirmation page has no CSRF token');
  const verified = await http.post(`${server.url}/login/verify`, {
    form: { _csrf: csrf, token },
    maxRedirects: 0,
  });
  if (verified.status() !== 303 || verified.headers().location !== next) {
    throw new Error(`signing in ${address} answered ${verified.status()} ${verified.headers().location}`);
  }
  await page.goto(`${server.url}${next}`);
}

/**
 * Waits for a mail to `address` whose subject contains `subject` and that has a link containing
 * `fragment`; returns that link (of the newest such mail).
 */
export function mailedLink(
  server: Server,
  address: string,
  subject: string,
  fragment: string,
): Promise<string> {
  return eventually(`a mail to ${address} about “${subject}” with a link to ${fragment}`, () => {
    for (const mail of server.mailbox.to(address).reverse()) {
      if (!mail.subject.includes(subject)) continue;
      const link = mail.text.match(/https?:\/\/\S+/g)?.find((l) => l.includes(fragment));
      if (link) return link;
    }
    return undefined;
  });
}

/** Waits for the level-one heading `name` (the page after a click has arrived). */
export function h1(page: Page, name: string | RegExp): Promise<void> {
  return page.getByRole('heading', { level: 1, name }).waitFor();
}

/** The page's path. */
export function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}
