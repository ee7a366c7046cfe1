/**
 * A cache of rendered pages, for the pages everyone reloads (the board, the catalog, search, the
 * directory): a route opts in with `config: { pageCache: true }`. An entry is one viewer's page —
 * keyed by session, language and URL, so nobody is ever shown what their role does not allow —
 * and counts only while no write has been committed since it was rendered (see `DataChanges`)
 * and for at most `maxAgeMs`, for what depends on the time of day. The key also holds the
 * browser's CSRF secret cookie, so the token in a stored page stays valid for whoever is served
 * it (only the same URL repeats a token, so a compression oracle learns nothing: BREACH needs
 * varying input beside it). Without that cookie the page is rendered, and the cookie set.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { VersionedCache } from '../db/changes.ts';

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

/** Adds the page cache's hooks; register after `registerResolve` (it needs `req.ctx`). */
export function registerPageCache(app: FastifyInstance): void {
  const { clock } = app.services;
  const pages = new VersionedCache<string>(() => clock.now().getTime(), pageCacheLimits);
  const pending = new WeakMap<FastifyReply, { key: string; version: number }>();

  app.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET' || !req.routeOptions.config.pageCache) return;
    const secret = req.cookies[csrfCookie];
    if (!secret) return;
    const key = `${req.sessionToken ?? ''}\n${secret}\n${req.ctx.locale}\n${req.url}`;
    const version = req.dataVersion;
    const page = pages.get(key, version);
    if (page === undefined) {
      pending.set(reply, { key, version });
      return;
    }
    // `x-cache: hit`, as caching proxies say it: the page was served as rendered before.
    return reply.type('text/html; charset=utf-8').header('x-cache', 'hit').send(page);
  });

  app.addHook('onSend', async (_req, reply, payload) => {
    const miss = pending.get(reply);
    // A page that set a cookie (a new CSRF secret, a session) is not one to repeat.
    if (!miss || reply.statusCode !== 200 || typeof payload !== 'string' || reply.hasHeader('set-cookie')) {
      return payload;
    }
    pages.set(miss.key, miss.version, payload);
    return payload;
  });
}
