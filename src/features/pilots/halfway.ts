/**
 * The halfway check-in: on the halfway day of a launched pilot, at 9 in the morning where the
 * community is, its team is told (by their own notification preferences for `pilots.checkins`)
 * to write how it is going. One job per pilot, queued at launch; the job checks again when it
 * runs, so a pilot finished, or whose dates moved later since (which queued another), is left.
 */
import { findCommunityContext, type Services } from '../../platform/context.ts';
import { iso } from '../../platform/db/time.ts';
import { type NotificationKind, personal } from '../../platform/notify/kinds.ts';
import { notify } from '../../platform/notify/service.ts';
import { halfwayAt, halfwayJob } from './service.ts';
import * as store from './store.ts';

/** The kinds of notification pilots send. */
export const pilotKinds: NotificationKind[] = [
  /** Halfway through a pilot one is on the team of: how is it going? */
  { name: 'pilots.checkins', defaults: personal },
];

/** Registers the halfway job. */
export function registerHalfwayJob(s: Services): void {
  s.jobs.register(halfwayJob, async (p: { communityId: string; pilotId: string }) => {
    // Read before the transaction: on SQLite it holds the only connection.
    const community = await findCommunityContext(s, p.communityId);
    if (!community) return;
    await s.db.transaction().execute(async (tx) => {
      const pilot = await store.lockPilot(tx, p.communityId, p.pilotId);
      if (!pilot?.launchedAt || pilot.finishedAt || pilot.halfwayRemindedAt) return;
      const now = s.clock.now();
      // Moved later since this job was queued: the change queued another for the new day.
      if (halfwayAt(pilot, community.timeZone) > now) return;
      await store.updatePilot(tx, p.communityId, pilot.id, { halfwayRemindedAt: iso(now) });
      const team = await store.listTeam(tx, p.communityId, pilot.id);
      await notify(s, tx, {
        kind: 'pilots.checkins',
        community,
        to: team.map((m) => m.id),
        about: { type: 'pilot', id: pilot.id, title: pilot.title },
        path: `/pilots/${pilot.id}#halfway`,
        text: { subject: 'pilots.mail.halfway.subject', body: 'pilots.mail.halfway.body' },
        params: { title: pilot.title, ends: { day: pilot.endsOn }, measure: pilot.measure },
      });
    });
  });
}
