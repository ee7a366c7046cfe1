/**
 * The nudge: when an occurrence still has empty places close to its date, the members usually
 * free then are asked once whether they could come. "Usually free" is the profile's availability
 * grid (days of the week × morning, afternoon, evening), in the community's zone. Not nudged:
 * who is on it already, who is not an active member, who turned the nudges off (every channel of
 * `shifts.nudges`), and, on a series for trained volunteers, who is not trained for it unless a
 * trial place is still free.
 */

import { occurrencesBetween, recurrenceOf } from '../../platform/calendar/recurrence.ts';
import { findCommunityContext, type Services } from '../../platform/context.ts';
import type { ShiftSeries } from '../../platform/db/database.ts';
import { addSeconds, iso } from '../../platform/db/time.ts';
import { registerRecurringJob, startRecurringJob } from '../../platform/jobs/recurring.ts';
import { type NotificationKind, personal } from '../../platform/notify/kinds.ts';
import { optedOut } from '../../platform/notify/service.ts';
import { availabilityDays } from '../profiles/service.ts';
import { tell } from './service.ts';
import * as store from './store.ts';

/** The nudges' kind: a member may turn it off in their notification settings. */
export const nudgeKind: NotificationKind = { name: 'shifts.nudges', defaults: personal };

/** How close to its start an occurrence with empty places is nudged about (hours). */
export const nudgeHours = 48;
/** How often the job looks (seconds). */
export const nudgeEverySeconds = 15 * 60;

/** The availability slot (`sat-morning`) a local start `YYYY-MM-DDTHH:mm` falls in. */
export function slotOf(local: string): string {
  const day = availabilityDays[(new Date(`${local.slice(0, 10)}T00:00:00Z`).getUTCDay() + 6) % 7];
  const hour = Number(local.slice(11, 13));
  return `${day}-${hour < 12 ? 'morning' : hour < 17 ? 'afternoon' : 'evening'}`;
}

/**
 * Nudges about every occurrence of every live series that starts within `nudgeHours` and still
 * has empty places, once per occurrence (a row remembers it, written with the notices). Returns
 * how many occurrences were nudged about.
 */
export async function nudgeEmptyShifts(s: Services): Promise<number> {
  const now = s.clock.now();
  const until = addSeconds(now, nudgeHours * 3600);
  let nudged = 0;
  const byCommunity = new Map<string, ShiftSeries[]>();
  for (const series of await store.listAllLiveSeries(s.db)) {
    byCommunity.set(series.communityId, [...(byCommunity.get(series.communityId) ?? []), series]);
  }
  for (const [communityId, list] of byCommunity) {
    // Read before the transaction: on SQLite it holds the only connection.
    const community = await findCommunityContext(s, communityId);
    if (!community) continue;
    for (const series of list) {
      for (const o of occurrencesBetween(recurrenceOf(series), community.timeZone, now, until)) {
        const done = await s.db.transaction().execute(async (tx) => {
          const shift = await store.findShiftOf(tx, communityId, series.id, o.key);
          if (shift?.cancelledAt) return false;
          const on = shift ? await store.listSignups(tx, communityId, [shift.id]) : [];
          const staying = on.filter((v) => v.substituteAskedAt === null).length;
          if (staying >= series.peopleNeeded) return false;
          if (!(await store.markNudged(tx, communityId, series.id, o.key, iso(now)))) return false;
          const onIds = new Set(on.map((v) => v.accountId));
          let to = (await store.listAvailableMembers(tx, communityId, slotOf(o.local)))
            .map((m) => m.accountId)
            .filter((id) => !onIds.has(id));
          const trialFree = series.trialSlots - on.filter((v) => v.trial === 1).length > 0;
          if (series.trainedOnly && !trialFree) {
            const trained = new Set(await store.listTrainedIds(tx, communityId, series.id));
            to = to.filter((id) => trained.has(id));
          }
          const out = await optedOut(tx, nudgeKind.name, to);
          to = to.filter((id) => !out.has(id));
          await tell(s, tx, community, nudgeKind.name, to, 'nudge', series, o.key, {
            count: series.peopleNeeded - staying,
          });
          return true;
        });
        if (done) nudged++;
      }
    }
  }
  return nudged;
}

/** Registers the nudge job. */
export function registerNudgeJobs(s: Services): void {
  registerRecurringJob(s, 'shifts.nudges', nudgeEverySeconds, async () => {
    await nudgeEmptyShifts(s);
  });
}

/** Queues the first nudge run (start-up), unless one waits. */
export function startNudgeJobs(s: Services): Promise<void> {
  return startRecurringJob(s, 'shifts.nudges');
}
