/**
 * Members leaving during an alert (`activation.ts`): a driver who leaves the community, is
 * removed or was erased goes off their route as a drop-out would, their households told and the
 * day planned again; a household whose member leaves or is removed stays on the day's board and
 * in its route, its driver told. Both run in the transaction that ends the membership.
 */
import type { Services } from '../../platform/context.ts';
import { findCommunityContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { iso } from '../../platform/db/time.ts';
import { type ReplanPayload, replanJob } from './activation.ts';
import { type DriverGone, tellByLink, tellCoordinators, tellDriverGone } from './activation-tell.ts';
import * as store from './store.ts';
import * as alerts from './store-activation.ts';

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
    await tellByLink(
      s,
      tx,
      community,
      alert.id,
      { driverId: driver.id, accountId: driver.accountId },
      {
        subject: 'evacuation.mail.household_left.subject',
        body: 'evacuation.mail.household_left.body',
      },
      { reason: alert.reason, household: name },
    );
  }
  await tellCoordinators(s, tx, communityId);
  return true;
}
