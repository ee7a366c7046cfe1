/** Request and response shapes of push subscriptions (the devices with push on). */
import { Type } from 'typebox';

/** Limits that the schema, the service and the page share. */
export const limits = {
  /** Devices with push on per account: a phone, a tablet, a computer or two, and some spare. */
  devices: 10,
  endpoint: 1000,
  userAgent: 300,
} as const;

const Id = Type.String({ format: 'uuid', description: 'A UUIDv7.' });
export const SubscriptionParams = Type.Object({ id: Id });

/** A browser's `PushSubscription.toJSON()`, as the client script sends it. */
export const SubscriptionIn = Type.Object({
  endpoint: Type.String({
    minLength: 1,
    maxLength: limits.endpoint,
    description: "The push service's https URL for this device.",
  }),
  expirationTime: Type.Optional(
    Type.Union([Type.Number(), Type.Null()], { description: 'Ignored: push services say when one ends.' }),
  ),
  keys: Type.Object({
    p256dh: Type.String({
      minLength: 1,
      maxLength: 100,
      description: "The device's P-256 public key: 65 bytes, base64url.",
    }),
    auth: Type.String({
      minLength: 1,
      maxLength: 100,
      description: "The device's authentication secret: 16 bytes, base64url.",
    }),
  }),
});

/** One device with push on, as its owner sees it (never its keys). */
export const SubscriptionOut = Type.Object({
  id: Type.String(),
  endpoint: Type.String(),
  /** The push service's host, which tells the browser family apart. */
  service: Type.String(),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  lastSentAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

/** The signed-in account's devices with push on, and the key to subscribe with. */
export const SubscriptionsOut = Type.Object({
  publicKey: Type.String({
    description: "The server's VAPID public key (base64url), the `applicationServerKey` to subscribe with.",
  }),
  subscriptions: Type.Array(SubscriptionOut),
});
