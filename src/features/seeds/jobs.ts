/**
 * The seed library's background work: the gentle reminder of a pledge, scheduled when the
 * pledge is made for the morning of the first day of the month the member chose, in the
 * community's time zone. It re-reads the pledge when it runs, so a pledge returned, marked done
 * or cancelled by then gets no mail.
 */
import { findCommunityContext, type Services } from '../../platform/context.ts';
import { iso } from '../../platform/db/time.ts';
import { type NotificationKind, personal } from '../../platform/notify/kinds.ts';
import { notify } from '../../platform/notify/service.ts';
import { reminderTime } from './calendar.ts';
import * as store from './store.ts';

/** The seed library's kind of notification: the reminder of a pledge, timed for its month. */
export const seedKinds: NotificationKind[] = [
  {
    name: 'seeds.reminders',
    defaults: personal,
    // Settled when the seed comes back, or the pledge is marked done or cancelled (`lots.ts`).
    asks: { 'seeds.reminder.subject': 'seeds.pledge_due' },
  },
];

/** Job kind of a pledge reminder; payload `{ communityId, pledgeId }`. */
export const pledgeReminderJob = 'seeds.pledge_reminder';

/** Registers the seed library's job handlers. */
export function registerSeedJobs(services: Services): void {
  services.jobs.register(pledgeReminderJob, (payload: { communityId: string; pledgeId: string }) =>
    remindPledge(services, payload.communityId, payload.pledgeId),
  );
}

/**
 * Tells the member of an open, not yet reminded pledge (inbox, and mail or push by preference,
 * in their language), with a link to the variety where they can record the return, mark it done
 * or cancel. The notification is made in the same transaction that marks the pledge reminded,
 * so a retry never tells twice. If it is not yet the
 * reminder's time in the community's time zone (a steward moved the community to a zone further
 * west since the pledge), the job puts itself off until then.
 */
export async function remindPledge(s: Services, communityId: string, pledgeId: string): Promise<void> {
  const community = await findCommunityContext(s, communityId);
  if (!community) return;
  await s.db.transaction().execute(async (tx) => {
    const pledge = await store.findPledge(tx, communityId, pledgeId);
    if (pledge?.status !== 'open' || pledge.remindedAt !== null) return;
    const variety = await store.findVariety(tx, communityId, pledge.varietyId);
    if (!variety) return;
    const due = reminderTime(pledge.expectedMonth, community.timeZone);
    if (s.clock.now() < due) {
      await s.jobs.enqueue(tx, pledgeReminderJob, { communityId, pledgeId }, due);
      return;
    }
    await store.markReminded(tx, communityId, pledgeId, iso(s.clock.now()));
    await notify(s, tx, {
      kind: 'seeds.reminders',
      community,
      to: [pledge.accountId],
      about: { type: 'seed_pledge', id: pledge.id, title: `${variety.name} (${variety.crop})` },
      path: `/seeds/${variety.id}/pledges/${pledge.id}/return`,
      text: { subject: 'seeds.reminder.subject', body: 'seeds.reminder.body' },
      // A month of the calendar, written out in the reader's language when read.
      params: {
        name: pledge.memberName ?? '',
        crop: variety.crop,
        variety: variety.name,
        month: { month: pledge.expectedMonth },
        count: pledge.packetsTaken,
      },
    });
  });
}
