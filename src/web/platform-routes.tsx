/** Routes of the platform itself: health checks and the language choice. */
import { Type } from 'typebox';
import type { App } from '../app.ts';
import { requireMember } from '../platform/access.ts';
import { localeCookie } from '../platform/http/resolve.ts';
import { locales } from '../platform/i18n/index.ts';
import { safeNext } from './next.ts';

/** Registers `/healthz`, `/readyz` and `POST /locale`. */
export function platformRoutes(app: App): void {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await app.services.db.selectFrom('setting').select('key').limit(1).execute();
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });
  app.post(
    '/locale',
    {
      schema: {
        hide: true,
        body: Type.Object({
          locale: Type.Union(locales.map((l) => Type.Literal(l))),
          next: Type.Optional(Type.String()),
        }),
      },
    },
    async (req, reply) => {
      const { locale, next } = req.body;
      reply.setCookie(localeCookie, locale, {
        path: '/',
        sameSite: 'lax',
        maxAge: 365 * 86400,
        httpOnly: true,
      });
      if (req.account) {
        await app.services.db
          .updateTable('account')
          .set({ locale })
          .where('id', '=', req.account.id)
          .execute();
      }
      return reply.redirect(safeNext(next), 303);
    },
  );
}

/**
 * `GET /c/:community/live`: a Server-Sent Events stream of the community's live events, for
 * active members only (the platform gate). Later features publish on `community:<id>`.
 */
export function liveRoutes(app: App): void {
  app.get('/c/:community/live', { schema: { hide: true } }, async (req, reply) => {
    const { community } = requireMember(req.ctx);
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    });
    reply.raw.write('retry: 5000\n\n');
    const unsubscribe = app.services.events.subscribe(`community:${community.id}`, (event) => {
      reply.raw.write(`event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
    });
    // Comments keep proxies from closing an idle stream.
    const keepAlive = setInterval(() => reply.raw.write(': keep-alive\n\n'), 25_000);
    req.raw.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  });
}
