/**
 * Filling a place's point from its address, with a Nominatim-style search service
 * (`GEOCODER_URL`, off by default): `GET <url>?q=<address>&format=json&limit=1` answering
 * `[{ "lat": "41.85", "lon": "-87.66", … }]` (Nominatim's search API:
 * https://nominatim.org/release-docs/latest/api/Search/). Its usage policy asks for an
 * identifying User-Agent and at most one request a second: Porch asks only when a steward
 * presses the form's button, says who it is, and keeps to one request a second for the whole
 * server (every process, every community) and a few an hour per account (`geocodeBudget`).
 */
import type { Services } from '../../platform/context.ts';
import { TooManyRequests } from '../../platform/errors.ts';
import { countHit } from '../../platform/http/rate-limit.ts';

/** How long to wait for the service before telling the steward to type the point (ms). */
export const geocodeTimeoutMs = 5000;

/** Requests to the geocoder: at most one a second for the server, 30 an hour per account. */
export const geocodeLimits = { serverPerSecond: 1, accountPerHour: 30 } as const;

/**
 * Spends one request of the geocoding budgets, counted in the database so every process shares
 * them; throws `TooManyRequests('places.errors.geocoder_busy')` with the seconds to wait when
 * either is spent (the server's: Nominatim's usage policy, which blocks a server that asks more).
 */
export async function geocodeBudget(s: Pick<Services, 'db' | 'clock'>, accountId: string): Promise<void> {
  const now = s.clock.now();
  const server = await countHit(s.db, now, 'geocode server', 1000);
  if (server.current > geocodeLimits.serverPerSecond)
    throw new TooManyRequests('places.errors.geocoder_busy', Math.max(1, Math.ceil(server.ttl / 1000)));
  const account = await countHit(s.db, now, `geocode account ${accountId}`, 3_600_000);
  if (account.current > geocodeLimits.accountPerHour)
    throw new TooManyRequests('places.errors.geocoder_busy', Math.ceil(account.ttl / 1000));
}

/** A coordinate as the service writes it (a number, or a decimal in a string); NaN otherwise. */
function coordinate(v: unknown): number {
  if (typeof v === 'number') return v;
  // Number('') and Number(' ') are 0: an empty answer must not become the point 0, 0.
  return typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
}

/** A point in WGS 84 degrees. */
export interface Point {
  latitude: number;
  longitude: number;
}

/**
 * The point the service finds for `address`, or null when it finds none, answers with an error
 * or something else than a point, or is slower than `geocodeTimeoutMs`; null too when no service
 * is set. Never throws.
 */
export async function geocode(s: Pick<Services, 'config' | 'log'>, address: string): Promise<Point | null> {
  const base = s.config.geocoderUrl;
  if (!base || !address.trim()) return null;
  const url = new URL(base);
  url.searchParams.set('q', address.trim());
  url.searchParams.set('format', 'json');
  url.searchParams.set('limit', '1');
  try {
    const res = await fetch(url, {
      headers: { 'user-agent': `Porch (${s.config.baseUrl})`, accept: 'application/json' },
      signal: AbortSignal.timeout(geocodeTimeoutMs),
    });
    if (!res.ok) throw new Error(`the geocoder answered ${res.status}`);
    const [hit] = (await res.json()) as { lat?: unknown; lon?: unknown }[];
    const latitude = coordinate(hit?.lat);
    const longitude = coordinate(hit?.lon);
    const valid =
      Number.isFinite(latitude) &&
      Number.isFinite(longitude) &&
      Math.abs(latitude) <= 90 &&
      Math.abs(longitude) <= 180;
    return valid ? { latitude, longitude } : null;
  } catch (err) {
    s.log.warn({ err }, 'finding a point from an address failed');
    return null;
  }
}
