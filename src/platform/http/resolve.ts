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

/** Adds the `onRequest` hook that fills `req.ctx`, `req.account` and `req.community`. */
export function registerResolve(app: FastifyInstance, services: Services): void {
  app.decorateRequest('ctx', null as never);
  app.addHook('onRequest', async (req) => {
    await resolveRequest(req, services);
  });
}

async function resolveRequest(req: FastifyRequest, services: Services): Promise<void> {
  const token = req.cookies[sessionCookie] || undefined;
  const param = (req.params as Record<string, unknown> | undefined)?.community;
  const slug = typeof param === 'string' ? param : undefined;
  const found = await resolve(services, { token }, { slug });
  if (found.session)
    await extendSession(services.db, services.clock, found.session.id, found.session.lastSeenAt);
  req.sessionToken = token;
  req.account = found.account;
  req.community = found.community;
  const locale = requestLocale(req, found.account?.locale, found.community?.languages);
  req.ctx = Object.assign(contextFrom(services, found, locale), { log: req.log });
}
