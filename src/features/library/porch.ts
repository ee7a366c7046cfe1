/**
 * What the library tells the front porch: requests to answer, things to hand over, collect or
 * bring back; my loans (with where and from whom to collect); and the items added lately.
 */
import { requireMember } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import { addDays } from '../../platform/db/time.ts';
import { localDay, type PorchEntry, type PorchSource } from '../../platform/porch.ts';
import { can } from './policy.ts';
import * as store from './store.ts';

type Row = Awaited<ReturnType<typeof store.listLoansConcerning>>[number];

/** Days before its due day that bringing a thing back needs the borrower. */
const returnSoonDays = 2;

function entry(ctx: Ctx, row: Row, kind: string, values: Record<string, string | number>): PorchEntry {
  const slug = ctx.community?.slug ?? '';
  return {
    kind: `library.${kind}`,
    subjectType: 'loan',
    subjectId: row.id,
    path: `/c/${slug}/library/loans/${row.id}`,
    title: row.itemName,
    line: { key: `library.porch.${kind}`, values },
    at: row.updatedAt,
  };
}

/** Who lends it: the owner's name, or the shed. */
const lender = (ctx: Ctx, row: Row) => row.ownerName ?? ctx.t('library.porch.the_shed');

/** What a loan asks of the actor now, if anything. */
function asks(ctx: Ctx, row: Row, accountId: string, today: string): PorchEntry | undefined {
  const day = (d: string) => localDay(ctx, d);
  if (row.borrowerId === accountId) {
    if (row.status === 'approved')
      return entry(ctx, row, 'collect', {
        owner: lender(ctx, row),
        place: row.pickupPlace,
        date: day(row.startsOn),
      });
    if (row.status === 'out' && row.dueOn < today)
      return entry(ctx, row, 'overdue', { owner: lender(ctx, row), date: day(row.dueOn) });
    if (row.status === 'out' && row.dueOn <= addDays(today, returnSoonDays))
      return entry(ctx, row, 'bring_back', { owner: lender(ctx, row), date: day(row.dueOn) });
    return undefined;
  }
  if (row.status === 'requested')
    return entry(ctx, row, 'answer', { name: row.borrowerName, from: day(row.startsOn), to: day(row.dueOn) });
  if (row.status === 'approved')
    return entry(ctx, row, 'hand_over', { name: row.borrowerName, date: day(row.startsOn) });
  if (row.status === 'out' && row.dueOn < today)
    return entry(ctx, row, 'late', { name: row.borrowerName, date: day(row.dueOn) });
  return undefined;
}

async function needsMe(ctx: Ctx): Promise<PorchEntry[]> {
  const { accountId, communityId, community } = requireMember(ctx);
  const rows = await store.listLoansConcerning(ctx.db, communityId, accountId, {
    statuses: ['requested', 'approved', 'out'],
    shed: can.manageLibrary(ctx.actor),
  });
  const today = community.today();
  return rows.flatMap((row) => asks(ctx, row, accountId, today) ?? []);
}

/** My open loans: what I borrow (from whom, where to collect, until when) and what I lend. */
async function mine(ctx: Ctx): Promise<PorchEntry[]> {
  const { accountId, communityId } = requireMember(ctx);
  const rows = await store.listLoansConcerning(ctx.db, communityId, accountId, {
    statuses: ['requested', 'approved', 'out'],
    shed: false,
  });
  return rows.map((row) => {
    const status = ctx.t(`library.status.${row.status}`);
    const values = { status, from: localDay(ctx, row.startsOn), to: localDay(ctx, row.dueOn) };
    return row.borrowerId === accountId
      ? entry(ctx, row, 'borrowing', { ...values, owner: lender(ctx, row), place: row.pickupPlace })
      : entry(ctx, row, 'lending', { ...values, name: row.borrowerName });
  });
}

/** Items added to the library lately. */
async function happening(ctx: Ctx, limit: number): Promise<PorchEntry[]> {
  const { communityId, community } = requireMember(ctx);
  const items = await store.listNewItems(ctx.db, communityId, limit);
  return items.map((item) => ({
    kind: 'library.item_added',
    subjectType: 'item',
    subjectId: item.id,
    path: `/c/${community.slug}/library/items/${item.id}`,
    title: item.name,
    line: {
      key: item.ownerName ? 'library.porch.item_added' : 'library.porch.item_added_shed',
      values: { name: item.ownerName ?? '' },
    },
    at: item.createdAt,
  }));
}

/** The library's part of the front porch. */
export const libraryPorch: PorchSource = { needsMe, mine, happening };
