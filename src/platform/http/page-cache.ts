/**
 * A cache of rendered pages, for the pages everyone reloads (the board, the catalog, search, the
 * directory): a route opts in with `config: { pageCache: true }`. An entry is one viewer's page —
 * keyed by session, language and URL, so nobody is ever shown what their role does not allow —
 * and counts only while none of the tables it was read from has been written (see `DataChanges`;
 * a new post does not drop the library's pages) and for at most `maxAgeMs`, for what depends on
 * the time of day. The key also holds the
 * browser's CSRF secret cookie, so the token in a stored page stays valid for whoever is served
 * it (only the same URL repeats a token, so a compression oracle learns nothing: BREACH needs
 * varying input beside it). Without that cookie the page is rendered, and the cookie set.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { Negotiator } from '@fastify/accept-negotiator';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { sessionCookie } from '../auth/sessions.ts';
import { trackReads, ValidatedCache } from '../db/changes.ts';
import { localeCookie } from './resolve.ts';

/** How long a cached page may be served (ms of the service clock) and how many are kept. */
export const pageCacheLimits = { maxAgeMs: 60_000, maxEntries: 2_000 };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Whether this GET page may be served from the page cache. */
    pageCache?: boolean;
  }
}

/** The cookie @fastify/csrf-protection keeps the CSRF secret in. */
const csrfCookie = '_csrf';

/** A stored page, and its compressed forms, each made once when first asked for. */
interface Page {
  html: string;
  br?: Buffer;
  gzip?: Buffer;
}

// Brotli at quality 5 compresses a page about as well as gzip -9, much faster than quality 11.
const compressors = {
  br: (html: string) => brotliCompressSync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }),
  gzip: (html: string) => gzipSync(html),
};
const encodings = new Negotiator({ supportedValues: ['br', 'gzip'], cache: new Map() });
/** Pages shorter than this go uncompressed, as @fastify/compress's threshold says. */
const compressFrom = 1024;

/**
 * Adds the page cache's hooks. Register after the cookie plugin and before `registerResolve`:
 * a stored page is served before the session is even looked up. That is safe because the key
 * holds everything the session, the account, the membership and the language are found from
 * (the cookies and Accept-Language), and any change to those rows is a write.
 */
export function registerPageCache(app: FastifyInstance): void {
  const { clock, changes } = app.services;
  const pages = new ValidatedCache<Page>(changes, () => clock.now().getTime(), pageCacheLimits);
  const pending = new WeakMap<FastifyReply, { key: string; version: number; read: Set<string> }>();

  app.addHook('onRequest', (req, reply, done) => {
    if (req.method !== 'GET' || !req.routeOptions.config.pageCache) return done();
    const secret = req.cookies[csrfCookie];
    if (!secret) return done();
    const { cookies, headers } = req;
    const key = `${cookies[sessionCookie]}\n${secret}\n${cookies[localeCookie]}\n${headers['accept-language']}\n${req.url}`;
    const page = pages.get(key);
    if (page === undefined) {
      // Render, recording the tables the page is read from.
      const miss = { key, version: changes.version(), read: new Set<string>() };
      pending.set(reply, miss);
      return trackReads(miss.read, done);
    }
    // `x-cache: hit`, as caching proxies say it: the page was served as rendered before.
    reply.type('text/html; charset=utf-8').header('x-cache', 'hit').header('vary', 'accept-encoding');
    const accept = req.headers['accept-encoding'];
    const encoding = accept && page.html.length >= compressFrom ? encodings.negotiate(accept) : undefined;
    if (encoding !== 'br' && encoding !== 'gzip') {
      reply.send(page.html);
      return;
    }
    page[encoding] ??= compressors[encoding](page.html);
    reply.header('content-encoding', encoding).send(page[encoding]);
  });

  app.addHook('onSend', async (_req, reply, payload) => {
    const miss = pending.get(reply);
    // A page that set a cookie (a new CSRF secret, a session) is not one to repeat.
    if (!miss || reply.statusCode !== 200 || typeof payload !== 'string' || reply.hasHeader('set-cookie')) {
      return payload;
    }
    // Whatever was written while it rendered may or may not show: keep only a page from one moment.
    if (changes.version() === miss.version)
      pages.set(miss.key, changes.validity(miss.read), { html: payload });
    return payload;
  });
}
