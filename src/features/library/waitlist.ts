/**
 * Waitlists and holds. When an item is booked, a member may join its line (within the
 * community's limit of open requests and places per member, so nobody hoards). When the item
 * comes back, the first in line gets a hold: an approved loan from today that lapses unless
 * picked up within the community's hold days; then the next in line is told.
 */
import { requireMember } from '../../platform/access.ts';
import {
  type CommunityContext,
  type Ctx,
  findCommunityContext,
  type Services,
} from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { addDays, addSeconds, iso } from '../../platform/db/time.ts';
import { authorize, Conflict, NotFound } from '../../platform/errors.ts';
import {
  checkActiveLimit,
  insertBookedLoan,
  lendersOf,
  lenderValues,
  loadItem,
  notifyMember,
  record,
  settingsOf,
} from './access.ts';
import { dueFor } from './dates.ts';
import { can } from './policy.ts';
import * as store from './store.ts';

/**
 * Offers a hold to the first member waiting for the item of `community`, if nobody holds it
 * already and the item is free today. Runs inside the caller's transaction, with the item locked.
 */
export async function offerNextHold(
  s: Pick<Services, 'clock' | 'jobs' | 'config'>,
  tx: Db,
  community: CommunityContext,
  itemId: string,
): Promise<void> {
  const communityId = community.id;
  const entries = await store.listOpenEntries(tx, communityId, itemId);
  if (entries.some((e) => e.status === 'held')) return;
  const next = entries.find((e) => e.status === 'waiting');
  if (!next) return;
  const item = await store.findItem(tx, communityId, itemId);
  if (!item || item.archivedAt) return;
  const today = community.today();
  if ((await store.countOverlappingLoans(tx, communityId, itemId, today, today, today)) > 0) return;
  // The hold ends before the next booking starts.
  const nextStart = await store.nextBookingStart(tx, communityId, itemId, today);
  const full = dueFor(today, item.loanDays);
  const dueOn = nextStart && nextStart <= full ? addDays(nextStart, -1) : full;
  const { holdDays } = await settingsOf(tx, communityId);
  const holdUntil = addSeconds(s.clock.now(), holdDays * 86400);
  const loanId = await insertBookedLoan(s, tx, today, {
    communityId,
    itemId,
    borrowerId: next.accountId,
    startsOn: today,
    dueOn,
    status: 'approved',
    holdUntil: iso(holdUntil),
    actorId: null,
  });
  await store.updateEntry(tx, communityId, next.id, { status: 'held', loanId });
  await record(s, tx, { communityId, itemId, loanId, actorId: null, kind: 'hold_offered' });
  await notifyMember(
    s,
    tx,
    community,
    next.accountId,
    'hold_offered',
    {
      item: item.name,
      until: iso(holdUntil).slice(0, 10),
      place: item.pickupPlace,
      from: today,
      ...lenderValues(
        item.ownerId ? ((await store.findMailContact(tx, item.ownerId))?.displayName ?? '') : null,
      ),
    },
    `/library/loans/${loanId}`,
  );
  const borrower = (await store.findMailContact(tx, next.accountId))?.displayName ?? '';
  for (const to of await lendersOf(tx, communityId, item.ownerId, next.accountId))
    await notifyMember(
      s,
      tx,
      community,
      to,
      'hand_over',
      { item: item.name, from: today, borrower },
      `/library/loans/${loanId}`,
    );
  await s.jobs.enqueue(tx, 'library.hold_expire', { communityId, loanId }, holdUntil);
}

/** Registers the job that lets an unclaimed hold lapse and passes the item on. */
export function registerHoldJobs(s: Services): void {
  s.jobs.register('library.hold_expire', async (p: { communityId: string; loanId: string }) => {
    const community = await findCommunityContext(s, p.communityId);
    if (!community) return;
    await s.db.transaction().execute(async (tx) => {
      const found = await store.findLoan(tx, p.communityId, p.loanId);
      if (!found) return;
      await store.lockItem(tx, p.communityId, found.itemId);
      // Read again under the lock: it may have been picked up meanwhile.
      const loan = await store.findLoan(tx, p.communityId, p.loanId);
      if (loan?.status !== 'approved' || !loan.holdUntil) return;
      const now = iso(s.clock.now());
      // Picked up, or the job ran early (clock skew): nothing to do.
      if (loan.holdUntil > now) return;
      await store.updateLoan(tx, p.communityId, loan.id, { status: 'cancelled', updatedAt: now });
      const entry = await store.findEntryByLoan(tx, p.communityId, loan.id);
      if (entry) await store.updateEntry(tx, p.communityId, entry.id, { status: 'expired', endedAt: now });
      await record(s, tx, {
        communityId: p.communityId,
        itemId: loan.itemId,
        loanId: loan.id,
        actorId: null,
        kind: 'hold_expired',
      });
      await notifyMember(
        s,
        tx,
        community,
        loan.borrowerId,
        'hold_expired',
        { item: loan.itemName },
        `/library/items/${loan.itemId}`,
      );
      await offerNextHold(s, tx, community, loan.itemId);
    });
  });
}

/** Where the actor stands in the item's line: 'held', their place (1 = next), or 0. */
export async function myWaitlistPlace(
  ctx: Ctx,
  itemId: string,
): Promise<{ status: string; position: number }> {
  const { communityId, accountId } = requireMember(ctx);
  await loadItem(ctx.db, communityId, itemId);
  const entries = await store.listOpenEntries(ctx.db, communityId, itemId);
  const mine = entries.findIndex((e) => e.accountId === accountId);
  if (mine < 0) return { status: 'none', position: 0 };
  if (entries[mine].status === 'held') return { status: 'held', position: 0 };
  return {
    status: 'waiting',
    position: entries.slice(0, mine + 1).filter((e) => e.status === 'waiting').length,
  };
}

/**
 * Joins the item's waitlist. Throws `Conflict` when already in line, when the item is free
 * today with nobody waiting (request it instead) or beyond the per-member limit (checked under
 * a per-member lock, so places and requests sent at once cannot go over it together).
 */
export async function joinWaitlist(ctx: Ctx, itemId: string) {
  const { communityId, accountId, community } = requireMember(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    // First (before the item), so the limit check and the insert are one step (see lockBorrower).
    await store.lockBorrower(tx, communityId, accountId);
    const item = await store.lockItem(tx, communityId, itemId);
    if (!item || item.archivedAt) throw new NotFound('library.errors.item_not_found');
    authorize(can.joinWaitlist(ctx.actor, item), 'library.errors.cannot_borrow_own');
    if (await store.findOpenEntry(tx, communityId, itemId, accountId))
      throw new Conflict('library.errors.already_waiting');
    const today = community.today();
    const busy = (await store.countOverlappingLoans(tx, communityId, itemId, today, today, today)) > 0;
    const line = (await store.listOpenEntries(tx, communityId, itemId)).length > 0;
    if (!busy && !line) throw new Conflict('library.errors.item_available');
    await checkActiveLimit(tx, community, accountId);
    await store.insertEntry(tx, {
      communityId,
      itemId,
      accountId,
      status: 'waiting',
      joinedAt: iso(ctx.clock.now()),
    });
  });
  return myWaitlistPlace(ctx, itemId);
}

/** Leaves the item's waitlist; a hold the member had passes to the next in line. */
export async function leaveWaitlist(ctx: Ctx, itemId: string) {
  const { communityId, accountId, community } = requireMember(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    await store.lockItem(tx, communityId, itemId);
    const entry = await store.findOpenEntry(tx, communityId, itemId, accountId);
    if (!entry) throw new Conflict('library.errors.not_waiting');
    const now = iso(ctx.clock.now());
    await store.updateEntry(tx, communityId, entry.id, { status: 'left', endedAt: now });
    if (entry.status === 'held' && entry.loanId) {
      await store.updateLoan(tx, communityId, entry.loanId, {
        status: 'cancelled',
        holdUntil: null,
        updatedAt: now,
      });
      await record(ctx, tx, {
        communityId,
        itemId,
        loanId: entry.loanId,
        actorId: accountId,
        kind: 'cancelled',
      });
      await offerNextHold(ctx, tx, community, itemId);
    }
  });
  return myWaitlistPlace(ctx, itemId);
}
