/**
 * Planning on the day of an alert: the plan an alert starts from when the newest one does not fit
 * it (none yet, or a route to a shelter not open), and the re-plan after a driver drops out. Both
 * run the route planner in its worker thread over the open shelters only. A re-plan keeps what
 * has been done: households in a car stay in that car (the planner's `onBoard`: no stop, delivered
 * at its route's end, at a shelter), a car starts from its last pickup, drivers who dropped out or
 * arrived are not asked again, and households already safe are stored as such, not planned.
 * Every household that has a driver still driving keeps that driver and its place in the order
 * (`keptOf`); only the dropped route's households are planned into the room left, before those
 * that had no ride — nobody who had a ride loses it to someone else.
 */
import type { Db } from '../../platform/db/database.ts';
import { computeMatrices } from '../../platform/geo/matrix.ts';
import { planInWorker } from '../../platform/planner/run.ts';
import { type Day, householdOf, routeOf } from './day.ts';
import {
  compilePlan,
  type DayKeep,
  type PlanHousehold,
  type PlannedRide,
  type PlanSettings,
  planRows,
  readPlan,
  type Unserved,
} from './plan.ts';
import { availabilityOf, planLimits, shelterViews } from './service.ts';
import * as store from './store.ts';

/** A plan for the day, solved and not yet stored. */
export interface SolvedDay {
  settings: PlanSettings;
  rides: PlannedRide[];
  unserved: Unserved[];
  /** Households safe already: in the plan with no ride (reason `safe`). */
  safe: { householdId: string; people: number; wheelchairs: number }[];
  households: string[];
  drivers: number;
  solveMs: number;
}

/**
 * Solves the day's plan with `settings` over the `open` shelters, keeping what `day` says was
 * done (null: nothing yet). `aboard` is what each driver's car carries of each household (people,
 * wheelchairs), from the plan being replaced; `keep` what a re-plan keeps of it (`keptOf`), in
 * order when the planner can keep the order (else with their drivers only).
 */
export async function solveDay(
  db: Db,
  communityId: string,
  settings: PlanSettings,
  open: ReadonlySet<string>,
  day: Day | null,
  aboard: ReadonlyMap<string, { people: number; wheelchairs: number }> = new Map(),
  keep?: Omit<DayKeep, 'order'>,
): Promise<SolvedDay> {
  const started = Date.now();
  const [households, drivers, shelters, locks] = await Promise.all([
    store.listHouseholds(db, communityId),
    store.listDrivers(db, communityId),
    shelterViews(db, communityId),
    store.listLocks(db, communityId),
  ]);
  const point = new Map(households.map((h) => [h.id, h]));
  const safe: SolvedDay['safe'] = [];
  const onBoard = new Map<string, string>();
  const planned: PlanHousehold[] = [];
  for (const h of households) {
    const d = day ? householdOf(day, h.id) : undefined;
    if (d && d.aboard.size > 0) {
      // In a car: only what that car carries rides on; the household is not planned again.
      const [driverId] = d.aboard;
      const load = aboard.get(`${h.id} ${driverId}`) ?? { people: h.people, wheelchairs: h.wheelchairs };
      onBoard.set(h.id, driverId);
      planned.push({ ...h, ...load, maySplit: false });
    } else if (d?.state === 'safe')
      safe.push({ householdId: h.id, people: h.people, wheelchairs: h.wheelchairs });
    else planned.push({ ...h, maySplit: h.maySplit === 1 });
  }
  const driving = drivers
    .filter((d) => !day || !['dropped_out', 'arrived'].includes(routeOf(day, d.id).state))
    .map((d) => {
      // A car on its way starts where it picked up last (the best the timeline knows).
      const last = day ? routeOf(day, d.id).lastPickup : null;
      const at = last ? point.get(last) : undefined;
      return {
        ...d,
        ...(at?.latitude != null && at.longitude != null
          ? { latitude: at.latitude, longitude: at.longitude }
          : {}),
        pets: d.pets === 1,
        availability: availabilityOf(d),
      };
    });
  // On the day a preferred shelter is a wish only: nobody is left out for it.
  const day_: PlanSettings = {
    ...settings,
    relaxed: new Set(households.filter((h) => h.shelterNeed === 'preferred').map((h) => h.id)),
  };
  const solve = async (order: boolean, pinned: boolean) => {
    const compiled = await compilePlan(
      {
        households: planned,
        drivers: driving,
        shelters: shelters
          .filter((s) => open.size === 0 || open.has(s.placeId))
          .map((s) => ({ ...s, id: s.placeId })),
        locks,
        onBoard,
        ...(keep ? { keep: { ...keep, order, ...(pinned ? {} : { shelters: new Map() }) } } : {}),
      },
      day_,
      (points) => computeMatrices(points),
    );
    const plan =
      compiled.problem.jobs.length === 0
        ? { routes: [], unassigned: [], duration: 0, distance: 0, cost: 0, iterations: 0 }
        : await planInWorker(compiled.problem, {
            ...planLimits(compiled.problem.jobs.length),
            seed: 1,
          });
    return { compiled, plan };
  };
  // The kept order may no longer fit (a household registered more people since): then the
  // households keep their drivers, in the order the planner finds.
  const attempt = (pinned: boolean) =>
    keep ? solve(true, pinned).catch(() => solve(false, pinned)) : solve(false, pinned);
  let { compiled, plan } = await attempt(true);
  // Kept routes end at their shelters unless that leaves out a household that had a ride.
  const keptIds = new Set([...(keep?.stops.values() ?? [])].flat());
  if (
    keep?.shelters?.size &&
    plan.unassigned.some((u) => keptIds.has(compiled.parts.get(u.job)?.householdId ?? ''))
  )
    ({ compiled, plan } = await attempt(false));
  const read = readPlan(compiled, plan, day_);
  return {
    settings,
    ...read,
    safe,
    households: households.map((h) => h.id),
    drivers: compiled.drivers,
    solveMs: Date.now() - started,
  };
}

/**
 * What a re-plan after a drop-out keeps of the plan `before` (its assignments, stops by
 * position) on `day`: each household waiting on the route of a driver still driving stays there,
 * in its order; the households of a dropped route not yet in a car come `first` of the rest.
 * Households in a car, safe, or not found at their door are not kept (the car has them, or a
 * coordinator does).
 */
export function keptOf(
  before: readonly {
    householdId: string;
    driverId: string | null;
    position: number | null;
    reason?: string | null;
  }[],
  day: Day,
): Omit<DayKeep, 'order'> {
  const stops = new Map<string, string[]>();
  const first = new Set<string>();
  const sorted = [...before].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  for (const a of sorted) {
    // A driver who left the community on the day: their stops wait with no driver, as a drop-out's.
    const h = householdOf(day, a.householdId);
    if (h.state !== 'waiting' && h.state !== 'needs_help') continue;
    if (a.reason === 'driver_left') first.add(a.householdId);
    if (!a.driverId || (a.position ?? 0) === 0) continue;
    const state = routeOf(day, a.driverId).state;
    if (state === 'dropped_out') first.add(a.householdId);
    else if (state !== 'arrived') {
      const list = stops.get(a.driverId) ?? [];
      if (!list.includes(a.householdId)) list.push(a.householdId);
      stops.set(a.driverId, list);
    }
  }
  return { stops, first };
}

/**
 * Where each route of the plan being replaced that goes on ends again (`DayKeep.shelters`): the
 * shelter of `routes` for each driver still driving on `day`, when that shelter is open (`capacity`,
 * place id → people it takes now) and takes what every route of `before` (assignments, by driver)
 * brings it — not a shelter that closed or shrank below it, whose routes the re-plan spreads
 * again.
 */
export function keptShelters(
  routes: readonly { driverId: string; shelterId: string }[],
  before: readonly { driverId: string | null; people: number }[],
  capacity: ReadonlyMap<string, number>,
  day: Day,
): Map<string, string> {
  const endsAt = new Map(routes.map((r) => [r.driverId, r.shelterId]));
  const load = new Map<string, number>();
  for (const a of before) {
    const shelter = a.driverId ? endsAt.get(a.driverId) : undefined;
    if (shelter) load.set(shelter, (load.get(shelter) ?? 0) + a.people);
  }
  const kept = new Map<string, string>();
  for (const [driverId, shelter] of endsAt) {
    const state = routeOf(day, driverId).state;
    if (state === 'dropped_out' || state === 'arrived') continue;
    if ((capacity.get(shelter) ?? 0) >= (load.get(shelter) ?? 0)) kept.set(driverId, shelter);
  }
  return kept;
}

/**
 * Stores a solved day plan in `tx` (the caller's, with the alert it belongs to); returns its id.
 * What went while the planner ran is left out, as `planning.ts` does: a route whose driver or
 * shelter is gone, a household that withdrew.
 */
export async function storeDayPlan(
  tx: Db,
  communityId: string,
  solved: SolvedDay,
  createdBy: string,
  createdAt: string,
): Promise<string> {
  const there = await store.stillThere(tx, communityId, {
    households: solved.households,
    drivers: solved.rides.map((r) => r.driverId),
    shelters: solved.rides.map((r) => r.shelterId),
  });
  const rides = solved.rides.filter((r) => there.drivers.has(r.driverId) && there.shelters.has(r.shelterId));
  const stops = rides.flatMap((r) =>
    r.stops.filter((s) => there.households.has(s.householdId)).map((s) => ({ ...s, driverId: r.driverId })),
  );
  const placed = new Set(stops.map((s) => s.householdId));
  const unserved = solved.unserved.filter((u) => there.households.has(u.householdId));
  const safe = solved.safe.filter((s) => there.households.has(s.householdId));
  const rows = planRows(
    rides.filter((r) => stops.some((s) => s.driverId === r.driverId)),
    stops,
    [...unserved, ...safe.map((s) => ({ ...s, part: 1, reason: 'safe', detail: {} }))],
  );
  return store.insertPlan(
    tx,
    communityId,
    {
      slot: solved.settings.slot,
      maxMinutes: solved.settings.maxMinutes,
      households: [...there.households].length,
      served: placed.size + safe.length,
      drivers: solved.drivers,
      solveMs: solved.solveMs,
      createdBy,
      createdAt,
    },
    rows.routes,
    rows.assignments,
  );
}
