/**
 * The ride network as a routing problem, and the planner's answer as the network's words. Pure:
 * no I/O (the service loads the rows, runs the planner in its worker and stores the result).
 *
 * The model (the planner's general model, docs/planner.md "The model for a ride network"):
 * - each available driver with a home point is a vehicle starting at home; every route ends at a
 *   shelter the solver chooses; a ride lasts at most `maxMinutes` from the alert (the shift);
 * - capacities are [seats, wheelchair places, people]: a person in their wheelchair takes a
 *   wheelchair place, not a seat; the third dimension counts everyone, so a shelter's capacity
 *   (people) holds across every route ending there; an inaccessible shelter has no wheelchair room;
 * - `wheelchair` and `pets` are skills a household needs and a driver has;
 * - a household's shelters are those that fit it (accessible for a wheelchair, pets allowed for
 *   pets) and, when it needs one, only that one; a preferred shelter is kept unless keeping it
 *   leaves the household without a ride (the service plans again without that preference);
 * - a household too large for the largest car rides in several cars only if it said it may;
 * - a coordinator's lock keeps a household with its driver (the order stays the solver's).
 * Households that cannot be planned at all (no point, no shelter that fits) are reported before
 * the planner runs; the others the planner leaves out come back with its reason.
 */

import type { Plan, Problem } from '../../planner/index.ts';
import type { Matrices } from '../../platform/geo/matrix.ts';
import type { Slot } from './schema.ts';

/** What the compiler needs of a household. */
export interface PlanHousehold {
  id: string;
  latitude: number | null;
  longitude: number | null;
  people: number;
  wheelchairs: number;
  pets: number;
  shelterId: string | null;
  shelterNeed: 'none' | 'preferred' | 'needed';
  maySplit: boolean;
}

/** What the compiler needs of a driver. */
export interface PlanDriver {
  id: string;
  latitude: number | null;
  longitude: number | null;
  seats: number;
  wheelchairPlaces: number;
  pets: boolean;
  availability: readonly Slot[];
}

/** What the compiler needs of a shelter (capacity null: not set up for the network). */
export interface PlanShelter {
  id: string;
  latitude: number | null;
  longitude: number | null;
  capacity: number | null;
  accessible: boolean;
  pets: boolean;
}

/** A plan's settings. */
export interface PlanSettings {
  slot: 'any' | Slot;
  maxMinutes: number;
  /** Households whose preferred shelter is not kept in this run (a second run). */
  relaxed?: ReadonlySet<string>;
}

/** One job of the problem: a household, or one part of a split household. */
export interface PlanPart {
  householdId: string;
  part: number;
  people: number;
  wheelchairs: number;
}

/** A household (part) left out, with the reason's catalog key suffix and its values. */
export interface Unserved extends PlanPart {
  reason: string;
  detail: Record<string, string | number>;
}

/**
 * The rows a plan is stored as: a route per ride, and per household part its driver and place in
 * the route, or why it is not served (`detail` as JSON, for the message's values). Seconds and
 * metres rounded to whole ones. A plan made by hand and the day's re-plan store the same way.
 */
export function planRows(
  rides: readonly {
    driverId: string;
    shelterId: string;
    departure: number;
    arrival: number;
    distance: number;
  }[],
  stops: readonly (PlanPart & { driverId: string; position: number; arrival: number })[],
  unserved: readonly Unserved[],
) {
  return {
    routes: rides.map((r) => ({
      driverId: r.driverId,
      shelterId: r.shelterId,
      departure: Math.round(r.departure),
      arrival: Math.round(r.arrival),
      distance: Math.round(r.distance),
    })),
    assignments: [
      ...stops.map((s) => ({
        householdId: s.householdId,
        part: s.part,
        people: s.people,
        wheelchairs: s.wheelchairs,
        driverId: s.driverId,
        position: s.position,
        arrival: Math.round(s.arrival),
        reason: null,
        detail: null,
      })),
      ...unserved.map((u) => ({
        householdId: u.householdId,
        part: u.part,
        people: u.people,
        wheelchairs: u.wheelchairs,
        driverId: null,
        position: null,
        arrival: null,
        reason: u.reason,
        detail: JSON.stringify(u.detail),
      })),
    ],
  };
}

/** The problem for the planner, the jobs' meaning, and who is left out before planning. */
export interface Compiled {
  problem: Problem;
  parts: Map<string, PlanPart>;
  unserved: Unserved[];
  /** The drivers in the problem (available with a home point). */
  drivers: number;
  /** The parts that travel with pets (ids of `parts`). */
  withPets: Set<string>;
  /** The parts a coordinator's lock keeps with one driver (part id → driver id). */
  locked: Map<string, string>;
  /** What the fleet offers at most: seats and wheelchair places in one car, pets at all, a car with both. */
  fleet: { seats: number; wheelchairPlaces: number; pets: boolean; both: boolean };
}

/**
 * What a re-plan on the day keeps when a driver dropped out (issue 16): `stops`, each driving
 * driver's households not yet visited in the order of the plan being replaced (driver id →
 * household ids), stay with that driver — a lock that outranks every other household, so a
 * household that had a ride is never left out to serve another — and with `order` are served
 * first in that order (the planner's locked `steps`), the solver adding the others after them.
 * `first`: the dropped route's households, which come before those that had no ride.
 * `shelters`: the shelter each kept route ends at (driver id → shelter place id), where it ends
 * again: the solver's search is bounded in time, so on a busy machine two runs over the same day
 * may choose other shelters for routes nothing changed, and their drivers and riders would be
 * sent elsewhere for no reason.
 */
export interface DayKeep {
  stops: ReadonlyMap<string, readonly string[]>;
  order: boolean;
  first: ReadonlySet<string>;
  shelters?: ReadonlyMap<string, string>;
}

/** The planner's priority of a kept household: leaving it out costs as much as leaving out a thousand others. */
const keptPriority = 1000;

/** Minutes spent at a pickup: 5, and 5 more per person in a wheelchair. */
export const serviceSeconds = (wheelchairs: number) => 300 + 300 * wheelchairs;

const hasPoint = <T extends { latitude: number | null; longitude: number | null }>(
  x: T,
): x is T & { latitude: number; longitude: number } => x.latitude !== null && x.longitude !== null;

/**
 * The routing problem of the network for `settings`, over `matrices(points)` (the caller computes
 * travel times for the points in the order given). Never throws for bad data: what cannot be
 * planned is in `unserved`.
 */
export async function compilePlan(
  input: {
    households: readonly PlanHousehold[];
    drivers: readonly PlanDriver[];
    shelters: readonly PlanShelter[];
    locks: ReadonlyMap<string, string>;
    /**
     * Households already in a car on the day (household id → driver id; `people` and
     * `wheelchairs` of the household as given are those aboard): on board of that driver's
     * vehicle from the start, delivered at its route's end, never moved (a re-plan after a driver
     * drops out). The driver must be among `drivers`.
     */
    onBoard?: ReadonlyMap<string, string>;
    /** What a re-plan on the day keeps of the plan it replaces (see `DayKeep`). */
    keep?: DayKeep;
  },
  settings: PlanSettings,
  matrices: (points: { lat: number; lng: number }[]) => Promise<Matrices>,
): Promise<Compiled> {
  const points: { lat: number; lng: number }[] = [];
  const at = (x: { latitude: number; longitude: number }) => {
    points.push({ lat: x.latitude, lng: x.longitude });
    return points.length - 1;
  };
  const drivers = input.drivers.filter(
    (d) =>
      hasPoint(d) &&
      d.seats + d.wheelchairPlaces > 0 &&
      (settings.slot === 'any' || d.availability.includes(settings.slot)),
  ) as (PlanDriver & { latitude: number; longitude: number })[];
  const shelters = input.shelters.filter((s) => hasPoint(s) && (s.capacity ?? 0) > 0) as (PlanShelter & {
    latitude: number;
    longitude: number;
    capacity: number;
  })[];
  const shelterIds = shelters.map((s) => s.id);
  const pinned = (driverId: string) => {
    const shelter = input.keep?.shelters?.get(driverId);
    return shelter !== undefined && shelterIds.includes(shelter) ? [shelter] : shelterIds;
  };
  const vehicles = drivers.map((d) => ({
    id: d.id,
    start: at(d),
    destinations: pinned(d.id),
    capacity: [d.seats, d.wheelchairPlaces, d.seats + d.wheelchairPlaces],
    skills: [...(d.wheelchairPlaces > 0 ? ['wheelchair'] : []), ...(d.pets ? ['pets'] : [])],
    shift: [0, settings.maxMinutes * 60] as [number, number],
    onBoard: [] as string[],
    steps: [] as string[],
  }));
  const destinations = shelters.map((s) => ({
    id: s.id,
    location: at(s),
    capacity: [s.capacity, s.accessible ? s.capacity : 0, s.capacity],
  }));
  const driverIds = new Set(drivers.map((d) => d.id));
  const keptWith = new Map<string, string>();
  // A household split over two cars is not kept whole with either (its parts may change).
  for (const [driverId, ids] of input.keep?.stops ?? [])
    for (const id of ids) keptWith.set(id, keptWith.has(id) ? '' : driverId);

  const parts = new Map<string, PlanPart>();
  const unserved: Unserved[] = [];
  const jobs: Problem['jobs'] = [];
  const withPets = new Set<string>();
  const locked = new Map<string, string>();
  for (const h of input.households) {
    const whole: PlanPart = { householdId: h.id, part: 1, people: h.people, wheelchairs: h.wheelchairs };
    if (!hasPoint(h)) {
      unserved.push({ ...whole, reason: 'no_point', detail: {} });
      continue;
    }
    let fitting = shelters.filter((s) => (h.wheelchairs === 0 || s.accessible) && (h.pets === 0 || s.pets));
    const chosen = h.shelterId;
    if (
      chosen &&
      (h.shelterNeed === 'needed' || (h.shelterNeed === 'preferred' && !settings.relaxed?.has(h.id)))
    ) {
      const kept = fitting.filter((s) => s.id === chosen);
      // A preference the shelter cannot meet (not set up, or it lacks what the household needs) is let go.
      if (kept.length > 0 || h.shelterNeed === 'needed') fitting = kept;
    }
    const aboard = input.onBoard?.get(h.id);
    if (aboard !== undefined && driverIds.has(aboard)) {
      // In a car already: it stays there whatever else changes, to a shelter it may go to (any open one if none fits).
      const id = `${h.id}#1`;
      parts.set(id, whole);
      if (h.pets > 0) withPets.add(id);
      (vehicles.find((v) => v.id === aboard) as { onBoard: string[] }).onBoard.push(id);
      jobs.push({
        id,
        location: at(h),
        demand: [h.people - h.wheelchairs, h.wheelchairs, h.people],
        skills: [],
        service: 0,
        destinations: (fitting.length > 0 ? fitting : shelters).map((s) => s.id),
        vehicle: aboard,
      });
      continue;
    }
    if (fitting.length === 0) {
      unserved.push({
        ...whole,
        reason:
          shelters.length === 0
            ? input.shelters.some(hasPoint)
              ? 'shelters_closed'
              : 'no_shelters'
            : h.shelterNeed === 'needed' && chosen
              ? 'needed_shelter'
              : 'no_shelter_fits',
        detail: {},
      });
      continue;
    }
    const location = at(h);
    const seated = h.people - h.wheelchairs;
    // Split only a household that may be, and only when no car could take it whole.
    const largest = Math.max(0, ...drivers.map((d) => d.seats));
    const first = Math.max(
      0,
      ...drivers
        .filter((d) => d.wheelchairPlaces >= h.wheelchairs && (h.pets === 0 || d.pets))
        .map((d) => d.seats),
    );
    const pieces: { seated: number; wheelchairs: number; pets: boolean }[] = [];
    if (h.maySplit && seated > first && largest > 0) {
      const head = h.wheelchairs > 0 || h.pets > 0 ? Math.min(first, seated) : Math.min(largest, seated);
      pieces.push({ seated: head, wheelchairs: h.wheelchairs, pets: h.pets > 0 });
      for (let left = seated - head; left > 0; left -= Math.min(largest, left))
        pieces.push({ seated: Math.min(largest, left), wheelchairs: 0, pets: false });
    } else pieces.push({ seated, wheelchairs: h.wheelchairs, pets: h.pets > 0 });
    const kept = keptWith.get(h.id) || undefined;
    const lock = kept ?? input.locks.get(h.id);
    // A lock on a driver who is not in this plan (unavailable then) does not hold.
    const holds = lock !== undefined && driverIds.has(lock) && pieces.length === 1;
    // On the day a household that has a ride outranks every other, and the dropped route's the rest.
    const priority = keptWith.has(h.id) ? keptPriority : input.keep?.first.has(h.id) ? 10 : 0;
    pieces.forEach((p, i) => {
      const id = `${h.id}#${i + 1}`;
      const people = p.seated + p.wheelchairs;
      parts.set(id, { householdId: h.id, part: i + 1, people, wheelchairs: p.wheelchairs });
      if (p.pets) withPets.add(id);
      if (holds) locked.set(id, lock);
      jobs.push({
        id,
        location,
        demand: [p.seated, p.wheelchairs, people],
        skills: [...(p.wheelchairs > 0 ? ['wheelchair'] : []), ...(p.pets ? ['pets'] : [])],
        service: serviceSeconds(p.wheelchairs),
        destinations: fitting.map((s) => s.id),
        ...(holds ? { vehicle: lock } : {}),
        ...(priority > 0 ? { priority } : {}),
      });
    });
  }
  if (input.keep?.order)
    for (const v of vehicles)
      v.steps = (input.keep.stops.get(v.id) ?? [])
        .map((id) => `${id}#1`)
        .filter((job) => locked.get(job) === v.id);
  const { durations, distances } = await matrices(points);
  return {
    problem: {
      capacityNames: ['seats', 'wheelchair', 'people'],
      vehicles,
      jobs,
      destinations,
      durations,
      distances,
    },
    parts,
    unserved,
    drivers: drivers.length,
    withPets,
    locked,
    fleet: {
      seats: Math.max(0, ...drivers.map((d) => d.seats)),
      wheelchairPlaces: Math.max(0, ...drivers.map((d) => d.wheelchairPlaces)),
      pets: drivers.some((d) => d.pets),
      both: drivers.some((d) => d.pets && d.wheelchairPlaces > 0),
    },
  };
}

/** A route of the plan as stored: the driver, the shelter, times in seconds from the alert, metres. */
export interface PlannedRide {
  driverId: string;
  shelterId: string;
  departure: number;
  arrival: number;
  distance: number;
  /** Parts on board from the start (position 0), then the stops in order (position 1, 2, …). */
  stops: (PlanPart & { position: number; arrival: number })[];
}

/**
 * The planner's answer in the network's terms: routes with their stops, and the parts it left
 * out with the reason in words a coordinator can act on (the catalog key's suffix) and its values.
 */
export function readPlan(
  compiled: Compiled,
  plan: Plan,
  settings: PlanSettings,
): { rides: PlannedRide[]; unserved: Unserved[] } {
  const rides: PlannedRide[] = plan.routes
    .filter((r) => r.destination !== undefined && (r.steps.length > 0 || r.onBoard.length > 0))
    .map((r) => ({
      driverId: r.vehicle,
      shelterId: r.destination as string,
      departure: r.departure,
      arrival: r.arrival,
      distance: r.distance,
      stops: [
        ...r.onBoard.map((job) => ({ ...(compiled.parts.get(job) as PlanPart), position: 0, arrival: 0 })),
        ...r.steps.map((s, i) => ({
          ...(compiled.parts.get(s.job) as PlanPart),
          position: i + 1,
          arrival: s.arrival,
        })),
      ],
    }));
  const { fleet } = compiled;
  const left = plan.unassigned.map((u): Unserved => {
    const part = compiled.parts.get(u.job) as PlanPart;
    const detail: Record<string, string | number> = { people: part.people, minutes: settings.maxMinutes };
    const lock = compiled.locked.get(u.job);
    // Kept with one driver who cannot take it: that driver is the reason, whatever the planner says.
    if (lock) return { ...part, reason: 'locked_driver_cannot_take', detail: { ...detail, driverId: lock } };
    return { ...part, reason: reasonOf(u.reason, part, compiled.withPets.has(u.job), fleet), detail };
  });
  return { rides, unserved: [...compiled.unserved, ...left] };
}

/**
 * The planner's reason in the network's words: which skill or capacity is missing (a wheelchair
 * place, a driver who takes pets, seats), so the message says what to ask for. Only what the
 * fleet shows to be missing is named; otherwise the generic `no_driver_fits`, never a guess.
 */
export function reasonOf(reason: string, part: PlanPart, pets: boolean, fleet: Compiled['fleet']): string {
  if (reason === 'no_vehicle_with_skills') {
    if (part.wheelchairs > 0 && fleet.wheelchairPlaces === 0) return 'no_wheelchair_driver';
    if (pets && !fleet.pets) return 'no_pets_driver';
    if (part.wheelchairs > 0 && pets && !fleet.both) return 'no_driver_with_both';
    return 'no_driver_fits';
  }
  // A car it would fit is full with what it must carry (riders, the day's kept stops): not too many people.
  if (reason === 'capacity_exceeded')
    return part.wheelchairs > fleet.wheelchairPlaces
      ? 'too_many_wheelchairs'
      : part.people - part.wheelchairs > fleet.seats
        ? 'too_many_people'
        : 'fleet_too_small';
  return reason;
}
