/**
 * An alert's day read from its timeline: where each route and each household stands, and whether
 * a driver's tap comes in order. Pure: no I/O. The timeline (`evacuation_update`) is the only
 * record of the day; every state here is computed from it, so what a restart, a second process or
 * the review reads is what was stored.
 */
import type { EvacuationStatus, EvacuationUpdate } from '../../platform/db/database.ts';
import type { FieldError } from '../../platform/errors.ts';

/** Where a driver's route stands. */
export const routeStates = ['not_started', 'en_route', 'arrived', 'dropped_out'] as const;
/** A route's state. */
export type RouteState = (typeof routeStates)[number];
/** Where a household stands: waiting for its ride, in a car, safe, asking for help, not found at its door. */
export const householdStates = ['waiting', 'picked_up', 'safe', 'needs_help', 'no_answer'] as const;
/** A household's state. */
export type HouseholdState = (typeof householdStates)[number];
/** What a driver taps from their route card. */
export const taps = ['started', 'picked_up', 'not_found', 'arrived', 'dropped_out'] as const;
/** A driver's tap. */
export type Tap = (typeof taps)[number];
/** What a household, its buddy or a coordinator marks. */
export const marks = ['safe', 'needs_help'] as const;
/** A household's mark. */
export type Mark = (typeof marks)[number];
/** What a buddy marks through their link: a mark, or that nobody answered when they checked. */
export const buddyMarks = [...marks, 'no_answer'] as const;
/** A buddy's mark. */
export type BuddyMark = (typeof buddyMarks)[number];

/** A route on the day. */
export interface RouteDay {
  state: RouteState;
  /** Households this driver picked up. */
  pickedUp: Set<string>;
  /** Households this driver could not find. */
  notFound: Set<string>;
  /** The household picked up last (where the car was then), or null. */
  lastPickup: string | null;
}

/** A household on the day. */
export interface HouseholdDay {
  state: HouseholdState;
  /** Drivers whose car has (some of) it now: picked up, not yet at the shelter. */
  aboard: Set<string>;
  /** When its state last changed, or null (waiting since the alert). */
  at: string | null;
  /** The note of its last change (a coordinator's word from a phone call). */
  note: string;
}

/** The day as the timeline says it is. */
export interface Day {
  routes: Map<string, RouteDay>;
  households: Map<string, HouseholdDay>;
  /** A driver dropped out and the remaining stops are not re-planned yet. */
  replanning: boolean;
}

/** `driverId`'s route on the day (not started when the timeline says nothing of it). */
export function routeOf(day: Day, driverId: string): RouteDay {
  return (
    day.routes.get(driverId) ?? {
      state: 'not_started',
      pickedUp: new Set(),
      notFound: new Set(),
      lastPickup: null,
    }
  );
}

/** `householdId` on the day (waiting when the timeline says nothing of it). */
export function householdOf(day: Day, householdId: string): HouseholdDay {
  return day.households.get(householdId) ?? { state: 'waiting', aboard: new Set(), at: null, note: '' };
}

/**
 * Reads the timeline, oldest first. A driver's arrival makes the households in their car safe; a
 * mark (safe, needs help) says what the household or whoever spoke to it said, whatever came
 * before; a driver who could not find a household leaves it "no answer" until someone hears of it.
 */
export function readDay(
  updates: readonly Pick<EvacuationUpdate, 'householdId' | 'driverId' | 'status' | 'note' | 'at'>[],
): Day {
  const day: Day = { routes: new Map(), households: new Map(), replanning: false };
  const route = (id: string) => {
    const r = routeOf(day, id);
    day.routes.set(id, r);
    return r;
  };
  const household = (id: string) => {
    const h = householdOf(day, id);
    day.households.set(id, h);
    return h;
  };
  for (const u of updates) {
    const r = u.driverId ? route(u.driverId) : undefined;
    const h = u.householdId ? household(u.householdId) : undefined;
    const status: EvacuationStatus = u.status;
    if (h) {
      h.at = u.at;
      h.note = u.note;
    }
    switch (status) {
      case 'started':
        if (r) r.state = 'en_route';
        break;
      case 'picked_up':
        if (r && h && u.driverId) {
          r.pickedUp.add(u.householdId as string);
          r.lastPickup = u.householdId;
          h.aboard.add(u.driverId);
          h.state = 'picked_up';
        }
        break;
      case 'not_found':
        // A driver at the door, or a buddy who checked (no driver): nobody answered.
        if (h) h.state = 'no_answer';
        if (r && h) r.notFound.add(u.householdId as string);
        break;
      case 'arrived':
        if (r && u.driverId) {
          r.state = 'arrived';
          for (const id of r.pickedUp) {
            const rider = household(id);
            rider.aboard.delete(u.driverId);
            if (rider.aboard.size === 0 && rider.state === 'picked_up') {
              rider.state = 'safe';
              rider.at = u.at;
            }
          }
        }
        break;
      case 'dropped_out':
        if (r) r.state = 'dropped_out';
        day.replanning = true;
        break;
      case 'replanned':
        day.replanning = false;
        break;
      case 'safe':
      case 'needs_help':
        if (h) h.state = status;
        break;
    }
  }
  return day;
}

/** Whether a household still needs someone to act: not safe and in nobody's car. */
export function unaccounted(h: HouseholdDay): boolean {
  return h.state === 'waiting' || h.state === 'needs_help' || h.state === 'no_answer';
}

/**
 * Why a driver's tap is out of order, as a field error, or null when it comes in order:
 * started once, before anything else; pickups and "could not find" only of households of the
 * route, while en route, each once; arrival after starting, once every stop is picked up or
 * could not be found or is safe already (`safe`: households the day says are safe) —
 * `stops_left`, with `count`: else the stops left would wait for a car that has gone; nothing after arriving or dropping out; dropping out not with riders in the car
 * (they go to a shelter first).
 */
export function tapProblem(
  route: RouteDay,
  stops: ReadonlySet<string>,
  tap: { status: Tap; householdId?: string },
  safe: ReadonlySet<string> = new Set(),
): FieldError | null {
  const status = (code: string): FieldError => ({ field: 'status', code: `evacuation.errors.${code}` });
  if (route.state === 'arrived' || route.state === 'dropped_out') return status('route_over');
  if (tap.status === 'started') return route.state === 'en_route' ? status('route_already_started') : null;
  if (tap.status === 'dropped_out') return route.pickedUp.size > 0 ? status('riders_aboard') : null;
  if (route.state === 'not_started') return status('route_not_started');
  if (tap.status === 'arrived') {
    const left = [...stops].filter(
      (id) => !route.pickedUp.has(id) && !route.notFound.has(id) && !safe.has(id),
    ).length;
    return left > 0 ? { ...status('stops_left'), params: { count: left } } : null;
  }
  if (!tap.householdId || !stops.has(tap.householdId))
    return { field: 'householdId', code: 'evacuation.errors.not_on_route' };
  if (route.pickedUp.has(tap.householdId)) return status('already_picked_up');
  return null;
}
