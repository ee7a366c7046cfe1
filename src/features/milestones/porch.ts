/**
 * What milestones tell the front porch: the milestones reached lately, each with thanks to those
 * who agreed to be named (celebrated in the feed, PRODUCT.md capability 8).
 */
import type { Ctx } from '../../platform/context.ts';
import type { PorchEntry, PorchSource } from '../../platform/porch.ts';
import { type MilestoneView, recentMilestones } from './service.ts';

/** How long a milestone stays in "what is happening". */
export const porchDays = 30;

/** A text to say: a catalog key and its values. */
export interface Words {
  key: string;
  values: Record<string, string | number>;
}

/** A milestone's title and its thanks, as catalog keys and values (the porch and the page say them alike). */
export function wordsOf(ctx: Pick<Ctx, 'locale'>, m: MilestoneView): { title: Words; thanks: Words } {
  const names = new Intl.ListFormat(ctx.locale, { type: 'conjunction' }).format(m.named);
  const title = { key: `milestones.kind.${m.kind}`, values: { count: m.threshold, place: m.place ?? '' } };
  const thanks: Words =
    m.named.length > 0 && m.others > 0
      ? { key: 'milestones.thanks.both', values: { names, count: m.others } }
      : m.named.length > 0
        ? { key: 'milestones.thanks.named', values: { names } }
        : m.others > 0
          ? { key: 'milestones.thanks.others', values: { count: m.others } }
          : { key: 'milestones.thanks.everyone', values: {} };
  return { title, thanks };
}

/** Milestones reached in the last `porchDays` days. */
async function happening(ctx: Ctx, limit: number): Promise<PorchEntry[]> {
  const slug = ctx.community?.slug ?? '';
  return (await recentMilestones(ctx, porchDays, limit)).map((m) => {
    const { title, thanks } = wordsOf(ctx, m);
    return {
      kind: 'milestones.reached',
      subjectType: 'milestone',
      subjectId: m.id,
      path: `/c/${slug}/milestones#m-${m.id}`,
      title: ctx.t(title.key, title.values),
      line: thanks,
      at: m.reachedAt,
    };
  });
}

/** The milestones' part of the front porch. */
export const milestonesPorch: PorchSource = { happening };
