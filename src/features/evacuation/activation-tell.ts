/**
 * The telling of the day of an alert (`activation.ts`): who is told what, in words of its cause —
 * everyone in the plan when the alert is raised, the households of a driver who went off their
 * route, whoever a re-plan changed things for — each message leading a household or driver to
 * their personal link of the alert; and the coordinators' open boards, told after commit.
 */
import type { Ctx, Services } from '../../platform/context.ts';
import { findCommunityContext } from '../../platform/context.ts';
import type { Db, EvacuationAlert } from '../../platform/db/database.ts';
import { addSeconds, iso, localDateTime } from '../../platform/db/time.ts';
import { tellMembers } from '../../platform/events/live.ts';
import type { NotificationKind } from '../../platform/notify/kinds.ts';
import { type Notice, notify } from '../../platform/notify/service.ts';
import { acceptedBuddies } from './buddies.ts';
import { type Day, householdOf, readDay, routeOf } from './day.ts';
import { type LinkSubject, workingLinkRef } from './links.ts';
import { loadPlan } from './planning.ts';
import { type PlanView, type RouteView, shelterViews } from './service.ts';
import * as store from './store.ts';
import * as alerts from './store-activation.ts';

/** The kind of the day's notifications: an emergency, through quiet hours, by every channel at once. */
export const alertKind: NotificationKind = {
  name: 'evacuation.alerts',
  defaults: { mail: 'immediate', push: 'immediate' },
  emergency: true,
};

export type Told = { id: string; raisedAt: string; reason: string; message: string };

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
export async function tellEveryone(
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
 * Tells one household or driver (`who`, with their account) something of the alert's day
 * (`text`, `params`: catalog keys and values, as `notify` takes them). The message leads to their
 * personal link of the alert — by its reference: the notification never holds the token — or,
 * when they have none working, to their signed-in page (`/evacuation` for a household,
 * `/evacuation/route` for a driver).
 */
export async function tellByLink(
  s: Pick<Services, 'jobs' | 'clock'>,
  tx: Db,
  community: Notice['community'],
  alertId: string,
  who: LinkSubject & { accountId: string },
  text: Notice['text'],
  params: Notice['params'],
): Promise<void> {
  const { accountId, ...of } = who;
  const now = iso(s.clock.now());
  const ref = await workingLinkRef(tx, community.id, { kind: 'alert', id: alertId }, of, accountId, now);
  await notify(s, tx, {
    kind: alertKind.name,
    community,
    to: [accountId],
    about: { type: 'evacuation_alert', id: alertId },
    path: ref ?? ('driverId' in of ? '/evacuation/route' : '/evacuation'),
    text,
    params,
  });
}

/** Tells the coordinators' open boards, after commit, that the day changed. */
export async function tellCoordinators(
  s: Pick<Services, 'jobs'>,
  tx: Db,
  communityId: string,
  also: string[] = [],
) {
  const coordinators = await store.listCoordinators(tx, communityId);
  await tellMembers(s, tx, communityId, [...coordinators.map((c) => c.accountId), ...also]);
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
export async function tellChanged(
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
  const driverNames = await store.namesOf(
    tx,
    drivers.map((d) => d.accountId),
  );
  const driverName = new Map(drivers.map((d) => [d.id, driverNames.get(d.accountId) ?? '']));
  // Where each driver went before the re-plan (the replaced plan's routes).
  const wasShelter = new Map(oldRoutes.map((r) => [r.driverId, r.shelterId]));
  const base = { reason: alert.reason, message: alert.message };
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
      await tellByLink(
        ctx,
        tx,
        community,
        alert.id,
        { householdId: h.id, accountId: h.accountId },
        { subject: 'evacuation.mail.replanned_shelter.subject', body: body('replanned_shelter') },
        { ...base, ...rideOf(route, h.id), was: shelterName.get(from) ?? '' },
      );
      continue;
    }
    // Their own driver dropped out: this one message says who (no message came before it).
    const dropped = oldDriver && routeOf(day, oldDriver).state === 'dropped_out' ? oldDriver : null;
    const what = route ? 'replanned_household' : 'replanned_unserved';
    await tellByLink(
      ctx,
      tx,
      community,
      alert.id,
      { householdId: h.id, accountId: h.accountId },
      {
        subject: 'evacuation.mail.replanned_household.subject',
        body: gone
          ? `evacuation.mail.${what}.body_driver_left`
          : dropped
            ? `evacuation.mail.${what}.body_dropped`
            : body(what),
      },
      {
        ...base,
        ...(route ? rideOf(route, h.id) : {}),
        ...(dropped ? { was: firstName(driverName.get(dropped) ?? '') } : {}),
      },
    );
  }
  for (const d of drivers) {
    const route = plan.routes.find((r) => r.driverId === d.id);
    if (!route) continue;
    if (stopsOf(before, d.id) !== stopsOf(after, d.id))
      await tellByLink(
        ctx,
        tx,
        community,
        alert.id,
        { driverId: d.id, accountId: d.accountId },
        { subject: 'evacuation.mail.replanned_driver.subject', body: body('replanned_driver') },
        base,
      );
    else {
      // The same stops, to another shelter: the riders go elsewhere.
      const from = wasShelter.get(d.id);
      if (!from || from === route.shelter.placeId) continue;
      await tellByLink(
        ctx,
        tx,
        community,
        alert.id,
        { driverId: d.id, accountId: d.accountId },
        {
          subject: 'evacuation.mail.replanned_driver_shelter.subject',
          body: body('replanned_driver_shelter'),
        },
        { ...base, shelter: route.shelter.name, was: shelterName.get(from) ?? '' },
      );
    }
  }
}

/** How a driver went off their route on the day: tapped "I can't drive", left the community, was removed, or their account was erased. */
export type DriverGone = 'dropped_out' | 'left' | 'removed' | 'erased';

/** The job that tells a gone driver's waiting households, unless a re-plan told them first. */
export const driverGoneTellJob = 'evacuation.driver_gone_tell';
/**
 * How long (seconds) the re-plan has to tell a gone driver's households their new ride itself,
 * in one message saying why, before they are told on their own that the driver cannot come.
 */
export const driverGoneTellAfterSeconds = 120;

/** What the late telling needs: the households waiting for the driver when they went, and the words. */
export interface DriverGoneTellPayload {
  communityId: string;
  alertId: string;
  /** When the driver went: a re-plan stored since then told the households. */
  since: string;
  householdIds: string[];
  body: string;
  params: { reason: string; driver: string };
}

/**
 * Tells, in `tx`, that driver `driver` will not drive their route of `alert` (`how`), before their
 * stops are planned again: every coordinator at once, which driver went and why, with the
 * households concerned. Each household still waiting for them (not in a car, not safe, its member
 * not gone) hears it once, from the re-plan (its new ride, or that a coordinator will call, in
 * words of the cause), which comes within seconds; only if no re-plan is stored within
 * `driverGoneTellAfterSeconds` (the planner failed, or the day kept changing) does a job tell them
 * meanwhile that this driver cannot come and that it is being planned again. Before, they got both
 * messages, one after the other.
 */
export async function tellDriverGone(
  s: Pick<Services, 'jobs' | 'clock'>,
  tx: Db,
  alert: EvacuationAlert,
  driver: { id: string; accountId: string },
  how: DriverGone,
): Promise<void> {
  const communityId = alert.communityId;
  const community = await findCommunityContext({ db: tx, clock: s.clock }, communityId);
  if (!community) return;
  const day = readDay(await alerts.listUpdates(tx, communityId, alert.id));
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
  const body = how === 'dropped_out' ? 'body' : how === 'erased' ? 'body_erased' : 'body_member';
  if (waiting.length > 0) {
    const now = s.clock.now();
    const payload: DriverGoneTellPayload = {
      communityId,
      alertId: alert.id,
      since: iso(now),
      householdIds: waiting.map((h) => h.id),
      body: `evacuation.mail.driver_gone_household.${body}`,
      params: { reason: alert.reason, driver: firstName(driverName) },
    };
    await s.jobs.enqueue(tx, driverGoneTellJob, payload, addSeconds(now, driverGoneTellAfterSeconds));
  }
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
 * The late telling (`driverGoneTellJob`): when no re-plan of the alert was stored since the
 * driver went, tells each of their households still waiting (not in a car, not safe, its member
 * not gone) that the driver cannot come and that it is being planned again, in one transaction on
 * the alert held for update. Nothing once the alert ended.
 */
export async function tellDriverGoneLate(
  s: Pick<Services, 'db' | 'jobs' | 'clock'>,
  p: DriverGoneTellPayload,
) {
  await s.db.transaction().execute(async (tx) => {
    const alert = await alerts.lockActiveAlert(tx, p.communityId);
    if (!alert || alert.id !== p.alertId) return;
    const updates = await alerts.listUpdates(tx, p.communityId, alert.id);
    if (updates.some((u) => u.status === 'replanned' && u.at >= p.since)) return;
    const community = await findCommunityContext({ db: tx, clock: s.clock }, p.communityId);
    if (!community) return;
    const day = readDay(updates);
    for (const id of p.householdIds) {
      const h = await store.findHousehold(tx, p.communityId, id);
      if (!h || h.leftAt || (day.households.get(h.id)?.aboard.size ?? 0) > 0) continue;
      if (householdOf(day, h.id).state === 'safe') continue;
      await tellByLink(
        s,
        tx,
        community,
        alert.id,
        { householdId: h.id, accountId: h.accountId },
        { subject: 'evacuation.mail.driver_gone_household.subject', body: p.body },
        p.params,
      );
    }
  });
}
