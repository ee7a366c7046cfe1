/**
 * A cache of rendered pages, for the pages everyone reloads (the board, the catalog, search, the
 * directory): a route opts in with `config: { pageCache: true }`. A page is stored for an active
 * member of a community and found again only under everything it was rendered from, as the
 * database holds it when this request comes (`resolveStanding` in `standing.ts`: read with the
 * request, or on SQLite kept while nothing at all has been committed since): the community and
 * its data version, the account, and the member's role there; then the browser's CSRF secret, the
 * language and the URL. The database moves the version in the transaction of every write that
 * changes what the community's pages show (migration 0014), so after a write by any process — a
 * member removed, a phone number hidden, a new post — no stored page of that community is found
 * again, and every other community's still is. A session signed out resolves to nobody, who is
 * never served a stored page. When in doubt (no version, no active membership, a page that sets a
 * cookie) the page is rendered. A page counts for at most `maxAgeMs`, for what depends on the
 * clock.
 *
 * The key holds the browser's CSRF secret cookie, so the token in a stored page stays valid for
 * whoever is served it (only the same URL repeats a token, so a compression oracle learns
 * nothing: BREACH needs varying input beside it). Without that cookie the page is rendered, and
 * the cookie set.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { Negotiator } from '@fastify/accept-negotiator';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { extendSession, sessionCookie } from '../auth/sessions.ts';
import type { Services } from '../context.ts';
import { resolveStanding } from '../standing.ts';
import { flashCookie } from './flash.ts';
import { requestLocale } from './resolve.ts';

/** How long a stored page may be served (ms of the service clock), and how much memory pages take. */
export const pageCacheLimits = { maxAgeMs: 60_000, maxBytes: 64 * 1024 * 1024 };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Whether this GET page may be served from the page cache. */
    pageCache?: boolean;
  }
}

/** The cookie @fastify/csrf-protection keeps the CSRF secret in. */
const csrfCookie = '_csrf';

/**
 * A stored page, its compressed forms and the header list each form is written with, each made
 * once when first asked for.
 */
interface Page {
  html: string;
  br?: Buffer;
  gzip?: Buffer;
  /** By encoding (`identity`: not compressed), as `ServerResponse.writeHead` takes them. */
  heads?: Partial<Record<'br' | 'gzip' | 'identity', string[]>>;
}

// gzip first: a page of 12 KB takes about 0.08 ms to gzip and 0.2–0.3 ms to brotli (any quality
// up to 5, most of it setting brotli up), for 11 % fewer bytes — both fit the first round trip.
const compressors = {
  gzip: (html: string) => gzipSync(html),
  br: (html: string) => brotliCompressSync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }),
};
/** The encodings stored pages are sent in, by preference (shared with `@fastify/compress`). */
export const pageEncodings = ['gzip', 'br'] as const;
const encodings = new Negotiator({ supportedValues: [...pageEncodings], cache: new Map() });
/** Pages shorter than this go uncompressed, as @fastify/compress's threshold says. */
const compressFrom = 1024;

/**
 * Where `req`'s page is stored, or undefined when it may not be: only GET pages that opt in, for
 * an active member of the community they are in (as the database says now), once the browser
 * holds a CSRF secret. Extends the session once a day, as resolving does.
 */
async function keyOf(req: FastifyRequest, services: Services): Promise<string | undefined> {
  if (req.method !== 'GET' || !req.routeOptions.config.pageCache) return undefined;
  // A notice waits to be shown once on this page (`http/flash.ts`): render it.
  if (req.cookies[flashCookie] !== undefined) return undefined;
  const secret = req.cookies[csrfCookie];
  const token = req.cookies[sessionCookie];
  const slug = (req.params as { community?: unknown } | undefined)?.community;
  if (!secret || !token || typeof slug !== 'string') return undefined;
  const now = await resolveStanding(services, token, slug);
  if (now.session) await extendSession(services.db, services.clock, now.session.id, now.session.lastSeenAt);
  if (!now.accountId || now.dataVersion === null || now.status !== 'active') return undefined;
  const locale = requestLocale(req, now.accountLocale, now.communityLanguages);
  return `${now.communityId}\n${now.dataVersion}\n${now.accountId}\n${now.role}\n${secret}\n${locale}\n${req.url}`;
}

/** Whether `reply` sends an HTML page (which may have been given a type by now or not yet). */
function isHtml(reply: FastifyReply): boolean {
  return String(reply.getHeader('content-type') ?? '').startsWith('text/html');
}

/** The encoding `page` is sent in to `req`'s browser, if any. */
function encodingFor(req: FastifyRequest, page: Page): 'br' | 'gzip' | undefined {
  const accept = req.headers['accept-encoding'];
  const encoding = accept && page.html.length >= compressFrom ? encodings.negotiate(accept) : undefined;
  return encoding === 'br' || encoding === 'gzip' ? encoding : undefined;
}

/** `page` compressed as `encoding` (each form made once), or its text. */
function encoded(page: Page, encoding: 'br' | 'gzip' | undefined): string | Buffer {
  if (!encoding) return page.html;
  page[encoding] ??= compressors[encoding](page.html);
  return page[encoding];
}

/** Sends `page` compressed as the browser accepts; returns the body sent. */
function body(req: FastifyRequest, reply: FastifyReply, page: Page): string | Buffer {
  reply.type('text/html; charset=utf-8').header('vary', 'accept-encoding');
  const encoding = encodingFor(req, page);
  if (encoding) reply.header('content-encoding', encoding);
  return encoded(page, encoding);
}

/**
 * Adds the page cache's hooks. Register before `registerResolve` (a stored page is served without
 * resolving the whole request: its standing in brief instead) and before compression (every
 * HTML page is compressed here, stored pages once). A stored page is written to the socket as
 * it is, with `headers` (those every response carries) and its own: what Fastify does for a
 * reply — the `onSend` hooks, working out and checking each header — was half of the CPU time a
 * stored page took (`npm run bench:http`). The `onResponse` hooks and the request's log line
 * still follow it.
 */
export function registerPageCache(app: FastifyInstance, headers: Readonly<Record<string, string>>): void {
  const { clock } = app.services;
  const pages = new LRUCache<string, Page>({
    // Roughly the bytes a page holds: its text and its compressed forms.
    maxSize: pageCacheLimits.maxBytes,
    sizeCalculation: (page) => page.html.length * 2,
    ttl: pageCacheLimits.maxAgeMs,
    perf: { now: () => clock.now().getTime() },
    ttlResolution: 0,
  });
  const pending = new WeakMap<FastifyReply, string>();
  // As a flat list of names and values, which Node writes without making an object of them.
  // `x-cache: hit`, as caching proxies say it: the page was served as rendered before.
  const storedHeaders = Object.entries({
    ...headers,
    'x-cache': 'hit',
    'content-type': 'text/html; charset=utf-8',
    vary: 'accept-encoding',
  }).flat();

  app.addHook('onRequest', async (req, reply) => {
    const key = await keyOf(req, app.services);
    if (key === undefined) return;
    const page = pages.get(key);
    if (page === undefined) {
      pending.set(reply, key);
      return;
    }
    const encoding = encodingFor(req, page);
    const sent = encoded(page, encoding);
    // Made once per page and form, not with every request (less for the garbage collector).
    page.heads ??= {};
    let head = page.heads[encoding ?? 'identity'];
    if (!head) {
      head = [
        ...storedHeaders,
        ...(encoding ? ['content-encoding', encoding] : []),
        'content-length',
        String(Buffer.byteLength(sent)),
      ];
      page.heads[encoding ?? 'identity'] = head;
    }
    reply.hijack();
    reply.raw.writeHead(200, head);
    reply.raw.end(sent);
  });

  app.addHook('onSend', (req, reply, payload, done) => {
    if (typeof payload !== 'string' || !isHtml(reply)) return done(null, payload);
    const page: Page = { html: payload };
    const key = pending.get(reply);
    // A page that set a cookie (a new CSRF secret, a session) is not one to repeat.
    if (key !== undefined && reply.statusCode === 200 && !reply.hasHeader('set-cookie')) pages.set(key, page);
    // Every page is compressed here, in one call, as a stored page is: @fastify/compress would
    // set up a zlib stream for it, which costs more than compressing a page of 12 KB.
    done(null, body(req, reply, page));
  });
}
