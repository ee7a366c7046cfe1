/**
 * Needs surveys' JSON API under `/api/v1/communities/:community/`. Active members see and answer
 * surveys (401 signed out, 403 otherwise); stewards open them, type paper answers in and read
 * summaries (403 otherwise); anyone answers by the link (`…/answer`, no account, a budget per
 * address). Another community's survey is 404; answering a closed survey is 409
 * `surveys.closed`; input that cannot be (no question, a last day past, an unknown choice, an
 * empty answer) is 422 naming the field, and writes nothing.
 */
import type { App } from '../../platform/module.ts';
import {
  AnswerIn,
  AnswerOut,
  answerLimit,
  CommunityParams,
  linkAnswerLimit,
  NamedAnswerIn,
  openLimit,
  paperLimit,
  SummaryOut,
  SurveyIn,
  SurveyListOut,
  SurveyOut,
  SurveyParams,
} from './schema.ts';
import * as surveys from './service.ts';

const tags = ['surveys'];
const access = 'Active members only (403 otherwise); another community’s survey is 404.';

/** Registers the surveys API routes. */
export function surveysApi(app: App): void {
  const root = '/api/v1/communities/:community';

  app.get(
    `${root}/surveys`,
    {
      schema: {
        tags,
        summary: 'The community’s needs surveys',
        description: `Newest first, with how many answered. ${access}`,
        params: CommunityParams,
        response: { 200: SurveyListOut },
      },
    },
    async (req) => ({ surveys: await surveys.listSurveys(req.ctx) }),
  );

  app.post(
    `${root}/surveys`,
    {
      schema: {
        tags,
        summary: 'Open a needs survey',
        description: `Stewards (403 otherwise). Each question given is asked, with the standard choices kept and those added; at least one question (422 \`questions\`), at least one choice for each asked (422 naming it), a last day not before today (422 \`closesOn\`). ${access}`,
        params: CommunityParams,
        body: SurveyIn,
        response: { 201: SurveyOut },
      },
      config: openLimit,
    },
    async (req, reply) => {
      const survey = await surveys.openSurvey(req.ctx, req.body);
      return reply.code(201).send(await surveys.getSurvey(req.ctx, survey.id));
    },
  );

  app.get(
    `${root}/surveys/:surveyId`,
    {
      schema: {
        tags,
        summary: 'A needs survey',
        description: `Its questions with their choices (labels in the caller’s language), whether it is open, its link, and the caller’s own answer. ${access}`,
        params: SurveyParams,
        response: { 200: SurveyOut },
      },
    },
    async (req) => surveys.getSurvey(req.ctx, req.params.surveyId),
  );

  app.put(
    `${root}/surveys/:surveyId/answer`,
    {
      schema: {
        tags,
        summary: 'Answer a needs survey',
        description: `Any active member, once: answering again replaces the earlier answer (\`replaced\`). Keys the question does not offer, answers to questions not asked, an empty answer: 422. Closed: 409 \`surveys.closed\`. ${access}`,
        params: SurveyParams,
        body: AnswerIn,
        response: { 200: AnswerOut },
      },
      config: answerLimit,
    },
    async (req) => surveys.answerSurvey(req.ctx, req.params.surveyId, req.body),
  );

  app.post(
    `${root}/surveys/:surveyId/paper-answers`,
    {
      schema: {
        tags,
        summary: 'Type in an answer from a paper form',
        description: `Stewards (403 otherwise); recorded as typed by the caller. The same checks as any answer; closed: 409. ${access}`,
        params: SurveyParams,
        body: NamedAnswerIn,
        response: { 201: AnswerOut },
      },
      config: paperLimit,
    },
    async (req, reply) => {
      const done = await surveys.typePaperAnswer(req.ctx, req.params.surveyId, req.body);
      return reply.code(201).send({ id: done.id, replaced: false });
    },
  );

  app.post(
    `${root}/surveys/:surveyId/link-answers`,
    {
      schema: {
        tags,
        summary: 'Answer a needs survey by its link, without an account',
        description:
          'Anyone with the link, while the survey is open (409 `surveys.closed` after); each call is a new answer, within a budget per survey and address (60 an hour). Another community’s survey is 404.',
        params: SurveyParams,
        body: NamedAnswerIn,
        response: { 201: AnswerOut },
      },
      config: { public: true, ...linkAnswerLimit },
    },
    async (req, reply) => {
      const done = await surveys.answerByLink(req.ctx, req.params.surveyId, req.body);
      return reply.code(201).send({ id: done.id, replaced: false });
    },
  );

  app.get(
    `${root}/surveys/:surveyId/summary`,
    {
      schema: {
        tags,
        summary: 'A needs survey’s summary',
        description: `Stewards (403 otherwise): the counts of needs, offers, meeting times and languages, needs matched with offers, the best meeting times, the free answers, and the first projects suggested. ${access}`,
        params: SurveyParams,
        response: { 200: SummaryOut },
      },
    },
    async (req) => surveys.surveySummary(req.ctx, req.params.surveyId),
  );
}
