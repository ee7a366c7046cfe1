/**
 * What the day looks like to each reader, read from the alert's timeline: the coordinators' live
 * board (each route and each household, who is still unaccounted for first, whom to phone), a
 * member's own part (their pickup, the households they check on, their route); afterwards the
 * review and the feedback are in `alert-review.ts`. Coordinators' reads are logged as every read
 * of the network's data is.
 */
import { requireRole } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { EvacuationAlert } from '../../platform/db/database.ts';
import { iso } from '../../platform/db/time.ts';
import { dayOf, sheltersOf } from './activation.ts';
import { acceptedBuddies } from './buddies.ts';
import { type Day, type HouseholdState, householdOf, type RouteState, routeOf, unaccounted } from './day.ts';
import { loadPlan } from './planning.ts';
import { can } from './policy.ts';
import { logRead, type PlanView, shelterViews } from './service.ts';
import * as store from './store.ts';
import * as alerts from './store-activation.ts';

/** An alert as its readers see it. */
export interface AlertView {
  id: string;
  reason: string;
  message: string;
  shelters: { placeId: string; name: string; address: string }[];
  raisedAt: string;
  raisedBy: string | null;
  endedAt: string | null;
  endMessage: string;
}

/** A route on the board. */
export interface BoardRoute {
  driverId: string;
  driverName: string;
  vehicle: string;
  phone: string;
  shelter: string;
  state: RouteState;
  /** Households of the route picked up, of `households.length`. */
  pickedUp: number;
  households: { householdId: string; name: string; state: HouseholdState }[];
}

/** A household on the board. */
export interface BoardHousehold {
  householdId: string;
  name: string;
  phone: string;
  address: string;
  people: number;
  wheelchairs: number;
  pets: number;
  state: HouseholdState;
  /** Whether it still needs someone to act (waiting, needs help, no answer). */
  unaccounted: boolean;
  /** Its driver in the day's plan, or null. */
  driverName: string | null;
  /** Why nobody can take it (the plan's reason, in the reader's words), or null. */
  unserved: string | null;
  /** When its state last changed, or null. */
  since: string | null;
  note: string;
  /**
   * When its member left the community during the alert, or null: it stays on the board and in
   * its route, and can be reached only by phone now (no link, no notification).
   */
  leftAt: string | null;
}

/** Someone in the plan who cannot be reached but by phone (a paper member): the phone tree's task. */
export interface ToPhone {
  name: string;
  phone: string;
  role: 'household' | 'driver' | 'buddy';
  /** For a buddy, whom they check on. */
  about: string;
}

/** The live board. */
export interface Board {
  alert: AlertView;
  /** When this was read (the page says it: it does not refresh itself without JavaScript). */
  readAt: string;
  replanning: boolean;
  routes: BoardRoute[];
  /** Unaccounted for first (needs help, no answer, waiting), then in a car, then safe; by name. */
  households: BoardHousehold[];
  unaccounted: number;
  toPhone: ToPhone[];
}

/** Alert `a` as its readers see it: its open shelters named, who raised it by name. */
export async function alertView(ctx: Ctx, communityId: string, a: EvacuationAlert): Promise<AlertView> {
  const shelters = new Map((await shelterViews(ctx.db, communityId)).map((s) => [s.placeId, s]));
  const names = await store.namesOf(ctx.db, [a.raisedBy]);
  return {
    id: a.id,
    reason: a.reason,
    message: a.message,
    shelters: sheltersOf(a).flatMap((id) => {
      const s = shelters.get(id);
      return s ? [{ placeId: id, name: s.name, address: s.address }] : [];
    }),
    raisedAt: a.raisedAt,
    raisedBy: a.raisedBy ? (names.get(a.raisedBy) ?? null) : null,
    endedAt: a.endedAt,
    endMessage: a.endMessage,
  };
}

const order: Record<HouseholdState, number> = {
  needs_help: 0,
  no_answer: 1,
  waiting: 2,
  picked_up: 3,
  safe: 4,
};

/** The board of a day: its plan and timeline as routes, households and whom to phone. */
function boardOf(
  plan: PlanView,
  day: Day,
  households: Awaited<ReturnType<typeof store.listHouseholds>>,
  members: Map<string, { displayName: string; paper: boolean }>,
  drivers: Awaited<ReturnType<typeof store.listDrivers>>,
  /** What to do for a household registered after the day's plan (no plan is made by hand now). */
  late: string,
) {
  const name = (id: string) => members.get(id)?.displayName ?? '';
  const rideOf = new Map<string, string>();
  for (const r of plan.routes)
    for (const s of r.stops) if (!rideOf.has(s.householdId)) rideOf.set(s.householdId, r.driverName);
  const unserved = new Map(plan.unserved.map((u) => [u.householdId, u]));
  const routes: BoardRoute[] = plan.routes.map((r) => {
    const ids = [...new Set(r.stops.map((s) => s.householdId))];
    const route = routeOf(day, r.driverId);
    return {
      driverId: r.driverId,
      driverName: r.driverName,
      vehicle: r.vehicle,
      phone: r.phone,
      shelter: r.shelter.name,
      state: route.state,
      pickedUp: ids.filter((id) => route.pickedUp.has(id)).length,
      households: ids.map((id) => ({
        householdId: id,
        name: r.stops.find((s) => s.householdId === id)?.name ?? '',
        state: householdOf(day, id).state,
      })),
    };
  });
  // Drivers who dropped out keep a line (their route is gone from the new plan).
  for (const d of drivers) {
    if (routeOf(day, d.id).state !== 'dropped_out' || routes.some((r) => r.driverId === d.id)) continue;
    routes.push({
      driverId: d.id,
      driverName: name(d.accountId),
      vehicle: d.vehicle,
      phone: d.phone,
      shelter: '',
      state: 'dropped_out',
      pickedUp: 0,
      households: [],
    });
  }
  const list: BoardHousehold[] = households
    .map((h) => {
      const d = householdOf(day, h.id);
      const u = unserved.get(h.id);
      return {
        householdId: h.id,
        name: name(h.accountId),
        phone: h.phone,
        address: h.address,
        people: h.people,
        wheelchairs: h.wheelchairs,
        pets: h.pets,
        state: d.state,
        unaccounted: unaccounted(d),
        driverName: rideOf.get(h.id) ?? null,
        // A household safe or in a car needs no ride: its plan row's reason is not a problem any more.
        unserved:
          u && !rideOf.has(h.id) && unaccounted(d) ? (u.reason === 'not_in_plan' ? late : u.message) : null,
        since: d.at,
        note: d.note,
        leftAt: h.leftAt,
      };
    })
    .sort((a, b) => order[a.state] - order[b.state] || a.name.localeCompare(b.name));
  const toPhone: ToPhone[] = [];
  // A household whose member left has no link and no notification any more: the phone is all.
  for (const h of households)
    if ((members.get(h.accountId)?.paper || h.leftAt) && unaccounted(householdOf(day, h.id)))
      toPhone.push({ name: name(h.accountId), phone: h.phone, role: 'household', about: '' });
  for (const r of routes) {
    const d = drivers.find((x) => x.id === r.driverId);
    if (d && members.get(d.accountId)?.paper && r.state !== 'arrived' && r.state !== 'dropped_out')
      toPhone.push({ name: r.driverName, phone: r.phone, role: 'driver', about: '' });
  }
  const buddies = new Map<string, string[]>();
  for (const h of households)
    for (const b of acceptedBuddies(h))
      if (members.get(b)?.paper) buddies.set(b, [...(buddies.get(b) ?? []), name(h.accountId)]);
  for (const [b, whom] of buddies)
    toPhone.push({ name: name(b), phone: '', role: 'buddy', about: whom.join(', ') });
  return { routes, households: list, toPhone };
}

/**
 * The live board of the alert on now (coordinators; logged), or null when none is on. Read
 * wholly from the database on every request: two processes show the same.
 */
export async function board(ctx: Ctx): Promise<Board | null> {
  const { communityId } = requireRole(ctx, can.activate, 'evacuation.errors.only_coordinators');
  const alert = await alerts.findActiveAlert(ctx.db, communityId);
  if (!alert) return null;
  await logRead(ctx, 'board');
  const [day, plan, households, members, drivers] = await Promise.all([
    dayOf(ctx.db, communityId, alert.id),
    loadPlan(ctx, communityId),
    store.listHouseholds(ctx.db, communityId),
    store.listActiveMembers(ctx.db, communityId),
    store.listDrivers(ctx.db, communityId),
  ]);
  const byId = new Map(members.map((m) => [m.accountId, m]));
  // Who left during the alert is no active member, and still named on the board.
  const gone = households.filter((h) => !byId.has(h.accountId)).map((h) => h.accountId);
  for (const [id, displayName] of await store.namesOf(ctx.db, gone))
    byId.set(id, { accountId: id, displayName, paper: false });
  const parts = boardOf(
    plan as PlanView,
    day,
    households,
    byId,
    drivers,
    ctx.t('evacuation.unserved.not_in_plan_alert'),
  );
  return {
    alert: await alertView(ctx, communityId, alert),
    readAt: iso(ctx.clock.now()),
    replanning: day.replanning,
    ...parts,
    unaccounted: parts.households.filter((h) => h.unaccounted).length,
  };
}

/** A member's own part of the day. */
export interface MyDay {
  alert: AlertView;
  /** Their household: its state, and its ride in the day's plan (driver's first name, car, when), or null. */
  household: {
    householdId: string;
    state: HouseholdState;
    driver: string | null;
    vehicle: string | null;
    arrivalMinutes: number | null;
    shelter: string | null;
  } | null;
  /** Households they are a buddy of, and where each stands. */
  checks: { householdId: string; name: string; state: HouseholdState }[];
  /** Their route on the day, when they drive one: its state and each stop's. */
  route: {
    state: RouteState;
    /** Each stop: where the household stands, whether this driver picked it up or could not find it. */
    stops: { householdId: string; state: HouseholdState; pickedUp: boolean; notFound: boolean }[];
  } | null;
}

/** The actor's own part of the alert on now (never logged: their own, and names only), or null. */
export async function myDay(ctx: Ctx): Promise<MyDay | null> {
  const { communityId, accountId } = requireRole(ctx, can.useNetwork, 'errors.members_only');
  const alert = await alerts.findActiveAlert(ctx.db, communityId);
  if (!alert) return null;
  return partOf(ctx, communityId, alert, { accountId });
}

/**
 * One registration's part of the alert `alert` (on now): a household's pickup and state, or a
 * driver's route — what their personal link shows. The caller opened the link (which logged it).
 */
export async function linkPart(
  ctx: Ctx,
  communityId: string,
  alert: EvacuationAlert,
  of: { householdId: string } | { driverId: string },
): Promise<MyDay> {
  return partOf(ctx, communityId, alert, { only: of });
}

/**
 * The part of `alert` that is a member's (`accountId`: their household, the households they are a
 * buddy of, their route) or one registration's (`only`).
 */
async function partOf(
  ctx: Ctx,
  communityId: string,
  alert: EvacuationAlert,
  who: { accountId: string } | { only: { householdId: string } | { driverId: string } },
): Promise<MyDay> {
  const [day, households, drivers, assignments] = await Promise.all([
    dayOf(ctx.db, communityId, alert.id),
    store.listHouseholds(ctx.db, communityId),
    store.listDrivers(ctx.db, communityId),
    store.listAssignments(ctx.db, communityId, alert.planId),
  ]);
  const member = 'accountId' in who ? who.accountId : null;
  const only = 'only' in who ? who.only : null;
  const own = households.find((h) =>
    only ? 'householdId' in only && h.id === only.householdId : h.accountId === member,
  );
  const driver = drivers.find((d) =>
    only ? 'driverId' in only && d.id === only.driverId : d.accountId === member,
  );
  let household: MyDay['household'] = null;
  if (own) {
    const a = assignments.find((x) => x.householdId === own.id && x.driverId);
    const d = a?.driverId ? drivers.find((x) => x.id === a.driverId) : undefined;
    const routes = a ? await store.listRoutes(ctx.db, communityId, alert.planId) : [];
    const shelterId = routes.find((r) => r.driverId === a?.driverId)?.shelterId;
    const shelter = shelterId
      ? (await shelterViews(ctx.db, communityId)).find((s) => s.placeId === shelterId)
      : undefined;
    const driverName = d ? ((await store.namesOf(ctx.db, [d.accountId])).get(d.accountId) ?? '') : null;
    household = {
      householdId: own.id,
      state: householdOf(day, own.id).state,
      driver: driverName === null ? null : (driverName.trim().split(/\s+/u)[0] ?? driverName),
      vehicle: d ? d.vehicle : null,
      arrivalMinutes: a?.arrival != null ? Math.ceil(a.arrival / 60) : null,
      shelter: shelter?.name ?? null,
    };
  }
  const checked = member ? households.filter((h) => acceptedBuddies(h).includes(member)) : [];
  const names = await store.namesOf(
    ctx.db,
    checked.map((h) => h.accountId),
  );
  const stops = driver ? assignments.filter((a) => a.driverId === driver.id) : [];
  const route = driver ? routeOf(day, driver.id) : null;
  return {
    alert: await alertView(ctx, communityId, alert),
    household,
    checks: checked.map((h) => ({
      householdId: h.id,
      name: names.get(h.accountId) ?? '',
      state: householdOf(day, h.id).state,
    })),
    route:
      driver && route && (stops.length > 0 || route.state !== 'not_started')
        ? {
            state: route.state,
            stops: [...new Set(stops.map((s) => s.householdId))].map((id) => ({
              householdId: id,
              state: householdOf(day, id).state,
              pickedUp: route.pickedUp.has(id),
              notFound: route.notFound.has(id),
            })),
          }
        : null,
  };
}
