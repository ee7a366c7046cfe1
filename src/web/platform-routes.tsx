/** Routes of the platform itself: health checks and the language choice. */
import { Type } from 'typebox';
import type { App } from '../app.ts';
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
