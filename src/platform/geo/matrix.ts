/**
 * Travel-time and distance matrices for the route planner.
 * - Default, offline: great-circle (haversine) distance × a road-detour factor, at a constant speed.
 *   Defaults: detour 1.3 (typical ratio of road to straight-line distance in towns), 30 km/h
 *   (urban average including junctions). Good enough to plan; a routing service is better.
 * - Optional: an OSRM-compatible `/table/v1/driving/` service (OSRM, or anything speaking its API),
 *   used when a base URL is configured; it falls back to the estimate for pairs it cannot route.
 */

/** A point in WGS 84 degrees. */
export interface LatLng {
  lat: number;
  lng: number;
}

/** Square matrices indexed like the input points: durations in seconds, distances in metres (integers). */
export interface Matrices {
  durations: number[][];
  distances: number[][];
}

/** Options of the haversine estimate. */
export interface EstimateOptions {
  /** Road distance ÷ straight-line distance (default 1.3). */
  detourFactor?: number;
  /** Average speed in km/h (default 30). */
  speedKmh?: number;
}

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres between two points (haversine formula, mean Earth radius). */
export function haversineMetres(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Estimated matrices: distance = haversine × detour factor (metres, rounded), duration = distance ÷ speed
 * (seconds, rounded). @throws RangeError for a non-positive detour factor or speed.
 */
export function estimateMatrices(points: LatLng[], options: EstimateOptions = {}): Matrices {
  const detour = options.detourFactor ?? 1.3;
  const speed = options.speedKmh ?? 30;
  if (!(detour > 0) || !(speed > 0)) throw new RangeError('detour factor and speed must be positive');
  const metresPerSecond = (speed * 1000) / 3600;
  const distances = points.map((a) => points.map((b) => Math.round(haversineMetres(a, b) * detour)));
  const durations = distances.map((row) => row.map((d) => Math.round(d / metresPerSecond)));
  return { durations, distances };
}

/**
 * The table request URL for OSRM: `{base}/table/v1/driving/{lng},{lat};…?annotations=duration,distance`.
 * Coordinates are written with 6 decimals (≈ 0.1 m). @throws RangeError for an out-of-range coordinate.
 */
export function osrmTableUrl(baseUrl: string, points: LatLng[]): string {
  const coords = points
    .map((p) => {
      if (!(Math.abs(p.lat) <= 90) || !(Math.abs(p.lng) <= 180))
        throw new RangeError(`bad coordinate ${p.lat},${p.lng}`);
      return `${p.lng.toFixed(6)},${p.lat.toFixed(6)}`;
    })
    .join(';');
  return `${baseUrl.replace(/\/+$/, '')}/table/v1/driving/${coords}?annotations=duration,distance`;
}

/**
 * Reads an OSRM table response into integer matrices; `null` cells (no route) are filled from
 * `fallback`. @throws Error when the response is not `code: "Ok"` or has the wrong shape.
 */
export function parseOsrmTable(body: unknown, size: number, fallback: Matrices): Matrices {
  const b = body as { code?: string; message?: string; durations?: unknown; distances?: unknown };
  if (b?.code !== 'Ok')
    throw new Error(`routing service answered ${b?.code ?? 'nothing'}: ${b?.message ?? ''}`);
  const read = (m: unknown, what: string, fb: number[][]): number[][] => {
    if (!Array.isArray(m) || m.length !== size)
      throw new Error(`routing service: ${what} is not ${size}×${size}`);
    return m.map((row, i) => {
      if (!Array.isArray(row) || row.length !== size)
        throw new Error(`routing service: ${what} row ${i} is malformed`);
      return row.map((x, j) => (typeof x === 'number' && Number.isFinite(x) ? Math.round(x) : fb[i][j]));
    });
  };
  return {
    durations: read(b.durations, 'durations', fallback.durations),
    distances:
      b.distances === undefined ? fallback.distances : read(b.distances, 'distances', fallback.distances),
  };
}

/** Options of a matrix provider. */
export interface MatrixOptions extends EstimateOptions {
  /** Base URL of an OSRM-compatible service (e.g. `http://osrm:5000`); absent = estimate only. */
  osrmUrl?: string;
  /** Request timeout in milliseconds (default 10 000). */
  timeoutMs?: number;
}

/**
 * Computes matrices for the points: from the routing service when `osrmUrl` is set, else the estimate.
 * @throws Error when the service fails or answers malformed data (callers may retry with the estimate).
 */
export async function computeMatrices(points: LatLng[], options: MatrixOptions = {}): Promise<Matrices> {
  const estimate = estimateMatrices(points, options);
  if (!options.osrmUrl || points.length === 0) return estimate;
  const res = await fetch(osrmTableUrl(options.osrmUrl, points), {
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  const body = await res.json().catch(() => undefined);
  if (!res.ok && !body) throw new Error(`routing service answered HTTP ${res.status}`);
  return parseOsrmTable(body, points.length, estimate);
}
