/** What the seed library tells the front porch: seed promised back, due now, and all my promises. */
import { requireMember } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { PorchEntry, PorchSource } from '../../platform/porch.ts';
import * as store from './store.ts';

/** A month, `YYYY-MM`, as the reader's language writes it ("March 2027"). */
function monthName(ctx: Ctx, month: string): string {
  return new Intl.DateTimeFormat(ctx.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

/** My open promises to bring seed back, as porch entries; `dueOnly`: those due this month or before. */
async function pledges(ctx: Ctx, dueOnly: boolean): Promise<PorchEntry[]> {
  const { communityId, accountId, community } = requireMember(ctx);
  const month = community.month();
  const rows = await store.listOpenPledges(ctx.db, communityId, { accountId });
  return rows
    .filter((p) => !dueOnly || p.expectedMonth <= month)
    .map((p) => ({
      kind: dueOnly ? 'seeds.pledge_due' : 'seeds.pledge',
      subjectType: 'seed_pledge',
      subjectId: p.id,
      path: dueOnly
        ? `/c/${community.slug}/seeds/${p.varietyId}/pledges/${p.id}/return`
        : `/c/${community.slug}/seeds/${p.varietyId}`,
      title: `${p.varietyName} (${p.crop})`,
      line: {
        key: dueOnly ? 'seeds.porch.pledge_due' : 'seeds.porch.pledge',
        values: { count: p.packetsTaken, month: monthName(ctx, p.expectedMonth) },
      },
      at: p.createdAt,
    }));
}

/** The seed library's part of the front porch. */
export const seedsPorch: PorchSource = {
  needsMe: (ctx) => pledges(ctx, true),
  mine: (ctx) => pledges(ctx, false),
};
