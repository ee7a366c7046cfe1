/**
 * Feedback's pages and API: the one-tap form of a thing (where the notification leads, and where
 * the loan, shift and gathering pages post theirs), and the stewards' summaries.
 */
import { h } from 'preact';
import { flash } from '../../platform/http/flash.ts';
import { sendPage } from '../../platform/http/render.ts';
import type { App } from '../../platform/module.ts';
import { type FormState, refusedForm } from '../../web/components/form.tsx';
import { viewOf } from '../../web/view.ts';
import { GivePage } from './pages/give.tsx';
import { SummaryPage } from './pages/summary.tsx';
import {
  CommunityParams,
  FeedbackFormIn,
  FeedbackIn,
  FeedbackOut,
  giveLimit,
  PromptOut,
  SubjectParams,
  SummaryOut,
  SummaryQuery,
} from './schema.ts';
import * as feedback from './service.ts';

const tags = ['feedback'];
const access =
  'Active members who took part in the thing (403 `feedback.errors.only_participants` otherwise); a thing of another community is 404.';

/** Registers the feedback pages and API, in the community scope. */
export function feedbackRoutes(app: App): void {
  const hide = true;
  const root = '/api/v1/communities/:community';

  const givePage = async (req: any, reply: any, state?: FormState) =>
    h(GivePage, {
      view: viewOf(req, reply),
      prompt: await feedback.promptOf(req.ctx, req.params.kind, req.params.subjectId),
      state,
    });

  app.get(
    '/c/:community/feedback/:kind/:subjectId',
    { schema: { hide, params: SubjectParams } },
    async (req, reply) => sendPage(reply, await givePage(req, reply)),
  );

  app.post(
    '/c/:community/feedback/:kind/:subjectId',
    {
      schema: { hide, params: SubjectParams, body: FeedbackFormIn },
      config: {
        ...giveLimit,
        form: (req, reply, errors) => givePage(req, reply, refusedForm(req.body, errors)),
      },
    },
    async (req, reply) => {
      const given = await feedback.giveFeedback(req.ctx, req.params.kind, req.params.subjectId, {
        rating: req.body.rating,
        comment: req.body.comment,
        quotable: req.body.quotable !== undefined,
      });
      flash(reply, `feedback.flash.${given.rating}`);
      const { subject } = await feedback.promptOf(req.ctx, req.params.kind, req.params.subjectId);
      return reply.redirect(`/c/${req.params.community}${subject.path}`, 303);
    },
  );

  app.get(
    '/c/:community/feedback',
    { schema: { hide, params: CommunityParams, querystring: SummaryQuery } },
    async (req, reply) => {
      const months = req.query.months ?? 12;
      return sendPage(
        reply,
        h(SummaryPage, {
          view: viewOf(req, reply),
          summary: await feedback.summary(req.ctx, months),
          months,
        }),
      );
    },
  );

  app.get(
    `${root}/feedback/:kind/:subjectId`,
    {
      schema: {
        tags,
        summary: 'Your feedback about a thing',
        description: `Whether you may say how it went (once it is over) and what you said. ${access}`,
        params: SubjectParams,
        response: { 200: PromptOut },
      },
    },
    async (req) => {
      const p = await feedback.promptOf(req.ctx, req.params.kind, req.params.subjectId);
      return {
        kind: req.params.kind,
        subjectId: p.subject.id,
        title: p.subject.title,
        mayGive: p.mayGive,
        given: p.given,
      };
    },
  );

  app.put(
    `${root}/feedback/:kind/:subjectId`,
    {
      schema: {
        tags,
        summary: 'Say how it went',
        description: `After a loan is returned, a shift or a gathering’s date is over: went well or could improve, with an optional comment (read by stewards only unless quotable). Once per thing: again replaces it. Before it is over: 409 \`feedback.errors.not_over\`. ${access}`,
        params: SubjectParams,
        body: FeedbackIn,
        response: { 200: FeedbackOut },
      },
      config: giveLimit,
    },
    async (req) => feedback.giveFeedback(req.ctx, req.params.kind, req.params.subjectId, req.body),
  );

  app.get(
    `${root}/feedback`,
    {
      schema: {
        tags,
        summary: 'Feedback summaries',
        description:
          'Stewards only (403 `feedback.errors.only_stewards`): answers and the share “went well” per kind of activity (rides included), per place and per month, and the “could improve” comments without names.',
        params: CommunityParams,
        querystring: SummaryQuery,
        response: { 200: SummaryOut },
      },
    },
    async (req) => feedback.summary(req.ctx, req.query.months ?? 12),
  );
}
