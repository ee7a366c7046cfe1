/**
 * Reminder jobs: a mail some days before the due day and one the morning after it (then weekly,
 * a few times) while the item is still out. Each job re-reads the loan when it runs: a loan
 * returned or renewed meanwhile gets no stale reminder.
 */
import type { Services } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { addSeconds } from '../../platform/db/time.ts';
import { mailMember, settingsOf } from './access.ts';
import { addDays, localInstant } from './dates.ts';
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

/** Schedules the due-soon and overdue reminders of a loan due on `dueOn`. */
export async function scheduleReminders(
  s: Services,
  tx: Db,
  communityId: string,
  loanId: string,
  dueOn: string,
) {
  const { timeZone } = await store.findCommunity(tx, communityId);
  const { reminderDays } = await settingsOf(tx, communityId);
  const payload: ReminderPayload = { communityId, loanId, dueOn };
  if (reminderDays > 0) {
    await s.jobs.enqueue(
      tx,
      'library.due_soon',
      payload,
      localInstant(addDays(dueOn, -reminderDays), reminderHour, timeZone),
    );
  }
  await s.jobs.enqueue(
    tx,
    'library.overdue',
    { ...payload, count: 1 },
    localInstant(addDays(dueOn, 1), reminderHour, timeZone),
  );
}

async function stillOut(db: Db, p: ReminderPayload) {
  const loan = await store.findLoan(db, p.communityId, p.loanId);
  return loan && loan.status === 'out' && loan.dueOn === p.dueOn ? loan : undefined;
}

/** Registers the reminder jobs. */
export function registerReminderJobs(s: Services): void {
  s.jobs.register('library.due_soon', async (p: ReminderPayload) => {
    await s.db.transaction().execute(async (tx) => {
      const loan = await stillOut(tx, p);
      if (!loan) return;
      await mailMember(
        s,
        tx,
        p.communityId,
        loan.borrowerId,
        'due_soon',
        { item: loan.itemName, due: loan.dueOn },
        `/library/loans/${loan.id}`,
      );
    });
  });
  s.jobs.register('library.overdue', async (p: ReminderPayload) => {
    await s.db.transaction().execute(async (tx) => {
      const loan = await stillOut(tx, p);
      if (!loan) return;
      await mailMember(
        s,
        tx,
        p.communityId,
        loan.borrowerId,
        'overdue',
        { item: loan.itemName, due: loan.dueOn },
        `/library/loans/${loan.id}`,
      );
      const count = p.count ?? 1;
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
