/**
 * The six steps guide (issue 18): the seed's advice for starting a micro-community — identify a
 * need, host an open gathering, co-create simple guidelines, launch a pilot, gather feedback and
 * iterate, celebrate milestones — each step with its state read from the community's own data and
 * one obvious next action. Stewards only.
 *
 * When a step is done (the rules, one per step, below):
 * 1. need: a needs survey has closed with at least one answer (under way: a survey exists);
 * 2. gathering: a gathering has begun (under way: one is on the calendar, still to come);
 * 3. guidelines: the community has a version of its guidelines (under way: a proposal is open);
 * 4. pilot: a pilot has finished with its retrospective (under way: one is drafted or running);
 * 5. feedback: members said how at least `feedbackDone` things went (under way: any answer);
 * 6. celebrate: a newsletter was published (under way: a milestone reached, or a newsletter drafted).
 */
import { requireRole } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import { iso } from '../../platform/db/time.ts';
import { feedbackCounts } from '../feedback/service.ts';
import { milestoneCount } from '../milestones/service.ts';
import { can } from './policy.ts';
import * as store from './store.ts';

/** The six steps, in order. */
export const stepKeys = ['need', 'gathering', 'guidelines', 'pilot', 'feedback', 'celebrate'] as const;
/** A step's key. */
export type StepKey = (typeof stepKeys)[number];
/** Where a step stands. */
export type StepState = 'not_started' | 'under_way' | 'done';

/** How many things with feedback make the feedback step done. */
export const feedbackDone = 3;

/** A step: where it stands, and the one thing to do next (a catalog key under `steps.action.` and a path under the community). */
export interface Step {
  key: StepKey;
  state: StepState;
  action: { key: string; path: string };
}

/** The guide: the six steps in order, and the first not done (null when all are). */
export interface Guide {
  steps: Step[];
  next: StepKey | null;
}

const step = (key: StepKey, state: StepState, action: string, path: string): Step => ({
  key,
  state,
  action: { key: action, path },
});

/** The six steps of the community, read now. Stewards only (`Forbidden('steps.errors.only_stewards')`). */
export async function sixSteps(ctx: Ctx): Promise<Guide> {
  const { communityId, community } = requireRole(ctx, can.seeSteps, 'steps.errors.only_stewards');
  const [survey, gathering, guidelines, pilot, feedback, milestones, newsletter] = await Promise.all([
    store.surveyFacts(ctx.db, communityId, iso(ctx.clock.now())),
    store.gatheringFacts(ctx.db, communityId, community.localNow()),
    store.guidelineFacts(ctx.db, communityId),
    store.pilotFacts(ctx.db, communityId),
    feedbackCounts(ctx, communityId),
    milestoneCount(ctx, communityId),
    store.newsletterFacts(ctx.db, communityId),
  ]);
  const steps: Step[] = [
    survey.closedWithAnswers
      ? step('need', 'done', 'see_surveys', '/surveys')
      : survey.latestId
        ? step('need', 'under_way', 'see_survey', `/surveys/${survey.latestId}`)
        : step('need', 'not_started', 'open_survey', '/surveys/new'),
    gathering.begun
      ? step('gathering', 'done', 'next_gathering', '/gatherings')
      : gathering.coming
        ? gathering.coming.isPublic === 1
          ? step(
              'gathering',
              'under_way',
              'print_flyer',
              `/gatherings/${gathering.coming.id}/${gathering.coming.startLocal}/flyer`,
            )
          : // Members only: no flyer to print (403); its page, where it can be made public.
            step(
              'gathering',
              'under_way',
              'next_gathering',
              `/gatherings/${gathering.coming.id}/${gathering.coming.startLocal}`,
            )
        : step('gathering', 'not_started', 'organize', '/gatherings/new'),
    guidelines.hasVersion
      ? step('guidelines', 'done', 'see_guidelines', '/guidelines')
      : guidelines.openProposalId
        ? step('guidelines', 'under_way', 'see_proposal', `/proposals/${guidelines.openProposalId}`)
        : step('guidelines', 'not_started', 'propose', '/proposals/new'),
    pilot.finished
      ? step('pilot', 'done', 'see_pilots', '/pilots')
      : pilot.goingId
        ? step('pilot', 'under_way', 'see_pilot', `/pilots/${pilot.goingId}`)
        : step('pilot', 'not_started', 'start_pilot', '/pilots/new'),
    feedback.subjects >= feedbackDone
      ? step('feedback', 'done', 'read_feedback', '/feedback')
      : feedback.answers > 0
        ? step('feedback', 'under_way', 'read_feedback', '/feedback')
        : step('feedback', 'not_started', 'how_feedback', '/feedback'),
    newsletter.published
      ? step('celebrate', 'done', 'newsletters', '/newsletters')
      : milestones > 0 || newsletter.drafted
        ? step('celebrate', 'under_way', 'newsletters', '/newsletters')
        : step('celebrate', 'not_started', 'see_milestones', '/milestones'),
  ];
  return { steps, next: steps.find((s) => s.state !== 'done')?.key ?? null };
}
