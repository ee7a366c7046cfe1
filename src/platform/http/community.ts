/**
 * The community scope: every route of one community (`/c/:community/…` and
 * `/api/v1/communities/:community/…`) is registered inside one encapsulated Fastify plugin. Its
 * routes are marked, so the request's resolution (`http/resolve.ts`) reads the community named by
 * `:community` with the session, in one statement; the scope's `onRequest` hook then refuses a
 * community that does not exist (404 `communities.not_found`) and lets only active members
 * through (401 / 403 `errors.members_only`, the rule of `platform/access.ts`) unless the route
 * says `config: { public: true }` (the community's page, joining). All of it happens before the
 * body is read, so an outsider's upload is refused unread. Handlers never look the community up:
 * `req.ctx.community` is there.
 *
 * A route that names `:community` outside the scope would skip all of this: the server refuses to
 * start with one.
 */
import type { FastifyInstance } from 'fastify';
import { requireMember } from '../access.ts';
import { NotFound } from '../errors.ts';
import type { App } from '../module.ts';
import { unreadCount } from '../notify/service.ts';
import { needsMe, type PorchEntry } from '../porch.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A community route anyone may use (its page, joining); otherwise active members only. */
    public?: boolean;
    /** Set by the community scope on each of its routes. */
    community?: boolean;
  }
  interface FastifyRequest {
    /** On a member's community page: what needs them now (the menu counts it, the porch lists it). */
    needsMe?: PorchEntry[];
    /** On a member's community page: their unread notifications (the menu counts them). */
    unreadNotifications?: number;
  }
}

/** Community GET routes that are not pages: the live stream, CSV files. */
const notPage = /(\/live|\.csv)$/;

/** The paths a community route may have. */
const communityPath = /^\/(c|api\/v1\/communities)\/:community(\/|$)/;

/** A route as `method url`, for the start-up check. */
const key = (method: string | string[], url: string) => `${[method].flat().join(',')} ${url}`;

/** Registers a feature's community routes on the scope it is given. */
export type CommunityRoutes = (scope: App) => void;

/** A route of the community scope, as registered. */
export interface CommunityRoute {
  method: string;
  url: string;
  /** Open to anyone (`config.public`), not only to members. */
  public: boolean;
}

const registered = new WeakMap<FastifyInstance, CommunityRoute[]>();

/** Every route of `app`'s community scope, one per method (for tests that check them all). */
export function communityRoutesOf(app: FastifyInstance): readonly CommunityRoute[] {
  return registered.get(app) ?? [];
}

/**
 * Prepares the community scope of `app`; call before any route is registered, so every route
 * naming `:community` is seen. Returns the function that registers the community routes — call
 * it once; the server then refuses to start if any such route was registered elsewhere.
 */
export function communityScope(app: FastifyInstance): (register: CommunityRoutes) => Promise<void> {
  const named = new Set<string>();
  const scoped = new Set<string>();
  const routes: CommunityRoute[] = [];
  registered.set(app, routes);
  app.addHook('onRoute', (route) => {
    if (route.url.includes(':community')) named.add(key(route.method, route.url));
  });
  app.addHook('onReady', async () => {
    const stray = [...named].filter((route) => !scoped.has(route));
    if (stray.length) throw new Error(`community routes outside the community scope: ${stray.join('; ')}`);
  });
  return async (register) => {
    await app.register(async (scope) => {
      scope.addHook('onRoute', (route) => {
        if (!communityPath.test(route.url)) {
          throw new Error(`${route.url}: only /c/:community/… and /api/v1/communities/:community/… here`);
        }
        route.config = { ...route.config, community: true };
        scoped.add(key(route.method, route.url));
        for (const method of [route.method].flat()) {
          routes.push({ method, url: route.url, public: route.config.public === true });
        }
      });
      scope.addHook('onRequest', async (req) => {
        if (!req.ctx.community) throw new NotFound('communities.not_found');
        if (!req.routeOptions.config.public) requireMember(req.ctx);
      });
      // A member's pages show in the menu what needs them: worked out per page rendered (a page
      // served from the page cache was rendered at the data version that still holds).
      scope.addHook('preHandler', async (req) => {
        const url = req.routeOptions.url ?? '';
        if (req.method !== 'GET' || !url.startsWith('/c/') || notPage.test(url)) return;
        if (req.ctx.actor.role === 'visitor') return;
        [req.needsMe, req.unreadNotifications] = await Promise.all([needsMe(req.ctx), unreadCount(req.ctx)]);
      });
      register(scope as App);
    });
  };
}
