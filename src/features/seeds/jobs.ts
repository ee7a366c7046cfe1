/**
 * The seed library's background work: the gentle reminder of a pledge, scheduled when the
 * pledge is made for the morning of the first day of the month the member chose, in the
 * community's time zone. It re-reads the pledge when it runs, so a pledge returned, marked done
 * or cancelled by then gets no mail.
 */
import { findCommunityContext, type Services } from '../../platform/context.ts';
import { iso } from '../../platform/db/time.ts';
import { negotiateLocale, translator } from '../../platform/i18n/index.ts';
import { enqueueMail } from '../../platform/mail/jobs.ts';
import { reminderTime } from './calendar.ts';
import * as store from './store.ts';

/** Job kind of a pledge reminder; payload `{ communityId, pledgeId }`. */
export const pledgeReminderJob = 'seeds.pledge_reminder';

/** Registers the seed library's job handlers. */
export function registerSeedJobs(services: Services): void {
  services.jobs.register(pledgeReminderJob, (payload: { communityId: string; pledgeId: string }) =>
    remindPledge(services, payload.communityId, payload.pledgeId),
  );
}

/**
 * Mails the member of an open, not yet reminded pledge, in their language (else the
 * community's), with a link to the variety where they can record the return, mark it done or
 * cancel. Members without email (paper members) are not mailed. The mail is queued in the same
 * transaction that marks the pledge reminded, so a retry never mails twice. If it is not yet the
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
    if (!pledge.memberEmail) return;
    const locale = negotiateLocale(pledge.memberLocale, undefined, community.languageList);
    const t = translator(locale);
    // A month of the calendar, not an instant: read at noon UTC so it names that month anywhere.
    const month = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${pledge.expectedMonth}-01T12:00:00Z`),
    );
    const params = {
      name: pledge.memberName ?? '',
      crop: variety.crop,
      variety: variety.name,
      community: community.name,
      month,
      link: `${s.config.baseUrl}/c/${community.slug}/seeds/${variety.id}`,
    };
    await enqueueMail(s, tx, {
      to: pledge.memberEmail,
      subject: t('seeds.reminder.subject', params),
      text: t('seeds.reminder.body', params),
    });
  });
}
