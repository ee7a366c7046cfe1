/**
 * A drill's escalation, run by a recurring job on the injected clock: with no answer by the
 * drill's `buddyAt`, a household's buddy is asked to check on them (its backup buddy when its
 * buddy has not accepted); by `backupAt`, the backup buddy too; by `coordinatorsAt`, the
 * coordinators are told who has still not answered (drivers have no buddy: they reach the
 * coordinators directly). Only a buddy who accepted is asked, and is told what to do and the
 * household's phone, nothing else; a household with none is told to the coordinators at
 * `buddyAt`, straight away. Nothing is taken while an alert is on (the steps wait until it ends).
 *
 * Each step is claimed row by row in one transaction with its notifications (`SKIP LOCKED` on
 * PostgreSQL, so a second process passes over rows the first holds; SQLite has one writer) and
 * marked on the answer, so a step is taken once however many times or processes run the job.
 */
import { type CommunityContext, findCommunityContext, type Services } from '../../platform/context.ts';
import type { Db, EvacuationDrill, EvacuationDrillAnswer } from '../../platform/db/database.ts';
import { iso } from '../../platform/db/time.ts';
import { registerRecurringJob, startRecurringJob } from '../../platform/jobs/recurring.ts';
import { notify } from '../../platform/notify/service.ts';
import { acceptedBuddies } from './buddies.ts';
import { drillEndsAt, drillKind, finishDrill } from './drills.ts';
import { issueLinks } from './links.ts';
import * as store from './store.ts';
import { findActiveAlert } from './store-activation.ts';
import * as drills from './store-drills.ts';

/** The recurring job's kind. */
export const escalationJob = 'evacuation.drill_escalation';
/** How often the job looks for steps due (seconds): a buddy is asked at most 5 minutes late. */
export const escalationEverySeconds = 5 * 60;

/** Registers the escalation job. */
export function registerEscalationJob(s: Services): void {
  registerRecurringJob(s, escalationJob, escalationEverySeconds, async () => {
    await escalateDrills(s);
  });
}

/** Queues the escalation job's first run (start-up), unless one waits. */
export function startEscalationJob(s: Services): Promise<void> {
  return startRecurringJob(s, escalationJob);
}

/** What one run did: buddies and backup buddies asked, coordinators' notices sent, drills closed at their end time. */
export interface Escalated {
  buddies: number;
  backups: number;
  coordinators: number;
  closed: number;
}

/** Takes every escalation step due now in every open drill; returns what it did. */
export async function escalateDrills(s: Services): Promise<Escalated> {
  const at = iso(s.clock.now());
  const done: Escalated = { buddies: 0, backups: 0, coordinators: 0, closed: 0 };
  for (const drill of await drills.listDueDrills(s.db, at)) {
    // Read before the transaction: on SQLite it holds the only connection.
    const community = await findCommunityContext(s, drill.communityId);
    if (!community) continue;
    const one = await s.db.transaction().execute((tx) => escalateDrill(s, tx, community, drill, at));
    done.buddies += one.buddies;
    done.backups += one.backups;
    done.coordinators += one.coordinators;
    // Past its end time, a drill nobody closed closes by itself; its report stays.
    if (drillEndsAt(drill) <= at)
      await s.db.transaction().execute(async (tx) => {
        if ((await drills.lockDrill(tx, drill.communityId, drill.id))?.status !== 'open') return;
        if (await finishDrill(s, tx, drill.communityId, drill.id, 'closed', null, at)) done.closed++;
      });
  }
  return done;
}

async function escalateDrill(
  s: Services,
  tx: Db,
  community: CommunityContext,
  drill: EvacuationDrill,
  at: string,
): Promise<Escalated> {
  const communityId = community.id;
  const done: Escalated = { buddies: 0, backups: 0, coordinators: 0, closed: 0 };
  const locked = await drills.lockDrill(tx, communityId, drill.id);
  if (locked?.status !== 'open') return done;
  // Paused while an alert is on: buddies are needed for the day, not for a drill; the steps due are taken after it ends.
  if (await findActiveAlert(tx, communityId)) return done;
  const active = new Set((await store.listActiveMembers(tx, communityId)).map((m) => m.accountId));
  const households = new Map((await store.listHouseholds(tx, communityId)).map((h) => [h.id, h]));
  const names = await store.namesOf(
    tx,
    [...households.values()].map((h) => h.accountId),
  );

  /**
   * Asks each buddy `pick` names to check on the households of `answers`, and marks the step on
   * each answer with them (or nobody): one notification per household asked about, with its name
   * and phone and the buddy's own link for it (a buddy's link of the drill, working until the
   * drill's links expire), where they record whether they reached the household. Returns how many
   * answers had someone asked.
   */
  const ask = async (
    answers: EvacuationDrillAnswer[],
    step: 'buddyAskedAt' | 'backupAskedAt',
    pick: (a: EvacuationDrillAnswer) => string | null,
  ) => {
    let asked = 0;
    for (const a of answers) {
      const who = pick(a);
      await drills.markStep(tx, communityId, [a.id], step, at, who);
      if (!who || !a.householdId) continue;
      const [link] = await issueLinks(
        tx,
        communityId,
        { kind: 'drill', id: drill.id },
        [{ householdId: a.householdId, buddyId: who }],
        drillEndsAt(drill),
        at,
        s.config.secretKey,
      );
      await notify(s, tx, {
        kind: drillKind.name,
        community,
        to: [who],
        about: { type: 'evacuation_drill_buddy', id: a.id },
        // The buddy's own link (a reference: the token is never stored), or their page without one.
        path: link?.ref ?? '/evacuation',
        text: { subject: 'evacuation.drill.mail.buddy.subject', body: 'evacuation.drill.mail.buddy.body' },
        params: {
          name: names.get(a.accountId) ?? '',
          phone: households.get(a.householdId)?.phone || '—',
        },
      });
      asked++;
    }
    return asked;
  };
  // Only a buddy who accepted is sent the household's phone (`buddies.ts`), and only while a member.
  const accepted = (x: EvacuationDrillAnswer) => {
    const h = x.householdId ? households.get(x.householdId) : undefined;
    return h ? acceptedBuddies(h).filter((id) => active.has(id)) : [];
  };
  /** Tells the coordinators about the answers `ids` not yet told (text `key`); marks them told. */
  const tellCoordinators = async (ids: string[], key: 'coordinators' | 'no_buddy') => {
    const marked = await drills.markStep(tx, communityId, ids, 'coordinatorsToldAt', at);
    if (marked === 0) return;
    const coordinators = await store.listCoordinators(tx, communityId);
    await notify(s, tx, {
      kind: drillKind.name,
      community,
      to: coordinators.map((c) => c.accountId),
      about: { type: 'evacuation_drill', id: drill.id },
      path: `/evacuation/drills/${drill.id}`,
      text: { subject: `evacuation.drill.mail.${key}.subject`, body: `evacuation.drill.mail.${key}.body` },
      params: { count: marked },
    });
    done.coordinators += 1;
  };

  if (at >= drill.buddyAt) {
    // A household with no buddy who accepted goes straight to the coordinators: nobody else will call.
    const waiting = await drills.claimWaiting(tx, communityId, drill.id, 'buddyAskedAt');
    const first = (x: EvacuationDrillAnswer) => accepted(x)[0] ?? null;
    done.buddies += await ask(waiting, 'buddyAskedAt', first);
    await tellCoordinators(
      waiting.filter((a) => a.householdId && !first(a)).map((a) => a.id),
      'no_buddy',
    );
  }
  if (at >= drill.backupAt)
    done.backups += await ask(
      await drills.claimWaiting(tx, communityId, drill.id, 'backupAskedAt'),
      'backupAskedAt',
      (x) => {
        const h = x.householdId ? households.get(x.householdId) : undefined;
        const backup = h?.backupBuddyId && accepted(x).includes(h.backupBuddyId) ? h.backupBuddyId : null;
        // Already asked as the buddy (its buddy had not accepted): not asked twice.
        return backup && backup !== x.buddyAskedId ? backup : null;
      },
    );
  if (at >= drill.coordinatorsAt) {
    const waiting = await drills.claimWaiting(tx, communityId, drill.id, 'coordinatorsToldAt');
    await tellCoordinators(
      waiting.map((a) => a.id),
      'coordinators',
    );
  }
  return done;
}
