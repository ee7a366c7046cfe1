/**
 * What the library tells the front porch: my loans (with where and from whom to collect), and the
 * items added lately. What a loan asks of a member comes to "needs me" as a notification
 * (`access.ts libraryKinds`).
 */
import { requireMember } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import { localDay, type PorchEntry, type PorchSource } from '../../platform/porch.ts';
import * as store from './store.ts';

type Row = Awaited<ReturnType<typeof store.listLoansConcerning>>[number];

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

/** My open loans: what I borrow (from whom, where to collect, until when) and what I lend. */
async function mine(ctx: Ctx): Promise<PorchEntry[]> {
  const { accountId, communityId } = requireMember(ctx);
  const rows = await store.listLoansConcerning(ctx.db, communityId, accountId, [
    'requested',
    'approved',
    'out',
  ]);
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
export const libraryPorch: PorchSource = { mine, happening };
