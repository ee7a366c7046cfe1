/**
 * Needs surveys tables (migration 0055): a steward's survey, its answers, and each choice an
 * answer ticked.
 */
import type { Selectable } from 'kysely';

/** A question whose answers are choices. */
export type SurveyQuestionKind = 'needs' | 'offers' | 'times' | 'languages';
/** How an answer came: a member signed in, anyone by the link, or a paper form typed in. */
export type SurveyAnswerSource = 'member' | 'link' | 'paper';

/** A survey (0055). */
export interface SurveyTable {
  id: string;
  communityId: string;
  title: string;
  intro: string;
  /** The questions as JSON text (`SurveyQuestions` of `features/surveys/questions.ts`). */
  questions: string;
  /** The last local day it takes answers, `YYYY-MM-DD`. */
  closesOn: string;
  /** The instant that day ends in the community's zone: answers from then on are refused. */
  closesAt: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One answer to a survey (0055). */
export interface SurveyAnswerTable {
  id: string;
  communityId: string;
  surveyId: string;
  /** The member who answered; null for an answer by the link or on paper. */
  accountId: string | null;
  source: SurveyAnswerSource;
  /** A name given with an answer by the link or on paper ('' for none). */
  name: string;
  /** The answer to the free question ('' for none). */
  freeText: string;
  /** The steward who typed a paper answer in. */
  typedBy: string | null;
  answeredAt: string;
  createdAt: string;
}

/** A choice an answer ticked (0055). */
export interface SurveyAnswerChoiceTable {
  communityId: string;
  surveyId: string;
  answerId: string;
  question: SurveyQuestionKind;
  choice: string;
}

/** The surveys tables, by name (part of `Database`). */
export interface SurveysDatabase {
  survey: SurveyTable;
  surveyAnswer: SurveyAnswerTable;
  surveyAnswerChoice: SurveyAnswerChoiceTable;
}

/** Tables of this area whose rows belong to one community (checked by the tenant guard). */
export const surveysCommunityTables: readonly string[] = ['survey', 'survey_answer', 'survey_answer_choice'];

/** A survey row as read. */
export type Survey = Selectable<SurveyTable>;
/** An answer row as read. */
export type SurveyAnswer = Selectable<SurveyAnswerTable>;
