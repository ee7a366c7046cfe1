/**
 * Push subscriptions: the page "Notifications on this device" (`/account/push`) and
 * `/api/v1/me/push-subscriptions`, which its client script calls to turn push on and off.
 */
import { h } from 'preact';
import { Type } from 'typebox';
import { flash } from '../../platform/http/flash.ts';
import { limit } from '../../platform/http/rate-limit.ts';
import { sendPage } from '../../platform/http/render.ts';
import { accountOf } from '../../platform/http/require.ts';
import type { App } from '../../platform/module.ts';
import { viewOf } from '../../web/view.ts';
import { PushSettingsPage } from './pages/push-settings.tsx';
import { SubscriptionIn, SubscriptionOut, SubscriptionParams, SubscriptionsOut } from './schema.ts';
import * as push from './service.ts';

const tags = ['push'];
// Turning push on is a click per device; more than this in an hour is a script.
const subscribeLimit = limit('push-subscribe', 30, '1 hour', 'account');

/** Registers the page, its form to turn a device off, and the API. */
export function pushRoutes(app: App): void {
  app.get('/account/push', { schema: { hide: true } }, async (req, reply) => {
    accountOf(req);
    return sendPage(
      reply,
      h(PushSettingsPage, {
        view: viewOf(req, reply),
        publicKey: push.publicKey(req.ctx),
        devices: await push.myDevices(req.ctx),
      }),
    );
  });
  app.post(
    '/account/push/:id/remove',
    { schema: { hide: true, params: SubscriptionParams } },
    async (req, reply) => {
      accountOf(req);
      await push.unsubscribe(req.ctx, req.params.id);
      flash(reply, 'push.flash.removed');
      return reply.redirect('/account/push', 303);
    },
  );

  app.get(
    '/api/v1/me/push-subscriptions',
    {
      schema: {
        tags,
        summary: 'My devices with push on',
        description:
          "The server's VAPID public key to subscribe with, and the devices of the signed-in person.",
        response: { 200: SubscriptionsOut },
      },
    },
    async (req) => {
      accountOf(req);
      return { publicKey: push.publicKey(req.ctx), subscriptions: await push.myDevices(req.ctx) };
    },
  );
  app.post(
    '/api/v1/me/push-subscriptions',
    {
      schema: {
        tags,
        summary: 'Turn push on for a device',
        description:
          "A browser's `PushSubscription.toJSON()`, made with the server's public key. The endpoint must be https, on the internet (a push service on a private network is refused unless the operator allows them), `p256dh` a 65-byte P-256 public key and `auth` 16 bytes, base64url. The same endpoint again replaces its keys. At most 10 devices per person: 409 `push.errors.too_many` beyond. It lasts as long as the session that made it: signing out ends it.",
        body: SubscriptionIn,
        response: { 201: SubscriptionOut },
      },
      config: subscribeLimit,
    },
    async (req, reply) => {
      accountOf(req);
      const browser = { sessionToken: req.sessionToken, userAgent: req.headers['user-agent'] };
      return reply.code(201).send(await push.subscribe(req.ctx, req.body, browser));
    },
  );
  app.delete(
    '/api/v1/me/push-subscriptions/:id',
    {
      schema: {
        tags,
        summary: 'Turn push off for a device',
        description: 'Only the signed-in person’s own devices: 404 for any other id.',
        params: SubscriptionParams,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      accountOf(req);
      await push.unsubscribe(req.ctx, req.params.id);
      return reply.code(204).send(null);
    },
  );
}
