/** What the seed library tells the front porch: my promises to bring seed back. */
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

/** My open promises to bring seed back, as porch entries ("My things"). */
async function pledges(ctx: Ctx): Promise<PorchEntry[]> {
  const { communityId, accountId, community } = requireMember(ctx);
  const rows = await store.listOpenPledges(ctx.db, communityId, { accountId });
  return rows.map((p) => ({
    kind: 'seeds.pledge',
    subjectType: 'seed_pledge',
    subjectId: p.id,
    path: `/c/${community.slug}/seeds/${p.varietyId}`,
    title: `${p.varietyName} (${p.crop})`,
    line: {
      key: 'seeds.porch.pledge',
      values: { count: p.packetsTaken, month: monthName(ctx, p.expectedMonth) },
    },
    at: p.createdAt,
  }));
}

/**
 * The seed library's part of the front porch: my promises. One due comes to "needs me" as its
 * reminder (`jobs.ts seedKinds`).
 */
export const seedsPorch: PorchSource = { mine: pledges };
