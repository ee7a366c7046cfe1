/**
 * The plan of the evacuation ride network: made by the route planner in its worker thread and
 * stored with every household in it (in a route, or left out with its reason), read back as the
 * plan page, route cards and a driver's own card, and changed by a coordinator's locks and moves.
 * Split from `service.ts` (which re-exports it, the feature's one entry for other features).
 */
import { requireRole } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { EvacuationDriver, EvacuationHousehold } from '../../platform/db/database.ts';
import { iso } from '../../platform/db/time.ts';
import { Conflict, type FieldError, Invalid, NotFound } from '../../platform/errors.ts';
import { computeMatrices } from '../../platform/geo/matrix.ts';
import { planInWorker } from '../../platform/planner/run.ts';
import { logRead } from './access-log.ts';
import { compilePlan, type PlanSettings, planRows, readPlan } from './plan.ts';
import { can } from './policy.ts';
import type { PlanInput } from './schema.ts';
import {
  availabilityOf,
  driverViews,
  loadHousehold,
  type PlanView,
  planLimits,
  type RouteView,
  type ShelterView,
  shelterViews,
} from './service.ts';
import * as store from './store.ts';
import { findActiveAlert } from './store-activation.ts';

/**
 * While an alert is on, the plan is the day's: it changes only by a re-plan that keeps whoever is
 * in a car (`replan.ts`). A plan made by hand then would move them: `Conflict`.
 */
async function refuseDuringAlert(ctx: Ctx, communityId: string): Promise<void> {
  if (await findActiveAlert(ctx.db, communityId)) throw new Conflict('evacuation.errors.plan_during_alert');
}

/**
 * Makes a plan with the route planner in its worker thread and stores it (coordinators). Every
 * household is in it: in a route, or left out with its reason. A household whose preferred
 * shelter left it out is planned again without that preference. Returns the plan's id.
 * `Conflict('evacuation.errors.plan_during_alert')` while an alert is on.
 */
export async function makePlan(ctx: Ctx, input: PlanInput = {}): Promise<string> {
  const { communityId, accountId } = requireRole(ctx, can.plan, 'evacuation.errors.only_coordinators');
  await refuseDuringAlert(ctx, communityId);
  return planAndStore(ctx, communityId, accountId, {
    slot: input.slot ?? 'any',
    maxMinutes: input.maxMinutes ?? 90,
  });
}

/** A change of one lock stored with the plan made around it (driverId null: the lock is let go). */
interface LockChange {
  householdId: string;
  driverId: string | null;
}

/**
 * Plans with `settings` (and `change` applied to the locks) and stores the plan — and the lock
 * change, in the same transaction, so no lock is left without the plan made around it. A
 * household, driver or shelter that went while the planner ran is left out of what is stored:
 * its stops show as not in the plan, never a failed insert.
 */
async function planAndStore(
  ctx: Ctx,
  communityId: string,
  accountId: string,
  settings: PlanSettings,
  change?: LockChange,
): Promise<string> {
  const [households, drivers, shelters, locks] = await Promise.all([
    store.listHouseholds(ctx.db, communityId),
    store.listDrivers(ctx.db, communityId),
    shelterViews(ctx.db, communityId),
    store.listLocks(ctx.db, communityId),
  ]);
  if (change?.driverId) locks.set(change.householdId, change.driverId);
  else if (change) locks.delete(change.householdId);
  const data = {
    households: households.map((h) => ({ ...h, maySplit: h.maySplit === 1 })),
    drivers: drivers.map((d) => ({ ...d, pets: d.pets === 1, availability: availabilityOf(d) })),
    shelters: shelters.map((s) => ({ ...s, id: s.placeId })),
    locks,
  };
  const started = Date.now();
  const solve = async (s: PlanSettings) => {
    const compiled = await compilePlan(data, s, (points) => computeMatrices(points));
    const plan =
      compiled.problem.jobs.length === 0
        ? { routes: [], unassigned: [], duration: 0, distance: 0, cost: 0, iterations: 0 }
        : await planInWorker(compiled.problem, {
            ...planLimits(compiled.problem.jobs.length),
            seed: 1,
          });
    return { compiled, ...readPlan(compiled, plan, s) };
  };
  let result = await solve(settings);
  const preferring = new Set(
    result.unserved
      .filter((u) => households.find((h) => h.id === u.householdId)?.shelterNeed === 'preferred')
      .map((u) => u.householdId),
  );
  if (preferring.size > 0) {
    const again = await solve({ ...settings, relaxed: preferring });
    if (again.unserved.length < result.unserved.length) result = again;
  }
  await beforeStore?.();
  const now = iso(ctx.clock.now());
  return ctx.db.transaction().execute(async (tx) => {
    const there = await store.stillThere(tx, communityId, {
      households: households.map((h) => h.id),
      drivers: result.rides.map((r) => r.driverId),
      shelters: result.rides.map((r) => r.shelterId),
    });
    if (change) {
      if (!there.households.has(change.householdId))
        throw new NotFound('evacuation.errors.household_not_found');
      if (change.driverId && !(await store.findDriver(tx, communityId, change.driverId)))
        throw new Invalid([{ field: 'driverId', code: 'evacuation.errors.driver_not_found' }]);
      if (change.driverId)
        await store.setLock(tx, communityId, change.householdId, change.driverId, accountId, now);
      else await store.deleteLock(tx, communityId, change.householdId);
    }
    // What went while the planner ran: its route and stops are not stored (they show as not in the plan).
    const rides = result.rides.filter(
      (r) => there.drivers.has(r.driverId) && there.shelters.has(r.shelterId),
    );
    const stops = rides.flatMap((r) =>
      r.stops.filter((s) => there.households.has(s.householdId)).map((s) => ({ ...s, driverId: r.driverId })),
    );
    const placed = new Set(stops.map((s) => s.householdId));
    const unserved = result.unserved.filter((u) => there.households.has(u.householdId));
    const left = new Set(unserved.map((u) => u.householdId));
    // A household split over a route that went keeps none of its parts: it is planned again as a whole.
    const dropped = new Set(
      result.rides.filter((r) => !rides.includes(r)).flatMap((r) => r.stops.map((s) => s.householdId)),
    );
    const kept = (id: string) => !dropped.has(id);
    const rows = planRows(
      rides.filter((r) => r.stops.some((s) => kept(s.householdId) && there.households.has(s.householdId))),
      stops.filter((s) => kept(s.householdId)),
      unserved.filter((u) => kept(u.householdId)),
    );
    return store.insertPlan(
      tx,
      communityId,
      {
        slot: settings.slot,
        maxMinutes: settings.maxMinutes,
        households: households.filter((h) => there.households.has(h.id)).length,
        served: [...placed].filter((id) => kept(id) && !left.has(id)).length,
        drivers: result.compiled.drivers,
        solveMs: Date.now() - started,
        createdBy: accountId,
        createdAt: now,
      },
      rows.routes,
      rows.assignments,
    );
  });
}

/** Test hook: runs between solving and storing a plan (to change the registry meanwhile). */
let beforeStore: (() => Promise<void>) | undefined;

/** Sets (or clears) the hook run between solving and storing a plan; for tests only. */
export function setBeforeStoreForTests(hook: (() => Promise<void>) | undefined): void {
  beforeStore = hook;
}

/** The current plan as rows joined to the people and places it names, or null when none was made. */
export async function loadPlan(ctx: Ctx, communityId: string): Promise<PlanView | null> {
  const plan = await store.latestPlan(ctx.db, communityId);
  if (!plan) return null;
  const [routes, assignments, households, drivers, shelters, locks] = await Promise.all([
    store.listRoutes(ctx.db, communityId, plan.id),
    store.listAssignments(ctx.db, communityId, plan.id),
    store.listHouseholds(ctx.db, communityId),
    store.listDrivers(ctx.db, communityId),
    shelterViews(ctx.db, communityId),
    store.listLocks(ctx.db, communityId),
  ]);
  const names = await store.namesOf(
    ctx.db,
    [...households, ...drivers].map((r) => r.accountId),
  );
  const household = new Map(households.map((h) => [h.id, h]));
  const driver = new Map(drivers.map((d) => [d.id, d]));
  const shelter = new Map(shelters.map((s) => [s.placeId, s]));
  const parts = new Map<string, number>();
  for (const a of assignments) parts.set(a.householdId, Math.max(parts.get(a.householdId) ?? 0, a.part));
  const minutes = (seconds: number) => Math.ceil(seconds / 60);
  const views: RouteView[] = routes
    .filter((r) => driver.has(r.driverId) && shelter.has(r.shelterId))
    .map((r) => {
      const d = driver.get(r.driverId) as EvacuationDriver;
      const stops = assignments
        .filter((a) => a.driverId === r.driverId && household.has(a.householdId))
        .map((a) => {
          const h = household.get(a.householdId) as EvacuationHousehold;
          return {
            householdId: h.id,
            part: a.part,
            parts: parts.get(h.id) ?? 1,
            name: names.get(h.accountId) ?? '',
            address: h.address,
            latitude: h.latitude,
            longitude: h.longitude,
            people: a.people,
            wheelchairs: a.wheelchairs,
            mobilityAids: h.mobilityAids,
            pets: a.part === 1 ? h.pets : 0,
            language: h.language,
            phone: h.phone,
            arrivalMinutes: minutes(a.arrival ?? 0),
            locked: locks.get(h.id) === r.driverId,
            left: h.leftAt !== null,
          };
        });
      return {
        driverId: d.id,
        driverName: names.get(d.accountId) ?? '',
        vehicle: d.vehicle,
        phone: d.phone,
        address: d.address,
        latitude: d.latitude,
        longitude: d.longitude,
        shelter: shelter.get(r.shelterId) as ShelterView,
        arrivalMinutes: minutes(r.arrival),
        distanceKm: Math.round(r.distance / 100) / 10,
        people: stops.reduce((n, s) => n + s.people, 0),
        wheelchairs: stops.reduce((n, s) => n + s.wheelchairs, 0),
        stops,
      };
    })
    .sort((a, b) => a.driverName.localeCompare(b.driverName));
  const paper = assignments.some((a) => a.reason === 'no_point')
    ? new Set(
        (await store.listActiveMembers(ctx.db, communityId)).filter((m) => m.paper).map((m) => m.accountId),
      )
    : new Set<string>();
  const unserved = assignments
    .filter((a) => a.driverId === null && household.has(a.householdId))
    .map((a) => {
      const h = household.get(a.householdId) as EvacuationHousehold;
      const detail = JSON.parse(a.detail ?? '{}') as Record<string, unknown>;
      const lockedTo = typeof detail.driverId === 'string' ? driver.get(detail.driverId) : undefined;
      const values = {
        ...detail,
        name: names.get(h.accountId) ?? '',
        driver: lockedTo ? (names.get(lockedTo.accountId) ?? '') : '',
      };
      return {
        householdId: h.id,
        part: a.part,
        name: names.get(h.accountId) ?? '',
        people: a.people,
        reason: a.reason ?? '',
        // A household that registers itself drops its own pin: a coordinator cannot change it.
        message: ctx.t(
          `evacuation.unserved.${a.reason === 'no_point' && !paper.has(h.accountId) ? 'no_point_own' : a.reason}`,
          values,
        ),
      };
    });
  // Households registered after the plan was made are in no row: say so, so nobody is missed.
  const planned = new Set(assignments.map((a) => a.householdId));
  for (const h of households)
    if (!planned.has(h.id))
      unserved.push({
        householdId: h.id,
        part: 1,
        name: names.get(h.accountId) ?? '',
        people: h.people,
        reason: 'not_in_plan',
        message: ctx.t('evacuation.unserved.not_in_plan'),
      });
  return {
    id: plan.id,
    createdAt: plan.createdAt,
    slot: plan.slot,
    maxMinutes: plan.maxMinutes,
    households: plan.households,
    served: plan.served,
    drivers: plan.drivers,
    solveMs: plan.solveMs,
    routes: views,
    unserved,
  };
}

/** The current plan with every route and who it leaves out (coordinators; logged), or null. */
export async function getPlan(ctx: Ctx): Promise<PlanView | null> {
  const { communityId } = requireRole(ctx, can.seeNetwork, 'evacuation.errors.only_coordinators');
  await logRead(ctx, 'plan');
  return loadPlan(ctx, communityId);
}

/** Route cards: every route of the current plan, or only `driverId`'s (coordinators; logged). */
export async function routeCards(ctx: Ctx, driverId?: string): Promise<RouteView[]> {
  const { communityId } = requireRole(ctx, can.seeNetwork, 'evacuation.errors.only_coordinators');
  if (driverId && !(await store.findDriver(ctx.db, communityId, driverId)))
    throw new NotFound('evacuation.errors.driver_not_found');
  await logRead(ctx, driverId ? 'route_card' : 'route_cards', driverId ?? null);
  const plan = await loadPlan(ctx, communityId);
  const routes = plan?.routes ?? [];
  return driverId ? routes.filter((r) => r.driverId === driverId) : routes;
}

/** The actor's own route card in the current plan, if the plan gives them one (logged: it names households). */
export async function myRoute(ctx: Ctx): Promise<RouteView | null> {
  const { communityId, accountId } = requireRole(ctx, can.useNetwork, 'errors.members_only');
  const driver = await store.findDriverOf(ctx.db, communityId, accountId);
  if (!driver) return null;
  const plan = await store.latestPlan(ctx.db, communityId);
  if (!plan || !(await store.listRoutes(ctx.db, communityId, plan.id)).some((r) => r.driverId === driver.id))
    return null;
  await logRead(ctx, 'route_card', driver.id);
  return (await loadPlan(ctx, communityId))?.routes.find((r) => r.driverId === driver.id) ?? null;
}

/**
 * Keeps a household with a driver (its current one: a lock; another: a move), or lets it go
 * (`driverId` empty), and plans again around the locks with the current plan's settings
 * (coordinators); the lock and the new plan are stored in one transaction. A driver who cannot
 * take the household in that plan is refused before anything is stored (`Invalid` on driverId,
 * naming why: no wheelchair place, no pets, too few seats, not available then, no point).
 * Returns the new plan's id. `Conflict` while an alert is on, as `makePlan`.
 */
export async function lockHousehold(ctx: Ctx, householdId: string, driverId: string): Promise<string> {
  const { communityId, accountId } = requireRole(ctx, can.plan, 'evacuation.errors.only_coordinators');
  await refuseDuringAlert(ctx, communityId);
  const household = await loadHousehold(ctx.db, communityId, householdId);
  const current = await store.latestPlan(ctx.db, communityId);
  const settings: PlanSettings = current
    ? { slot: current.slot as PlanSettings['slot'], maxMinutes: current.maxMinutes }
    : { slot: 'any', maxMinutes: 90 };
  if (driverId) {
    const driver = await store.findDriver(ctx.db, communityId, driverId);
    if (!driver) throw new Invalid([{ field: 'driverId', code: 'evacuation.errors.driver_not_found' }]);
    const problem = await lockProblem(ctx, household, driver, settings);
    if (problem) throw new Invalid([problem]);
  }
  return planAndStore(ctx, communityId, accountId, settings, { householdId, driverId: driverId || null });
}

/**
 * Why `driver` cannot take `household` whole in a plan with `settings`, as a field error naming
 * the driver, or null when they can (the planner then only orders the route).
 */
async function lockProblem(
  ctx: Ctx,
  household: EvacuationHousehold,
  driver: EvacuationDriver,
  settings: PlanSettings,
): Promise<FieldError | null> {
  const name = (await store.namesOf(ctx.db, [driver.accountId])).get(driver.accountId) ?? '';
  const problem = (code: string, params: Record<string, string | number> = {}): FieldError => ({
    field: 'driverId',
    code: `evacuation.errors.${code}`,
    params: { driver: name, ...params },
  });
  const seated = household.people - household.wheelchairs;
  if (household.wheelchairs > driver.wheelchairPlaces)
    return problem('driver_no_wheelchair', { wheelchairs: household.wheelchairs });
  if (household.pets > 0 && driver.pets !== 1) return problem('driver_no_pets');
  if (seated > driver.seats) return problem('driver_too_few_seats', { seats: driver.seats, needed: seated });
  if (settings.slot !== 'any' && !availabilityOf(driver).includes(settings.slot))
    return problem('driver_not_available');
  if (driver.latitude === null || driver.longitude === null) return problem('driver_no_point');
  return null;
}

/** The shelters a household may choose (places every member sees anyway), by name. */
export async function shelterChoices(ctx: Ctx): Promise<ShelterView[]> {
  const { communityId } = requireRole(ctx, can.useNetwork, 'errors.members_only');
  return shelterViews(ctx.db, communityId);
}

/** The drivers' names, to move a household to one (coordinators; names only, so not logged). */
export async function driverChoices(ctx: Ctx): Promise<{ id: string; name: string }[]> {
  const { communityId } = requireRole(ctx, can.plan, 'evacuation.errors.only_coordinators');
  return (await driverViews(ctx, await store.listDrivers(ctx.db, communityId))).map((d) => ({
    id: d.id,
    name: d.name,
  }));
}
