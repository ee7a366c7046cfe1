/**
 * Loans: requesting, and every action of the state machine in `policy.ts` (`loanMachine`:
 * approve, decline, cancel, pick up, return, thank, lost, damaged, renew), each recorded in the
 * item's history. Approving is where double booking is prevented: the item row is locked (PostgreSQL)
 * or the write transactions are serialized (SQLite), then overlapping bookings are counted.
 */
import type { Static } from 'typebox';
import { requireMember } from '../../platform/access.ts';
import type { CommunityContext, Ctx } from '../../platform/context.ts';
import type { Db, ItemCondition, LoanStatus } from '../../platform/db/database.ts';
import { addDays, daysBetween, iso } from '../../platform/db/time.ts';
import { authorize, Conflict, Invalid, NotFound } from '../../platform/errors.ts';
import { checkActiveLimit, lendersOf, lenderValues, loadItem, notifyMember, record } from './access.ts';
import { beyondHorizon, bookingHorizonDays, dueFor } from './dates.ts';
import {
  allowedFrom,
  availableActions,
  can,
  type LoanAction,
  loanMachine,
  pendingStatuses,
} from './policy.ts';
import { scheduleLapse, scheduleReminders } from './reminders.ts';
import type { LoanOut, LoanRequestIn } from './schema.ts';
import * as store from './store.ts';
import { offerNextHold } from './waitlist.ts';

/** A loan as its borrower, the item's owner and stewards see it (the API's `LoanOut`). */
export type LoanView = Static<typeof LoanOut>;

/** Shapes a loan row for `ctx.actor`. */
export function loanView(ctx: Pick<Ctx, 'actor'>, row: store.LoanRow, today: string): LoanView {
  const actions = availableActions(ctx.actor, { ownerId: row.ownerId }, row);
  return {
    id: row.id,
    itemId: row.itemId,
    itemName: row.itemName,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    pickupPlace: row.pickupPlace,
    borrowerId: row.borrowerId,
    borrowerName: row.borrowerName,
    status: row.status,
    overdue: row.status === 'out' && row.dueOn < today,
    startsOn: row.startsOn,
    dueOn: row.dueOn,
    message: row.message,
    holdUntil: row.holdUntil,
    renewals: row.renewals,
    returnCondition: row.returnCondition,
    problem: row.problem,
    thanks: row.thanks,
    requestedAt: row.requestedAt,
    pickedUpAt: row.pickedUpAt,
    returnedAt: row.returnedAt,
    actions,
    renewsTo: actions.includes('renew') ? renewedDue(row.dueOn, row.loanDays) : null,
  };
}

/** A loan, for its borrower, the item's owner or a steward. */
export async function getLoan(ctx: Ctx, loanId: string): Promise<LoanView> {
  const { communityId, community } = requireMember(ctx);
  const row = await store.findLoan(ctx.db, communityId, loanId);
  if (!row) throw new NotFound('library.errors.loan_not_found');
  authorize(can.seeLoan(ctx.actor, row, row), 'library.errors.not_your_loan');
  return loanView(ctx, row, community.today());
}

/** The actor's loans: what they borrow, what others borrow from them, and (stewards) the shed's requests. */
export async function listMyLoans(ctx: Ctx) {
  const { communityId, accountId, community } = requireMember(ctx);
  const today = community.today();
  const open: LoanStatus[] = ['requested', 'approved', 'out', 'returned'];
  const borrowing = await store.listLoans(ctx.db, communityId, { borrowerId: accountId, statuses: open });
  const lending = await store.listLoans(ctx.db, communityId, { ownerId: accountId, statuses: open });
  const shed = can.manageLibrary(ctx.actor) ? await store.listShedRequests(ctx.db, communityId) : [];
  const v = (r: store.LoanRow) => loanView(ctx, r, today);
  return { borrowing: borrowing.map(v), lending: lending.map(v), shedRequests: shed.map(v) };
}

/**
 * Asks to borrow an item from `startsOn` to `dueOn` (inclusive). Throws `Invalid` for dates in
 * the past, out of order or longer than the item's loan length; `Forbidden` for one's own item;
 * `Conflict` when the dates are already booked or the member has too many open requests (checked
 * under a per-member lock, so requests sent at once cannot go over the limit together).
 */
export async function requestLoan(
  ctx: Ctx,
  itemId: string,
  input: Static<typeof LoanRequestIn>,
): Promise<LoanView> {
  const { communityId, accountId, community } = requireMember(ctx);
  const today = community.today();
  const loanId = await ctx.db.transaction().execute(async (tx) => {
    // First, so that the limit check and the insert below are one step (see lockBorrower).
    await store.lockBorrower(tx, communityId, accountId);
    const item = await loadItem(tx, communityId, itemId);
    const errors = [];
    if (input.startsOn < today) errors.push({ field: 'startsOn', code: 'library.errors.start_in_past' });
    else if (beyondHorizon(today, input.startsOn)) {
      errors.push({
        field: 'startsOn',
        code: 'library.errors.too_far_ahead',
        params: { count: bookingHorizonDays },
      });
    }
    if (input.dueOn < input.startsOn)
      errors.push({ field: 'dueOn', code: 'library.errors.due_before_start' });
    else if (daysBetween(input.startsOn, input.dueOn) + 1 > item.loanDays) {
      errors.push({ field: 'dueOn', code: 'library.errors.too_long', params: { count: item.loanDays } });
    }
    if (errors.length) throw new Invalid(errors);
    authorize(can.requestLoan(ctx.actor, item), 'library.errors.cannot_borrow_own');
    await checkActiveLimit(tx, community, accountId);
    if (
      (await store.countOverlappingLoans(tx, communityId, itemId, input.startsOn, input.dueOn, today)) > 0
    ) {
      throw await takenConflict(tx, communityId, itemId, today, 'library.errors.dates_taken');
    }
    const now = iso(ctx.clock.now());
    const { id } = await store.insertLoan(tx, {
      communityId,
      itemId,
      borrowerId: accountId,
      status: 'requested',
      startsOn: input.startsOn,
      dueOn: input.dueOn,
      message: input.message?.trim() ?? '',
      requestedAt: now,
      updatedAt: now,
    });
    await record(ctx, tx, { communityId, itemId, loanId: id, actorId: accountId, kind: 'requested' });
    const deciders = await lendersOf(tx, communityId, item.ownerId, accountId);
    const borrower = (await store.findMailContact(tx, accountId))?.displayName ?? '';
    for (const to of deciders) {
      await notifyMember(
        ctx,
        tx,
        community,
        to,
        'requested',
        { item: item.name, from: input.startsOn, until: input.dueOn, borrower },
        `/library/loans/${id}`,
      );
    }
    return id;
  });
  return getLoan(ctx, loanId);
}

/**
 * The refusal of a booking whose days are taken: `library.errors.item_overdue` (with the day it
 * was due) when the item is still out past its due day — no booking is taken until it is back,
 * and the member is pointed to the waitlist — otherwise `code`.
 */
async function takenConflict(tx: Db, communityId: string, itemId: string, today: string, code: string) {
  const overdue = await findOverdueLoan(tx, communityId, itemId, today);
  return overdue ? new Conflict('library.errors.item_overdue', { due: overdue.dueOn }) : new Conflict(code);
}

/** The item's loan still out past its due day on `today`, if any. */
export async function findOverdueLoan(db: Db, communityId: string, itemId: string, today: string) {
  const [out] = await store.listLoans(db, communityId, { itemId, statuses: ['out'], limit: 1 });
  return out && out.dueOn < today ? out : undefined;
}

/**
 * Tells the member whose booking has begun (its first day is today or past, while the item was
 * still out) that the item is back and theirs to collect: one mail, inside the return's
 * transaction under the item lock, so two returns at once cannot both send it. A booking still
 * ahead needs no word: it starts as agreed.
 */
async function tellNextBooking(
  ctx: Ctx,
  tx: Db,
  community: CommunityContext,
  item: { id: string; name: string; pickupPlace: string },
  today: string,
) {
  const approved = await store.listLoans(tx, community.id, { itemId: item.id, statuses: ['approved'] });
  const next = approved
    .filter((l) => !l.holdUntil && l.startsOn <= today && l.dueOn >= today)
    .sort((a, b) => (a.startsOn < b.startsOn ? -1 : 1))[0];
  if (!next) return;
  await notifyMember(
    ctx,
    tx,
    community,
    next.borrowerId,
    'ready',
    {
      item: item.name,
      place: item.pickupPlace || '—',
      due: next.dueOn,
      from: next.startsOn,
      ...lenderValues(next.ownerName),
    },
    `/library/loans/${next.id}`,
  );
}

/** What some transitions take: the condition on return, a problem, thanks, a note. */
export interface TransitionInput {
  condition?: ItemCondition;
  problem?: string;
  thanks?: string;
  note?: string;
}

/**
 * Moves a loan along the state machine (`loanMachine`). Throws `NotFound` (also for another
 * community's loan), `Forbidden` with the row's refusal when the actor may not take the action,
 * `Conflict` when the loan's state does not allow it (`library.errors.loan_wrong_state`) or the
 * item is booked meanwhile.
 */
export async function transitionLoan(
  ctx: Ctx,
  loanId: string,
  action: LoanAction,
  input: TransitionInput = {},
) {
  const { communityId, accountId, community } = requireMember(ctx);
  const row = loanMachine[action];
  if (action === 'return' && !input.condition)
    throw new Invalid([{ field: 'condition', code: 'validation.required' }]);
  await ctx.db.transaction().execute(async (tx) => {
    const found = await store.findLoan(tx, communityId, loanId);
    if (!found) throw new NotFound('library.errors.loan_not_found');
    // Serializes every change to this item's loans on PostgreSQL (SQLite runs one write at a
    // time); the loan is read again under the lock, so its status is current.
    const item = await store.lockItem(tx, communityId, found.itemId);
    const loan = await store.findLoan(tx, communityId, loanId);
    if (!item || !loan) throw new NotFound('library.errors.loan_not_found');
    authorize(row.guard(ctx.actor, item, loan), row.refusal);
    if (!allowedFrom(action, loan.status))
      throw new Conflict('library.errors.loan_wrong_state', { status: loan.status });
    const today = community.today();
    const now = iso(ctx.clock.now());
    const base = { communityId, itemId: item.id, loanId, actorId: accountId };
    const notify = (to: string, key: string, params: Record<string, unknown> = {}, actor?: string) =>
      notifyMember(
        ctx,
        tx,
        community,
        to,
        key,
        { item: item.name, due: loan.dueOn, ...params },
        `/library/loans/${loanId}`,
        actor,
      );

    switch (action) {
      case 'approve': {
        if (loan.dueOn < today) throw new Conflict('library.errors.dates_passed');
        if (
          (await store.countOverlappingLoans(
            tx,
            communityId,
            item.id,
            loan.startsOn,
            loan.dueOn,
            today,
            loanId,
          )) > 0
        ) {
          throw await takenConflict(tx, communityId, item.id, today, 'library.errors.item_already_lent');
        }
        await store.updateLoan(tx, communityId, loanId, {
          status: row.to,
          decidedAt: now,
          updatedAt: now,
        });
        await record(ctx, tx, { ...base, kind: 'approved' });
        await scheduleLapse(ctx, tx, community, loanId, loan.dueOn);
        await notify(loan.borrowerId, 'approved', {
          from: loan.startsOn,
          place: item.pickupPlace,
          ...lenderValues(loan.ownerName),
        });
        // The lender hands it over: the one who approved knows, so is not mailed.
        for (const to of await lendersOf(tx, communityId, item.ownerId, loan.borrowerId))
          await notify(to, 'hand_over', { from: loan.startsOn, borrower: loan.borrowerName }, accountId);
        break;
      }
      case 'decline':
        await store.updateLoan(tx, communityId, loanId, {
          status: row.to,
          decidedAt: now,
          updatedAt: now,
        });
        await record(ctx, tx, { ...base, kind: 'declined', note: input.note ?? '' });
        await notify(loan.borrowerId, 'declined');
        break;
      case 'cancel': {
        await store.updateLoan(tx, communityId, loanId, {
          status: row.to,
          holdUntil: null,
          updatedAt: now,
        });
        await record(ctx, tx, { ...base, kind: 'cancelled' });
        const entry = await store.findEntryByLoan(tx, communityId, loanId);
        if (entry?.status === 'held')
          await store.updateEntry(tx, communityId, entry.id, { status: 'left', endedAt: now });
        if (item.ownerId) await notify(item.ownerId, 'cancelled', { borrower: loan.borrowerName });
        if (loan.status === 'approved') await offerNextHold(ctx, tx, community, item.id);
        break;
      }
      case 'pick-up': {
        const out = await store.listLoans(tx, communityId, { itemId: item.id, statuses: ['out'], limit: 1 });
        if (out.length > 0) throw new Conflict('library.errors.item_still_out');
        await store.updateLoan(tx, communityId, loanId, {
          status: row.to,
          pickedUpAt: now,
          holdUntil: null,
          updatedAt: now,
        });
        await record(ctx, tx, { ...base, kind: 'picked_up' });
        const entry = await store.findEntryByLoan(tx, communityId, loanId);
        if (entry?.status === 'held')
          await store.updateEntry(tx, communityId, entry.id, { status: 'fulfilled', endedAt: now });
        await scheduleReminders(ctx, tx, community, loanId, loan.dueOn);
        break;
      }
      case 'return': {
        await store.updateLoan(tx, communityId, loanId, {
          status: row.to,
          returnedAt: now,
          returnCondition: input.condition,
          problem: input.problem?.trim() || null,
          updatedAt: now,
        });
        await store.updateItem(tx, communityId, item.id, { condition: input.condition, updatedAt: now });
        await record(ctx, tx, { ...base, kind: 'returned', note: input.problem?.trim() ?? '' });
        await notify(loan.borrowerId, 'returned');
        // A booking waiting for it goes first; the line gets it only when no booking covers today.
        await tellNextBooking(ctx, tx, community, item, today);
        await offerNextHold(ctx, tx, community, item.id);
        break;
      }
      case 'thank':
        await store.updateLoan(tx, communityId, loanId, {
          status: row.to,
          thanks: input.thanks?.trim() || null,
          updatedAt: now,
        });
        await record(ctx, tx, { ...base, kind: 'thanked', note: input.thanks?.trim() ?? '' });
        if (item.ownerId)
          await notify(item.ownerId, 'thanked', { borrower: loan.borrowerName, thanks: input.thanks ?? '' });
        break;
      case 'lost':
      case 'damaged': {
        await store.updateLoan(tx, communityId, loanId, { status: row.to, updatedAt: now });
        await record(ctx, tx, { ...base, kind: action, note: input.note?.trim() ?? '' });
        if (item.ownerId) await notify(item.ownerId, action, { borrower: loan.borrowerName });
        break;
      }
      case 'renew': {
        if ((await store.listOpenEntries(tx, communityId, item.id)).length > 0) {
          throw new Conflict('library.errors.someone_waiting');
        }
        const dueOn = renewedDue(loan.dueOn, item.loanDays);
        const from = addDays(loan.dueOn, 1);
        if ((await store.countOverlappingLoans(tx, communityId, item.id, from, dueOn, today, loanId)) > 0) {
          throw new Conflict('library.errors.renewal_blocked');
        }
        await store.updateLoan(tx, communityId, loanId, {
          dueOn,
          renewals: loan.renewals + 1,
          updatedAt: now,
        });
        await record(ctx, tx, { ...base, kind: 'renewed', note: dueOn });
        await scheduleReminders(ctx, tx, community, loanId, dueOn);
        break;
      }
    }
  });
  return getLoan(ctx, loanId);
}

/** The due day after renewing a loan due on `dueOn` of an item lent `loanDays` at a time. */
export function renewedDue(dueOn: string, loanDays: number): string {
  return addDays(dueOn, loanDays);
}

/** The default due day of a loan of `item` starting `today`. */
export function defaultDue(today: string, loanDays: number): string {
  return dueFor(today, loanDays);
}

/** Statuses of open requests (re-exported for pages). */
export const openRequestStatuses = pendingStatuses;
