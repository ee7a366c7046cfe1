/** Routes of the platform itself: health checks and the language choice. */
import { Type } from 'typebox';
import { requireMember } from '../platform/access.ts';
import type { LiveEvent } from '../platform/events/bus.ts';
import { communityChannel, memberChannel } from '../platform/events/live.ts';
import { localeCookie } from '../platform/http/resolve.ts';
import { locales } from '../platform/i18n/index.ts';
import type { App } from '../platform/module.ts';
import { resolveStanding } from '../platform/standing.ts';
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
 * active members only (the platform gate): the community's events and the member's own
 * (`platform/events/live.ts`). The
 * stream outlives the request that opened it, so membership is read again from the database
 * before each event and at each keep-alive: a member removed, or a session signed out, on any
 * process gets nothing more, and the stream ends.
 */
export function liveRoutes(app: App): void {
  app.get('/c/:community/live', { schema: { hide: true } }, async (req, reply) => {
    const { community } = requireMember(req.ctx);
    const { accountId } = req.ctx.actor;
    const token = req.sessionToken;
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    });
    reply.raw.write('retry: 5000\n\n');
    const stillMember = async () => {
      if (!token) return false;
      const now = await resolveStanding(app.services, token, community.slug);
      return now.status === 'active' && now.accountId === accountId && now.communityId === community.id;
    };
    let ended = false;
    // Writes in order, each after its check.
    let writing = Promise.resolve();
    const send = (text: string) => {
      writing = writing
        .then(async () => {
          if (ended) return;
          if (await stillMember()) reply.raw.write(text);
          else end();
        })
        .catch((err) => {
          req.log.warn({ err }, 'live stream ended');
          end();
        });
    };
    const forward = (event: LiveEvent) =>
      send(`event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
    // The community's events, and those for this member alone (platform/events/live.ts).
    const unsubscribe = [
      app.services.events.subscribe(communityChannel(community.id), forward),
      app.services.events.subscribe(memberChannel(community.id, accountId as string), forward),
    ];
    // Comments keep proxies from closing an idle stream.
    const keepAlive = setInterval(() => send(': keep-alive\n\n'), 25_000);
    function end() {
      if (ended) return;
      ended = true;
      clearInterval(keepAlive);
      for (const stop of unsubscribe) stop();
      reply.raw.end();
    }
    req.raw.on('close', end);
  });
}
