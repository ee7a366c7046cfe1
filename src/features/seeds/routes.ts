/**
 * The seed library's pages under `/c/:community/seeds` (forms POST, then 303 to the page that
 * shows the result; refused input re-renders the form with messages beside the fields) and,
 * from `api.ts`, its JSON API. `seedRoutes` also registers the pledge reminder job.
 */
import { h } from 'preact';
import { Type } from 'typebox';
import { photoLimit } from '../../platform/http/rate-limit.ts';
import { sendPage } from '../../platform/http/render.ts';
import type { ShownFieldError } from '../../platform/http/types.ts';
import type { App } from '../../platform/module.ts';
import { filesOf } from '../../platform/uploads/multipart.ts';
import { emptyForm, type FormState, refusedForm } from '../../web/components/form.tsx';
import { viewOf } from '../../web/view.ts';
import { seedApiRoutes } from './api.ts';
import { CatalogPage } from './pages/catalog.tsx';
import { LotFormPage, ReturnPage, StoryEditPage, TakePage, VarietyFormPage } from './pages/forms.tsx';
import { VarietyPage } from './pages/variety.tsx';
import {
  CatalogQuery,
  CommunityParams,
  LotIn,
  LotParams,
  PledgeParams,
  ReturnIn,
  StoryFormIn,
  StoryParams,
  TakeIn,
  VarietyIn,
  VarietyParams,
} from './schema.ts';
import * as seeds from './service.ts';

type Req = Parameters<NonNullable<import('fastify').FastifyContextConfig['form']>>[0];
type Reply = Parameters<NonNullable<import('fastify').FastifyContextConfig['form']>>[1];

const base = (req: Req) => `/c/${(req.params as { community: string }).community}/seeds`;
const params = (req: Req) => req.params as Record<string, string>;

/** Renders the variety page, with a refused story form when `storyForm` is given. */
async function varietyPage(req: Req, reply: Reply, storyForm: FormState = emptyForm({ kind: 'memory' })) {
  const variety = await seeds.getVariety(req.ctx, params(req).varietyId);
  const taken = req.method === 'GET' ? (req.query as { taken?: number }).taken : undefined;
  return h(VarietyPage, { view: viewOf(req, reply), variety, storyForm, taken });
}

async function lotForm(req: Req, reply: Reply, state: FormState) {
  const members = await seeds.lotFormChoices(req.ctx, params(req).varietyId);
  return h(LotFormPage, { view: viewOf(req, reply), state, varietyId: params(req).varietyId, members });
}

async function takeForm(req: Req, reply: Reply, state: FormState) {
  const { varietyId, lotId } = params(req);
  const lot = await seeds.getLot(req.ctx, varietyId, lotId);
  const months = await seeds.pledgeMonthChoices(req.ctx);
  return h(TakePage, { view: viewOf(req, reply), state, varietyId, lot, months });
}

async function returnForm(req: Req, reply: Reply, state: FormState) {
  const { varietyId, pledgeId } = params(req);
  const pledge = await seeds.getPledge(req.ctx, varietyId, pledgeId);
  return h(ReturnPage, { view: viewOf(req, reply), state, varietyId, pledge });
}

/** The story edit page (the author only: loading it authorizes), with `state` or the story's values. */
async function storyEditForm(req: Req, reply: Reply, state?: FormState) {
  const { varietyId, storyId } = params(req);
  const story = await seeds.getStoryForEdit(req.ctx, varietyId, storyId);
  const values = { kind: story.kind, body: story.body, memoryYear: story.memoryYear ?? undefined };
  return h(StoryEditPage, {
    view: viewOf(req, reply),
    state: state ?? emptyForm(values),
    varietyId,
    storyId,
    photoId: story.photoId,
  });
}

const refused = (req: Req, errors: ShownFieldError[]) => refusedForm(req.body, errors);

/** Registers the seed library's pages and its API, in the community scope. */
export function seedRoutes(app: App): void {
  seedApiRoutes(app);

  app.get(
    '/c/:community/seeds',
    {
      config: { pageCache: true },
      schema: { hide: true, params: CommunityParams, querystring: CatalogQuery },
    },
    async (req, reply) => {
      const query = { q: req.query.q, season: req.query.season || undefined };
      const varieties = await seeds.listCatalog(req.ctx, query);
      const pledges = await seeds.listMyPledges(req.ctx);
      return sendPage(reply, h(CatalogPage, { view: viewOf(req, reply), varieties, query, pledges }));
    },
  );

  app.get(
    '/c/:community/seeds/new',
    { schema: { hide: true, params: CommunityParams } },
    async (req, reply) => {
      seeds.assertMayAddVariety(req.ctx);
      return sendPage(reply, h(VarietyFormPage, { view: viewOf(req, reply), state: emptyForm() }));
    },
  );
  app.post(
    '/c/:community/seeds',
    {
      schema: { hide: true, params: CommunityParams, body: VarietyIn },
      config: {
        form: (req, reply, errors) =>
          h(VarietyFormPage, { view: viewOf(req, reply), state: refused(req, errors) }),
      },
    },
    async (req, reply) => {
      const id = await seeds.addVariety(req.ctx, req.body);
      return reply.redirect(`${base(req)}/${id}`, 303);
    },
  );

  app.get(
    '/c/:community/seeds/:varietyId',
    {
      config: { pageCache: true },
      schema: {
        hide: true,
        params: VarietyParams,
        querystring: Type.Object({ taken: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })) }),
      },
    },
    async (req, reply) => sendPage(reply, await varietyPage(req, reply)),
  );

  app.get(
    '/c/:community/seeds/:varietyId/edit',
    { schema: { hide: true, params: VarietyParams } },
    async (req, reply) => {
      const v = await seeds.getVarietyForEdit(req.ctx, req.params.varietyId);
      const values = {
        crop: v.crop,
        name: v.name,
        seasons: v.seasons,
        daysToMaturity: v.daysToMaturity ?? undefined,
        origin: v.origin,
        savingDifficulty: v.savingDifficulty,
        description: v.description,
      };
      return sendPage(
        reply,
        h(VarietyFormPage, { view: viewOf(req, reply), state: emptyForm(values), varietyId: v.id }),
      );
    },
  );
  app.post(
    '/c/:community/seeds/:varietyId/edit',
    {
      schema: { hide: true, params: VarietyParams, body: VarietyIn },
      config: {
        form: (req, reply, errors) =>
          h(VarietyFormPage, {
            view: viewOf(req, reply),
            state: refused(req, errors),
            varietyId: params(req).varietyId,
          }),
      },
    },
    async (req, reply) => {
      await seeds.editVariety(req.ctx, req.params.varietyId, req.body);
      return reply.redirect(`${base(req)}/${req.params.varietyId}`, 303);
    },
  );

  app.post(
    '/c/:community/seeds/:varietyId/stories',
    {
      schema: { hide: true, params: VarietyParams, body: StoryFormIn },
      config: { ...photoLimit, form: (req, reply, errors) => varietyPage(req, reply, refused(req, errors)) },
    },
    async (req, reply) => {
      const { photo, removePhoto: _, ...story } = req.body;
      const added = await seeds.addStory(req.ctx, req.params.varietyId, story, filesOf(photo));
      return reply.redirect(`${base(req)}/${req.params.varietyId}#story-${added.id}`, 303);
    },
  );
  app.get(
    '/c/:community/seeds/:varietyId/stories/:storyId/edit',
    { schema: { hide: true, params: StoryParams } },
    async (req, reply) => sendPage(reply, await storyEditForm(req, reply)),
  );
  app.post(
    '/c/:community/seeds/:varietyId/stories/:storyId/edit',
    {
      schema: { hide: true, params: StoryParams, body: StoryFormIn },
      config: {
        ...photoLimit,
        form: (req, reply, errors) => storyEditForm(req, reply, refused(req, errors)),
      },
    },
    async (req, reply) => {
      const { varietyId, storyId } = req.params;
      const { photo, removePhoto, ...story } = req.body;
      await seeds.editStory(req.ctx, varietyId, storyId, story, {
        files: filesOf(photo),
        remove: removePhoto,
      });
      return reply.redirect(`${base(req)}/${varietyId}#story-${storyId}`, 303);
    },
  );
  for (const action of ['delete', 'hide', 'show'] as const) {
    app.post(
      `/c/:community/seeds/:varietyId/stories/:storyId/${action}`,
      { schema: { hide: true, params: StoryParams } },
      async (req, reply) => {
        const { varietyId, storyId } = req.params;
        if (action === 'delete') await seeds.deleteStory(req.ctx, varietyId, storyId);
        else await seeds.setStoryHidden(req.ctx, varietyId, storyId, action === 'hide');
        return reply.redirect(`${base(req)}/${varietyId}#stories`, 303);
      },
    );
  }

  app.get(
    '/c/:community/seeds/:varietyId/lots/new',
    { schema: { hide: true, params: VarietyParams } },
    async (req, reply) =>
      sendPage(reply, await lotForm(req, reply, emptyForm({ harvestYear: seeds.currentYear(req.ctx) }))),
  );
  app.post(
    '/c/:community/seeds/:varietyId/lots',
    {
      schema: { hide: true, params: VarietyParams, body: LotIn },
      config: { form: (req, reply, errors) => lotForm(req, reply, refused(req, errors)) },
    },
    async (req, reply) => {
      const lot = await seeds.addLot(req.ctx, req.params.varietyId, req.body);
      return reply.redirect(`${base(req)}/${req.params.varietyId}#lot-${lot.id}`, 303);
    },
  );

  app.get(
    '/c/:community/seeds/:varietyId/lots/:lotId/take',
    { schema: { hide: true, params: LotParams } },
    async (req, reply) => sendPage(reply, await takeForm(req, reply, emptyForm({ packets: 1 }))),
  );
  app.post(
    '/c/:community/seeds/:varietyId/lots/:lotId/take',
    {
      schema: { hide: true, params: LotParams, body: TakeIn },
      config: { form: (req, reply, errors) => takeForm(req, reply, refused(req, errors)) },
    },
    async (req, reply) => {
      const { varietyId } = req.params;
      await seeds.takePackets(req.ctx, varietyId, req.params.lotId, req.body);
      return reply.redirect(`${base(req)}/${varietyId}?taken=${req.body.packets}#packets`, 303);
    },
  );

  app.get(
    '/c/:community/seeds/:varietyId/pledges/:pledgeId/return',
    { schema: { hide: true, params: PledgeParams } },
    async (req, reply) =>
      sendPage(reply, await returnForm(req, reply, emptyForm({ harvestYear: seeds.currentYear(req.ctx) }))),
  );
  app.post(
    '/c/:community/seeds/:varietyId/pledges/:pledgeId/return',
    {
      schema: { hide: true, params: PledgeParams, body: ReturnIn },
      config: { form: (req, reply, errors) => returnForm(req, reply, refused(req, errors)) },
    },
    async (req, reply) => {
      const { varietyId, pledgeId } = req.params;
      const lot = await seeds.returnPledge(req.ctx, varietyId, pledgeId, req.body);
      return reply.redirect(`${base(req)}/${varietyId}#lot-${lot.id}`, 303);
    },
  );
  for (const action of ['done', 'cancel'] as const) {
    app.post(
      `/c/:community/seeds/:varietyId/pledges/:pledgeId/${action}`,
      { schema: { hide: true, params: PledgeParams } },
      async (req, reply) => {
        const { varietyId, pledgeId } = req.params;
        if (action === 'done') await seeds.markPledgeDone(req.ctx, varietyId, pledgeId);
        else await seeds.cancelPledge(req.ctx, varietyId, pledgeId);
        return reply.redirect(`${base(req)}/${varietyId}`, 303);
      },
    );
  }
}
