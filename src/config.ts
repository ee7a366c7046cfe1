/**
 * Settings, read once from the environment and validated at start (README lists every variable).
 * Any `X` may also be given as `X_FILE`, the path of a file holding the value (Docker/Kubernetes
 * secrets). An invalid setting stops the server with a message naming it.
 */

import { createECDH, randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';

const Env = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ default: '0.0.0.0' }),
  PORCH_DATA_DIR: Type.String({ default: './data' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  BASE_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  MAIL_FROM: Type.String({ default: 'Porch <porch@localhost>' }),
  SECRET_KEY: Type.Optional(Type.String({ minLength: 32 })),
  VAPID_PUBLIC_KEY: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{87}$' })),
  VAPID_PRIVATE_KEY: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' })),
  VAPID_SUBJECT: Type.Optional(Type.String({ pattern: '^(mailto:.+|https://.+)$' })),
  PUSH_ALLOW_PRIVATE_ENDPOINTS: Type.Boolean({ default: false }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  PORCH_COMMUNITY_CREATION: Type.Union([Type.Literal('anyone'), Type.Literal('operators')], {
    default: 'anyone',
  }),
  PORCH_MAX_COMMUNITIES_PER_USER: Type.Integer({ minimum: 1, default: 5 }),
  TRUST_PROXY: Type.String({ default: 'false' }),
  MAP_TILE_URL: Type.String({
    pattern: '^https?://[^/]+/.*\\{z\\}.*\\{x\\}.*\\{y\\}',
    default: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  }),
  MAP_ATTRIBUTION: Type.String({
    maxLength: 500,
    default: '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
  }),
  GEOCODER_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
});

/** Validated settings; `secretKey` is always present (generated into the data directory if not given). */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL connection string; undefined means the SQLite file `<dataDir>/porch.db`. */
  databaseUrl?: string;
  /** Public URL, no trailing slash, used in mails and QR codes. */
  baseUrl: string;
  /** Whether cookies get `Secure` (the base URL is https). */
  secureCookies: boolean;
  smtpUrl?: string;
  mailFrom: string;
  secretKey: string;
  /**
   * The VAPID key pair given by the environment (base64url: the 65-byte uncompressed P-256 public
   * point, the 32-byte private scalar), checked to belong together; undefined when Porch keeps its
   * own in the data directory (`platform/notify/push.ts`).
   */
  vapidKeys?: { publicKey: string; privateKey: string };
  /** Who push services may contact about Porch's pushes (RFC 8292 `sub`): a mailto: or https: URL. */
  vapidSubject: string;
  /**
   * Whether a push subscription may name a push service on a private network (loopback, private
   * and link-local addresses): only for a push service of one's own inside the network. Otherwise
   * such endpoints are refused, so that no member can make Porch send requests inside it.
   */
  pushPrivateEndpoints: boolean;
  logLevel: string;
  /** Who may start a community: any signed-in person (up to the limit) or operators only. */
  communityCreation: 'anyone' | 'operators';
  maxCommunitiesPerUser: number;
  /**
   * Which proxies' X-Forwarded-For is believed (Fastify's `trustProxy`): false for none, a
   * number of hops in front of Porch (each appends the address it was reached from; the entry
   * that many from the right is the client's), or the proxies' addresses and CIDR ranges. Never
   * the whole header: its left-most entries are whatever the client wrote.
   */
  trustProxy: false | number | string[];
  /**
   * Map tiles (places' map): a URL template with `{z}`, `{x}`, `{y}` (and optionally `{s}`), its
   * origin allowed for images by the content security policy, and the attribution it requires
   * (HTML, shown on the map).
   */
  mapTileUrl: string;
  mapAttribution: string;
  /**
   * A Nominatim-style search endpoint (`…/search`, answering `[{lat, lon}]` to `?q=…&format=json`)
   * that fills a place's point from its address; off when undefined.
   */
  geocoderUrl?: string;
}

/**
 * Whether `baseUrl` names this computer only (localhost, 127.x, ::1): links in mails and QR codes
 * made with it open nowhere else. True when BASE_URL is not set (the default is localhost).
 */
export function reachedOnlyHere(baseUrl: string): boolean {
  const host = new URL(baseUrl).hostname;
  return host === 'localhost' || host.endsWith('.localhost') || host.startsWith('127.') || host === '[::1]';
}

/** Thrown when a setting is invalid; the message names the variable. */
export class ConfigError extends Error {}

/**
 * Reads and validates settings from `env` (default `process.env`).
 * Throws `ConfigError` naming the first invalid variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(Env.properties)) {
    const file = env[`${key}_FILE`];
    const value = file ? readFileSync(file, 'utf8').trim() : env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const converted = Value.Default(Env, Value.Convert(Env, raw));
  const errors = [...Value.Errors(Env, converted)];
  if (errors.length > 0) {
    const e = errors[0];
    const name = e.instancePath.replace(/^\//, '') || String(Object.values(e.params)[0]);
    throw new ConfigError(`Invalid setting ${name}: ${e.message}`);
  }
  const v = converted as Static<typeof Env>;
  const dataDir = resolve(v.PORCH_DATA_DIR);
  const baseUrl = (v.BASE_URL ?? `http://localhost:${v.PORT}`).replace(/\/+$/, '');
  return {
    port: v.PORT,
    host: v.HOST,
    dataDir,
    databaseUrl: v.DATABASE_URL,
    baseUrl,
    secureCookies: baseUrl.startsWith('https://'),
    smtpUrl: v.SMTP_URL,
    mailFrom: v.MAIL_FROM,
    secretKey: v.SECRET_KEY ?? storedSecretKey(dataDir),
    vapidKeys: givenVapidKeys(v.VAPID_PUBLIC_KEY, v.VAPID_PRIVATE_KEY),
    vapidSubject: v.VAPID_SUBJECT ?? defaultVapidSubject(baseUrl, v.MAIL_FROM),
    pushPrivateEndpoints: v.PUSH_ALLOW_PRIVATE_ENDPOINTS,
    logLevel: v.LOG_LEVEL,
    communityCreation: v.PORCH_COMMUNITY_CREATION,
    maxCommunitiesPerUser: v.PORCH_MAX_COMMUNITIES_PER_USER,
    trustProxy: trustedProxies(v.TRUST_PROXY),
    mapTileUrl: v.MAP_TILE_URL,
    mapAttribution: v.MAP_ATTRIBUTION,
    geocoderUrl: v.GEOCODER_URL,
  };
}

/**
 * TRUST_PROXY read: `false`/`0` → false; `true` → 1 (one proxy in front, the usual set-up); a
 * count of hops; or a comma-separated list of addresses, CIDR ranges and proxy-addr's names
 * `loopback`, `linklocal`, `uniquelocal`. Throws `ConfigError` for anything else.
 */
export function trustedProxies(value: string): false | number | string[] {
  const v = value.trim().toLowerCase();
  if (v === 'false' || v === '0') return false;
  if (v === 'true') return 1;
  if (/^[0-9]{1,2}$/.test(v)) return Number(v);
  const entries = v.split(',').map((e) => e.trim());
  const named = new Set(['loopback', 'linklocal', 'uniquelocal']);
  for (const e of entries) {
    const [address, bits, extra] = e.split('/');
    const family = isIP(address);
    const width = family === 4 ? 32 : 128;
    const ok =
      named.has(e) ||
      (family !== 0 &&
        extra === undefined &&
        (bits === undefined || (/^[0-9]{1,3}$/.test(bits) && Number(bits) <= width)));
    if (!ok) {
      throw new ConfigError(
        `Invalid setting TRUST_PROXY: expected true, false, a number of proxies, or proxy addresses/CIDR ranges separated by commas; got "${e}"`,
      );
    }
  }
  return entries;
}

/** The secret kept in `<dataDir>/secret.key` (mode 600), created on first start. */
function storedSecretKey(dataDir: string): string {
  return storedOnce(join(dataDir, 'secret.key'), () => `${randomBytes(32).toString('base64url')}\n`).trim();
}

/**
 * The text of the file at `path` (readable by its owner only), written with `make()` if there is
 * none yet. Processes starting together on one data directory agree on one text: each writes
 * its own to a temporary file and links it into place, which fails for all but the first (a
 * link never replaces a file); the others read the winner's, never a half-written one.
 */
export function storedOnce(path: string, make: () => string): string {
  if (existsSync(path)) return readFileSync(path, 'utf8');
  mkdirSync(dirname(path), { recursive: true });
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, make(), { mode: 0o600 });
  try {
    linkSync(draft, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
  return readFileSync(path, 'utf8');
}

/** The VAPID key pair given as VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY: both or neither, a pair. */
function givenVapidKeys(publicKey: string | undefined, privateKey: string | undefined) {
  if (publicKey === undefined && privateKey === undefined) return undefined;
  if (publicKey === undefined || privateKey === undefined)
    throw new ConfigError(
      `Invalid setting ${publicKey === undefined ? 'VAPID_PUBLIC_KEY' : 'VAPID_PRIVATE_KEY'}: give both VAPID keys, or neither`,
    );
  let derived: string;
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(privateKey, 'base64url'));
    derived = ecdh.getPublicKey('base64url', 'uncompressed');
  } catch {
    throw new ConfigError('Invalid setting VAPID_PRIVATE_KEY: not a P-256 private key');
  }
  if (derived !== publicKey)
    throw new ConfigError('Invalid setting VAPID_PUBLIC_KEY: it is not the public key of VAPID_PRIVATE_KEY');
  return { publicKey, privateKey };
}

/**
 * The VAPID contact when VAPID_SUBJECT is not set: the server's address when it is public
 * (https), else the mail sender's address.
 */
function defaultVapidSubject(baseUrl: string, mailFrom: string): string {
  if (baseUrl.startsWith('https://')) return baseUrl;
  const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom.trim();
  return `mailto:${address}`;
}
