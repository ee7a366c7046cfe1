/**
 * Needs surveys' pages: the list, opening one, answering (a member; anyone by the link), the
 * printable paper form and typing its answers in, and the summary. The JSON API is in `api.ts`;
 * `surveyRoutes(app)` registers both.
 */
import { h } from 'preact';
import QRCode from 'qrcode';
import { addDays } from '../../platform/db/time.ts';
import { type FieldError, Invalid } from '../../platform/errors.ts';
import { flash } from '../../platform/http/flash.ts';
import { sendPage } from '../../platform/http/render.ts';
import type { App } from '../../platform/module.ts';
import { isName } from '../../platform/names.ts';
import { graphemeCount } from '../../platform/text.ts';
import { emptyForm, type FormState, refusedForm } from '../../web/components/form.tsx';
import { viewOf } from '../../web/view.ts';
import { surveysApi } from './api.ts';
import { ticked } from './pages/common.tsx';
import { askFieldOf, SurveyFormPage } from './pages/form.tsx';
import { LinkAnswerPage } from './pages/link.tsx';
import { SurveysPage } from './pages/list.tsx';
import { PaperAnswerPage, PaperFormPage } from './pages/paper.tsx';
import { SummaryPage } from './pages/summary.tsx';
import { SurveyPage } from './pages/survey.tsx';
import { choiceQuestions, maxChoiceLength, maxOtherChoices, standardChoices } from './questions.ts';
import {
  AnswerFormIn,
  answerLimit,
  CommunityParams,
  linkAnswerLimit,
  openLimit,
  PaperQuery,
  paperLimit,
  SurveyFormIn,
  SurveyParams,
} from './schema.ts';
import * as surveys from './service.ts';
import { findSurveyQuestions } from './service.ts';

/** The lines of a textarea of added choices, checked as the API's `other` items are. */
function otherLines(field: string, text: string | undefined, errors: FieldError[]): string[] {
  const lines = (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length > maxOtherChoices)
    errors.push({ field, code: 'surveys.too_many_other', params: { count: maxOtherChoices } });
  const long = lines.find((l) => graphemeCount(l) > maxChoiceLength);
  if (long) errors.push({ field, code: 'surveys.choice_too_long', params: { count: maxChoiceLength } });
  else if (lines.some((l) => !isName(l))) errors.push({ field, code: 'validation.name' });
  return lines;
}

/** The form's answer as the service takes it: each question's keys as a list. */
function answerOf(body: Record<string, unknown>) {
  const state = { values: body, errors: [] };
  return {
    needs: ticked(state, 'needs'),
    offers: ticked(state, 'offers'),
    times: ticked(state, 'times'),
    languages: ticked(state, 'languages'),
    free: typeof body.free === 'string' ? body.free : undefined,
    name: typeof body.name === 'string' ? body.name : undefined,
  };
}

/** Registers the surveys pages and API, in the community scope. */
export function surveyRoutes(app: App): void {
  const hide = true;
  const at = (slug: string, rest = '') => `/c/${slug}/surveys${rest}`;

  app.get('/c/:community/surveys', { schema: { hide, params: CommunityParams } }, async (req, reply) =>
    sendPage(
      reply,
      h(SurveysPage, {
        view: viewOf(req, reply),
        list: await surveys.listSurveys(req.ctx),
        mayOpen: surveys.mayOpen(req.ctx),
      }),
    ),
  );

  const newForm = (req: any, reply: any, state: FormState) => {
    surveys.checkMayOpen(req.ctx);
    return h(SurveyFormPage, { view: viewOf(req, reply), state });
  };

  app.get('/c/:community/surveys/new', { schema: { hide, params: CommunityParams } }, async (req, reply) => {
    const community = req.ctx.community!;
    return sendPage(
      reply,
      newForm(
        req,
        reply,
        emptyForm({
          closesOn: addDays(community.today(), 14),
          askNeeds: '1',
          needs: [...standardChoices.needs],
          askOffers: '1',
          offers: [...standardChoices.offers],
          askTimes: '1',
          times: [...standardChoices.times],
          askLanguages: '1',
          languages: community.languageList,
        }),
      ),
    );
  });

  app.post(
    '/c/:community/surveys',
    {
      schema: { hide, params: CommunityParams, body: SurveyFormIn },
      config: {
        ...openLimit,
        form: (req, reply, errors) => newForm(req, reply, refusedForm(req.body, errors)),
      },
    },
    async (req, reply) => {
      const b = req.body as Record<string, unknown>;
      const errors: FieldError[] = [];
      const asked: Record<string, { choices: string[]; other: string[] }> = {};
      for (const q of choiceQuestions) {
        const other = otherLines(`${q}Other`, b[`${q}Other`] as string | undefined, errors);
        if (b[askFieldOf(q)] !== undefined)
          asked[q] = { choices: ticked({ values: b, errors: [] }, q), other };
      }
      if (errors.length) throw new Invalid(errors);
      const survey = await surveys.openSurvey(req.ctx, {
        title: req.body.title,
        intro: req.body.intro,
        closesOn: req.body.closesOn,
        freeQuestion: req.body.freeQuestion,
        ...asked,
      });
      flash(reply, 'surveys.flash.opened', { title: survey.title });
      return reply.redirect(at(req.params.community, `/${survey.id}`), 303);
    },
  );

  const surveyPage = async (req: any, reply: any, state?: FormState) => {
    const survey = await surveys.getSurvey(req.ctx, req.params.surveyId);
    const manage = surveys.mayManage(req.ctx)
      ? { qrSvg: await QRCode.toString(survey.link, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }) }
      : undefined;
    const mine = survey.mine;
    return h(SurveyPage, {
      view: viewOf(req, reply),
      survey,
      manage,
      state: state ?? emptyForm(mine ? { ...mine } : {}),
    });
  };

  app.get('/c/:community/surveys/:surveyId', { schema: { hide, params: SurveyParams } }, async (req, reply) =>
    sendPage(reply, await surveyPage(req, reply)),
  );

  app.post(
    '/c/:community/surveys/:surveyId',
    {
      schema: { hide, params: SurveyParams, body: AnswerFormIn },
      config: {
        ...answerLimit,
        form: (req, reply, errors) => surveyPage(req, reply, refusedForm(req.body, errors)),
      },
    },
    async (req, reply) => {
      const { name: _, ...answer } = answerOf(req.body as Record<string, unknown>);
      const done = await surveys.answerSurvey(req.ctx, req.params.surveyId, answer);
      flash(reply, done.replaced ? 'surveys.flash.replaced' : 'surveys.flash.answered');
      return reply.redirect(at(req.params.community, `/${req.params.surveyId}`), 303);
    },
  );

  const linkPage = async (req: any, reply: any, state?: FormState) =>
    h(LinkAnswerPage, {
      view: viewOf(req, reply),
      survey: await surveys.getSurveyByLink(req.ctx, req.params.surveyId),
      state: state ?? emptyForm(),
    });

  app.get(
    '/c/:community/surveys/:surveyId/answer',
    { schema: { hide, params: SurveyParams }, config: { public: true } },
    async (req, reply) => sendPage(reply, await linkPage(req, reply)),
  );

  app.post(
    '/c/:community/surveys/:surveyId/answer',
    {
      schema: { hide, params: SurveyParams, body: AnswerFormIn },
      config: {
        public: true,
        ...linkAnswerLimit,
        form: (req, reply, errors) => linkPage(req, reply, refusedForm(req.body, errors)),
      },
    },
    async (req, reply) => {
      // The honeypot: a field people never see. Whatever filled it is thanked and ignored.
      if (!req.body.website) {
        await surveys.answerByLink(
          req.ctx,
          req.params.surveyId,
          answerOf(req.body as Record<string, unknown>),
        );
      }
      flash(reply, 'surveys.flash.thanks');
      return reply.redirect(at(req.params.community, `/${req.params.surveyId}/answer`), 303);
    },
  );

  app.get(
    '/c/:community/surveys/:surveyId/paper',
    { schema: { hide, params: SurveyParams, querystring: PaperQuery } },
    async (req, reply) => {
      const { survey, questions } = await findSurveyQuestions(req.ctx, req.params.surveyId);
      // Letter where it is the usual paper (the Americas' zones), A4 elsewhere, unless chosen.
      const paper = req.query.paper ?? (req.ctx.community!.timeZone.startsWith('America/') ? 'letter' : 'a4');
      return sendPage(
        reply,
        h(PaperFormPage, {
          view: viewOf(req, reply),
          survey,
          choices: questions.choices as Record<string, { key: string; label?: string }[]>,
          paper,
        }),
      );
    },
  );

  const typingPage = async (req: any, reply: any, state?: FormState) => {
    const { survey } = await findSurveyQuestions(req.ctx, req.params.surveyId);
    return h(PaperAnswerPage, { view: viewOf(req, reply), survey, state: state ?? emptyForm() });
  };

  app.get(
    '/c/:community/surveys/:surveyId/paper-answers',
    { schema: { hide, params: SurveyParams } },
    async (req, reply) => sendPage(reply, await typingPage(req, reply)),
  );

  app.post(
    '/c/:community/surveys/:surveyId/paper-answers',
    {
      schema: { hide, params: SurveyParams, body: AnswerFormIn },
      config: {
        ...paperLimit,
        form: (req, reply, errors) => typingPage(req, reply, refusedForm(req.body, errors)),
      },
    },
    async (req, reply) => {
      await surveys.typePaperAnswer(
        req.ctx,
        req.params.surveyId,
        answerOf(req.body as Record<string, unknown>),
      );
      flash(reply, 'surveys.flash.typed');
      return reply.redirect(at(req.params.community, `/${req.params.surveyId}/paper-answers`), 303);
    },
  );

  app.get(
    '/c/:community/surveys/:surveyId/summary',
    { schema: { hide, params: SurveyParams } },
    async (req, reply) => {
      const summary = await surveys.surveySummary(req.ctx, req.params.surveyId);
      const survey = await surveys.getSurvey(req.ctx, req.params.surveyId);
      return sendPage(
        reply,
        h(SummaryPage, {
          view: viewOf(req, reply),
          survey,
          summary,
          startPilot: `/c/${req.params.community}/pilots/suggested`,
        }),
      );
    },
  );

  surveysApi(app);
}
