/**
 * Needs surveys (issue 18, step 1: find the need): a steward opens a short survey — what do you
 * need, what can you give, when can you meet, which languages, and a question of their own — that
 * members answer signed in, anyone answers by its link or QR code, and neighbors answer on a
 * printed form a steward types in. The summary counts needs and offers, matches them, finds the
 * best meeting time and suggests first projects (`questions.ts`). Each write follows the same
 * order: validate, load, authorize, check state, write in one transaction.
 *
 * One answer per member: answering again replaces the earlier answer (and says so), so a member
 * who changed their mind is counted once, as they are now.
 */
import { requireCommunity, requireMember, requireRole } from '../../platform/access.ts';
import type { CommunityContext, Ctx } from '../../platform/context.ts';
import type { Db, Survey, SurveyAnswerSource, SurveyQuestionKind } from '../../platform/db/database.ts';
import { addDays, iso } from '../../platform/db/time.ts';
import { Conflict, type FieldError, Invalid, NotFound } from '../../platform/errors.ts';
import type { T } from '../../platform/i18n/index.ts';
import { languageName } from '../../platform/i18n/languages.ts';
import { can } from './policy.ts';
import {
  type Choice,
  type ChoiceCount,
  type ChoiceQuestion,
  choiceQuestions,
  choicesOf,
  type Match,
  questionCount,
  readCounts,
  readQuestions,
  type Suggestion,
  type SurveyQuestions,
  standardChoices,
} from './questions.ts';
import * as store from './store.ts';

/** A question of a new survey: the standard choices kept, and those the steward adds. */
export interface AskedInput {
  choices: string[];
  other?: string[];
}

/** A new survey (`SurveyIn`). */
export interface SurveyInput {
  title: string;
  intro?: string;
  closesOn: string;
  needs?: AskedInput;
  offers?: AskedInput;
  times?: AskedInput;
  languages?: AskedInput;
  freeQuestion?: string;
}

/** Whether a survey still takes answers at `now`. */
export function isOpen(survey: Pick<Survey, 'closesAt'>, now: Date): boolean {
  return iso(now) < survey.closesAt;
}

/** How far ahead a survey's last day may be, in days: a survey runs for weeks, not years. */
export const closesWithinDays = 366;

/**
 * Opens a survey (stewards: `Forbidden('surveys.only_stewards')`). Refuses, naming each field, a
 * last day before today (`closesOn`: `surveys.closes_in_past`) or more than `closesWithinDays`
 * after it (`surveys.closes_too_far`), a question asked with no choice
 * left (`surveys.no_choice`), and a survey that asks nothing (`questions`: `surveys.no_question`).
 */
export async function openSurvey(ctx: Ctx, input: SurveyInput): Promise<Survey> {
  const member = requireRole(ctx, can.openSurvey, 'surveys.only_stewards');
  const errors: FieldError[] = [];
  const today = member.community.today();
  if (input.closesOn < today) {
    errors.push({ field: 'closesOn', code: 'surveys.closes_in_past' });
  } else if (input.closesOn > addDays(today, closesWithinDays)) {
    // Also keeps the closing instant (the day after) within the calendar a date can name.
    errors.push({ field: 'closesOn', code: 'surveys.closes_too_far', params: { count: closesWithinDays } });
  }
  const questions: SurveyQuestions = { choices: {}, free: input.freeQuestion?.trim() || null };
  for (const q of choiceQuestions) {
    const asked = input[q];
    if (!asked) continue;
    const choices = choicesOf(standardChoices[q], asked.choices, asked.other ?? []);
    if (choices.length === 0) errors.push({ field: q, code: 'surveys.no_choice' });
    questions.choices[q] = choices;
  }
  if (questionCount(questions) === 0) errors.push({ field: 'questions', code: 'surveys.no_question' });
  if (errors.length) throw new Invalid(errors);
  const now = iso(ctx.clock.now());
  return ctx.db.transaction().execute(async (tx) => {
    const id = await store.insertSurvey(tx, {
      communityId: member.communityId,
      title: input.title,
      intro: input.intro ?? '',
      questions: JSON.stringify(questions),
      closesOn: input.closesOn,
      // Answers are taken until the last day ends where the community is.
      closesAt: iso(member.community.instant(addDays(input.closesOn, 1))),
      createdBy: member.accountId,
      createdAt: now,
      updatedAt: now,
    });
    return (await store.findSurvey(tx, member.communityId, id)) as Survey;
  });
}

/**
 * A survey of the community, or `NotFound('surveys.not_found')` (another community's too); with
 * `lock`, locked for the caller's transaction.
 */
async function loadSurvey(db: Db, communityId: string, surveyId: string, lock = false): Promise<Survey> {
  const survey = lock
    ? await store.lockSurvey(db, communityId, surveyId)
    : await store.findSurvey(db, communityId, surveyId);
  if (!survey) throw new NotFound('surveys.not_found');
  return survey;
}

/** A survey in a list. */
export interface SurveyLine {
  id: string;
  title: string;
  closesOn: string;
  open: boolean;
  answers: number;
}

/** The community's surveys, newest first (active members). */
export async function listSurveys(ctx: Ctx): Promise<SurveyLine[]> {
  const member = requireMember(ctx);
  const now = ctx.clock.now();
  return (await store.listSurveys(ctx.db, member.communityId)).map((s) => ({
    id: s.id,
    title: s.title,
    closesOn: s.closesOn,
    open: isOpen(s, now),
    answers: Number(s.answers),
  }));
}

/** Whether the actor may open a survey; for the pages' links. */
export function mayOpen(ctx: Ctx): boolean {
  return can.openSurvey(ctx.actor);
}

/** Refuses anyone but a steward the survey form (`Forbidden('surveys.only_stewards')`). */
export function checkMayOpen(ctx: Ctx): void {
  requireRole(ctx, can.openSurvey, 'surveys.only_stewards');
}

/** A choice as a reader sees it: its key, and its label in their language. */
export interface ChoiceView {
  key: string;
  label: string;
}

/** The label of a choice of `question` in `t`'s language (a steward's own choice as written). */
export function choiceLabel(t: T, locale: string, question: ChoiceQuestion, choice: Choice): string {
  if (choice.label !== undefined) return choice.label;
  if (question === 'languages') return languageName(t, choice.key, locale);
  return t(`surveys.${question}.${choice.key}`);
}

/** Someone's answer, as the survey's keys. */
export interface AnswerView {
  needs: string[];
  offers: string[];
  times: string[];
  languages: string[];
  free: string;
  answeredAt: string;
}

/** A survey as the pages and the API show it. */
export interface SurveyView {
  id: string;
  title: string;
  intro: string;
  closesOn: string;
  closesAt: string;
  open: boolean;
  questions: Partial<Record<ChoiceQuestion, ChoiceView[]>> & { free: string | null };
  /** The page anyone may answer it on (absolute URL). */
  link: string;
  answers: number;
  /** The reader's own answer (a member's); null for none. */
  mine: AnswerView | null;
}

/** The path of a survey's page for answering by its link. */
export function linkPath(slug: string, surveyId: string): string {
  return `/c/${slug}/surveys/${surveyId}/answer`;
}

async function viewOf(ctx: Ctx, community: CommunityContext, survey: Survey, accountId: string | null) {
  const q = readQuestions(survey.questions);
  const questions: SurveyView['questions'] = { free: q.free };
  for (const k of choiceQuestions) {
    const choices = q.choices[k];
    if (choices)
      questions[k] = choices.map((c) => ({ key: c.key, label: choiceLabel(ctx.t, ctx.locale, k, c) }));
  }
  let mine: AnswerView | null = null;
  if (accountId) {
    const row = await store.findMemberAnswer(ctx.db, community.id, survey.id, accountId);
    if (row) {
      const ticked = await store.listChoicesOf(ctx.db, community.id, row.id);
      const of = (k: ChoiceQuestion) =>
        (q.choices[k] ?? [])
          .map((c) => c.key)
          .filter((key) => ticked.some((t) => t.question === k && t.choice === key));
      mine = {
        needs: of('needs'),
        offers: of('offers'),
        times: of('times'),
        languages: of('languages'),
        free: row.freeText,
        answeredAt: row.answeredAt,
      };
    }
  }
  return {
    id: survey.id,
    title: survey.title,
    intro: survey.intro,
    closesOn: survey.closesOn,
    closesAt: survey.closesAt,
    open: isOpen(survey, ctx.clock.now()),
    questions,
    link: new URL(linkPath(community.slug, survey.id), ctx.config.baseUrl).href,
    answers: await store.countAnswers(ctx.db, community.id, survey.id),
    mine,
  };
}

/** A survey of the community with the reader's answer (active members). */
export async function getSurvey(ctx: Ctx, surveyId: string): Promise<SurveyView> {
  const member = requireMember(ctx);
  const survey = await loadSurvey(ctx.db, member.communityId, surveyId);
  return viewOf(ctx, member.community, survey, member.accountId);
}

/**
 * A survey as anyone with its link sees it (no one's answer, the count aside). Another
 * community's: `NotFound('surveys.not_found')`.
 */
export async function getSurveyByLink(ctx: Ctx, surveyId: string): Promise<SurveyView> {
  const community = requireCommunity(ctx);
  const survey = await loadSurvey(ctx.db, community.id, surveyId);
  return viewOf(ctx, community, survey, null);
}

/** An answer (`AnswerIn`): the keys ticked of each question, and the free answer. */
export interface AnswerInput {
  needs?: string[];
  offers?: string[];
  times?: string[];
  languages?: string[];
  free?: string;
}

/** An answer given by the link or typed in from paper, with a name if given. */
export interface NamedAnswerInput extends AnswerInput {
  name?: string;
}

/**
 * Checks an answer against its survey and returns the choices to store. Refuses, naming each
 * field, a key the question does not offer (`surveys.unknown_choice`), an answer to a question
 * not asked (`surveys.not_asked`), and an answer with nothing in it (`surveys.empty_answer`, on
 * the first question).
 */
function checkAnswer(q: SurveyQuestions, input: AnswerInput) {
  const errors: FieldError[] = [];
  const choices: { question: SurveyQuestionKind; choice: string }[] = [];
  for (const k of choiceQuestions) {
    const given = [...new Set(input[k] ?? [])];
    if (given.length === 0) continue;
    const offered = q.choices[k];
    if (!offered) {
      errors.push({ field: k, code: 'surveys.not_asked' });
      continue;
    }
    const unknown = given.filter((g) => !offered.some((c) => c.key === g));
    if (unknown.length)
      errors.push({ field: k, code: 'surveys.unknown_choice', params: { choice: unknown[0] } });
    else for (const choice of given) choices.push({ question: k, choice });
  }
  const free = input.free?.trim() ?? '';
  if (free && !q.free) errors.push({ field: 'free', code: 'surveys.not_asked' });
  if (errors.length === 0 && choices.length === 0 && !free) {
    const first = choiceQuestions.find((k) => q.choices[k]) ?? 'free';
    errors.push({ field: first, code: 'surveys.empty_answer' });
  }
  if (errors.length) throw new Invalid(errors);
  return { choices, free };
}

/** A survey that takes answers now: `Conflict('surveys.closed')` after its last day. */
function checkOpen(ctx: Ctx, survey: Survey): void {
  if (!isOpen(survey, ctx.clock.now())) throw new Conflict('surveys.closed', { date: survey.closesOn });
}

async function record(
  ctx: Ctx,
  tx: Db,
  survey: Survey,
  input: NamedAnswerInput,
  who: { source: SurveyAnswerSource; accountId: string | null; typedBy: string | null },
): Promise<string> {
  const { choices, free } = checkAnswer(readQuestions(survey.questions), input);
  const now = iso(ctx.clock.now());
  return store.insertAnswer(
    tx,
    {
      communityId: survey.communityId,
      surveyId: survey.id,
      accountId: who.accountId,
      source: who.source,
      name: who.source === 'member' ? '' : (input.name ?? ''),
      freeText: free,
      typedBy: who.typedBy,
      answeredAt: now,
      createdAt: now,
    },
    choices,
  );
}

/**
 * A member's answer to an open survey. A member who answered already has their answer replaced
 * (`replaced: true`): one answer per member, as they answer now. Closed: `Conflict('surveys.closed')`.
 */
export async function answerSurvey(
  ctx: Ctx,
  surveyId: string,
  input: AnswerInput,
): Promise<{ id: string; replaced: boolean }> {
  const member = requireRole(ctx, can.answer, 'errors.members_only');
  return ctx.db.transaction().execute(async (tx) => {
    const survey = await loadSurvey(tx, member.communityId, surveyId, true);
    checkOpen(ctx, survey);
    const earlier = await store.findMemberAnswer(tx, member.communityId, survey.id, member.accountId);
    if (earlier) await store.deleteAnswer(tx, member.communityId, earlier.id);
    const id = await record(ctx, tx, survey, input, {
      source: 'member',
      accountId: member.accountId,
      typedBy: null,
    });
    return { id, replaced: earlier !== undefined };
  });
}

/**
 * An answer by the survey's link, from anyone (no account): a new answer each time, since there
 * is no account to find an earlier one by (the route's budget per address keeps it honest).
 * Closed: `Conflict('surveys.closed')`.
 */
export async function answerByLink(
  ctx: Ctx,
  surveyId: string,
  input: NamedAnswerInput,
): Promise<{ id: string }> {
  const community = requireCommunity(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const survey = await loadSurvey(tx, community.id, surveyId);
    checkOpen(ctx, survey);
    const id = await record(ctx, tx, survey, input, { source: 'link', accountId: null, typedBy: null });
    return { id };
  });
}

/**
 * An answer a steward types in from a paper form (`Forbidden('surveys.only_stewards')` for
 * anyone else), recorded as typed by them. The paper form was filled in while the survey was
 * open, but it is typed in now: a closed survey refuses it too, so the summary a steward read
 * after the close stays what it was.
 */
export async function typePaperAnswer(
  ctx: Ctx,
  surveyId: string,
  input: NamedAnswerInput,
): Promise<{ id: string }> {
  const member = requireRole(ctx, can.typePaperAnswer, 'surveys.only_stewards');
  return ctx.db.transaction().execute(async (tx) => {
    const survey = await loadSurvey(tx, member.communityId, surveyId);
    checkOpen(ctx, survey);
    const id = await record(ctx, tx, survey, input, {
      source: 'paper',
      accountId: null,
      typedBy: member.accountId,
    });
    return { id };
  });
}

/** A count with its label in the reader's language. */
export interface LabelledCount {
  key: string;
  label: string;
  count: number;
}

/** A survey's summary (`SummaryOut`). */
export interface Summary {
  answers: number;
  bySource: Record<SurveyAnswerSource, number>;
  needs: LabelledCount[];
  offers: LabelledCount[];
  matches: (Omit<Match, 'label'> & { label: string })[];
  times: LabelledCount[];
  bestTimes: string[];
  languages: LabelledCount[];
  free: string[];
  suggestions: Suggestion[];
}

/**
 * The summary of a survey (stewards: `Forbidden('surveys.only_stewards_summary')`): how many
 * answered and how, the counts of every choice (most first), needs matched with offers, the best
 * meeting times, the free answers, and the first projects suggested (`readCounts`).
 */
export async function surveySummary(ctx: Ctx, surveyId: string): Promise<Summary> {
  const member = requireRole(ctx, can.seeSummary, 'surveys.only_stewards_summary');
  const survey = await loadSurvey(ctx.db, member.communityId, surveyId);
  const q = readQuestions(survey.questions);
  const counts = new Map<string, number>();
  for (const c of await store.countChoices(ctx.db, member.communityId, survey.id)) {
    counts.set(`${c.question} ${c.choice}`, c.count);
  }
  const read = readCounts(q, counts);
  const labelled = (k: ChoiceQuestion, list: ChoiceCount[]) =>
    list.map((c) => ({ key: c.key, label: choiceLabel(ctx.t, ctx.locale, k, c), count: c.count }));
  const bySource = { member: 0, link: 0, paper: 0 };
  for (const s of await store.countBySource(ctx.db, member.communityId, survey.id))
    bySource[s.source] = s.count;
  return {
    answers: bySource.member + bySource.link + bySource.paper,
    bySource,
    needs: labelled('needs', read.needs),
    offers: labelled('offers', read.offers),
    matches: read.matches.map((m) => ({
      key: m.key,
      label: choiceLabel(ctx.t, ctx.locale, 'needs', m),
      needs: m.needs,
      offers: m.offers,
    })),
    times: labelled('times', read.times),
    bestTimes: read.bestTimes,
    languages: labelled('languages', read.languages),
    free: await store.listFreeAnswers(ctx.db, member.communityId, survey.id),
    suggestions: read.suggestions,
  };
}

/**
 * A survey with its stored questions, for its paper form and typing its answers in (stewards:
 * `Forbidden('surveys.only_stewards')`).
 */
export async function findSurveyQuestions(
  ctx: Ctx,
  surveyId: string,
): Promise<{ survey: SurveyView; questions: SurveyQuestions }> {
  const member = requireRole(ctx, can.typePaperAnswer, 'surveys.only_stewards');
  const survey = await loadSurvey(ctx.db, member.communityId, surveyId);
  return {
    survey: await viewOf(ctx, member.community, survey, null),
    questions: readQuestions(survey.questions),
  };
}

/** Whether the actor may read summaries and type paper answers in; for the pages' links. */
export function mayManage(ctx: Ctx): boolean {
  return can.seeSummary(ctx.actor);
}

export { projects, type Suggestion } from './questions.ts';
