/**
 * The re-plans of the day of an alert (`activation.ts`): the job that plans the remaining stops
 * again after a driver dropped out or left, when a coordinator asks, or when a shelter of the
 * alert closed or shrank below what its routes carry — nobody already in a car moved — and then
 * tells whoever it changed things for (`activation-tell.ts`).
 */
import { requireRole } from '../../platform/access.ts';
import { type Ctx, contextFor, findCommunityContext, type Services } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { iso } from '../../platform/db/time.ts';
import { lockAlert, type ReplanPayload, replanJob, sheltersOf } from './activation.ts';
import {
  type DriverGoneTellPayload,
  driverGoneTellJob,
  type ReplanCause,
  tellByLink,
  tellChanged,
  tellCoordinators,
  tellDriverGoneLate,
} from './activation-tell.ts';
import { readDay } from './day.ts';
import { can } from './policy.ts';
import { keptOf, keptShelters, solveDay, storeDayPlan } from './replan.ts';
import { shelterViews } from './service.ts';
import * as store from './store.ts';
import * as alerts from './store-activation.ts';

/** Changes of the day that a re-plan solved before them would get wrong: who is in which car, which cars still drive. */
const movesRiders = new Set(['picked_up', 'arrived', 'dropped_out']);

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
  for (const d of told)
    await tellByLink(
      ctx,
      tx,
      ctx.community as NonNullable<Ctx['community']>,
      alert.id,
      { driverId: d.id, accountId: d.accountId },
      {
        subject: 'evacuation.mail.shelter_shrunk.subject',
        body: 'evacuation.mail.shelter_shrunk.body',
      },
      { reason: alert.reason, shelter: shelter?.name ?? '' },
    );
  await tellCoordinators(ctx, tx, communityId);
  return true;
}

/** Registers the re-plan job, and the late telling of a gone driver's households. */
export function registerActivationJobs(s: Services): void {
  s.jobs.register(replanJob, (p: ReplanPayload) => replanDay(s, p));
  s.jobs.register(driverGoneTellJob, (p: DriverGoneTellPayload) => tellDriverGoneLate(s, p));
}

/**
 * After a coordinator corrected a paper member's household `householdId` during the alert on now
 * (an override, in their transaction `tx`): the correction is a line of the log of reads
 * (`alert_override`, which stewards read and the household sees among the reads of its
 * registration), the driver the day's plan gives it is told that its details changed (their
 * route card shows them), and the remaining stops are planned again as when a coordinator asks,
 * so that a change of people, wheelchairs or point reaches the routes without moving anyone
 * already in a car; the re-plan tells whom it changes.
 */
export async function correctedDuringAlert(ctx: Ctx, tx: Db, householdId: string): Promise<void> {
  const { communityId, accountId } = requireRole(ctx, can.activate, 'evacuation.errors.only_coordinators');
  const alert = await lockAlert(tx, communityId);
  await store.insertAccess(tx, communityId, {
    accountId,
    role: 'coordinator',
    what: 'alert_override',
    subjectId: householdId,
    at: iso(ctx.clock.now()),
  });
  const community = await findCommunityContext({ db: tx, clock: ctx.clock }, communityId);
  const driverIds = new Set(
    (await store.listAssignments(tx, communityId, alert.planId))
      .filter((a) => a.householdId === householdId && a.driverId)
      .map((a) => a.driverId as string),
  );
  const h = await store.findHousehold(tx, communityId, householdId);
  const names = await store.namesOf(tx, h ? [h.accountId] : []);
  for (const d of await store.listDrivers(tx, communityId))
    if (community && driverIds.has(d.id))
      await tellByLink(
        ctx,
        tx,
        community,
        alert.id,
        { driverId: d.id, accountId: d.accountId },
        {
          subject: 'evacuation.mail.household_corrected.subject',
          body: 'evacuation.mail.household_corrected.body',
        },
        { reason: alert.reason, name: h ? (names.get(h.accountId) ?? '') : '' },
      );
  const payload: ReplanPayload = { communityId, alertId: alert.id, accountId, asked: true };
  await ctx.jobs.enqueue(tx, replanJob, payload);
}
