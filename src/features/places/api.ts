/**
 * Places' JSON API under `/api/v1/communities/:community/`: JSON bodies, except a place's photos
 * (`multipart/form-data`). Active members only (401 signed out, 403 otherwise), except reports on
 * a fridge or pantry, which anyone may send; another community's place is 404.
 */
import { Type } from 'typebox';
import { limit, photoLimit } from '../../platform/http/rate-limit.ts';
import type { App } from '../../platform/module.ts';
import { filesOf, maxFileBytes } from '../../platform/uploads/multipart.ts';
import {
  CommunityParams,
  PlaceDetailOut,
  PlaceIn,
  PlaceListOut,
  PlaceParams,
  PlacePhotoIn,
  PlacePhotoParams,
  ReportIn,
  ReportParams,
  VolunteersIn,
} from './schema.ts';
import * as places from './service.ts';

/**
 * Reports, per address (per account when signed in): a household reporting a few places a day
 * fits; a script does not. The public page's form and the API share the budget.
 */
export const reportLimit = limit('place-report', 12, '1 hour', 'account');

const tags = ['places'];
const access = 'Active members only (403 otherwise); another community’s place is 404.';

/** Registers places' API routes. */
export function placesApi(app: App): void {
  const root = '/api/v1/communities/:community';

  app.get(
    `${root}/places`,
    {
      schema: {
        tags,
        summary: 'The community’s places',
        description: `Its live places by name, with their point, stock level, volunteers and photos. ${access}`,
        params: CommunityParams,
        response: { 200: PlaceListOut },
      },
    },
    async (req) => ({ places: await places.listPlaces(req.ctx) }),
  );

  app.post(
    `${root}/places`,
    {
      schema: {
        tags,
        summary: 'Add a place',
        description: `Stewards (403 \`places.errors.only_stewards_add\` otherwise). A point needs both \`latitude\` and \`longitude\`; each day’s \`closes\` comes after its \`opens\` (422 naming the field). ${access}`,
        params: CommunityParams,
        body: PlaceIn,
        response: { 201: PlaceDetailOut },
      },
    },
    async (req, reply) => {
      const id = await places.addPlace(req.ctx, req.body);
      const { place, reports } = await places.getPlace(req.ctx, id);
      return reply.code(201).send({ place, reports });
    },
  );

  app.get(
    `${root}/places/:placeId`,
    {
      schema: {
        tags,
        summary: 'A place with its latest reports',
        description: `Hidden reports, and who made each, only for the place’s volunteers and stewards. ${access}`,
        params: PlaceParams,
        response: { 200: PlaceDetailOut },
      },
    },
    async (req) => {
      const { place, reports } = await places.getPlace(req.ctx, req.params.placeId);
      return { place, reports };
    },
  );

  app.put(
    `${root}/places/:placeId`,
    {
      schema: {
        tags,
        summary: 'Change a place',
        description: `All its fields (one left out is emptied). Its volunteers and stewards (403 \`places.errors.only_keepers\`). ${access}`,
        params: PlaceParams,
        body: PlaceIn,
        response: { 200: PlaceDetailOut },
      },
    },
    async (req) => {
      await places.editPlace(req.ctx, req.params.placeId, req.body);
      const { place, reports } = await places.getPlace(req.ctx, req.params.placeId);
      return { place, reports };
    },
  );

  app.put(
    `${root}/places/:placeId/volunteers`,
    {
      schema: {
        tags,
        summary: 'Name a place’s volunteers',
        description: `Stewards (403 \`places.errors.only_stewards_manage\`); each an active member (422 \`places.errors.volunteer_not_member\`). ${access}`,
        params: PlaceParams,
        body: VolunteersIn,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await places.setPlaceVolunteers(req.ctx, req.params.placeId, req.body.accountIds);
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${root}/places/:placeId/archive`,
    {
      schema: {
        tags,
        summary: 'Archive a place',
        description: `Stewards. It leaves the list, the map and its public page. ${access}`,
        params: PlaceParams,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await places.archivePlace(req.ctx, req.params.placeId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${root}/places/:placeId/photos`,
    {
      config: photoLimit,
      schema: {
        tags,
        summary: 'Add a photo to a place',
        description: `Its volunteers and stewards. A \`multipart/form-data\` body with an image in \`photo\`, re-encoded as JPEG without its metadata (the GPS position included). 422 naming \`photo\`: none, larger than ${maxFileBytes / 1024 / 1024} MB (\`uploads.too_large\`), not an image (\`uploads.not_an_image\`); 409 \`places.errors.photos_full\` beyond ${places.maxPlacePhotos}. ${access}`,
        consumes: ['multipart/form-data'],
        params: PlaceParams,
        body: PlacePhotoIn,
        response: { 201: PlaceDetailOut },
      },
    },
    async (req, reply) => {
      await places.addPlacePhotos(req.ctx, req.params.placeId, filesOf(req.body.photo), 'photo');
      const { place, reports } = await places.getPlace(req.ctx, req.params.placeId);
      return reply.code(201).send({ place, reports });
    },
  );

  app.delete(
    `${root}/places/:placeId/photos/:photoId`,
    {
      schema: {
        tags,
        summary: 'Remove a photo of a place',
        description: `Its volunteers and stewards; 404 \`places.errors.photo_not_found\` when it is not this place’s. ${access}`,
        params: PlacePhotoParams,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await places.removePlacePhoto(req.ctx, req.params.placeId, req.params.photoId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${root}/places/:placeId/reports`,
    {
      config: { public: true, ...reportLimit },
      schema: {
        tags,
        summary: 'Report on a place',
        description:
          'Anyone, without an account, on a fridge or pantry (another kind is 404 to outsiders); members on any place. `stocked` (with `stockLevel`, required) and `empty` set the stock level of a fridge or pantry (422 `places.errors.stock_only_food` on another kind); `cleaned` (members) when it was cleaned; `problem` (with `problem`) tells its volunteers at once. At most 12 an hour per address, or per account when signed in (429). Answers the report’s id.',
        params: PlaceParams,
        body: ReportIn,
        response: { 201: Type.Object({ id: Type.String() }) },
      },
    },
    async (req, reply) => {
      return reply.code(201).send({ id: await places.reportPlace(req.ctx, req.params.placeId, req.body) });
    },
  );

  app.post(
    `${root}/places/:placeId/reports/:reportId/hide`,
    {
      schema: {
        tags,
        summary: 'Hide a report',
        description: `The place’s volunteers and stewards. Its stock level and cleaning date go back to what the visible reports say. ${access}`,
        params: ReportParams,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await places.hideReport(req.ctx, req.params.placeId, req.params.reportId);
      return reply.code(204).send(null);
    },
  );
}
