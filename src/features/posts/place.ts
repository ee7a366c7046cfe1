/** Approximate places: rounding that keeps homes private, and distances for "nearest first". */

/** A coordinate rounded to 3 decimals (about 100 m): close enough to help, not a house. */
export function roundCoordinate(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Great-circle distance in kilometres between two points (haversine, mean Earth radius). */
export function distanceKm(aLat: number, aLng: number, bLat: number, bLng: number): number {
  const rad = Math.PI / 180;
  const dLat = (bLat - aLat) * rad;
  const dLng = (bLng - aLng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A point, when both coordinates are known. */
export function pointOf(lat: number | null | undefined, lng: number | null | undefined) {
  return lat === null || lat === undefined || lng === null || lng === undefined ? undefined : { lat, lng };
}
