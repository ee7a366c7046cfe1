/**
 * Members who went during an alert with no app code run — an account erased in the database ends
 * its memberships by a trigger (migration 0035), which marks its household gone (0046) and nothing
 * else —, found by a job every minute and handled as if they had left through the app: a driver
 * with a route is a drop-out whose households and the coordinators are told and whose stops are
 * planned again (`driverLeaves`); a household's driver is told that the stop stays on their route
 * (`householdLeaves`). Each is found once: the driver's registration goes, the household gets its
 * `left` line. Each run also tells of households that lost a buddy that way (`tellLostBuddies`),
 * whether an alert is on or not.
 */
import type { Services } from '../../platform/context.ts';
import { registerRecurringJob, startRecurringJob } from '../../platform/jobs/recurring.ts';
import { dayOf } from './activation.ts';
import { driverLeaves, householdLeaves } from './activation-leaving.ts';
import { tellLostBuddies } from './buddies.ts';
import { routeOf } from './day.ts';
import * as store from './store.ts';
import * as alerts from './store-activation.ts';

/** The recurring job's kind. */
export const goneJob = 'evacuation.gone';
/** How often the job looks (seconds): on the day, a minute is the most anyone waits to be told. */
export const goneEverySeconds = 60;

/** Registers the job. */
export function registerGoneJob(s: Services): void {
  registerRecurringJob(s, goneJob, goneEverySeconds, async () => {
    await noticeGone(s);
    // Buddies go unseen too, alert or not: an erased buddy is taken off by the database (0069).
    await s.db.transaction().execute((tx) => tellLostBuddies(s, tx));
  });
}

/** Queues the job's first run (start-up), unless one waits. */
export function startGoneJob(s: Services): Promise<void> {
  return startRecurringJob(s, goneJob);
}

/**
 * For every alert on now: each driver of its plan whose membership ended unseen (and who had not
 * arrived or dropped out) is handled as a driver who left, and each household marked gone with no
 * `left` line as a household that left; one transaction per alert, on the alert held for update.
 * Returns how many drivers and households it handled.
 */
export async function noticeGone(s: Services): Promise<{ drivers: number; households: number }> {
  const done = { drivers: 0, households: 0 };
  for (const live of await alerts.listLiveAlerts(s.db)) {
    const communityId = live.communityId;
    await s.db.transaction().execute(async (tx) => {
      const alert = await alerts.lockActiveAlert(tx, communityId);
      if (!alert || alert.id !== live.id) return;
      const day = await dayOf(tx, communityId, alert.id);
      for (const d of await alerts.listGoneDrivers(tx, communityId, alert.planId)) {
        // One who arrived or dropped out already drives nobody: their route stays as it ended,
        // and the alert's end deletes the registration.
        const state = routeOf(day, d.id).state;
        if (state === 'arrived' || state === 'dropped_out') continue;
        await driverLeaves(s, tx, communityId, d.id, d.accountId, d.how);
        // As when a driver leaves through the app: the registration goes, the household stays.
        await store.deleteRegistrationsOf(tx, communityId, d.accountId, true);
        done.drivers++;
      }
      for (const h of await alerts.listUntoldLeftHouseholds(tx, communityId, alert)) {
        await householdLeaves(s, tx, communityId, h, h.accountId);
        done.households++;
      }
    });
  }
  return done;
}
