/**
 * Needs surveys' SQL: surveys, answers and the choices ticked. Every function takes the
 * community's id and names it in every statement.
 */
import type { Insertable } from 'kysely';
import type { Db, SurveyAnswerTable, SurveyQuestionKind, SurveyTable } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';

/** A survey of the community. */
export function findSurvey(db: Db, communityId: string, surveyId: string) {
  return db
    .selectFrom('survey')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('id', '=', surveyId)
    .executeTakeFirst();
}

/**
 * A survey of the community, locked for the rest of the transaction on PostgreSQL: a member's two
 * answers sent at once then replace one another in turn, instead of both finding no earlier one.
 */
export function lockSurvey(db: Db, communityId: string, surveyId: string) {
  return db
    .selectFrom('survey')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('id', '=', surveyId)
    .forUpdate()
    .executeTakeFirst();
}

/** The community's surveys, newest first, with how many answered each. */
export function listSurveys(db: Db, communityId: string) {
  return db
    .selectFrom('survey')
    .selectAll('survey')
    .select((eb) =>
      eb
        .selectFrom('surveyAnswer')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('surveyAnswer.communityId', '=', 'survey.communityId')
        .whereRef('surveyAnswer.surveyId', '=', 'survey.id')
        .as('answers'),
    )
    .where('survey.communityId', '=', communityId)
    .orderBy('survey.createdAt', 'desc')
    .orderBy('survey.id', 'desc')
    .execute();
}

/** Inserts a survey; returns its id. */
export async function insertSurvey(db: Db, survey: Omit<Insertable<SurveyTable>, 'id'>): Promise<string> {
  const id = newId();
  await db
    .insertInto('survey')
    .values({ ...survey, id })
    .execute();
  return id;
}

/** A member's answer to a survey. */
export function findMemberAnswer(db: Db, communityId: string, surveyId: string, accountId: string) {
  return db
    .selectFrom('surveyAnswer')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('surveyId', '=', surveyId)
    .where('accountId', '=', accountId)
    .executeTakeFirst();
}

/** The choices an answer ticked. */
export function listChoicesOf(db: Db, communityId: string, answerId: string) {
  return db
    .selectFrom('surveyAnswerChoice')
    .select(['question', 'choice'])
    .where('communityId', '=', communityId)
    .where('answerId', '=', answerId)
    .execute();
}

/** Deletes an answer (its choices go with it). */
export async function deleteAnswer(db: Db, communityId: string, answerId: string): Promise<void> {
  await db
    .deleteFrom('surveyAnswer')
    .where('communityId', '=', communityId)
    .where('id', '=', answerId)
    .execute();
}

/** Inserts an answer and its choices; returns its id. */
export async function insertAnswer(
  db: Db,
  answer: Omit<Insertable<SurveyAnswerTable>, 'id'>,
  choices: readonly { question: SurveyQuestionKind; choice: string }[],
): Promise<string> {
  const id = newId();
  await db
    .insertInto('surveyAnswer')
    .values({ ...answer, id })
    .execute();
  if (choices.length > 0) {
    await db
      .insertInto('surveyAnswerChoice')
      .values(
        choices.map((c) => ({
          communityId: answer.communityId,
          surveyId: answer.surveyId,
          answerId: id,
          question: c.question,
          choice: c.choice,
        })),
      )
      .execute();
  }
  return id;
}

/** How many answered a survey. */
export async function countAnswers(db: Db, communityId: string, surveyId: string): Promise<number> {
  const { n } = await db
    .selectFrom('surveyAnswer')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('communityId', '=', communityId)
    .where('surveyId', '=', surveyId)
    .executeTakeFirstOrThrow();
  return Number(n); // pg returns bigint counts as strings
}

/** How many answers came each way (member, link, paper). */
export async function countBySource(db: Db, communityId: string, surveyId: string) {
  const rows = await db
    .selectFrom('surveyAnswer')
    .select(['source', (eb) => eb.fn.countAll().as('n')])
    .where('communityId', '=', communityId)
    .where('surveyId', '=', surveyId)
    .groupBy('source')
    .execute();
  return rows.map((r) => ({ source: r.source, count: Number(r.n) }));
}

/** How many answers ticked each choice of each question. */
export async function countChoices(db: Db, communityId: string, surveyId: string) {
  const rows = await db
    .selectFrom('surveyAnswerChoice')
    .select(['question', 'choice', (eb) => eb.fn.countAll().as('n')])
    .where('communityId', '=', communityId)
    .where('surveyId', '=', surveyId)
    .groupBy(['question', 'choice'])
    .execute();
  return rows.map((r) => ({ question: r.question, choice: r.choice, count: Number(r.n) }));
}

/** The answers to the free question, oldest first. */
export async function listFreeAnswers(db: Db, communityId: string, surveyId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('surveyAnswer')
    .select('freeText')
    .where('communityId', '=', communityId)
    .where('surveyId', '=', surveyId)
    .where('freeText', '<>', '')
    .orderBy('answeredAt')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.freeText);
}
