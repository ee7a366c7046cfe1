/**
 * The checks every form with a point (a place, a household, a driver's home) makes before storing
 * it: both coordinates or neither, not (0, 0), and not far from the community's area.
 */
import type { FieldError } from '../errors.ts';
import { haversineMetres } from './matrix.ts';

/** A community's area as the settings give it (centre in degrees, radius in metres); all null when unset. */
export interface Area {
  areaLat: number | null;
  areaLng: number | null;
  areaRadiusM: number | null;
}

/**
 * How far beyond the area's edge a point may be (metres). A neighbor's home, a shelter or a
 * fridge lies within a drive of the area; a point thousands of kilometres off is a typing slip
 * (swapped coordinates, a lost minus sign) that would send a driver nowhere.
 */
export const POINT_SLACK_M = 100_000;

/**
 * The errors of a form's point: `needsBoth` (the feature's code) when only one coordinate is given;
 * `validation.point_null_island` for (0, 0), which no neighbor lives at and which an empty point often becomes;
 * `validation.point_far_from_area` (param `km`, rounded) when the community has an area and the point lies more
 * than {@link POINT_SLACK_M} beyond its edge. Each on the field `latitude`, which the form shows
 * beside the map. Coordinates in degrees (the schemas bound them to ±90 / ±180).
 */
export function pointErrors(
  input: { latitude?: number | null; longitude?: number | null },
  area: Area | null,
  needsBoth: string,
): FieldError[] {
  const lat = input.latitude ?? undefined;
  const lng = input.longitude ?? undefined;
  if ((lat === undefined) !== (lng === undefined))
    return [{ field: lat === undefined ? 'latitude' : 'longitude', code: needsBoth }];
  if (lat === undefined || lng === undefined) return [];
  if (lat === 0 && lng === 0) return [{ field: 'latitude', code: 'validation.point_null_island' }];
  if (!area || area.areaLat === null || area.areaLng === null) return [];
  const metres = haversineMetres({ lat: area.areaLat, lng: area.areaLng }, { lat, lng });
  if (metres <= (area.areaRadiusM ?? 0) + POINT_SLACK_M) return [];
  return [
    { field: 'latitude', code: 'validation.point_far_from_area', params: { km: Math.round(metres / 1000) } },
  ];
}
