/**
 * Reminders before a gathering: a day before each occurrence, everyone who said yes (and is not
 * waiting) is told, by their own notification preferences for `gatherings.reminders` (mail, push,
 * a digest or nothing; quiet hours hold it back, as every notification). One job per answer,
 * queued with the yes; the job checks again when it runs, so a no, a cancellation or a move
 * since makes it do nothing (a move queues another for the new time).
 */
import { localStartOf } from '../../platform/calendar/recurrence.ts';
import { findCommunityContext, type Services } from '../../platform/context.ts';
import type { Db, GatheringOccurrence } from '../../platform/db/database.ts';
import { addSeconds, iso } from '../../platform/db/time.ts';
import { tell } from './service.ts';
import * as store from './store.ts';

/** How long before a gathering those coming are reminded. */
export const reminderHours = 24;
/** The job that reminds one member of one occurrence. */
export const remindJob = 'gatherings.remind';

/** Queues `accountId`'s reminder of `row` (at once when less than a day is left). */
export async function queueReminder(
  s: Pick<Services, 'jobs' | 'clock'>,
  tx: Db,
  communityId: string,
  row: Pick<GatheringOccurrence, 'id' | 'startsAt'>,
  accountId: string,
): Promise<void> {
  const at = addSeconds(new Date(row.startsAt), -reminderHours * 3600);
  const now = s.clock.now();
  await s.jobs.enqueue(
    tx,
    remindJob,
    { communityId, occurrenceId: row.id, accountId },
    new Date(Math.max(at.getTime(), now.getTime())),
  );
}

/** Registers the reminder job. */
export function registerReminderJobs(s: Services): void {
  s.jobs.register(remindJob, async (p: { communityId: string; occurrenceId: string; accountId: string }) => {
    // Read before the transaction: on SQLite it holds the only connection.
    const community = await findCommunityContext(s, p.communityId);
    if (!community) return;
    await s.db.transaction().execute(async (tx) => {
      const row = await store.findOccurrence(tx, p.communityId, p.occurrenceId);
      const rsvp = row && (await store.findRsvp(tx, p.communityId, row.id, p.accountId));
      if (!row || !rsvp || row.cancelledAt || rsvp.remindedAt) return;
      if (rsvp.answer !== 'yes' || rsvp.waiting === 1) return;
      const now = s.clock.now();
      // Moved later since this job was queued: the move queued another for the new time.
      if (addSeconds(new Date(row.startsAt), -reminderHours * 3600) > now) return;
      const g = await store.findGathering(tx, p.communityId, row.gatheringId);
      if (!g || g.cancelledAt) return;
      // Marked either way: a job run late for a gathering that began is skipped, never sent as if ahead.
      await store.updateRsvp(tx, p.communityId, rsvp.id, { remindedAt: iso(now) });
      if (new Date(row.startsAt) <= now) return;
      const key =
        localStartOf(g, row.occurrence).slice(0, 10) === community.today() ? 'reminder_today' : 'reminder';
      await tell(s, tx, community, 'gatherings.reminders', [p.accountId], key, g, row.occurrence);
    });
  });
}
