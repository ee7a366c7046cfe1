/**
 * Resolves a request once, before validation, so every handler and the error handler know who
 * is acting: the session's account, the community named by `:community`, the actor's role in
 * it, and the language (account choice, `lang` cookie, Accept-Language, community, English).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findSessionAccount, sessionCookie } from '../auth/sessions.ts';
import type { Services } from '../context.ts';
import { negotiateLocale, translator } from '../i18n/index.ts';

/** The cookie holding a visitor's language choice. */
export const localeCookie = 'lang';

/** Adds the `onRequest` hook that fills `req.ctx`, `req.account`, `req.community`, `req.membership`. */
export function registerResolve(app: FastifyInstance, services: Services): void {
  app.decorateRequest('ctx', null as never);
  app.addHook('onRequest', async (req) => {
    await resolveRequest(req, services);
  });
}

async function resolveRequest(req: FastifyRequest, services: Services): Promise<void> {
  const { db, clock } = services;
  const token = req.cookies[sessionCookie];
  if (token) {
    req.sessionToken = token;
    req.account = await findSessionAccount(db, clock, token);
  }
  const slug = (req.params as Record<string, string> | undefined)?.community;
  if (typeof slug === 'string') {
    req.community = await db
      .selectFrom('community')
      .selectAll()
      .where('slug', '=', slug.toLowerCase())
      .where('archivedAt', 'is', null)
      .executeTakeFirst();
    if (req.community && req.account) {
      req.membership = await db
        .selectFrom('membership')
        .selectAll()
        .where('communityId', '=', req.community.id)
        .where('accountId', '=', req.account.id)
        .executeTakeFirst();
    }
  }
  const active = req.membership?.status === 'active' ? req.membership : undefined;
  const locale = negotiateLocale(
    req.account?.locale ?? req.cookies[localeCookie],
    req.headers['accept-language'],
    req.community?.languages.split(','),
  );
  req.ctx = {
    ...services,
    log: req.log,
    actor: {
      accountId: req.account?.id ?? null,
      communityId: req.community?.id ?? null,
      role: active?.role ?? 'visitor',
      operator: req.account?.operator === 1,
    },
    locale,
    t: translator(locale),
  };
}
