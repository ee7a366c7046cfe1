/**
 * Proposals' and the guidelines' pages: the guidelines (current version, acknowledging, history,
 * comparing, the stewards' first version and review date), the welcome shown after joining, the
 * proposals, making and revising one, and one proposal with positions, discussion, the deadline
 * and the outcome statement. The JSON API is in `api.ts`; `guidelinesRoutes(app)` registers both.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { localDateTime } from '../../platform/db/time.ts';
import { authorize, Conflict } from '../../platform/errors.ts';
import { flash } from '../../platform/http/flash.ts';
import { sendPage } from '../../platform/http/render.ts';
import type { App } from '../../platform/module.ts';
import { emptyForm, type FormState, refusedForm } from '../../web/components/form.tsx';
import { viewOf } from '../../web/view.ts';
import { guidelinesApi } from './api.ts';
import { GuidelinesPage } from './pages/guidelines.tsx';
import { type ProposalForms, ProposalPage } from './pages/proposal.tsx';
import { ProposalFormPage } from './pages/proposal-form.tsx';
import { ProposalsPage } from './pages/proposals.tsx';
import { ComparePage, VersionPage } from './pages/versions.tsx';
import { WelcomePage } from './pages/welcome.tsx';
import { can } from './policy.ts';
import {
  AcknowledgeIn,
  CommentIn,
  CommunityParams,
  CompareQuery,
  DeadlineIn,
  GuidelinesIn,
  OutcomeIn,
  PositionIn,
  ProposalChangeIn,
  ProposalIn,
  ProposalParams,
  proposeLimit,
  ReviewFormIn,
  takePartLimit,
  VersionParams,
} from './schema.ts';
import * as guidelines from './service.ts';

type Req = FastifyRequest<{ Params: { community: string; proposalId?: string } }>;

/** Registers the proposals' and guidelines' pages and API, in the community scope. */
export function guidelinesRoutes(app: App): void {
  const hide = true;
  const g = (slug: string, rest = '') => `/c/${slug}/guidelines${rest}`;
  const p = (slug: string, rest = '') => `/c/${slug}/proposals${rest}`;

  // ---- the guidelines

  const guidelinesPage = async (
    req: Req,
    reply: FastifyReply,
    forms: { start?: FormState; review?: FormState } = {},
  ) => {
    const model = await guidelines.guidelines(req.ctx);
    return h(GuidelinesPage, {
      view: viewOf(req, reply),
      g: model,
      start: forms.start ?? emptyForm(),
      review: forms.review ?? emptyForm({ reviewOn: model.current?.reviewOn ?? '' }),
    });
  };

  app.get('/c/:community/guidelines', { schema: { hide, params: CommunityParams } }, async (req, reply) =>
    sendPage(reply, await guidelinesPage(req, reply)),
  );

  app.post(
    '/c/:community/guidelines',
    {
      schema: { hide, params: CommunityParams, body: GuidelinesIn },
      config: {
        ...proposeLimit,
        form: (req, reply, errors) =>
          guidelinesPage(req as Req, reply, { start: refusedForm(req.body, errors) }),
      },
    },
    async (req, reply) => {
      await guidelines.startGuidelines(req.ctx, req.body);
      flash(reply, 'guidelines.flash.started');
      return reply.redirect(g(req.params.community), 303);
    },
  );

  app.post(
    '/c/:community/guidelines/review',
    {
      schema: { hide, params: CommunityParams, body: ReviewFormIn },
      config: {
        ...proposeLimit,
        form: (req, reply, errors) =>
          guidelinesPage(req as Req, reply, { review: refusedForm(req.body, errors) }),
      },
    },
    async (req, reply) => {
      await guidelines.setReviewDate(req.ctx, req.body.reviewOn ?? null);
      flash(reply, 'guidelines.flash.review');
      return reply.redirect(g(req.params.community), 303);
    },
  );

  app.post(
    '/c/:community/guidelines/acknowledge',
    {
      schema: { hide, params: CommunityParams, body: AcknowledgeIn },
      config: { ...takePartLimit, form: (req, reply) => guidelinesPage(req as Req, reply) },
    },
    async (req, reply) => {
      const read = await guidelines.acknowledge(req.ctx, req.body.number);
      flash(reply, 'guidelines.flash.acknowledged', { number: read.number });
      // Only back into this community: `next` is a path, never another site.
      const home = `/c/${req.params.community}`;
      const next =
        req.body.next === home || req.body.next?.startsWith(`${home}/`)
          ? req.body.next
          : g(req.params.community);
      return reply.redirect(next, 303);
    },
  );

  app.get(
    '/c/:community/guidelines/welcome',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) => {
      const model = await guidelines.guidelines(req.ctx);
      return sendPage(
        reply,
        h(WelcomePage, {
          view: viewOf(req, reply),
          current: model.current,
          needsReading: model.needsReading,
        }),
      );
    },
  );

  app.get(
    '/c/:community/guidelines/versions/:number',
    { schema: { hide, params: VersionParams } },
    async (req, reply) =>
      sendPage(
        reply,
        h(VersionPage, {
          view: viewOf(req, reply),
          version: await guidelines.getVersion(req.ctx, req.params.number),
        }),
      ),
  );

  app.get(
    '/c/:community/guidelines/compare',
    { schema: { hide, params: CommunityParams, querystring: CompareQuery } },
    async (req, reply) => {
      const d = await guidelines.compareVersions(req.ctx, req.query.from, req.query.to);
      return sendPage(reply, h(ComparePage, { view: viewOf(req, reply), ...d }));
    },
  );

  // ---- proposals

  app.get('/c/:community/proposals', { schema: { hide, params: CommunityParams } }, async (req, reply) => {
    const list = await guidelines.listProposals(req.ctx);
    return sendPage(reply, h(ProposalsPage, { view: viewOf(req, reply), ...list }));
  });

  const newForm = (req: Req, reply: FastifyReply, state: FormState) =>
    h(ProposalFormPage, { view: viewOf(req, reply), state });

  app.get(
    '/c/:community/proposals/new',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) => {
      const model = await guidelines.guidelines(req.ctx);
      return sendPage(
        reply,
        newForm(req, reply, emptyForm({ change: 'none', guidelineText: model.current?.body ?? '' })),
      );
    },
  );

  app.post(
    '/c/:community/proposals',
    {
      schema: { hide, params: CommunityParams, body: ProposalIn },
      config: {
        ...proposeLimit,
        form: (req, reply, errors) => newForm(req as Req, reply, refusedForm(req.body, errors)),
      },
    },
    async (req, reply) => {
      const body = { ...req.body };
      // The form offers the current guidelines to edit: left as they were, with no change chosen, they are no text.
      if ((body.change ?? 'none') === 'none' && body.guidelineText) {
        const current = (await guidelines.guidelines(req.ctx)).current;
        if (body.guidelineText.trim() === current?.body.trim()) delete body.guidelineText;
      }
      const made = await guidelines.propose(req.ctx, body);
      flash(reply, 'guidelines.flash.proposed', { title: made.title });
      return reply.redirect(p(req.params.community, `/${made.id}`), 303);
    },
  );

  const proposalPage = async (req: Req, reply: FastifyReply, forms: Partial<ProposalForms> = {}) => {
    const v = await guidelines.getProposal(req.ctx, req.params.proposalId as string);
    return h(ProposalPage, {
      view: viewOf(req, reply),
      v,
      forms: {
        position: forms.position ?? emptyForm(v.mine ? { ...v.mine } : {}),
        comment: forms.comment ?? emptyForm(),
        deadline: forms.deadline ?? emptyForm(),
        outcome: forms.outcome ?? emptyForm({ statement: v.proposal.outcomeStatement }),
      },
    });
  };

  app.get(
    '/c/:community/proposals/:proposalId',
    { schema: { hide, params: ProposalParams } },
    async (req, reply) => sendPage(reply, await proposalPage(req, reply)),
  );

  const reviseForm = async (req: Req, reply: FastifyReply, state?: FormState) => {
    const v = await guidelines.getProposal(req.ctx, req.params.proposalId as string);
    const x = v.proposal;
    // The same refusals as the revision itself: who may not (403), a proposal past revising (409).
    if (!v.may.revise) {
      authorize(can.revise(req.ctx.actor, x.proposedBy), 'guidelines.only_proposer_revises');
      throw new Conflict('guidelines.proposal_closed');
    }
    const community = viewOf(req, reply).community;
    const blocked = x.status === 'closed';
    return h(ProposalFormPage, {
      view: viewOf(req, reply),
      revising: { id: x.id, blocked, stale: v.needsRevision },
      state:
        state ??
        emptyForm({
          title: x.title,
          body: x.body,
          rationale: x.rationale,
          change: x.change,
          guidelineText: x.guidelineText,
          deadline: blocked ? '' : localDateTime(new Date(x.closesAt), community?.timeZone ?? 'UTC'),
        }),
    });
  };

  app.get(
    '/c/:community/proposals/:proposalId/revise',
    { schema: { hide, params: ProposalParams } },
    async (req, reply) => sendPage(reply, await reviseForm(req, reply)),
  );

  app.post(
    '/c/:community/proposals/:proposalId/revise',
    {
      schema: { hide, params: ProposalParams, body: ProposalChangeIn },
      config: {
        ...proposeLimit,
        form: (req, reply, errors) => reviseForm(req as Req, reply, refusedForm(req.body, errors)),
      },
    },
    async (req, reply) => {
      const v = await guidelines.getProposal(req.ctx, req.params.proposalId);
      const body = { ...req.body };
      // The form shows the current deadline: sent back unchanged, it is no new deadline.
      const shown = localDateTime(new Date(v.proposal.closesAt), req.ctx.community?.timeZone ?? 'UTC');
      if (body.deadline === shown) delete body.deadline;
      await guidelines.revise(req.ctx, req.params.proposalId, {
        ...body,
        body: body.body ?? '',
        rationale: body.rationale ?? '',
        guidelineText: body.guidelineText ?? '',
      });
      flash(reply, 'guidelines.flash.revised');
      return reply.redirect(p(req.params.community, `/${req.params.proposalId}`), 303);
    },
  );

  app.post(
    '/c/:community/proposals/:proposalId/position',
    {
      schema: { hide, params: ProposalParams, body: PositionIn },
      config: {
        ...takePartLimit,
        form: (req, reply, errors) =>
          proposalPage(req as Req, reply, { position: refusedForm(req.body, errors) }),
      },
    },
    async (req, reply) => {
      await guidelines.takePosition(req.ctx, req.params.proposalId, req.body);
      flash(reply, 'guidelines.flash.position', {
        stance: req.ctx.t(`guidelines.stance.${req.body.stance}`),
      });
      return reply.redirect(p(req.params.community, `/${req.params.proposalId}`), 303);
    },
  );

  app.post(
    '/c/:community/proposals/:proposalId/comments',
    {
      schema: { hide, params: ProposalParams, body: CommentIn },
      config: {
        ...takePartLimit,
        form: (req, reply, errors) =>
          proposalPage(req as Req, reply, { comment: refusedForm(req.body, errors) }),
      },
    },
    async (req, reply) => {
      await guidelines.addComment(req.ctx, req.params.proposalId, req.body.body);
      flash(reply, 'guidelines.flash.commented');
      return reply.redirect(p(req.params.community, `/${req.params.proposalId}#discussion`), 303);
    },
  );

  app.post(
    '/c/:community/proposals/:proposalId/deadline',
    {
      schema: { hide, params: ProposalParams, body: DeadlineIn },
      config: {
        ...proposeLimit,
        form: (req, reply, errors) =>
          proposalPage(req as Req, reply, { deadline: refusedForm(req.body, errors) }),
      },
    },
    async (req, reply) => {
      await guidelines.extend(req.ctx, req.params.proposalId, req.body.deadline);
      flash(reply, 'guidelines.flash.extended');
      return reply.redirect(p(req.params.community, `/${req.params.proposalId}`), 303);
    },
  );

  app.post(
    '/c/:community/proposals/:proposalId/outcome',
    {
      schema: { hide, params: ProposalParams, body: OutcomeIn },
      config: {
        ...proposeLimit,
        form: (req, reply, errors) =>
          proposalPage(req as Req, reply, { outcome: refusedForm(req.body, errors) }),
      },
    },
    async (req, reply) => {
      await guidelines.writeOutcome(req.ctx, req.params.proposalId, req.body.statement);
      flash(reply, 'guidelines.flash.outcome');
      return reply.redirect(p(req.params.community, `/${req.params.proposalId}`), 303);
    },
  );

  guidelinesApi(app);
}
