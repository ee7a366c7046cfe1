/**
 * Resolves a request once, before validation, so every handler and the error handler know who
 * is acting: the session's account, the community named by `:community`, the account's
 * membership there, and the language (account choice, `lang` cookie, Accept-Language,
 * community, English).
 *
 * All of it is read from the database on every request, in one statement: an authorization
 * decision never rests on a copy another process could have left stale (a member removed, a
 * session signed out elsewhere). The only other statement is the session's extension, at most
 * once a day.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { extendSession, sessionCookie } from '../auth/sessions.ts';
import { contextFrom, resolve, type Services } from '../context.ts';
import { type Locale, negotiateLocale } from '../i18n/index.ts';

/** The cookie holding a visitor's language choice. */
export const localeCookie = 'lang';

/**
 * The language of `req`: the account's choice, else the `lang` cookie, else the best of
 * Accept-Language among the community's `languages` (comma-separated), else English.
 */
export function requestLocale(
  req: FastifyRequest,
  accountLocale: string | null | undefined,
  languages: string | null | undefined,
): Locale {
  return negotiateLocale(
    accountLocale ?? req.cookies[localeCookie],
    req.headers['accept-language'],
    languages?.split(','),
  );
}

/**
 * Adds the `onRequest` hook that fills `req.ctx` and `req.account` — for a route of the
 * community scope (`http/community.ts`) with the community named by `:community`, in the same
 * one statement. Register it before any hook that reads `req.ctx`.
 */
export function registerResolve(app: FastifyInstance, services: Services): void {
  app.decorateRequest('ctx', null as never);
  app.addHook('onRequest', async (req) => {
    const slug = req.routeOptions.config?.community
      ? (req.params as { community?: unknown }).community
      : undefined;
    await resolveRequest(req, services, typeof slug === 'string' ? slug : undefined);
  });
}

/** Resolves the session of `req` and the community with `slug` (none outside a community). */
async function resolveRequest(
  req: FastifyRequest,
  services: Services,
  slug: string | undefined,
): Promise<void> {
  const token = req.cookies[sessionCookie] || undefined;
  const found = await resolve(services, { token }, { slug });
  if (found.session)
    await extendSession(services.db, services.clock, found.session.id, found.session.lastSeenAt);
  req.sessionToken = token;
  req.account = found.account;
  const locale = requestLocale(req, found.account?.locale, found.community?.languages);
  req.ctx = Object.assign(contextFrom(services, found, locale), { log: req.log });
}
