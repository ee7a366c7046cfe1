/**
 * The browser harness: the real Porch app listening on a local port (SQLite in a temp directory,
 * mail to the in-process SMTP server), Debian's Chromium driven by playwright-core, and an
 * auditor that runs axe and the 360 px overflow check on every page a journey visits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page, type Request } from 'playwright-core';
import { type App, buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { issueSetupToken } from '../../src/features/accounts/service.ts';
import { type Clock, systemClock } from '../../src/platform/db/time.ts';
import { type Mailbox, startMailbox } from './mailbox.ts';
import { guardNumbersInMarkup } from './numbers-guard.ts';

/** A running Porch server for one journey. */
export interface Server {
  app: App;
  /** The listening URL, also the app's BASE_URL (no trailing slash). */
  url: string;
  mailbox: Mailbox;
  /** The one-time setup token, issued as `porch start` does on a server with no operator. */
  setupToken: string;
  close(): Promise<void>;
}

/** The real clock, moved forward by `ahead` ms when a journey has to wait for an hour to come. */
export interface LaterClock extends Clock {
  ahead: number;
}

/** A `LaterClock` that starts at the real time. */
export function laterClock(): LaterClock {
  const clock: LaterClock = { ahead: 0, now: () => new Date(Date.now() + clock.ahead) };
  return clock;
}

/**
 * Starts Porch on 127.0.0.1 on a free port, with a fresh data directory and its job worker, on
 * `clock` (the real one unless a journey must reach a later hour: see `laterClock`).
 */
export async function startServer(clock: Clock = systemClock): Promise<Server> {
  guardNumbersInMarkup();
  const dataDir = mkdtempSync(join(tmpdir(), 'porch-e2e-'));
  const mailbox = await startMailbox();
  const config = loadConfig({
    PORCH_DATA_DIR: dataDir,
    SMTP_URL: mailbox.url,
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
  });
  const app = await buildApp(config, { logger: false, clock });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  // The port is known only once listening; links in mail and QR codes must point here.
  config.baseUrl = url;
  app.services.jobs.start(100);
  const setupToken = await issueSetupToken(app.services);
  if (!setupToken) throw new Error('a fresh server should offer first-run setup');
  return {
    app,
    url,
    mailbox,
    setupToken,
    async close() {
      await app.close();
      await mailbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The flags the architecture prescribes for Debian's Chromium (each launch: a fresh profile). */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Chromium (`CHROMIUM_PATH`, default `/usr/bin/chromium`). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: chromiumArgs,
  });
}

/** The viewport journeys use, and the narrow width every page must fit. */
export const desktop = { width: 1280, height: 800 };
export const narrowWidth = 360;

const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Waits until the page has loaded and htmx has finished any boosted request and settled. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.waitForFunction(
    () => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added'),
  );
}

function describeViolations(results: Awaited<ReturnType<AxeBuilder['analyze']>>): string[] {
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes
        .map((n) => `      ${n.target.join(' ')} — ${n.failureSummary?.split('\n').join(' ')}`)
        .join('\n'),
  );
}

/** What went wrong on one page. */
export interface PageProblem {
  url: string;
  problems: string[];
}

/**
 * Checks pages with axe (zero violations of WCAG 2.1 A/AA) and at 360 px (no horizontal
 * overflow), and keeps track of every page a journey opened, so a page cannot slip by unchecked.
 *
 * Axe runs inside the page, which is impossible with JavaScript off; such pages are checked in a
 * separate JavaScript-enabled page that is served the exact HTML the journey's page received, with
 * page scripts blocked, so the checked DOM is the one a no-JS visitor got.
 */
export class Auditor {
  /** Every checked page: URL and title. */
  readonly checked: { url: string; title: string }[] = [];
  /** Problems found so far, one entry per page that had any. */
  readonly problems: PageProblem[] = [];
  /** Pages that were opened and left without a check. */
  readonly unchecked: string[] = [];
  private readonly pending = new Map<Page, string>();
  /**
   * The body of the document each page last loaded, read as it arrives: read later, after the
   * page moved on, the browser may no longer hold it.
   */
  private readonly documents = new Map<Page, Promise<string>>();
  private readonly scripts = new WeakMap<BrowserContext, boolean>();
  /** The JavaScript-enabled page that shows replayed no-JS documents, and what it serves. */
  private checker?: Page;
  private replayed = { url: '', html: '' };

  constructor(private readonly browser: Browser) {}

  /** A new context (one person's browser) whose pages are tracked. */
  async context(options: {
    javaScriptEnabled: boolean;
    locale?: string;
    /** The browser's time zone (the machine's when absent). */
    timezoneId?: string;
  }): Promise<BrowserContext> {
    const context = await this.browser.newContext({
      javaScriptEnabled: options.javaScriptEnabled,
      locale: options.locale ?? 'en-US',
      timezoneId: options.timezoneId,
      viewport: desktop,
    });
    this.scripts.set(context, options.javaScriptEnabled);
    context.on('page', (page) => this.track(page));
    return context;
  }

  /**
   * Records every page `page` receives: a document loaded in its main frame, or a page htmx
   * fetched for a boosted link or form (it swaps it in and pushes its URL). Redirects are not
   * pages. (URL changes alone are not counted: htmx also rewrites the current history entry.)
   */
  private track(page: Page) {
    page.on('response', (response) => {
      const request = response.request();
      if (response.status() >= 300 && response.status() < 400) return;
      if (!(response.headers()['content-type'] ?? '').startsWith('text/html')) return;
      const document = request.isNavigationRequest() && request.frame() === page.mainFrame();
      if (document) {
        const body = response.text();
        body.catch(() => {}); // a failure is reported where the body is used
        this.documents.set(page, body);
      } else if (!boosted(request)) return;
      const before = this.pending.get(page);
      if (before !== undefined) this.unchecked.push(before);
      this.pending.set(page, response.url());
    });
  }

  /** Runs axe and the narrow-screen check on what `page` shows now; records any problem. */
  async check(page: Page): Promise<void> {
    const url = page.url();
    let target = page;
    if (this.scripts.get(page.context())) {
      await settled(page);
    } else {
      target = await this.replay(page);
    }
    const problems: string[] = [];
    // Legacy mode runs axe in the page itself; the default opens an extra blank page per run to
    // merge results across frames, which Porch's pages (no iframes) do not need, at twice the time.
    const results = await new AxeBuilder({ page: target }).withTags(axeTags).setLegacyMode(true).analyze();
    problems.push(...describeViolations(results));
    const original = target.viewportSize() ?? desktop;
    await target.setViewportSize({ width: narrowWidth, height: original.height });
    const width = await target.evaluate(() => document.documentElement.scrollWidth);
    if (width > narrowWidth) {
      problems.push(`horizontal overflow at ${narrowWidth} px: the page is ${width} px wide`);
    }
    await target.setViewportSize(original);
    const title = await target.title();
    this.checked.push({ url, title });
    if (problems.length > 0) this.problems.push({ url: `${url} (“${title}”)`, problems });
    this.pending.delete(page);
  }

  /** Shows the HTML `page` last received in the checker page, with page scripts blocked. */
  private async replay(page: Page): Promise<Page> {
    const body = this.documents.get(page);
    if (!body) throw new Error(`no document response recorded for ${page.url()}`);
    this.replayed = { url: withoutHash(page.url()), html: await body };
    if (!this.checker) {
      const context = await this.browser.newContext({ javaScriptEnabled: true, viewport: desktop });
      context.setDefaultTimeout(20_000);
      this.checker = await context.newPage();
      await this.checker.route('**/*', (route) => {
        const request = route.request();
        if (request.resourceType() === 'script') return route.abort();
        if (request.isNavigationRequest() && withoutHash(request.url()) === this.replayed.url) {
          return route.fulfill({
            status: 200,
            contentType: 'text/html; charset=utf-8',
            body: this.replayed.html,
          });
        }
        return route.continue();
      });
    }
    await this.checker.goto(this.replayed.url, { waitUntil: 'load' });
    return this.checker;
  }

  /** Throws if any checked page had a problem or any opened page was left unchecked. */
  assertClean(): void {
    const unchecked = [...this.unchecked, ...this.pending.values()];
    const lines: string[] = [];
    for (const p of this.problems) lines.push(`${p.url}\n    ${p.problems.join('\n    ')}`);
    for (const u of unchecked) lines.push(`${u}\n    opened but never checked`);
    if (lines.length > 0) throw new Error(`Page checks failed:\n${lines.join('\n')}`);
  }

  async close(): Promise<void> {
    await this.checker?.context().close();
  }
}

/** Whether htmx sent `request` (or the request it was redirected from) for a boosted link or form. */
function boosted(request: Request): boolean {
  let first = request;
  while (first.redirectedFrom()) first = first.redirectedFrom()!;
  return first.headers()['hx-boosted'] === 'true';
}

function withoutHash(url: string): string {
  return url.replace(/#.*$/, '');
}

/** Polls `read` every 100 ms until it returns a value (or throws after `ms`). */
export async function eventually<T>(
  what: string,
  read: () => T | undefined | Promise<T | undefined>,
  ms = 10_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
