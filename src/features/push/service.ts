/**
 * Push subscriptions: a signed-in person turns push on for a device (the client script sends the
 * browser's subscription), sees their own devices and removes any of them. Nobody sees or
 * removes another account's devices: every statement names the acting account.
 */
import { createECDH } from 'node:crypto';
import { hashToken } from '../../platform/auth/sessions.ts';
import type { Ctx } from '../../platform/context.ts';
import { iso } from '../../platform/db/time.ts';
import { Conflict, type FieldError, Invalid, NotFound, Unauthenticated } from '../../platform/errors.ts';
import { isPrivateEndpoint, subscriptionsOf, vapidKeys } from '../../platform/notify/push.ts';
import { limits } from './schema.ts';
import * as store from './store.ts';

/** A browser's subscription as sent (`PushSubscription.toJSON()`). */
export interface SubscriptionInput {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** One device with push on, as its owner sees it. */
export interface Device {
  id: string;
  endpoint: string;
  service: string;
  userAgent: string | null;
  createdAt: string;
  lastSentAt: string | null;
}

function signedIn(ctx: Ctx): string {
  if (!ctx.actor.accountId) throw new Unauthenticated();
  return ctx.actor.accountId;
}

const base64url = /^[A-Za-z0-9_-]+={0,2}$/;
/** `text` decoded from base64url (padding allowed), or undefined when it is not base64url. */
function decoded(text: string): Buffer | undefined {
  return base64url.test(text) ? Buffer.from(text.replace(/=+$/, ''), 'base64url') : undefined;
}

/** Whether `key` is a point of P-256 in uncompressed form (what RFC 8291 encrypts to). */
function isP256Point(key: Buffer): boolean {
  if (key.length !== 65 || key[0] !== 0x04) return false;
  try {
    // Deriving a secret with a throwaway key checks that the point is on the curve.
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    ecdh.computeSecret(key);
    return true;
  } catch {
    return false;
  }
}

/**
 * The problems of `input`: the endpoint must be an https URL (a push service's), the public key
 * a P-256 point of 65 bytes and the secret 16 bytes, both base64url (RFC 8291 §2.1, §3.2).
 */
export function subscriptionErrors(input: SubscriptionInput): FieldError[] {
  const errors: FieldError[] = [];
  const url = URL.canParse(input.endpoint) ? new URL(input.endpoint) : undefined;
  if (url?.protocol !== 'https:' || url.username || url.password)
    errors.push({ field: 'endpoint', code: 'push.errors.endpoint' });
  const key = decoded(input.keys.p256dh);
  if (!key || !isP256Point(key)) errors.push({ field: 'keys/p256dh', code: 'push.errors.p256dh' });
  if (decoded(input.keys.auth)?.length !== 16) errors.push({ field: 'keys/auth', code: 'push.errors.auth' });
  return errors;
}

/** The browser a subscription comes from: its session's token and its User-Agent. */
export interface Browser {
  sessionToken: string | undefined;
  userAgent: string | undefined;
}

/**
 * Turns push on for the acting account on the device of `input` (a browser's subscription),
 * sent from `browser`, until that session ends (signing out there ends it). The same endpoint
 * again replaces its keys; an endpoint another account had (someone else turned push on in this
 * browser) becomes this account's. Throws `Invalid` for a malformed subscription or one whose
 * push service is on a private network (unless the operator allows those), `Conflict`
 * (`push.errors.too_many`) when the account already has `limits.devices` other devices, and
 * `Unauthenticated` without a live session of the account.
 */
export async function subscribe(ctx: Ctx, input: SubscriptionInput, browser: Browser): Promise<Device> {
  const accountId = signedIn(ctx);
  const { sessionToken, userAgent } = browser;
  const errors = subscriptionErrors(input);
  if (errors.length > 0) throw new Invalid(errors);
  if (!ctx.config.pushPrivateEndpoints && (await isPrivateEndpoint(input.endpoint)))
    throw new Invalid([{ field: 'endpoint', code: 'push.errors.endpoint_private' }]);
  const p256dh = decoded(input.keys.p256dh)!.toString('base64url');
  const auth = decoded(input.keys.auth)!.toString('base64url');
  const id = await ctx.db.transaction().execute(async (tx) => {
    await store.lockAccount(tx, accountId);
    const sessionId = sessionToken && (await store.sessionIdOf(tx, accountId, hashToken(sessionToken)));
    if (!sessionId) throw new Unauthenticated();
    const known = await store.hasEndpoint(tx, accountId, input.endpoint);
    if (!known && (await store.countOf(tx, accountId)) >= limits.devices)
      throw new Conflict('push.errors.too_many', { max: limits.devices });
    return store.saveSubscription(tx, {
      accountId,
      sessionId,
      endpoint: input.endpoint,
      p256dh,
      auth,
      userAgent: userAgent ? [...userAgent].slice(0, limits.userAgent).join('') : null,
      createdAt: iso(ctx.clock.now()),
    });
  });
  const device = (await myDevices(ctx)).find((d) => d.id === id);
  if (!device) throw new NotFound('push.errors.not_found');
  return device;
}

/** The acting account's devices with push on, oldest first. */
export async function myDevices(ctx: Ctx): Promise<Device[]> {
  const rows = await subscriptionsOf(ctx.db, signedIn(ctx));
  return rows.map((r) => ({
    id: r.id,
    endpoint: r.endpoint,
    service: new URL(r.endpoint).host,
    userAgent: r.userAgent,
    createdAt: r.createdAt,
    lastSentAt: r.lastSentAt,
  }));
}

/** The server's VAPID public key, which browsers subscribe with. */
export function publicKey(ctx: Ctx): string {
  return vapidKeys(ctx.config).publicKey;
}

/** Turns push off for the acting account's device `id`; `NotFound` when it has none such. */
export async function unsubscribe(ctx: Ctx, id: string): Promise<void> {
  if (!(await store.deleteSubscription(ctx.db, signedIn(ctx), id)))
    throw new NotFound('push.errors.not_found');
}
