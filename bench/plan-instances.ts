/**
 * Generated ride networks for `npm run bench:plan`: registry rows (households, drivers, shelters) as
 * the evacuation feature stores them, on street-like maps, and the travel times and distances of
 * those maps. Deterministic: the same kind and seed give the same network.
 *
 * - `town`: 300 households, 60 drivers, 3 shelters in one town of about 5 × 4 km: a grid of blocks
 *   (90–140 m, jittered per street) where everyone lives on a street; the distance between two points
 *   is the Manhattan distance over the grid times 1.15 (one-way streets, turns), at 30 km/h.
 * - `region`: 1,000 households, 150 drivers, 8 shelters in 8 towns of different sizes along about
 *   60 km of coast, one shelter in each: inside a town as above; between towns, to the town's centre,
 *   along the coast road (straight-line distance between centres × 1.25, at 70 km/h) and on into the
 *   other town.
 *
 * Households: 1–7 people (half alone), a tenth with a person in a wheelchair, a fifth with pets,
 * those of four or more may split half the time; 10 % prefer a shelter, 4 % need one that fits them.
 * Drivers live among them: mostly cars of 3–4 seats, some vans of 6–8, one in eight with wheelchair
 * places, two in five take pets. Shelters: capacities in people, most accessible, some take pets.
 * Figures chosen to look like a small coastal town's network (issue 16's seed), not from data.
 */
import type { PlanDriver, PlanHousehold, PlanShelter } from '../src/features/evacuation/plan.ts';
import { Rng } from '../src/planner/rng.ts';

/** A point in metres on the generated map (x east, y north). */
interface Xy {
  x: number;
  y: number;
}

/** A town: its centre and its street grid (street positions in metres, sorted). */
interface Town {
  centre: Xy;
  streetsX: number[];
  streetsY: number[];
}

/** A generated network: the rows the compiler reads, and the map's metric. */
export interface Network {
  name: string;
  households: PlanHousehold[];
  drivers: PlanDriver[];
  shelters: PlanShelter[];
  /** Travel between two points given in WGS 84 degrees: metres and seconds, integers. */
  travel: (
    a: { lat: number; lng: number },
    b: { lat: number; lng: number },
  ) => { metres: number; seconds: number };
}

/** The kinds of network issue 16 names. */
export const kinds = {
  town: { households: 300, drivers: 60, shelters: 3, towns: 1 },
  region: { households: 1000, drivers: 150, shelters: 8, towns: 8 },
} as const;

// Local projection around a reference point (equirectangular; errors are far below a block at this size).
const LAT0 = 43.36;
const LNG0 = -8.41;
const M_PER_DEG_LAT = 111_195;
const M_PER_DEG_LNG = M_PER_DEG_LAT * Math.cos((LAT0 * Math.PI) / 180);
const toLatLng = (p: Xy) => ({ latitude: LAT0 + p.y / M_PER_DEG_LAT, longitude: LNG0 + p.x / M_PER_DEG_LNG });
const toXy = (p: { lat: number; lng: number }): Xy => ({
  x: (p.lng - LNG0) * M_PER_DEG_LNG,
  y: (p.lat - LAT0) * M_PER_DEG_LAT,
});

const STREET_DETOUR = 1.15;
const TOWN_SPEED = 30 / 3.6;
const ROAD_DETOUR = 1.25;
const ROAD_SPEED = 70 / 3.6;

/** Street positions from `-half` to `half` around 0, blocks of 90–140 m. */
function streets(rng: Rng, half: number): number[] {
  const out: number[] = [];
  for (let s = -half; s <= half; s += 90 + rng.int(51)) out.push(Math.round(s));
  return out;
}

/** A point on a street of the town, within `spread` metres of its centre (a household's door). */
function onStreet(rng: Rng, town: Town, spread: number): Xy {
  const pick = (xs: number[]) => {
    const inside = xs.filter((v) => Math.abs(v) <= spread);
    return inside[rng.int(inside.length)];
  };
  const along = (rng.next() * 2 - 1) * spread;
  return rng.next() < 0.5
    ? { x: town.centre.x + pick(town.streetsX), y: town.centre.y + along }
    : { x: town.centre.x + along, y: town.centre.y + pick(town.streetsY) };
}

/** An index drawn with the given weights. */
function weighted(rng: Rng, weights: readonly number[]): number {
  let r = rng.next() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i];
    if (r < 0) return i;
  }
  return weights.length - 1;
}

/** Generates the network of `kind` with `seed`. */
export function generateNetwork(kind: keyof typeof kinds, seed: number): Network {
  const size = kinds[kind];
  const rng = new Rng(seed * 7919 + (kind === 'town' ? 1 : 2));
  // Towns along the coast (the sea to the north), of decreasing sizes; the first is the largest.
  const towns: Town[] = [];
  const townSize: number[] = [];
  for (let t = 0; t < size.towns; t++) {
    const half = size.towns === 1 ? 2500 : 700 + rng.int(1100);
    towns.push({
      centre: { x: t * 8000 + rng.int(1500), y: -rng.int(1500) },
      streetsX: streets(rng, half),
      streetsY: streets(rng, Math.round(half * 0.8)),
    });
    townSize.push(half);
  }
  const weights = townSize.map((h) => h * h);
  const townOf = new Map<string, number>();
  const place = (id: string, t: number, spread = 1): Xy => {
    townOf.set(id, t);
    return onStreet(rng, towns[t], townSize[t] * 0.8 * spread);
  };

  // Shelters: one per town (three in the single town), most accessible, some take pets; room for
  // about 1.4 times the people of the households that would go there.
  const shelters: PlanShelter[] = [];
  for (let s = 0; s < size.shelters; s++) {
    const t = size.towns === 1 ? 0 : s % size.towns;
    const id = `shelter-${s + 1}`;
    const share = size.towns === 1 ? 1 / size.shelters : weights[t] / weights.reduce((a, b) => a + b, 0);
    shelters.push({
      id,
      ...toLatLng(place(id, t, 0.6)),
      capacity: Math.max(20, Math.round((size.households * share * 1.9 * 1.4) / 10) * 10),
      accessible: s % 4 !== 2,
      pets: s % 2 === 1 || s === size.shelters - 1,
    });
  }
  // One shelter in the town is small, so shelter capacity binds.
  if (size.towns === 1) shelters[2].capacity = 60;

  const households: PlanHousehold[] = [];
  for (let i = 0; i < size.households; i++) {
    const id = `household-${i + 1}`;
    const t = weighted(rng, weights);
    const at = toLatLng(place(id, t));
    const people = [1, 1, 1, 1, 1, 2, 2, 2, 3, 4][rng.int(10)] + (rng.next() < 0.05 ? 2 + rng.int(3) : 0);
    const wheelchairs = rng.next() < 0.1 ? 1 : 0;
    const pets = rng.next() < 0.2 ? 1 + rng.int(2) : 0;
    const fits = shelters.filter((s) => (wheelchairs === 0 || s.accessible) && (pets === 0 || s.pets));
    const r = rng.next();
    const shelterNeed = r < 0.04 && fits.length > 0 ? 'needed' : r < 0.14 ? 'preferred' : 'none';
    // A household needs or prefers a shelter of its own town when it can, else any.
    const near = fits.filter((s) => townOf.get(s.id) === t);
    const pool = shelterNeed === 'needed' ? (near.length ? near : fits) : near.length ? near : shelters;
    households.push({
      id,
      latitude: at.latitude,
      longitude: at.longitude,
      people,
      wheelchairs,
      pets,
      shelterId: shelterNeed === 'none' ? null : pool[rng.int(pool.length)].id,
      shelterNeed,
      maySplit: people >= 4 && rng.next() < 0.5,
    });
  }

  const drivers: PlanDriver[] = [];
  for (let i = 0; i < size.drivers; i++) {
    const id = `driver-${i + 1}`;
    const at = toLatLng(place(id, weighted(rng, weights)));
    const van = rng.next() < 0.2;
    const seats = van ? 6 + rng.int(3) : 3 + rng.int(2);
    drivers.push({
      id,
      latitude: at.latitude,
      longitude: at.longitude,
      seats,
      wheelchairPlaces: rng.next() < (van ? 0.4 : 0.05) ? 1 + (van ? rng.int(2) : 0) : 0,
      pets: rng.next() < 0.4,
      availability: ['weekday_day', 'weekday_evening', 'night', 'weekend'],
    });
  }

  // The metric: inside a town, Manhattan over its grid; between towns, through both centres and the coast road.
  const townAt = (p: Xy): number => {
    let best = 0;
    for (let t = 1; t < towns.length; t++)
      if (Math.abs(p.x - towns[t].centre.x) < Math.abs(p.x - towns[best].centre.x)) best = t;
    return best;
  };
  const manhattan = (a: Xy, b: Xy) => (Math.abs(a.x - b.x) + Math.abs(a.y - b.y)) * STREET_DETOUR;
  const travel: Network['travel'] = (pa, pb) => {
    const a = toXy(pa);
    const b = toXy(pb);
    const ta = townAt(a);
    const tb = townAt(b);
    if (ta === tb) {
      const metres = manhattan(a, b);
      return { metres: Math.round(metres), seconds: Math.round(metres / TOWN_SPEED) };
    }
    const ca = towns[ta].centre;
    const cb = towns[tb].centre;
    const inTown = manhattan(a, ca) + manhattan(cb, b);
    const road = Math.hypot(ca.x - cb.x, ca.y - cb.y) * ROAD_DETOUR;
    return {
      metres: Math.round(inTown + road),
      seconds: Math.round(inTown / TOWN_SPEED + road / ROAD_SPEED),
    };
  };
  return { name: `${kind}-${size.households}`, households, drivers, shelters, travel };
}

/** The network's matrices over `points` (the compiler's callback): seconds and metres, `[from][to]`. */
export function networkMatrices(
  network: Network,
  points: { lat: number; lng: number }[],
): { durations: number[][]; distances: number[][] } {
  const durations = points.map(() => new Array<number>(points.length));
  const distances = points.map(() => new Array<number>(points.length));
  points.forEach((a, i) => {
    points.forEach((b, j) => {
      const t = network.travel(a, b);
      durations[i][j] = t.seconds;
      distances[i][j] = t.metres;
    });
  });
  return { durations, distances };
}
