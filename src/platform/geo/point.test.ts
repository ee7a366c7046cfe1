import { describe, expect, it } from 'vitest';
import { type Area, pointErrors } from './point.ts';

const chicago = { areaLat: 41.88, areaLng: -87.63, areaRadiusM: 2_000 };
const codes = (input: Parameters<typeof pointErrors>[0], area: Area = chicago) =>
  pointErrors(input, area, 'x.point_needs_both').map((e) =>
    `${e.field} ${e.code} ${e.params?.km ?? ''}`.trim(),
  );

describe('a point on a form', () => {
  it('needs both coordinates or neither', () => {
    expect(codes({})).toEqual([]);
    expect(codes({ latitude: 41.9 })).toEqual(['longitude x.point_needs_both']);
    expect(codes({ longitude: -87.6 })).toEqual(['latitude x.point_needs_both']);
  });

  it('refuses 0, 0, where an empty point often ends up, even without an area', () => {
    expect(codes({ latitude: 0, longitude: 0 })).toEqual(['latitude validation.point_null_island']);
    expect(codes({ latitude: 0, longitude: 0 }, { areaLat: null, areaLng: null, areaRadiusM: null })).toEqual(
      ['latitude validation.point_null_island'],
    );
    expect(
      codes({ latitude: 0, longitude: 9.5 }, { areaLat: null, areaLng: null, areaRadiusM: null }),
    ).toEqual([]);
  });

  it('refuses a point far beyond the community area, with the distance (a swapped or lost sign)', () => {
    expect(codes({ latitude: 41.95, longitude: -87.7 })).toEqual([]);
    // An hour's drive away is a neighbor's cabin or a shelter inland: allowed.
    expect(codes({ latitude: 42.6, longitude: -87.63 })).toEqual([]);
    // The minus sign lost: the same latitude, in China.
    expect(codes({ latitude: 41.88, longitude: 87.63 })).toEqual([
      'latitude validation.point_far_from_area 10689',
    ]);
    expect(
      codes({ latitude: 41.88, longitude: 87.63 }, { areaLat: null, areaLng: null, areaRadiusM: null }),
    ).toEqual([]);
  });
});
