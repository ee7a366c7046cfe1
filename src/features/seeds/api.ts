/**
 * The seed library's JSON API under `/api/v1/communities/:community/varieties`. JSON bodies,
 * except a story's photo (`multipart/form-data`).
 */
import { Type } from 'typebox';
import { photoLimit } from '../../platform/http/rate-limit.ts';
import type { App } from '../../platform/module.ts';
import { filesOf } from '../../platform/uploads/multipart.ts';
import {
  CatalogQuery,
  CommunityParams,
  LotIn,
  LotOut,
  LotParams,
  PledgeParams,
  ReturnIn,
  StoryIn,
  StoryOut,
  StoryParams,
  StoryPhotoIn,
  TakeIn,
  TakeOut,
  VarietyIn,
  VarietyListOut,
  VarietyOut,
  VarietyParams,
} from './schema.ts';
import * as seeds from './service.ts';

const tags = ['seeds'];
const prefix = '/api/v1/communities/:community/varieties';
const members = 'For active members of the community; others get 403, and ids of another community 404.';

/** Registers the JSON routes. */
export function seedApiRoutes(app: App): void {
  app.get(
    prefix,
    {
      schema: {
        tags,
        summary: 'The seed catalog',
        description: `Varieties whose crop or name contain every word of \`q\`, sown in \`season\`, by crop and name, with packets available. ${members}`,
        params: CommunityParams,
        querystring: CatalogQuery,
        response: { 200: VarietyListOut },
      },
    },
    async (req) => seeds.listCatalog(req.ctx, { q: req.query.q, season: req.query.season || undefined }),
  );
  app.post(
    prefix,
    {
      schema: {
        tags,
        summary: 'Add a variety',
        description: `Any member may add a variety. ${members}`,
        params: CommunityParams,
        body: VarietyIn,
        response: { 201: VarietyOut },
      },
    },
    async (req, reply) => {
      const id = await seeds.addVariety(req.ctx, req.body);
      return reply.code(201).send(await seeds.getVariety(req.ctx, id));
    },
  );
  app.get(
    `${prefix}/:varietyId`,
    {
      schema: {
        tags,
        summary: 'A variety with its stories, lots and open pledges',
        description: `Stories are ordered by the year the memory is from, then when added; undated ones last. ${members}`,
        params: VarietyParams,
        response: { 200: VarietyOut },
      },
    },
    async (req) => seeds.getVariety(req.ctx, req.params.varietyId),
  );
  app.put(
    `${prefix}/:varietyId`,
    {
      schema: {
        tags,
        summary: 'Replace a variety’s details',
        description: 'The member who added the variety, or a steward.',
        params: VarietyParams,
        body: VarietyIn,
        response: { 200: VarietyOut },
      },
    },
    async (req) => {
      await seeds.editVariety(req.ctx, req.params.varietyId, req.body);
      return seeds.getVariety(req.ctx, req.params.varietyId);
    },
  );

  app.post(
    `${prefix}/:varietyId/stories`,
    {
      schema: {
        tags,
        summary: 'Add a memory or growing tip',
        description: `\`memoryYear\` must not be in the future. ${members}`,
        params: VarietyParams,
        body: StoryIn,
        response: { 201: StoryOut },
      },
    },
    async (req, reply) => reply.code(201).send(await seeds.addStory(req.ctx, req.params.varietyId, req.body)),
  );
  app.put(
    `${prefix}/:varietyId/stories/:storyId`,
    {
      schema: {
        tags,
        summary: 'Rewrite a story',
        description: 'Only its author.',
        params: StoryParams,
        body: StoryIn,
        response: { 200: StoryOut },
      },
    },
    async (req) => seeds.editStory(req.ctx, req.params.varietyId, req.params.storyId, req.body),
  );
  app.delete(
    `${prefix}/:varietyId/stories/:storyId`,
    {
      schema: {
        tags,
        summary: 'Delete a story',
        description: 'Only its author.',
        params: StoryParams,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await seeds.deleteStory(req.ctx, req.params.varietyId, req.params.storyId);
      return reply.code(204).send(null);
    },
  );
  app.put(
    `${prefix}/:varietyId/stories/:storyId/hidden`,
    {
      schema: {
        tags,
        summary: 'Hide a story, or show it again',
        description: 'Stewards only. A hidden story stays visible to its author and to stewards.',
        params: StoryParams,
        body: Type.Object({ hidden: Type.Boolean() }),
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await seeds.setStoryHidden(req.ctx, req.params.varietyId, req.params.storyId, req.body.hidden);
      return reply.code(204).send(null);
    },
  );

  app.put(
    `${prefix}/:varietyId/stories/:storyId/photo`,
    {
      config: photoLimit,
      schema: {
        tags,
        summary: 'Give a story a photo',
        description:
          'Only its author (stewards hide stories; they do not change them). A `multipart/form-data` body with one image file in `photo`; it replaces any photo the story had. The file is decoded and re-encoded as JPEG (at most 1600 px, a 400 px thumbnail), which drops all its metadata, the GPS position included. Refused with 422 and the field `photo`: no file (`seeds.photo_required`), more than one (`uploads.too_many`), larger than 8 MB (`uploads.too_large`), not an image we can read (`uploads.not_an_image`; SVG and PDF included). The photo is served at `GET /c/{community}/photos/{photoId}/full` (or `thumb`) to members.',
        consumes: ['multipart/form-data'],
        params: StoryParams,
        body: StoryPhotoIn,
        response: { 200: StoryOut },
      },
    },
    async (req) =>
      seeds.setStoryPhoto(req.ctx, req.params.varietyId, req.params.storyId, filesOf(req.body.photo)),
  );
  app.delete(
    `${prefix}/:varietyId/stories/:storyId/photo`,
    {
      schema: {
        tags,
        summary: 'Remove a story’s photo',
        description:
          'Only its author. The photo and its files are deleted; 404 `seeds.story_has_no_photo` when the story has none.',
        params: StoryParams,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await seeds.removeStoryPhoto(req.ctx, req.params.varietyId, req.params.storyId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${prefix}/:varietyId/lots`,
    {
      schema: {
        tags,
        summary: 'Put donated seed on the shelf',
        description: `A new lot. \`harvestYear\` from 1950 to this year; \`grownBy\` an active member. ${members}`,
        params: VarietyParams,
        body: LotIn,
        response: { 201: LotOut },
      },
    },
    async (req, reply) => reply.code(201).send(await seeds.addLot(req.ctx, req.params.varietyId, req.body)),
  );
  app.post(
    `${prefix}/:varietyId/lots/:lotId/take`,
    {
      schema: {
        tags,
        summary: 'Take packets',
        description:
          'Takes `packets` from the lot (409 `seeds.not_enough_packets` when fewer are left; concurrent takes never go below zero). With `pledge: true` (or just an `expectedMonth`), also pledges to bring saved seed back in `expectedMonth` (next month to 24 months ahead, in the community’s time zone); one reminder is mailed at 10:00 on the first of that month there, unless the pledge was closed by then. Nothing else is tallied.',
        params: LotParams,
        body: TakeIn,
        response: { 200: TakeOut },
      },
    },
    async (req) => seeds.takePackets(req.ctx, req.params.varietyId, req.params.lotId, req.body),
  );

  app.post(
    `${prefix}/:varietyId/pledges/:pledgeId/return`,
    {
      schema: {
        tags,
        summary: 'Record seed brought back for a pledge',
        description:
          'Creates a new lot grown by the member who pledged, linked to the pledge, and closes the pledge. The member who pledged, or a steward; 409 when the pledge is no longer open.',
        params: PledgeParams,
        body: ReturnIn,
        response: { 201: LotOut },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await seeds.returnPledge(req.ctx, req.params.varietyId, req.params.pledgeId, req.body)),
  );
  for (const action of ['done', 'cancel'] as const) {
    app.post(
      `${prefix}/:varietyId/pledges/:pledgeId/${action}`,
      {
        schema: {
          tags,
          summary: action === 'done' ? 'Mark a pledge done' : 'Cancel a pledge',
          description:
            'The member who pledged, or a steward. No reminder is sent for a closed pledge; 409 when it is no longer open.',
          params: PledgeParams,
          response: { 204: Type.Null() },
        },
      },
      async (req, reply) => {
        const { varietyId, pledgeId } = req.params;
        if (action === 'done') await seeds.markPledgeDone(req.ctx, varietyId, pledgeId);
        else await seeds.cancelPledge(req.ctx, varietyId, pledgeId);
        return reply.code(204).send(null);
      },
    );
  }
}
