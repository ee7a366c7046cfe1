/**
 * Maple Street's feedback and milestones: the fridge cleaning's volunteers say how each shift went
 * (one comment may be quoted, one is for the stewards only), the steward counts a milestone at
 * four shifts done, and the job finds it; Amara agrees to be named with it.
 */
import type { Ctx, Services } from '../../platform/context.ts';
import { giveFeedback, shiftSubjectId } from '../feedback/service.ts';
import { chooseNamed, detectMilestones, listMilestones, setThresholds } from '../milestones/service.ts';

/** What each volunteer said of each week's cleaning (by the week of `demoChecks`). */
export const demoFeedback: {
  week: number;
  by: string;
  rating: 'went_well' | 'could_improve';
  comment: string;
  quotable: boolean;
}[] = [
  {
    week: 0,
    by: 'amara',
    rating: 'went_well',
    comment: 'Lucía showed me the ropes. The fridge looks great!',
    quotable: true,
  },
  { week: 0, by: 'lucia', rating: 'went_well', comment: '', quotable: false },
  { week: 1, by: 'amara', rating: 'went_well', comment: '', quotable: false },
  {
    week: 2,
    by: 'lucia',
    rating: 'could_improve',
    comment: 'The door does not close well. Could someone fix the seal?',
    quotable: false,
  },
  { week: 3, by: 'amara', rating: 'went_well', comment: 'Quick with two of us.', quotable: true },
];

/** The shifts-done threshold Maple Street's steward chose: its first month of cleanings. */
export const demoShiftsMilestone = 4;

/**
 * Loads the feedback on the cleanings (`occurrenceOf(week)` gives each week's occurrence, `after(week)`
 * an instant when it is over), then the milestone: `steward` sets the threshold, the job records it,
 * Amara (`member('amara')`) agrees to be named.
 */
export async function loadFeedbackAndMilestones(
  s: Services,
  steward: Ctx,
  member: (key: string) => Promise<Ctx>,
  seriesId: string,
  occurrenceOf: (week: number) => string,
  after: (week: number) => Date,
): Promise<void> {
  for (const f of demoFeedback) {
    const at = after(f.week);
    const ctx = { ...(await member(f.by)), clock: { now: () => at } };
    const id = await shiftSubjectId(ctx, seriesId, occurrenceOf(f.week));
    if (!id) throw new Error(`no demo shift in week ${f.week}`);
    await giveFeedback(ctx, 'shift', id, { rating: f.rating, comment: f.comment, quotable: f.quotable });
  }
  await setThresholds(steward, { shifts: demoShiftsMilestone });
  await detectMilestones(s);
  const amara = await member('amara');
  const reached = (await listMilestones(amara)).find((m) => m.kind === 'shifts' && m.mine !== null);
  if (reached) await chooseNamed(amara, reached.id, true);
}
