/** Milestones' pages and API: the milestones with their thanks, being named, and the thresholds. */
import { h } from 'preact';
import { Type } from 'typebox';
import { flash } from '../../platform/http/flash.ts';
import { sendPage } from '../../platform/http/render.ts';
import type { App } from '../../platform/module.ts';
import { emptyForm, type FormState, refusedForm } from '../../web/components/form.tsx';
import { viewOf } from '../../web/view.ts';
import { MilestonesPage, ThresholdsPage } from './pages/milestones.tsx';
import { can } from './policy.ts';
import {
  CommunityParams,
  changeLimit,
  MilestoneParams,
  MilestonesOut,
  NamedFormIn,
  NamedIn,
  ThresholdsFormIn,
  ThresholdsIn,
  ThresholdsOut,
} from './schema.ts';
import * as milestones from './service.ts';

const tags = ['milestones'];

/** Registers the milestones pages and API, in the community scope. */
export function milestoneRoutes(app: App): void {
  const hide = true;
  const root = '/api/v1/communities/:community';

  app.get('/c/:community/milestones', { schema: { hide, params: CommunityParams } }, async (req, reply) =>
    sendPage(
      reply,
      h(MilestonesPage, {
        view: viewOf(req, reply),
        milestones: await milestones.listMilestones(req.ctx),
        maySetThresholds: can.setThresholds(req.ctx.actor),
      }),
    ),
  );

  app.post(
    '/c/:community/milestones/:milestoneId/named',
    { schema: { hide, params: MilestoneParams, body: NamedFormIn }, config: changeLimit },
    async (req, reply) => {
      const named = req.body.named === '1';
      await milestones.chooseNamed(req.ctx, req.params.milestoneId, named);
      flash(reply, named ? 'milestones.flash.named' : 'milestones.flash.unnamed');
      return reply.redirect(`/c/${req.params.community}/milestones#m-${req.params.milestoneId}`, 303);
    },
  );

  const thresholdsPage = async (req: any, reply: any, state?: FormState) => {
    const thresholds = await milestones.thresholdForm(req.ctx);
    return h(ThresholdsPage, {
      view: viewOf(req, reply),
      thresholds,
      state: state ?? emptyForm(Object.fromEntries(thresholds.map((th) => [th.kind, th.threshold]))),
    });
  };

  app.get(
    '/c/:community/milestones/thresholds',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) => sendPage(reply, await thresholdsPage(req, reply)),
  );

  app.post(
    '/c/:community/milestones/thresholds',
    {
      schema: { hide, params: CommunityParams, body: ThresholdsFormIn },
      config: {
        ...changeLimit,
        form: (req, reply, errors) => thresholdsPage(req, reply, refusedForm(req.body, errors)),
      },
    },
    async (req, reply) => {
      await milestones.setThresholds(req.ctx, req.body);
      flash(reply, 'milestones.flash.thresholds');
      return reply.redirect(`/c/${req.params.community}/milestones`, 303);
    },
  );

  app.get(
    `${root}/milestones`,
    {
      schema: {
        tags,
        summary: 'The community’s milestones',
        description:
          'Newest first (at most 100), each with the names of those it thanks who agreed to be named, and how many more it thanks. Active members only.',
        params: CommunityParams,
        response: { 200: MilestonesOut },
      },
    },
    async (req) => ({ milestones: await milestones.listMilestones(req.ctx) }),
  );

  app.put(
    `${root}/milestones/:milestoneId/named`,
    {
      schema: {
        tags,
        summary: 'Be named with a milestone, or not',
        description:
          'Only someone the milestone thanks (403 `milestones.errors.only_thanked`); nobody is named unless they say so. Another community’s milestone is 404.',
        params: MilestoneParams,
        body: NamedIn,
        response: { 204: Type.Null() },
      },
      config: changeLimit,
    },
    async (req, reply) => {
      await milestones.chooseNamed(req.ctx, req.params.milestoneId, req.body.named);
      return reply.code(204).send(null);
    },
  );

  app.get(
    `${root}/milestones/thresholds`,
    {
      schema: {
        tags,
        summary: 'The milestones’ thresholds',
        description:
          'Each kind’s threshold (the community’s own, or the default) and its default. Active members.',
        params: CommunityParams,
        response: { 200: ThresholdsOut },
      },
    },
    async (req) => ({ thresholds: await milestones.thresholdList(req.ctx) }),
  );

  app.put(
    `${root}/milestones/thresholds`,
    {
      schema: {
        tags,
        summary: 'Set the milestones’ thresholds',
        description:
          'Stewards only (403 `milestones.errors.only_stewards`). Each kind given takes that number, 1 to 1,000,000; a kind set to its default follows the default again. Milestones reached stay; a new threshold is a new milestone to reach.',
        params: CommunityParams,
        body: ThresholdsIn,
        response: { 200: ThresholdsOut },
      },
      config: changeLimit,
    },
    async (req) => ({ thresholds: await milestones.setThresholds(req.ctx, req.body) }),
  );
}
