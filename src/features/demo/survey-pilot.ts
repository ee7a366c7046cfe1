/**
 * Maple Street's first steps, three months back: the needs survey Rosa ran (its answers from the
 * neighbors, two by its link and two typed in from paper), whose summary suggested opening the
 * tool shed, and the six-week tool-shed pilot it started, with its halfway note and its
 * retrospective. Loaded through the surveys' and pilots' services, each step at the day it
 * happened (a context whose clock and calendar are set back).
 */
import { type Ctx, communityContext } from '../../platform/context.ts';
import { addDays } from '../../platform/db/time.ts';
import { listCatalog } from '../library/service.ts';
import {
  changePilot,
  launchPilot,
  startSuggestedPilot,
  writeHalfway,
  writeRetrospective,
} from '../pilots/service.ts';
import { answerByLink, answerSurvey, openSurvey, typePaperAnswer } from '../surveys/service.ts';

/** The survey, and each neighbor's answer (by their key), then the link's and paper's. */
export const demoSurvey = {
  daysAgo: 100,
  title: 'What does Maple Street need?',
  intro: 'Five questions, two minutes. The stewards see the counts, never who answered what.',
  days: 14,
  freeQuestion: 'What would make the block better?',
  members: {
    rosa: {
      needs: ['rides'],
      offers: ['tools', 'seeds', 'food'],
      times: ['saturday_morning'],
      languages: ['es', 'en'],
    },
    walter: {
      needs: ['tools'],
      offers: ['rides', 'repairs'],
      times: ['weekday_morning', 'saturday_morning'],
      languages: ['en'],
    },
    amara: {
      needs: ['tools', 'childcare'],
      offers: ['skills'],
      times: ['saturday_morning'],
      languages: ['en'],
      free: 'A safe place for kids to ride bikes.',
    },
    minh: { needs: ['tools', 'seeds'], offers: ['food'], times: ['weekday_evening'], languages: ['en'] },
    lucia: {
      needs: ['tools', 'skills'],
      offers: ['childcare'],
      times: ['saturday_morning', 'sunday_afternoon'],
      languages: ['es', 'en'],
    },
    george: { needs: ['rides', 'company'], offers: ['tools'], times: ['weekday_morning'], languages: ['en'] },
    fatima: {
      needs: ['food', 'tools'],
      offers: ['food'],
      times: ['saturday_afternoon'],
      languages: ['en'],
      free: 'More light in the alley.',
    },
    sam: { needs: ['skills'], offers: ['repairs', 'tools'], times: ['weekday_evening'], languages: ['en'] },
  } as Record<
    string,
    { needs: string[]; offers: string[]; times: string[]; languages: string[]; free?: string }
  >,
  byLink: [
    { needs: ['tools'], times: ['saturday_morning'], languages: ['en'], name: 'Dana, no. 452' },
    { needs: ['rides', 'food'], times: ['weekday_morning'], languages: ['es'] },
  ],
  onPaper: [
    { needs: ['rides', 'company'], times: ['weekday_morning'], languages: ['es'], name: 'Doña Carmen' },
    { needs: ['tools'], offers: ['seeds'], times: ['saturday_morning'], languages: ['en'] },
  ],
};

/** The tool-shed pilot the summary suggested: its team, its halfway note and its retrospective. */
export const demoPilot = {
  daysAgo: 84,
  team: ['rosa', 'walter', 'sam'],
  measure: 'At least 15 loans from the shed in six weeks, to at least 8 households.',
  halfway:
    'Three weeks in: 9 loans to 6 households. Saturday mornings work; nobody came on Wednesday ' +
    'evenings. The ladder and the drill go out every week.',
  worked:
    '21 loans to 11 households, the ladder and the drill most. Saturday mornings 9–11 with two ' +
    'neighbors on duty. Paper sign-out sheets on the door for those without a phone.',
  didNotWork:
    'Wednesday evenings: nobody came. Two items came back late without a word: the reminders go to ' +
    'the borrower, not to the shed keepers.',
  decision: 'adapt' as const,
};

/** `ctx` as it was `daysAgo` days ago: its clock and its community's calendar. */
function daysBack(ctx: Ctx, daysAgo: number): Ctx {
  const at = new Date(ctx.clock.now().getTime() - daysAgo * 86_400_000);
  const clock = { now: () => at };
  return { ...ctx, clock, community: ctx.community && communityContext(ctx.community, null, clock) };
}

/**
 * Runs Maple Street's survey and pilot, as `steward`, each neighbor with `member(key)`, and
 * `passerBy` (no account) answering by the link.
 */
export async function loadSurveyAndPilot(
  steward: Ctx,
  member: (key: string) => Promise<Ctx>,
  passerBy: Ctx,
): Promise<void> {
  const d = demoSurvey;
  const opened = daysBack(steward, d.daysAgo);
  const survey = await openSurvey(opened, {
    title: d.title,
    intro: d.intro,
    closesOn: addDays(opened.community!.today(), d.days),
    needs: { choices: ['tools', 'rides', 'food', 'seeds', 'skills', 'repairs', 'childcare', 'company'] },
    offers: { choices: ['tools', 'rides', 'food', 'seeds', 'skills', 'repairs', 'childcare', 'company'] },
    times: {
      choices: [
        'weekday_morning',
        'weekday_evening',
        'saturday_morning',
        'saturday_afternoon',
        'sunday_afternoon',
      ],
    },
    languages: { choices: ['en', 'es'] },
    freeQuestion: d.freeQuestion,
  });
  let day = d.daysAgo - 1;
  for (const [key, answer] of Object.entries(d.members)) {
    await answerSurvey(daysBack(await member(key), day), survey.id, answer);
    day -= 1;
  }
  for (const answer of d.byLink) await answerByLink(daysBack(passerBy, day), survey.id, answer);
  for (const answer of d.onPaper) await typePaperAnswer(daysBack(steward, day), survey.id, answer);

  const p = demoPilot;
  const started = daysBack(steward, p.daysAgo);
  const pilot = await startSuggestedPilot(started, survey.id, 'tool_shed');
  const ids = await Promise.all(p.team.map(async (key) => (await member(key)).actor.accountId as string));
  const shed = (await listCatalog(started, { category: 'tools' })).items.filter((i) => i.shed);
  await changePilot(started, pilot.id, { measure: p.measure, team: ids, itemIds: shed.map((i) => i.id) });
  await launchPilot(daysBack(steward, p.daysAgo - 1), pilot.id);
  // Its six weeks start a week after it was suggested; halfway is three weeks in.
  await writeHalfway(daysBack(await member('walter'), p.daysAgo - 7 - 21), pilot.id, { note: p.halfway });
  await writeRetrospective(daysBack(await member('rosa'), p.daysAgo - 7 - 42), pilot.id, {
    worked: p.worked,
    didNotWork: p.didNotWork,
    decision: p.decision,
  });
}
