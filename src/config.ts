/**
 * Settings, read once from the environment and validated at start (README lists every variable).
 * Any `X` may also be given as `X_FILE`, the path of a file holding the value (Docker/Kubernetes
 * secrets). An invalid setting stops the server with a message naming it.
 */

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  PORCH_COMMUNITY_CREATION: Type.Union([Type.Literal('anyone'), Type.Literal('operators')], {
    default: 'anyone',
  }),
  PORCH_MAX_COMMUNITIES_PER_USER: Type.Integer({ minimum: 1, default: 5 }),
  TRUST_PROXY: Type.Boolean({ default: false }),
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
  logLevel: string;
  /** Who may start a community: any signed-in person (up to the limit) or operators only. */
  communityCreation: 'anyone' | 'operators';
  maxCommunitiesPerUser: number;
  trustProxy: boolean;
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
    logLevel: v.LOG_LEVEL,
    communityCreation: v.PORCH_COMMUNITY_CREATION,
    maxCommunitiesPerUser: v.PORCH_MAX_COMMUNITIES_PER_USER,
    trustProxy: v.TRUST_PROXY,
  };
}

/** The secret kept in `<dataDir>/secret.key` (mode 600), created on first start. */
function storedSecretKey(dataDir: string): string {
  const path = join(dataDir, 'secret.key');
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  writeFileSync(path, `${key}\n`, { mode: 0o600 });
  return key;
}
