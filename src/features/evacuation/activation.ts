/**
 * Activation, the day of an alert (issue 16): a coordinator raises an alert on the newest plan
 * and everyone in it is told at once, through quiet hours, in their own language; drivers tap
 * where they are (started, picked up, could not find, arrived, dropped out); households, their
 * buddies or a coordinator mark them safe or needing help; a driver who drops out has the
 * remaining stops re-planned in the planner's worker, nobody who has a driver moved; the alert
 * ends with a word to all and asks them how it went.
 *
 * Every change is one transaction on the alert held for update, written to the timeline
 * (`evacuation_update`) before anyone is told: the board and each member's page are read from it,
 * so a restart loses nothing and every process shows the same. Coordinators' open boards are told
 * after commit (`tellMembers`, the live stream).
 */
import { requireRole } from '../../platform/access.ts';
import { type Ctx, contextFor, findCommunityContext, type Services } from '../../platform/context.ts';
import type { Db, EvacuationAlert } from '../../platform/db/database.ts';
import { addSeconds, iso, localDateTime } from '../../platform/db/time.ts';
import { authorize, Conflict, type FieldError, Invalid, NotFound } from '../../platform/errors.ts';
import { tellMembers } from '../../platform/events/live.ts';
import type { NotificationKind } from '../../platform/notify/kinds.ts';
import { notify } from '../../platform/notify/service.ts';
import { acceptedBuddies } from './buddies.ts';
import {
  type BuddyMark,
  type Day,
  householdOf,
  type Mark,
  readDay,
  routeOf,
  type Tap,
  tapProblem,
} from './day.ts';
import { endLinks, issueLinks, type LinkSubject, workingLinkRef } from './links.ts';
import { loadPlan } from './planning.ts';
import { can } from './policy.ts';
import { keptOf, keptShelters, solveDay, storeDayPlan } from './replan.ts';
import { type PlanView, type RouteView, shelterViews } from './service.ts';
import * as store from './store.ts';
import * as alerts from './store-activation.ts';

/** The kind of the day's notifications: an emergency, through quiet hours, by every channel at once. */
export const alertKind: NotificationKind = {
  name: 'evacuation.alerts',
  defaults: { mail: 'immediate', push: 'immediate' },
  emergency: true,
};

/** How long an alert's personal links work at most, in days (they end with the alert). */
export const linkDays = 14;

/** Changes of the day that a re-plan solved before them would get wrong: who is in which car, which cars still drive. */
const movesRiders = new Set(['picked_up', 'arrived', 'dropped_out']);

/** The job that re-plans the remaining stops after a driver drops out, or when a coordinator asks. */
export const replanJob = 'evacuation.replan';

/** The re-plan job's payload: whose alert, who caused it, and whether a coordinator asked for it. */
export interface ReplanPayload {
  communityId: string;
  alertId: string;
  accountId: string;
  /** A coordinator asked (no drop-out waits for it). */
  asked?: boolean;
  /** Why, when a coordinator's act caused it (a shelter closed or shrank); else a drop-out or a request. */
  cause?: 'shelter';
}

/** What raising an alert takes. */
export interface AlertInput {
  reason: string;
  message?: string;
  /** The shelters (places) open for it: at least one, each set up with a capacity. */
  shelters: string[];
}

/** The alert on now, or null. */
export function activeAlert(db: Db, communityId: string) {
  return alerts.findActiveAlert(db, communityId).then((a) => a ?? null);
}

/** The alert's timeline read into the day's states. */
export async function dayOf(db: Db, communityId: string, alertId: string): Promise<Day> {
  return readDay(await alerts.listUpdates(db, communityId, alertId));
}

/** The open shelters' ids of an alert. */
export function sheltersOf(alert: Pick<EvacuationAlert, 'shelters'>): string[] {
  return JSON.parse(alert.shelters) as string[];
}

/**
 * Raises an alert (coordinators): on the newest plan, or on a new one made in the planner's worker
 * when there is none, it lacks a household registered since, or it sends a car to a shelter not
 * open. Everyone in the plan is told at once
 * (`evacuation.alerts`, an emergency). `Invalid` for a blank reason, no shelter or one not set up
 * (`shelters`), a registry with no household (`reason`: nothing to plan); `Conflict` when an alert
 * is on. Returns the alert's id.
 */
export async function raiseAlert(ctx: Ctx, input: AlertInput): Promise<string> {
  const { communityId, accountId, community } = requireRole(
    ctx,
    can.activate,
    'evacuation.errors.only_coordinators',
  );
  const errors: FieldError[] = [];
  const reason = input.reason.trim();
  if (!reason) errors.push({ field: 'reason', code: 'evacuation.errors.reason_required' });
  const open = new Set(input.shelters);
  const setUp = new Set(
    (await shelterViews(ctx.db, communityId)).filter((s) => (s.capacity ?? 0) > 0).map((s) => s.placeId),
  );
  if (open.size === 0) errors.push({ field: 'shelters', code: 'evacuation.errors.shelter_needed' });
  else if ([...open].some((id) => !setUp.has(id)))
    errors.push({ field: 'shelters', code: 'evacuation.errors.shelter_not_open' });
  if ((await store.listHouseholds(ctx.db, communityId)).length === 0)
    errors.push({ field: 'reason', code: 'evacuation.errors.nothing_to_plan' });
  if (errors.length) throw new Invalid(errors);
  if (await alerts.findActiveAlert(ctx.db, communityId)) throw new Conflict('evacuation.errors.alert_on');

  const latest = await store.latestPlan(ctx.db, communityId);
  const planned = latest
    ? new Set((await store.listAssignments(ctx.db, communityId, latest.id)).map((a) => a.householdId))
    : new Set<string>();
  const fits =
    latest &&
    (await store.listHouseholds(ctx.db, communityId)).every((h) => planned.has(h.id)) &&
    (await store.listRoutes(ctx.db, communityId, latest.id)).every((r) => open.has(r.shelterId));
  // The newest plan if it has every household and fits the open shelters; otherwise a new one,
  // made before the alert's transaction (no plan can be made by hand while it is on).
  const solved = fits
    ? null
    : await solveDay(
        ctx.db,
        communityId,
        latest
          ? { slot: latest.slot as 'any', maxMinutes: latest.maxMinutes }
          : { slot: 'any', maxMinutes: 90 },
        open,
        null,
      );
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    await alerts.lockCommunity(tx, communityId);
    if (await alerts.findActiveAlert(tx, communityId)) throw new Conflict('evacuation.errors.alert_on');
    const planId = solved
      ? await storeDayPlan(tx, communityId, solved, accountId, iso(now))
      : (latest?.id as string);
    const alertId = await alerts.insertAlert(tx, communityId, {
      planId,
      reason,
      message: input.message?.trim() ?? '',
      shelters: [...open],
      raisedBy: accountId,
      raisedAt: iso(now),
    });
    const plan = (await loadPlan({ ...ctx, db: tx }, communityId)) as PlanView;
    // Each household and driver gets their own link for the day, carried by their notification:
    // it opens their part without signing in, until the alert ends.
    const [households, drivers] = await Promise.all([
      store.listHouseholds(tx, communityId),
      store.listDrivers(tx, communityId),
    ]);
    // A buddy who accepted gets a link of their own for each household they check on.
    const links = await issueLinks(
      tx,
      communityId,
      { kind: 'alert', id: alertId },
      [
        ...households.map((h) => ({ householdId: h.id })),
        ...drivers.map((d) => ({ driverId: d.id })),
        ...households.flatMap((h) => acceptedBuddies(h).map((b) => ({ householdId: h.id, buddyId: b }))),
      ],
      iso(addSeconds(now, linkDays * 86400)),
      iso(now),
      ctx.config.secretKey,
    );
    // The notification stores the link's reference; its mail and push carry the link itself.
    const linkOf = new Map(
      links.map((l) => [`${l.householdId ?? l.driverId}${l.buddy ? ` ${l.accountId}` : ''}`, l.ref]),
    );
    await tellEveryone(
      ctx,
      tx,
      community,
      { id: alertId, raisedAt: iso(now), reason, message: input.message?.trim() ?? '' },
      plan,
      accountId,
      linkOf,
    );
    await tellCoordinators(ctx, tx, communityId);
    return alertId;
  });
}

type Told = { id: string; raisedAt: string; reason: string; message: string };

/** The wall time `seconds` after `from` in the community's zone ("14:35"). */
function clockTime(from: string, seconds: number, zone: string): string {
  return localDateTime(addSeconds(new Date(from), seconds), zone).slice(11);
}

/** A name's first word: how a driver is named to the household they pick up. */
function firstName(name: string): string {
  return name.trim().split(/\s+/u)[0] ?? name;
}

/**
 * Tells everyone in `plan` of the alert, each what is theirs: a driver their route card, a
 * household who picks it up (first name, car) and when to be ready — or that a coordinator will
 * call when no driver could be planned —, a buddy whom to check on, the other coordinators. A
 * household's or driver's notification leads to their personal link (`linkOf`, by registration;
 * a buddy's by household and buddy).
 */
async function tellEveryone(
  s: Pick<Services, 'jobs' | 'clock'> & { db: Db },
  tx: Db,
  community: { id: string; timeZone: string },
  alert: Told,
  plan: PlanView,
  actor: string,
  linkOf: ReadonlyMap<string, string>,
): Promise<void> {
  const communityId = community.id;
  const [households, drivers, coordinators] = await Promise.all([
    store.listHouseholds(tx, communityId),
    store.listDrivers(tx, communityId),
    store.listCoordinators(tx, communityId),
  ]);
  const names = await store.namesOf(
    tx,
    [...households, ...drivers].map((r) => r.accountId),
  );
  const about = { type: 'evacuation_alert', id: alert.id };
  const base = { reason: alert.reason, message: alert.message };
  const text = (name: string) => ({
    subject: `evacuation.mail.${name}.subject`,
    body: `evacuation.mail.${name}.body`,
  });
  const accountOfDriver = new Map(drivers.map((d) => [d.id, d]));
  for (const r of plan.routes) {
    const d = accountOfDriver.get(r.driverId);
    if (!d) continue;
    await notify(s, tx, {
      kind: alertKind.name,
      community,
      to: [d.accountId],
      about,
      path: linkOf.get(d.id) ?? '/evacuation/route',
      text: text('alert_driver'),
      params: {
        ...base,
        count: new Set(r.stops.map((x) => x.householdId)).size,
        shelter: r.shelter.name,
      },
    });
  }
  for (const h of households) {
    const route = plan.routes.find((r) => r.stops.some((x) => x.householdId === h.id));
    const stop = route?.stops.find((x) => x.householdId === h.id);
    await notify(s, tx, {
      kind: alertKind.name,
      community,
      to: [h.accountId],
      about,
      path: linkOf.get(h.id) ?? '/evacuation',
      text: text(route ? 'alert_household' : 'alert_household_unserved'),
      params: route
        ? {
            ...base,
            driver: firstName(route.driverName),
            vehicle: route.vehicle || '—',
            time: clockTime(alert.raisedAt, (stop?.arrivalMinutes ?? 0) * 60, community.timeZone),
            shelter: route.shelter.name,
          }
        : base,
    });
  }
  // Only a buddy who accepted is told whom to check on (`buddies.ts`): one message for each
  // household, carrying the buddy's own link to it.
  for (const h of households)
    for (const b of acceptedBuddies(h))
      await notify(s, tx, {
        kind: alertKind.name,
        community,
        to: [b],
        about,
        path: linkOf.get(`${h.id} ${b}`) ?? '/evacuation',
        text: text('alert_buddy'),
        params: { ...base, households: names.get(h.accountId) ?? '' },
      });
  await notify(s, tx, {
    kind: alertKind.name,
    community,
    to: coordinators.map((c) => c.accountId).filter((id) => id !== actor),
    about,
    path: '/evacuation/alert',
    text: text('alert_coordinator'),
    params: base,
  });
}

/**
 * Where a message of the day leads a household or driver: their personal link of the alert
 * (its reference: the notification never holds the token), or `fallback`, their signed-in page,
 * when they have none working.
 */
async function linkOrPage(
  tx: Db,
  communityId: string,
  alertId: string,
  subject: LinkSubject & { accountId: string },
  fallback: string,
  now: string,
): Promise<string> {
  const { accountId, ...of } = subject;
  return (
    (await workingLinkRef(tx, communityId, { kind: 'alert', id: alertId }, of, accountId, now)) ?? fallback
  );
}

/** Tells the coordinators' open boards, after commit, that the day changed. */
async function tellCoordinators(s: Pick<Services, 'jobs'>, tx: Db, communityId: string, also: string[] = []) {
  const coordinators = await store.listCoordinators(tx, communityId);
  await tellMembers(s, tx, communityId, [...coordinators.map((c) => c.accountId), ...also]);
}

/** The alert on now, held for update in `tx`, or `Conflict('evacuation.errors.no_alert')`. */
async function lockAlert(tx: Db, communityId: string): Promise<EvacuationAlert> {
  const alert = await alerts.lockActiveAlert(tx, communityId);
  if (!alert) throw new Conflict('evacuation.errors.no_alert');
  return alert;
}

/**
 * A driver's tap on their route (the driver themselves, signed in): started, picked up or could
 * not find a household of their route, arrived at the shelter, or dropped out — which re-plans the
 * remaining stops in a job. `NotFound` without a route on the day; `Invalid` out of order
 * (`day.ts` `tapProblem`), nothing stored; `Conflict` with no alert on.
 */
export async function tapRoute(ctx: Ctx, tap: { status: Tap; householdId?: string }): Promise<void> {
  const { communityId, accountId } = requireRole(ctx, can.useNetwork, 'errors.members_only');
  const driver = await store.findDriverOf(ctx.db, communityId, accountId);
  if (!driver) throw new NotFound('evacuation.errors.no_route');
  await recordTap(ctx, communityId, driver.id, accountId, tap);
}

/**
 * Stores a tap of driver `driverId`, made by `accountId` (the driver: signed in, or through their
 * personal link), as `tapRoute` says: one transaction on the alert held for update.
 */
export async function recordTap(
  ctx: Ctx,
  communityId: string,
  driverId: string,
  accountId: string,
  tap: { status: Tap; householdId?: string },
): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const alert = await lockAlert(tx, communityId);
    const stops = (await store.listAssignments(tx, communityId, alert.planId)).filter(
      (a) => a.driverId === driverId,
    );
    if (stops.length === 0) throw new NotFound('evacuation.errors.no_route');
    const day = await dayOf(tx, communityId, alert.id);
    const ids = new Set(stops.map((s) => s.householdId));
    const safe = new Set([...ids].filter((id) => householdOf(day, id).state === 'safe'));
    const problem = tapProblem(routeOf(day, driverId), ids, tap, safe);
    if (problem) throw new Invalid([problem]);
    const withHousehold = tap.status === 'picked_up' || tap.status === 'not_found';
    await alerts.insertUpdate(tx, communityId, {
      alertId: alert.id,
      householdId: withHousehold ? (tap.householdId as string) : null,
      driverId,
      status: tap.status,
      note: '',
      accountId,
      at: iso(ctx.clock.now()),
    });
    if (tap.status === 'dropped_out') {
      await tellDriverGone(ctx, tx, alert, { id: driverId, accountId }, 'dropped_out');
      await ctx.jobs.enqueue(tx, replanJob, { communityId, alertId: alert.id, accountId });
    }
    await tellCoordinators(ctx, tx, communityId, [accountId]);
  });
}

/**
 * Marks a household safe or needing help (its member, its buddies, a coordinator from a phone
 * call, with an optional note). `NotFound` for another community's household; `Conflict` with no
 * alert on.
 */
export async function markHousehold(
  ctx: Ctx,
  householdId: string,
  mark: { status: Mark; note?: string },
): Promise<void> {
  const { communityId, accountId } = requireRole(ctx, can.useNetwork, 'errors.members_only');
  const household = await store.findHousehold(ctx.db, communityId, householdId);
  if (!household) throw new NotFound('evacuation.errors.household_not_found');
  authorize(can.markHousehold(ctx.actor, household), 'evacuation.errors.only_household_buddy_coordinator');
  await recordMark(ctx, communityId, household, accountId, mark);
}

/**
 * Stores a mark of `household` made by `accountId` (as `markHousehold` says, or the household
 * itself or its buddy through a personal link; `no_answer` only a buddy's, when nobody answered
 * their check): one transaction on the alert held for update.
 */
export async function recordMark(
  ctx: Ctx,
  communityId: string,
  household: { id: string; accountId: string },
  accountId: string,
  mark: { status: BuddyMark; note?: string },
): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const alert = await lockAlert(tx, communityId);
    await alerts.insertUpdate(tx, communityId, {
      alertId: alert.id,
      householdId: household.id,
      driverId: null,
      // A buddy's "no answer" is a "could not find them" with no driver.
      status: mark.status === 'no_answer' ? 'not_found' : mark.status,
      note: mark.note?.trim() ?? '',
      accountId,
      at: iso(ctx.clock.now()),
    });
    await tellCoordinators(ctx, tx, communityId, [household.accountId]);
  });
}

/**
 * Ends the alert (coordinators) with a word to everyone in its plan, who are asked how it went
 * (the feedback form); the alert's personal links stop working, and households kept for the day
 * after their member left are deleted. `Conflict` when none is on.
 */
export async function endAlert(ctx: Ctx, input: { message?: string }): Promise<string> {
  const { communityId, accountId, community } = requireRole(
    ctx,
    can.activate,
    'evacuation.errors.only_coordinators',
  );
  return ctx.db.transaction().execute(async (tx) => {
    const alert = await lockAlert(tx, communityId);
    const message = input.message?.trim() ?? '';
    await alerts.endAlert(tx, communityId, alert.id, {
      endedBy: accountId,
      endedAt: iso(ctx.clock.now()),
      endMessage: message,
    });
    await endLinks(tx, communityId, { kind: 'alert', id: alert.id }, iso(ctx.clock.now()));
    const [households, drivers, routes] = await Promise.all([
      store.listHouseholds(tx, communityId),
      store.listDrivers(tx, communityId),
      store.listRoutes(tx, communityId, alert.planId),
    ]);
    const driving = new Set(routes.map((r) => r.driverId));
    await notify(ctx, tx, {
      kind: alertKind.name,
      community,
      to: [
        ...households.flatMap((h) => [h.accountId, h.buddyId, h.backupBuddyId]),
        ...drivers.filter((d) => driving.has(d.id)).map((d) => d.accountId),
      ],
      about: { type: 'evacuation_alert', id: alert.id },
      path: `/evacuation/alerts/${alert.id}/feedback`,
      text: { subject: 'evacuation.mail.alert_ended.subject', body: 'evacuation.mail.alert_ended.body' },
      params: { reason: alert.reason, message },
    });
    // Households kept for the day after their member left go now, as they would have then.
    await store.deleteLeftHouseholds(tx, communityId);
    await tellCoordinators(ctx, tx, communityId);
    return alert.id;
  });
}

/**
 * Re-plans the remaining stops of the alert on now after a driver dropped out, or when a
 * coordinator asked (`askReplan`) (the job): solved
 * in the planner's worker outside any transaction, then stored with the alert pointed at it and a
 * `replanned` line in the timeline, in one transaction on the alert held for update — unless
 * someone got into a car, a car arrived or another driver dropped out meanwhile, when it solves
 * again from the new day (three times, then
 * the job fails and the queue runs it again after its back-off). Households whose
 * driver changed, and drivers whose stops changed, are told their new pickup or route.
 */
export async function replanDay(s: Services, p: ReplanPayload) {
  const community = await findCommunityContext(s, p.communityId);
  if (!community) return;
  const ctx = await contextFor(s, { accountId: null, communityId: p.communityId });
  for (let attempt = 0; attempt < 3; attempt++) {
    const alert = await alerts.findAlert(s.db, p.communityId, p.alertId);
    if (!alert || alert.endedAt) return;
    const updates = await alerts.listUpdates(s.db, p.communityId, alert.id);
    const day = readDay(updates);
    if (!day.replanning && !p.asked) return;
    const before = await store.listAssignments(s.db, p.communityId, alert.planId);
    const aboard = new Map<string, { people: number; wheelchairs: number }>();
    for (const a of before)
      if (a.driverId) {
        const key = `${a.householdId} ${a.driverId}`;
        const load = aboard.get(key) ?? { people: 0, wheelchairs: 0 };
        aboard.set(key, { people: load.people + a.people, wheelchairs: load.wheelchairs + a.wheelchairs });
      }
    const plan = await store.latestPlan(s.db, p.communityId);
    const settings = plan
      ? { slot: plan.slot as 'any', maxMinutes: plan.maxMinutes }
      : { slot: 'any' as const, maxMinutes: 90 };
    const open = new Set(sheltersOf(alert));
    const [routes, shelters] = await Promise.all([
      store.listRoutes(s.db, p.communityId, alert.planId),
      shelterViews(s.db, p.communityId),
    ]);
    const capacity = new Map(
      shelters.filter((x) => open.has(x.placeId)).map((x) => [x.placeId, x.capacity ?? 0]),
    );
    const solved = await solveDay(s.db, p.communityId, settings, open, day, aboard, {
      ...keptOf(before, day),
      shelters: keptShelters(routes, before, capacity, day),
    });
    await beforeReplanStore?.();
    const done = await s.db.transaction().execute(async (tx) => {
      const held = await alerts.lockActiveAlert(tx, p.communityId);
      if (!held || held.id !== alert.id) return true;
      // Someone got into a car, a car arrived or another driver dropped out while the planner ran:
      // plan again from the day as it is now. (A driver setting off or a mark changes no ride.)
      const seen = new Set(updates.map((u) => u.id));
      const fresh = (await alerts.listUpdates(tx, p.communityId, alert.id)).filter((u) => !seen.has(u.id));
      if (fresh.some((u) => movesRiders.has(u.status))) return false;
      const at = iso(s.clock.now());
      const planId = await storeDayPlan(tx, p.communityId, solved, p.accountId, at);
      await alerts.setAlertPlan(tx, p.communityId, alert.id, planId);
      await alerts.insertUpdate(tx, p.communityId, {
        alertId: alert.id,
        householdId: null,
        driverId: null,
        status: 'replanned',
        note: '',
        // A coordinator who asked for it made it; after a drop-out it is Porch's own.
        accountId: p.asked ? p.accountId : null,
        at,
      });
      const after = await store.listAssignments(tx, p.communityId, planId);
      // A drop-out waiting to be planned is the cause whoever queued this job; else what queued it.
      const cause: ReplanCause = day.replanning ? 'dropped_out' : (p.cause ?? 'asked');
      await tellChanged(ctx, tx, community, alert, before, after, day, cause);
      await tellCoordinators(s, tx, p.communityId);
      return true;
    });
    if (done) return;
  }
  // The day kept moving under three plans in a row: the queue runs the job again after a pause.
  throw new Error('the alert changed during each re-plan; planning again later');
}

/** Why the day was planned again, which each message says: a driver dropped out (or left), a coordinator asked, a shelter closed or shrank. */
export type ReplanCause = 'dropped_out' | 'asked' | 'shelter';

/**
 * Tells who a re-plan changed things for, each in words that match its cause (`cause`): a
 * household now picked up by another driver (who, the car, when, where to) or by none (a
 * coordinator will call); a household whose driver stays but whose shelter changed (where to
 * now); a driver whose stops changed (their route card), or whose stops stayed but whose shelter
 * changed (where to take their riders now). Households in a car, those already safe and those
 * whose member left are not told: nothing changed for them, or nothing reaches them.
 */
async function tellChanged(
  ctx: Ctx,
  tx: Db,
  community: { id: string; timeZone: string },
  alert: EvacuationAlert,
  before: { householdId: string; driverId: string | null; position: number | null; reason: string | null }[],
  after: { householdId: string; driverId: string | null; position: number | null }[],
  day: Day,
  cause: ReplanCause,
): Promise<void> {
  const communityId = community.id;
  const driverOf = (rows: typeof after) => {
    const m = new Map<string, string | null>();
    for (const a of rows) if (!m.has(a.householdId) || a.driverId) m.set(a.householdId, a.driverId);
    return m;
  };
  const stopsOf = (rows: typeof after, driverId: string) =>
    rows
      .filter((a) => a.driverId === driverId && (a.position ?? 0) > 0)
      .map((a) => a.householdId)
      .join(',');
  const was = driverOf(before);
  const now = driverOf(after);
  // Whose driver left the community (or was removed, or erased) since the last plan: their stop
  // waits with no driver in `before` (`driverLeaves`), so comparing drivers alone says nothing
  // changed. They are told what the re-plan gives them, in words of that cause.
  const lostDriver = new Set(
    before.filter((a) => !a.driverId && a.reason === 'driver_left').map((a) => a.householdId),
  );
  const plan = (await loadPlan({ ...ctx, db: tx }, communityId)) as PlanView;
  const [households, drivers, oldRoutes, shelters] = await Promise.all([
    store.listHouseholds(tx, communityId),
    store.listDrivers(tx, communityId),
    store.listRoutes(tx, communityId, alert.planId),
    shelterViews(tx, communityId),
  ]);
  const shelterName = new Map(shelters.map((x) => [x.placeId, x.name]));
  // Where each driver went before the re-plan (the replaced plan's routes).
  const wasShelter = new Map(oldRoutes.map((r) => [r.driverId, r.shelterId]));
  const about = { type: 'evacuation_alert', id: alert.id };
  const base = { reason: alert.reason, message: alert.message };
  const at = iso(ctx.clock.now());
  // The body for the cause: the drop-out's text is the first one written, without a suffix.
  const body = (name: string) =>
    `evacuation.mail.${name}.${cause === 'dropped_out' ? 'body' : `body_${cause}`}`;
  const rideOf = (route: RouteView, householdId: string) => {
    const stop = route.stops.find((x) => x.householdId === householdId);
    return {
      driver: firstName(route.driverName),
      vehicle: route.vehicle || '—',
      time: clockTime(alert.raisedAt, (stop?.arrivalMinutes ?? 0) * 60, community.timeZone),
      shelter: route.shelter.name,
    };
  };
  for (const h of households) {
    if (h.leftAt || (day.households.get(h.id)?.aboard.size ?? 0) > 0) continue;
    if (householdOf(day, h.id).state === 'safe') continue;
    const driverId = now.get(h.id) ?? null;
    const route = plan.routes.find((r) => r.driverId === driverId);
    const oldDriver = was.get(h.id) ?? null;
    const gone = lostDriver.has(h.id);
    if (driverId === oldDriver && !gone) {
      // The same driver, to another shelter: where to now, and why.
      const from = oldDriver ? wasShelter.get(oldDriver) : undefined;
      if (!route || !from || from === route.shelter.placeId) continue;
      await notify(ctx, tx, {
        kind: alertKind.name,
        community,
        to: [h.accountId],
        about,
        path: await linkOrPage(
          tx,
          communityId,
          alert.id,
          { householdId: h.id, accountId: h.accountId },
          '/evacuation',
          at,
        ),
        text: { subject: 'evacuation.mail.replanned_shelter.subject', body: body('replanned_shelter') },
        params: { ...base, ...rideOf(route, h.id), was: shelterName.get(from) ?? '' },
      });
      continue;
    }
    await notify(ctx, tx, {
      kind: alertKind.name,
      community,
      to: [h.accountId],
      about,
      path: await linkOrPage(
        tx,
        communityId,
        alert.id,
        { householdId: h.id, accountId: h.accountId },
        '/evacuation',
        at,
      ),
      text: {
        subject: 'evacuation.mail.replanned_household.subject',
        body: gone
          ? `evacuation.mail.${route ? 'replanned_household' : 'replanned_unserved'}.body_driver_left`
          : body(route ? 'replanned_household' : 'replanned_unserved'),
      },
      params: route ? { ...base, ...rideOf(route, h.id) } : base,
    });
  }
  for (const d of drivers) {
    const route = plan.routes.find((r) => r.driverId === d.id);
    if (!route) continue;
    if (stopsOf(before, d.id) !== stopsOf(after, d.id))
      await notify(ctx, tx, {
        kind: alertKind.name,
        community,
        to: [d.accountId],
        about,
        path: await linkOrPage(
          tx,
          communityId,
          alert.id,
          { driverId: d.id, accountId: d.accountId },
          '/evacuation/route',
          at,
        ),
        text: { subject: 'evacuation.mail.replanned_driver.subject', body: body('replanned_driver') },
        params: base,
      });
    else {
      // The same stops, to another shelter: the riders go elsewhere.
      const from = wasShelter.get(d.id);
      if (!from || from === route.shelter.placeId) continue;
      await notify(ctx, tx, {
        kind: alertKind.name,
        community,
        to: [d.accountId],
        about,
        path: await linkOrPage(
          tx,
          communityId,
          alert.id,
          { driverId: d.id, accountId: d.accountId },
          '/evacuation/route',
          at,
        ),
        text: {
          subject: 'evacuation.mail.replanned_driver_shelter.subject',
          body: body('replanned_driver_shelter'),
        },
        params: { ...base, shelter: route.shelter.name, was: shelterName.get(from) ?? '' },
      });
    }
  }
}

/** Test hook: runs between solving a re-plan and storing it (to change the day meanwhile). */
let beforeReplanStore: (() => Promise<void>) | undefined;

/** Sets (or clears) the hook run between solving a re-plan and storing it; for tests only. */
export function setBeforeReplanStoreForTests(hook: (() => Promise<void>) | undefined): void {
  beforeReplanStore = hook;
}

/**
 * Asks for the remaining stops to be planned again now (coordinators): for a driver who joined on
 * the day or a household that registered during the alert. The same job as after a drop-out, so
 * nobody already in a car is moved; its `replanned` line names the coordinator. `Conflict` with no
 * alert on.
 */
export async function askReplan(ctx: Ctx): Promise<void> {
  const { communityId, accountId } = requireRole(ctx, can.activate, 'evacuation.errors.only_coordinators');
  await ctx.db.transaction().execute(async (tx) => {
    const alert = await lockAlert(tx, communityId);
    const payload: ReplanPayload = { communityId, alertId: alert.id, accountId, asked: true };
    await ctx.jobs.enqueue(tx, replanJob, payload);
  });
}

/** How a driver went off their route on the day: tapped "I can't drive", left the community, was removed, or their account was erased. */
export type DriverGone = 'dropped_out' | 'left' | 'removed' | 'erased';

/**
 * Tells, in `tx`, that driver `driver` will not drive their route of `alert` (`how`), before their
 * stops are planned again: each household of the route still waiting for them (not in a car, not
 * safe, its member not gone) that this driver cannot come and that it is being planned again —
 * in words of the cause, through its personal link —, and every coordinator which driver went
 * and why, with the households concerned. (The re-plan then tells each what it gives them.)
 */
async function tellDriverGone(
  s: Pick<Services, 'jobs' | 'clock'>,
  tx: Db,
  alert: EvacuationAlert,
  driver: { id: string; accountId: string },
  how: DriverGone,
): Promise<void> {
  const communityId = alert.communityId;
  const community = await findCommunityContext({ db: tx, clock: s.clock }, communityId);
  if (!community) return;
  const day = await dayOf(tx, communityId, alert.id);
  const theirs = new Set(
    (await store.listAssignments(tx, communityId, alert.planId))
      .filter((a) => a.driverId === driver.id)
      .map((a) => a.householdId),
  );
  const households = (await store.listHouseholds(tx, communityId)).filter((h) => theirs.has(h.id));
  const waiting = households.filter(
    (h) =>
      !h.leftAt &&
      (day.households.get(h.id)?.aboard.size ?? 0) === 0 &&
      householdOf(day, h.id).state !== 'safe',
  );
  const names = await store.namesOf(tx, [driver.accountId, ...households.map((h) => h.accountId)]);
  const driverName = names.get(driver.accountId) ?? '';
  const about = { type: 'evacuation_alert', id: alert.id };
  const at = iso(s.clock.now());
  const body = how === 'dropped_out' ? 'body' : how === 'erased' ? 'body_erased' : 'body_member';
  for (const h of waiting)
    await notify(s, tx, {
      kind: alertKind.name,
      community,
      to: [h.accountId],
      about,
      path: await linkOrPage(
        tx,
        communityId,
        alert.id,
        { householdId: h.id, accountId: h.accountId },
        '/evacuation',
        at,
      ),
      text: {
        subject: 'evacuation.mail.driver_gone_household.subject',
        body: `evacuation.mail.driver_gone_household.${body}`,
      },
      params: { reason: alert.reason, driver: firstName(driverName) },
    });
  const coordinators = await store.listCoordinators(tx, communityId);
  await notify(s, tx, {
    kind: alertKind.name,
    community,
    to: coordinators.map((c) => c.accountId).filter((id) => id !== driver.accountId),
    about,
    path: '/evacuation/alert',
    text: {
      subject: `evacuation.mail.driver_gone.${how}.subject`,
      body: `evacuation.mail.driver_gone.${how}.body`,
    },
    params: {
      reason: alert.reason,
      driver: driverName,
      households: households.map((h) => names.get(h.accountId) ?? '').join(', ') || '—',
    },
  });
}

/**
 * Before driver `driverId` (of `accountId`) leaves the community, is removed or (seen after the
 * fact) had their account erased — `how` —, in that transaction `tx`: when the alert on now gives
 * them a route, each household still waiting for them and the coordinators are told at once
 * (`tellDriverGone`), their stops stay in its plan with no driver and the reason `driver_left`
 * (else they would go with the registration, and the board would call them registered after the
 * plan), a `dropped_out` line is written, and the drop-out's re-plan is queued, which tells those
 * households what it gives them. Nothing happens otherwise.
 */
export async function driverLeaves(
  s: Pick<Services, 'jobs' | 'clock'>,
  tx: Db,
  communityId: string,
  driverId: string,
  accountId: string,
  how: Exclude<DriverGone, 'dropped_out'>,
): Promise<void> {
  const alert = await alerts.lockActiveAlert(tx, communityId);
  if (!alert || !(await alerts.inAlertPlan(tx, communityId, { driverId }))) return;
  const driver = await store.findDriver(tx, communityId, driverId);
  if (driver) await tellDriverGone(s, tx, alert, driver, how);
  await alerts.unserveRoute(tx, communityId, alert.planId, driverId, 'driver_left');
  await alerts.insertUpdate(tx, communityId, {
    alertId: alert.id,
    householdId: null,
    driverId,
    status: 'dropped_out',
    note: '',
    accountId,
    at: iso(s.clock.now()),
  });
  const payload: ReplanPayload = { communityId, alertId: alert.id, accountId };
  await s.jobs.enqueue(tx, replanJob, payload);
  await tellCoordinators(s, tx, communityId);
}

/**
 * Before the member of `household` leaves the community or is removed, in that transaction `tx`
 * (their membership already ended, so the database set the household's `leftAt`): when an alert
 * is on, the household is kept for the day — on the board, in its route, marked as gone — a
 * `left` line is written, its driver is told the stop stays on their route (they cannot be
 * reached through Porch any more) and the coordinators' boards are refreshed. Returns whether it
 * is kept (false: no alert on, the registration goes as before).
 */
export async function householdLeaves(
  s: Pick<Services, 'jobs' | 'clock'>,
  tx: Db,
  communityId: string,
  household: { id: string; accountId: string },
  accountId: string,
): Promise<boolean> {
  const alert = await alerts.lockActiveAlert(tx, communityId);
  if (!alert) return false;
  const at = iso(s.clock.now());
  await alerts.insertUpdate(tx, communityId, {
    alertId: alert.id,
    householdId: household.id,
    driverId: null,
    status: 'left',
    note: '',
    accountId,
    at,
  });
  const ride = (await store.listAssignments(tx, communityId, alert.planId)).find(
    (a) => a.householdId === household.id && a.driverId,
  );
  const driver = ride?.driverId ? await store.findDriver(tx, communityId, ride.driverId) : undefined;
  const community = await findCommunityContext({ db: tx, clock: s.clock }, communityId);
  if (driver && community) {
    const name = (await store.namesOf(tx, [household.accountId])).get(household.accountId) ?? '';
    await notify(s, tx, {
      kind: alertKind.name,
      community,
      to: [driver.accountId],
      about: { type: 'evacuation_alert', id: alert.id },
      path: await linkOrPage(
        tx,
        communityId,
        alert.id,
        { driverId: driver.id, accountId: driver.accountId },
        '/evacuation/route',
        at,
      ),
      text: {
        subject: 'evacuation.mail.household_left.subject',
        body: 'evacuation.mail.household_left.body',
      },
      params: { reason: alert.reason, household: name },
    });
  }
  await tellCoordinators(s, tx, communityId);
  return true;
}

/**
 * After a coordinator lowered shelter `placeId`'s capacity to `capacity` (0: closed), in their
 * transaction `tx`: when an alert is on that opened it and its routes now carry more people there
 * than it takes, the day is planned again (the drop-out's job, asked by the coordinator, so
 * nobody in a car is moved) and the drivers of those routes are told at once where to look.
 * Nothing happens otherwise. Returns whether a re-plan was queued.
 */
export async function shelterShrunk(
  ctx: Ctx,
  tx: Db,
  communityId: string,
  placeId: string,
  capacity: number,
): Promise<boolean> {
  const alert = await alerts.lockActiveAlert(tx, communityId);
  if (!alert || !sheltersOf(alert).includes(placeId)) return false;
  const routes = (await store.listRoutes(tx, communityId, alert.planId)).filter(
    (r) => r.shelterId === placeId,
  );
  const drivers = new Set(routes.map((r) => r.driverId));
  const load = (await store.listAssignments(tx, communityId, alert.planId))
    .filter((a) => a.driverId && drivers.has(a.driverId))
    .reduce((n, a) => n + a.people, 0);
  if (load <= capacity) return false;
  const accountId = ctx.actor.accountId as string;
  const payload: ReplanPayload = { communityId, alertId: alert.id, accountId, asked: true, cause: 'shelter' };
  await ctx.jobs.enqueue(tx, replanJob, payload);
  const shelter = (await shelterViews(tx, communityId)).find((x) => x.placeId === placeId);
  const told = (await store.listDrivers(tx, communityId)).filter((d) => drivers.has(d.id));
  const now = iso(ctx.clock.now());
  for (const d of told)
    await notify(ctx, tx, {
      kind: alertKind.name,
      community: ctx.community as NonNullable<Ctx['community']>,
      to: [d.accountId],
      about: { type: 'evacuation_alert', id: alert.id },
      path: await linkOrPage(
        tx,
        communityId,
        alert.id,
        { driverId: d.id, accountId: d.accountId },
        '/evacuation/route',
        now,
      ),
      text: {
        subject: 'evacuation.mail.shelter_shrunk.subject',
        body: 'evacuation.mail.shelter_shrunk.body',
      },
      params: { reason: alert.reason, shelter: shelter?.name ?? '' },
    });
  await tellCoordinators(ctx, tx, communityId);
  return true;
}

/** Registers the re-plan job. */
export function registerActivationJobs(s: Services): void {
  s.jobs.register(replanJob, (p: ReplanPayload) => replanDay(s, p));
}
