/**
 * Filling a place's point from its address, with a Nominatim-style search service
 * (`GEOCODER_URL`, off by default): `GET <url>?q=<address>&format=json&limit=1` answering
 * `[{ "lat": "41.85", "lon": "-87.66", … }]` (Nominatim's search API:
 * https://nominatim.org/release-docs/latest/api/Search/). Its usage policy asks for an
 * identifying User-Agent and at most one request a second: Porch asks only when a steward
 * presses the form's button, and says who it is.
 */
import type { Services } from '../../platform/context.ts';

/** How long to wait for the service before telling the steward to type the point (ms). */
export const geocodeTimeoutMs = 5000;

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
    const latitude = Number(hit?.lat);
    const longitude = Number(hit?.lon);
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
