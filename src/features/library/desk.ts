/**
 * Stewards' tools. Desk mode, for the shed's open hours: a steward finds a neighbor by name, sees what they
 * have, checks an item out to them (request, approval and pickup in one step) and checks
 * items in. Stewards only.
 */
import type { Static } from 'typebox';
import type { Ctx } from '../../platform/context.ts';
import { daysBetween, iso } from '../../platform/db/time.ts';
import { Conflict, Invalid, NotFound } from '../../platform/errors.ts';
import { contactsOf } from '../profiles/service.ts';
import { insertBookedLoan, record, requireLibrarySteward } from './access.ts';
import { beyondHorizon, bookingHorizonDays, dueFor } from './dates.ts';
import { type LoanView, loanView, transitionLoan } from './loans.ts';
import { scheduleReminders } from './reminders.ts';
import type { CheckInIn, CheckOutIn } from './schema.ts';
import * as store from './store.ts';

/** Active members whose name contains `q` (nothing for an empty search). */
export async function deskSearch(ctx: Ctx, q: string | undefined) {
  const { communityId } = requireLibrarySteward(ctx);
  const query = q?.trim() ?? '';
  if (!query) return [];
  const rows = await store.searchMembers(ctx.db, communityId, query);
  return rows.map((r) => ({ id: r.id, displayName: r.displayName }));
}

/** A member at the desk: their open loans, and the shed's items free to check out today. */
export async function deskMember(ctx: Ctx, accountId: string) {
  const { communityId, community } = requireLibrarySteward(ctx);
  const member = await store.findMember(ctx.db, communityId, accountId);
  if (!member) throw new NotFound('library.errors.member_not_found');
  const today = community.today();
  const loans = await store.listLoans(ctx.db, communityId, {
    borrowerId: accountId,
    statuses: ['requested', 'approved', 'out'],
  });
  const items = await store.listItems(ctx.db, communityId, { availableOn: today, ownerId: null });
  return {
    member: { id: member.id, displayName: member.displayName },
    today,
    loans: loans.map((l) => loanView(ctx, l, today)),
    available: items.map((i) => ({ id: i.id, name: i.name, shed: i.ownerId === null, loanDays: i.loanDays })),
  };
}

/**
 * Hands an item to a member now, due on `dueOn` (default: the item's loan length). A hold or
 * approved loan the member already has for it is picked up instead of creating another.
 * Throws `Conflict('library.errors.item_already_lent')` if the days are booked.
 */
export async function checkOut(ctx: Ctx, input: Static<typeof CheckOutIn>): Promise<LoanView> {
  const { communityId, accountId, community } = requireLibrarySteward(ctx);
  const today = community.today();
  const loanId = await ctx.db.transaction().execute(async (tx) => {
    const item = await store.lockItem(tx, communityId, input.itemId);
    if (!item || item.archivedAt) throw new NotFound('library.errors.item_not_found');
    if (!(await store.findMember(tx, communityId, input.accountId)))
      throw new NotFound('library.errors.member_not_found');
    const dueOn = input.dueOn ?? dueFor(today, item.loanDays);
    if (dueOn < today) throw new Invalid([{ field: 'dueOn', code: 'library.errors.due_before_start' }]);
    if (beyondHorizon(today, dueOn)) {
      throw new Invalid([
        { field: 'dueOn', code: 'library.errors.too_far_ahead', params: { count: bookingHorizonDays } },
      ]);
    }
    const out = await store.listLoans(tx, communityId, { itemId: item.id, statuses: ['out'], limit: 1 });
    if (out.length > 0) throw new Conflict('library.errors.item_still_out');
    const now = iso(ctx.clock.now());
    const mine = (
      await store.listLoans(tx, communityId, {
        itemId: item.id,
        borrowerId: input.accountId,
        statuses: ['approved'],
      })
    ).find((l) => l.startsOn <= today);
    let id: string;
    if (mine) {
      id = mine.id;
      await store.updateLoan(tx, communityId, id, {
        status: 'out',
        pickedUpAt: now,
        holdUntil: null,
        updatedAt: now,
      });
      const entry = await store.findEntryByLoan(tx, communityId, id);
      if (entry?.status === 'held')
        await store.updateEntry(tx, communityId, entry.id, { status: 'fulfilled', endedAt: now });
    } else {
      id = await insertBookedLoan(ctx, tx, today, {
        communityId,
        itemId: item.id,
        borrowerId: input.accountId,
        startsOn: today,
        dueOn,
        status: 'out',
        actorId: accountId,
      });
      await record(ctx, tx, {
        communityId,
        itemId: item.id,
        loanId: id,
        actorId: accountId,
        kind: 'approved',
        note: 'desk',
      });
    }
    await record(ctx, tx, {
      communityId,
      itemId: item.id,
      loanId: id,
      actorId: accountId,
      kind: 'picked_up',
      note: 'desk',
    });
    await scheduleReminders(ctx, tx, community, id, mine?.dueOn ?? dueOn);
    return id;
  });
  const row = await store.findLoan(ctx.db, communityId, loanId);
  return loanView(ctx, row!, today);
}

/** Takes an item back at the desk (the `return` transition). */
export async function checkIn(ctx: Ctx, input: Static<typeof CheckInIn>): Promise<LoanView> {
  requireLibrarySteward(ctx);
  return transitionLoan(ctx, input.loanId, 'return', { condition: input.condition, problem: input.problem });
}

/**
 * Loans out past their due day, for the stewards' call list (most overdue first), with the
 * borrower's phone and email where the profiles feature lets the steward see them (null
 * otherwise, also for a borrower who is no longer a member). Stewards only.
 */
export async function listOverdue(ctx: Ctx) {
  const { communityId, community } = requireLibrarySteward(ctx);
  const today = community.today();
  const rows = await store.listOverdue(ctx.db, communityId, today);
  const contacts = await contactsOf(
    ctx,
    rows.map((r) => r.borrowerId),
  );
  return rows.map((r) => ({
    loanId: r.id,
    itemId: r.itemId,
    itemName: r.itemName,
    borrowerId: r.borrowerId,
    borrowerName: r.borrowerName,
    phone: contacts.get(r.borrowerId)?.phone ?? null,
    email: contacts.get(r.borrowerId)?.email ?? null,
    dueOn: r.dueOn,
    daysOverdue: daysBetween(r.dueOn, today),
  }));
}
