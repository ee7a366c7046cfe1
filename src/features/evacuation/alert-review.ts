/**
 * After an alert (`board.ts` has the day itself): the coordinators' list of past alerts and the
 * review of one (every change with when and who, the raising and the ending, the feedback;
 * logged), and the feedback form of whoever was in it.
 */
import { requireRole } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import { iso } from '../../platform/db/time.ts';
import { authorize, Conflict, NotFound } from '../../platform/errors.ts';
import { type AlertView, alertView } from './board.ts';
import { can } from './policy.ts';
import { logRead } from './service.ts';
import * as store from './store.ts';
import * as alerts from './store-activation.ts';

/** A line of the review's timeline. */
export interface TimelineEntry {
  at: string;
  /** A status of the timeline, or `raised` / `ended` (the alert's own). */
  status: string;
  household: string | null;
  driver: string | null;
  /** Who made the change; null for Porch itself (a re-plan). */
  by: string | null;
  note: string;
}

/** The after-action review of an alert. */
export interface Review {
  alert: AlertView;
  timeline: TimelineEntry[];
  feedback: { name: string; feedback: 'went_well' | 'could_improve'; comment: string; at: string }[];
}

/** Past alerts, newest first (coordinators; names no household, so not logged). */
export async function pastAlerts(ctx: Ctx): Promise<AlertView[]> {
  const { communityId } = requireRole(ctx, can.activate, 'evacuation.errors.only_coordinators');
  const rows = await alerts.listAlerts(ctx.db, communityId, 50);
  return Promise.all(rows.map((a) => alertView(ctx, communityId, a)));
}

/**
 * The review of an alert (coordinators; logged): every change of the day with when and who, the
 * alert's raising and ending, and the feedback given. `NotFound` for another community's.
 */
export async function review(ctx: Ctx, alertId: string): Promise<Review> {
  const { communityId } = requireRole(ctx, can.activate, 'evacuation.errors.only_coordinators');
  const alert = await alerts.findAlert(ctx.db, communityId, alertId);
  if (!alert) throw new NotFound('evacuation.errors.alert_not_found');
  await logRead(ctx, 'review');
  const [updates, feedback, households, drivers] = await Promise.all([
    alerts.listUpdates(ctx.db, communityId, alert.id),
    alerts.listFeedback(ctx.db, communityId, alert.id),
    store.listHouseholds(ctx.db, communityId),
    store.listDrivers(ctx.db, communityId),
  ]);
  const accountOf = new Map<string, string>([
    ...households.map((h) => [h.id, h.accountId] as const),
    ...drivers.map((d) => [d.id, d.accountId] as const),
  ]);
  const names = await store.namesOf(ctx.db, [
    ...accountOf.values(),
    ...updates.map((u) => u.accountId),
    ...feedback.map((f) => f.accountId),
    alert.endedBy,
    alert.raisedBy,
  ]);
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  const subject = (id: string | null) => (id ? nameOf(accountOf.get(id) ?? null) : null);
  const timeline: TimelineEntry[] = [
    {
      at: alert.raisedAt,
      status: 'raised',
      household: null,
      driver: null,
      by: nameOf(alert.raisedBy),
      note: alert.reason,
    },
    ...updates.map((u) => ({
      at: u.at,
      // "Could not find them" with no driver is a buddy's check that nobody answered.
      status: u.status === 'not_found' && !u.driverId ? 'no_answer' : u.status,
      household: subject(u.householdId),
      driver: subject(u.driverId),
      by: nameOf(u.accountId),
      note: u.note,
    })),
    ...(alert.endedAt
      ? [
          {
            at: alert.endedAt,
            status: 'ended',
            household: null,
            driver: null,
            by: nameOf(alert.endedBy),
            note: alert.endMessage,
          },
        ]
      : []),
  ];
  return {
    alert: await alertView(ctx, communityId, alert),
    timeline,
    feedback: feedback.map((f) => ({
      name: nameOf(f.accountId) ?? '',
      feedback: f.feedback,
      comment: f.comment,
      at: f.createdAt,
    })),
  };
}

/**
 * Whether the actor was in the alert (a household, a buddy, or a driver of its plan) and may give
 * feedback, and what they gave. `NotFound` for another community's alert or one they were not in.
 */
async function ownAlert(ctx: Ctx, alertId: string) {
  const { communityId, accountId } = requireRole(ctx, can.useNetwork, 'errors.members_only');
  const alert = await alerts.findAlert(ctx.db, communityId, alertId);
  if (!alert) throw new NotFound('evacuation.errors.alert_not_found');
  const [households, driver] = await Promise.all([
    store.listHouseholds(ctx.db, communityId),
    store.findDriverOf(ctx.db, communityId, accountId),
  ]);
  const inIt =
    households.some((h) => [h.accountId, h.buddyId, h.backupBuddyId].includes(accountId)) ||
    (driver !== undefined &&
      (await alerts.listUpdates(ctx.db, communityId, alert.id)).some((u) => u.driverId === driver.id)) ||
    (driver !== undefined &&
      (await store.listRoutes(ctx.db, communityId, alert.planId)).some((r) => r.driverId === driver.id));
  authorize(inIt, 'evacuation.errors.not_in_alert');
  return { communityId, accountId, alert };
}

/** The feedback form's state: the alert and what the actor said already (or null). */
export async function myFeedback(ctx: Ctx, alertId: string) {
  const { communityId, accountId, alert } = await ownAlert(ctx, alertId);
  const given = await alerts.findFeedback(ctx.db, communityId, alert.id, accountId);
  return {
    alert: await alertView(ctx, communityId, alert),
    given: given ? { feedback: given.feedback, comment: given.comment } : null,
  };
}

/**
 * Gives (or changes) the actor's feedback on an alert that has ended: went well or could improve,
 * and a comment. `Conflict` while it is on; `Forbidden` for a member who was not in it.
 */
export async function giveFeedback(
  ctx: Ctx,
  alertId: string,
  input: { feedback: 'went_well' | 'could_improve'; comment?: string },
): Promise<void> {
  const { communityId, accountId, alert } = await ownAlert(ctx, alertId);
  if (!alert.endedAt) throw new Conflict('evacuation.errors.alert_still_on');
  await ctx.db.transaction().execute((tx) =>
    alerts.saveFeedback(tx, communityId, {
      alertId: alert.id,
      accountId,
      feedback: input.feedback,
      comment: input.comment?.trim() ?? '',
      createdAt: iso(ctx.clock.now()),
    }),
  );
}
