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
 *
 * Here: raising, taps, marks and the end. Who is told what is in `activation-tell.ts`, the
 * re-plans (and a shelter shrinking) in `activation-replan.ts`, members leaving during an alert in
 * `activation-leaving.ts`.
 */
import { requireRole } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db, EvacuationAlert } from '../../platform/db/database.ts';
import { addSeconds, iso } from '../../platform/db/time.ts';
import { authorize, Conflict, type FieldError, Invalid, NotFound } from '../../platform/errors.ts';
import { notify } from '../../platform/notify/service.ts';
import { alertKind, tellCoordinators, tellDriverGone, tellEveryone } from './activation-tell.ts';
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
import { endLinks, issueLinks } from './links.ts';
import { loadPlan } from './planning.ts';
import { can } from './policy.ts';
import { solveDay, storeDayPlan } from './replan.ts';
import { type PlanView, shelterViews } from './service.ts';
import * as store from './store.ts';
import * as alerts from './store-activation.ts';

/** How long an alert's personal links work at most, in days (they end with the alert). */
export const linkDays = 14;

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

/** The alert on now, held for update in `tx`, or `Conflict('evacuation.errors.no_alert')`. */
export async function lockAlert(tx: Db, communityId: string): Promise<EvacuationAlert> {
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
