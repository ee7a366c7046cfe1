/**
 * Resolves a request once, before validation, so every handler and the error handler know who
 * is acting: the session's account, the community named by `:community`, the actor's role in
 * it, and the language (account choice, `lang` cookie, Accept-Language, community, English).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findSessionAccount, sessionCookie } from '../auth/sessions.ts';
import type { Services } from '../context.ts';
import { dependOn, untracked, ValidatedCache } from '../db/changes.ts';
import type { Account, Community, Membership } from '../db/database.ts';
import { negotiateLocale, translator } from '../i18n/index.ts';

/** The cookie holding a visitor's language choice. */
export const localeCookie = 'lang';

/** Adds the `onRequest` hook that fills `req.ctx`, `req.account`, `req.community`, `req.membership`. */
export function registerResolve(app: FastifyInstance, services: Services): void {
  app.decorateRequest('ctx', null as never);
  // Who a session and a slug stand for, until a write to their tables (rows are read-only).
  const resolved = new ValidatedCache<Resolved>(services.changes, () => services.clock.now().getTime(), {
    maxEntries: 10_000,
    maxAgeMs: 60_000,
  });
  app.addHook('onRequest', async (req) => {
    await resolveRequest(req, services, resolved);
  });
}

/**
 * The tables whose writes may change who a session and a slug stand for. Not `session`: a new
 * session or a later expiry does not change what an existing token stands for, and deleting one
 * (signing out) counts as a write to every table.
 */
const resolvedFrom = ['account', 'community', 'membership'];

interface Resolved {
  account?: Account;
  community?: Community;
  membership?: Membership;
}

async function lookUp(services: Services, token: string | undefined, slug: unknown): Promise<Resolved> {
  const { db, clock } = services;
  const found: Resolved = {};
  if (token) found.account = await findSessionAccount(db, clock, token);
  if (typeof slug === 'string') {
    found.community = await db
      .selectFrom('community')
      .selectAll()
      .where('slug', '=', slug.toLowerCase())
      .where('archivedAt', 'is', null)
      .executeTakeFirst();
    if (found.community && found.account) {
      found.membership = await db
        .selectFrom('membership')
        .selectAll()
        .where('communityId', '=', found.community.id)
        .where('accountId', '=', found.account.id)
        .executeTakeFirst();
    }
  }
  return found;
}

async function resolveRequest(
  req: FastifyRequest,
  services: Services,
  resolved: ValidatedCache<Resolved>,
): Promise<void> {
  const token = req.cookies[sessionCookie] || undefined;
  const slug = (req.params as Record<string, string> | undefined)?.community;
  const key = `${token ?? ''}\n${typeof slug === 'string' ? slug : ''}`;
  // A page rendered now depends on these tables, whether or not a query reads them.
  dependOn(resolvedFrom);
  let found = resolved.get(key);
  if (!found) {
    // Taken before reading, so a write committed meanwhile leaves the entry stale.
    const validity = services.changes.validity(resolvedFrom);
    found = await untracked(() => lookUp(services, token, slug));
    resolved.set(key, validity, found);
  }
  req.sessionToken = token;
  req.account = found.account;
  req.community = found.community;
  req.membership = found.membership;
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
