/**
 * Web push: sending a short message to every device on which an account turned push on, through
 * each device's push service (Web Push protocol, RFC 8030), encrypted to the device (RFC 8291,
 * aes128gcm) and signed with the server's VAPID key (RFC 8292), all by the `web-push` library.
 *
 * The VAPID key pair is the server's identity towards push services: a browser subscribes with
 * its public key, and a push signed with another key is refused. So it is made once and kept: in
 * `<dataDir>/vapid.json` (mode 600, beside the secret key, made by the first process to need it),
 * or given by VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY. Processes sharing one database share the
 * data directory (photos live there too), hence the keys; processes given keys by environment
 * must all be given the same ones.
 */
import { createECDH } from 'node:crypto';
import { lookup as dnsLookup } from 'node:dns';
import { Agent } from 'node:https';
import { BlockList, isIP, isIPv4, type LookupFunction } from 'node:net';
import { join } from 'node:path';
import type { RequestOptions } from 'web-push';
import { type Config, storedOnce } from '../../config.ts';
import type { Services } from '../context.ts';
import type { Db, PushSubscriptionTable } from '../db/database.ts';
import { iso } from '../db/time.ts';

/**
 * What a device shows: a title and a line of text, and the page of this site that a tap opens
 * (a path, e.g. `/c/maple-street/posts/…`). Notifications with the same `tag` replace each other
 * on a device (a repeat of one message shows once).
 */
export interface PushMessage {
  title: string;
  body: string;
  url: string;
  tag?: string;
}

/** A VAPID key pair, base64url (the 65-byte uncompressed P-256 public point, the 32-byte private scalar). */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/** The name of the file in the data directory that keeps the VAPID keys. */
export const vapidFile = 'vapid.json';

const stored = new Map<string, VapidKeys>();

/**
 * A new VAPID key pair: a P-256 key (RFC 8292 §3.2), its public point uncompressed (65 bytes) and
 * its private scalar as 32 bytes, base64url — what `web-push`'s generateVAPIDKeys makes, made
 * here so that a server that sends no push never loads that library (it is loaded to send).
 */
function newVapidKeys(): VapidKeys {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  // getPrivateKey drops leading zero bytes; the scalar is always written as 32.
  const scalar = ecdh.getPrivateKey();
  const privateKey = Buffer.concat([Buffer.alloc(32 - scalar.length), scalar]);
  return {
    publicKey: ecdh.getPublicKey().toString('base64url'),
    privateKey: privateKey.toString('base64url'),
  };
}

/**
 * The server's VAPID keys: those given by the environment, else those kept in the data
 * directory, made there (`newVapidKeys`) when there are none yet. Read once per process.
 */
export function vapidKeys(config: Pick<Config, 'dataDir' | 'vapidKeys'>): VapidKeys {
  if (config.vapidKeys) return config.vapidKeys;
  let keys = stored.get(config.dataDir);
  if (!keys) {
    const text = storedOnce(join(config.dataDir, vapidFile), () => `${JSON.stringify(newVapidKeys())}\n`);
    const { publicKey, privateKey } = JSON.parse(text) as VapidKeys;
    keys = { publicKey, privateKey };
    stored.set(config.dataDir, keys);
  }
  return keys;
}

/**
 * Addresses no push service on the internet has: "this network", private, shared (CGNAT),
 * loopback, link-local, benchmarking, multicast and reserved ranges (IANA special-purpose
 * registries, RFC 6890), IPv4 and IPv6.
 */
const privateRanges = new BlockList();
for (const [address, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  privateRanges.addSubnet(address, prefix, 'ipv4');
for (const [address, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  privateRanges.addSubnet(address, prefix, 'ipv6');

/** Whether the IP `address` is on a private network (see `privateRanges`; IPv4 mapped in IPv6 too). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address;
  return privateRanges.check(mapped, isIPv4(mapped) ? 'ipv4' : 'ipv6');
}

/** Thrown (as a connection error) when a push endpoint's host is on a private network. */
export class PrivateEndpoint extends Error {
  readonly code = 'EPRIVATEENDPOINT';
  constructor(host: string) {
    super(`${host} is on a private network`);
  }
}

/** The host of `endpoint` (an https URL) without the brackets of an IPv6 address. */
function hostOf(endpoint: string): string {
  return new URL(endpoint).hostname.replace(/^\[|\]$/g, '');
}

/**
 * Whether `endpoint` names a host on a private network: an address there, or a name that
 * resolves to one now. A name that does not resolve is not judged (the push is then tried, and
 * fails, later).
 */
export async function isPrivateEndpoint(endpoint: string): Promise<boolean> {
  const host = hostOf(endpoint);
  if (isIP(host)) return isPrivateAddress(host);
  const found = await new Promise<{ address: string }[]>((resolve) =>
    dnsLookup(host, { all: true }, (error, addresses) => resolve(error ? [] : addresses)),
  );
  return found.some((a) => isPrivateAddress(a.address));
}

// Resolves as usual, then refuses a private address: checked when connecting, so a name that
// resolved elsewhere when the device subscribed cannot lead inside the network later.
const publicLookup = ((hostname, options, callback) =>
  dnsLookup(hostname, options, (error, address, family) => {
    const all = Array.isArray(address) ? address : [{ address }];
    if (!error && all.some((a) => isPrivateAddress(a.address)))
      return callback(new PrivateEndpoint(hostname), address, family);
    callback(error, address, family);
  })) as LookupFunction;

/** The connections to push services when private endpoints are refused. */
const publicAgent = new Agent({ lookup: publicLookup });

/** A device's subscription as kept (migration 0024). */
export type PushSubscriptionRow = PushSubscriptionTable;

/** The devices of `accountId` with push on, oldest first. */
export function subscriptionsOf(db: Db, accountId: string): Promise<PushSubscriptionRow[]> {
  return db
    .selectFrom('pushSubscription')
    .selectAll()
    .where('accountId', '=', accountId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

/** How long a push service keeps a message for a device that is off (seconds): a day. */
const ttlSeconds = 24 * 60 * 60;
/** How long to wait on a push service's socket before giving up (ms). */
const timeoutMs = 15_000;
/**
 * The largest payload sent (bytes of JSON). Push services take 4,096 bytes of encrypted record
 * (RFC 8291 §4), of which the encryption takes 103 (header, padding delimiter, tag).
 */
const maxPayloadBytes = 3_000;

/** The longest title sent (characters); devices show about one line of it. */
const maxTitleChars = 200;

/**
 * The JSON a device receives: the title cut to `maxTitleChars`, the body shortened (ending in
 * "…") until the whole fits in `maxPayloadBytes`.
 */
export function pushPayload(message: PushMessage): string {
  const title = [...message.title].slice(0, maxTitleChars).join('');
  const tag = message.tag ? { tag: message.tag } : {};
  const json = (body: string) => JSON.stringify({ title, body, url: message.url, ...tag });
  // Every character takes at least a byte: what is past the limit in characters cannot fit.
  const chars = [...message.body].slice(0, maxPayloadBytes);
  let text = json(message.body);
  while (Buffer.byteLength(text) > maxPayloadBytes && chars.length > 0) {
    chars.pop();
    text = json(`${chars.join('')}…`);
  }
  return text;
}

/** Thrown when a push service refused or could not be reached for some of an account's devices. */
export class PushFailed extends Error {
  constructor(readonly failures: { host: string; status?: number; reason: string }[]) {
    super(
      `push failed for ${failures.length} device(s): ${failures
        .map((f) => `${f.host} ${f.status ?? ''} ${f.reason}`.replace(/\s+/g, ' ').trim())
        .join('; ')}`,
    );
    this.name = 'PushFailed';
  }
}

/**
 * Sends `message` to every device of `accountId` with push on, each through its push service.
 * A device whose subscription the push service no longer knows (404 or 410) is removed, and so
 * is one whose push service is on a private network (unless PUSH_ALLOW_PRIVATE_ENDPOINTS). Resolves
 * to how many devices the push services accepted it for and how many were removed; throws
 * `PushFailed` when any other device failed (another status, a timeout, no connection), after
 * trying them all, so that the caller's durable job retries: a retry sends again to the devices
 * that already had it, where the message's tag (the url when it has none) shows it once.
 */
export async function sendPush(
  services: Pick<Services, 'db' | 'config' | 'clock'>,
  accountId: string,
  message: PushMessage,
): Promise<{ sent: number; removed: number }> {
  const subscriptions = await subscriptionsOf(services.db, accountId);
  if (subscriptions.length === 0) return { sent: 0, removed: 0 };
  const keys = vapidKeys(services.config);
  // Loaded when a push is first sent, not with the server: most never send one.
  const { default: webpush } = await import('web-push');
  const payload = pushPayload({ ...message, tag: message.tag ?? message.url });
  const options: RequestOptions = {
    vapidDetails: { subject: services.config.vapidSubject, ...keys },
    TTL: ttlSeconds,
    timeout: timeoutMs,
  };
  const guarded = !services.config.pushPrivateEndpoints;
  if (guarded) options.agent = publicAgent;
  const results = await Promise.allSettled(
    subscriptions.map((s) => {
      // An address is connected to without a lookup: checked here.
      const host = hostOf(s.endpoint);
      if (guarded && isIP(host) && isPrivateAddress(host)) return Promise.reject(new PrivateEndpoint(host));
      return webpush.sendNotification(
        { endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } },
        payload,
        options,
      );
    }),
  );
  let sent = 0;
  const gone: string[] = [];
  const delivered: string[] = [];
  const failures: PushFailed['failures'] = [];
  results.forEach((result, i) => {
    const subscription = subscriptions[i];
    if (result.status === 'fulfilled') {
      sent++;
      delivered.push(subscription.id);
      return;
    }
    const error = result.reason as Error;
    const status = error instanceof webpush.WebPushError ? error.statusCode : undefined;
    // Gone, or never to be reached: a private network's host is not a push service.
    if (status === 404 || status === 410 || error instanceof PrivateEndpoint) gone.push(subscription.id);
    else failures.push({ host: new URL(subscription.endpoint).host, status, reason: error.message });
  });
  if (gone.length > 0)
    await services.db
      .deleteFrom('pushSubscription')
      .where('accountId', '=', accountId)
      .where('id', 'in', gone)
      .execute();
  if (delivered.length > 0)
    await services.db
      .updateTable('pushSubscription')
      .set({ lastSentAt: iso(services.clock.now()) })
      .where('accountId', '=', accountId)
      .where('id', 'in', delivered)
      .execute();
  if (failures.length > 0) throw new PushFailed(failures);
  return { sent, removed: gone.length };
}
