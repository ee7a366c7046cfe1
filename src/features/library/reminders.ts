/**
 * Timed loan jobs. Reminders: a mail some days before the due day and one the morning after it
 * (then weekly, a few times) while the item is still out; the lender hears with the first overdue
 * one, since nobody can book the item until it is back. Lapsing: an approved loan nobody picked
 * up by the end of its days is cancelled, so it no longer shows as pending (its borrower is told
 * when the item was still out with someone else all along). Each job re-reads
 * the loan when it runs: a loan returned, picked up or renewed meanwhile is left alone.
 */
import { type CommunityContext, findCommunityContext, type Services } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { addDays, addSeconds, iso, onDayAt } from '../../platform/db/time.ts';
import { resolve } from '../../platform/notify/service.ts';
import { lendersOf, lenderValues, notifyMember, settingsOf } from './access.ts';
import * as store from './store.ts';

/** Local hour at which reminders go out. */
const reminderHour = 9;
/** How many overdue reminders at most (the first, then weekly). */
const maxOverdueReminders = 3;

interface ReminderPayload {
  communityId: string;
  loanId: string;
  /** The due day the reminder was scheduled for; a renewal makes it stale. */
  dueOn: string;
  count?: number;
}

/** Schedules the due-soon and overdue reminders of a loan of `community` due on `dueOn`. */
export async function scheduleReminders(
  s: Pick<Services, 'jobs'>,
  tx: Db,
  community: CommunityContext,
  loanId: string,
  dueOn: string,
) {
  const { reminderDays } = await settingsOf(tx, community.id);
  const payload: ReminderPayload = { communityId: community.id, loanId, dueOn };
  if (reminderDays > 0) {
    await s.jobs.enqueue(
      tx,
      'library.due_soon',
      payload,
      community.instant(onDayAt(addDays(dueOn, -reminderDays), reminderHour)),
    );
  }
  await s.jobs.enqueue(
    tx,
    'library.overdue',
    { ...payload, count: 1 },
    community.instant(onDayAt(addDays(dueOn, 1), reminderHour)),
  );
}

/** Schedules the lapse of an approved loan of `community` not picked up by the end of `dueOn`. */
export async function scheduleLapse(
  s: Pick<Services, 'jobs'>,
  tx: Db,
  community: CommunityContext,
  loanId: string,
  dueOn: string,
) {
  await s.jobs.enqueue(
    tx,
    'library.lapse',
    { communityId: community.id, loanId, dueOn },
    community.instant(addDays(dueOn, 1)),
  );
}

async function stillOut(db: Db, p: ReminderPayload) {
  const loan = await store.findLoan(db, p.communityId, p.loanId);
  return loan && loan.status === 'out' && loan.dueOn === p.dueOn ? loan : undefined;
}

/** Registers the reminder and lapse jobs. */
export function registerReminderJobs(s: Services): void {
  s.jobs.register('library.lapse', async (p: ReminderPayload) => {
    const community = await findCommunityContext(s, p.communityId);
    if (!community) return;
    await s.db.transaction().execute(async (tx) => {
      const found = await store.findLoan(tx, p.communityId, p.loanId);
      if (!found) return;
      await store.lockItem(tx, p.communityId, found.itemId);
      const loan = await store.findLoan(tx, p.communityId, p.loanId);
      if (loan?.status !== 'approved' || loan.dueOn !== p.dueOn) return;
      const now = iso(s.clock.now());
      // Not the member's doing when the item never came back for their days: say so.
      const [out] = await store.listLoans(tx, p.communityId, {
        itemId: loan.itemId,
        statuses: ['out'],
        limit: 1,
      });
      if (out) {
        await notifyMember(
          s,
          tx,
          community,
          loan.borrowerId,
          'lapsed_unreturned',
          { item: loan.itemName },
          `/library/items/${loan.itemId}`,
        );
      }
      await store.updateLoan(tx, p.communityId, loan.id, {
        status: 'cancelled',
        holdUntil: null,
        updatedAt: now,
      });
      await resolve(s, tx, p.communityId, { type: 'loan', id: loan.id });
      await store.insertEvent(tx, {
        communityId: p.communityId,
        itemId: loan.itemId,
        loanId: loan.id,
        actorId: null,
        kind: 'cancelled',
        note: '',
        createdAt: now,
      });
    });
  });
  s.jobs.register('library.due_soon', async (p: ReminderPayload) => {
    const community = await findCommunityContext(s, p.communityId);
    if (!community) return;
    await s.db.transaction().execute(async (tx) => {
      const loan = await stillOut(tx, p);
      if (!loan) return;
      await notifyMember(
        s,
        tx,
        community,
        loan.borrowerId,
        'due_soon',
        { item: loan.itemName, due: loan.dueOn, ...lenderValues(loan.ownerName) },
        `/library/loans/${loan.id}`,
      );
    });
  });
  s.jobs.register('library.overdue', async (p: ReminderPayload) => {
    const community = await findCommunityContext(s, p.communityId);
    if (!community) return;
    await s.db.transaction().execute(async (tx) => {
      const loan = await stillOut(tx, p);
      if (!loan) return;
      await notifyMember(
        s,
        tx,
        community,
        loan.borrowerId,
        'overdue',
        { item: loan.itemName, due: loan.dueOn, ...lenderValues(loan.ownerName) },
        `/library/loans/${loan.id}`,
      );
      const count = p.count ?? 1;
      // The lender hears once: nobody can book the item until it is back (loans.ts).
      if (count === 1) {
        for (const to of await lendersOf(tx, p.communityId, loan.ownerId, loan.borrowerId)) {
          await notifyMember(
            s,
            tx,
            community,
            to,
            'overdue_owner',
            { item: loan.itemName, due: loan.dueOn, borrower: loan.borrowerName },
            `/library/loans/${loan.id}`,
          );
        }
      }
      if (count < maxOverdueReminders) {
        await s.jobs.enqueue(
          tx,
          'library.overdue',
          { ...p, count: count + 1 },
          addSeconds(s.clock.now(), 7 * 86400),
        );
      }
    });
  });
}
