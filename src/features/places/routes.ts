/**
 * Places' pages: the list (and map), each place, adding and editing, reports, and the public page
 * of a fridge or pantry with its report form, which anyone may use without an account. The JSON
 * API is in `api.ts`. `placeRoutes(app)` registers all of them.
 */
import { createReadStream, existsSync } from 'node:fs';
import { h } from 'preact';
import { type FieldError, Invalid, NotFound } from '../../platform/errors.ts';
import { flash } from '../../platform/http/flash.ts';
import { photoLimit } from '../../platform/http/rate-limit.ts';
import { sendPage } from '../../platform/http/render.ts';
import type { App } from '../../platform/module.ts';
import { qrCodeSvg } from '../../platform/qr.ts';
import { filesOf } from '../../platform/uploads/multipart.ts';
import { emptyForm, refusedForm } from '../../web/components/form.tsx';
import { viewOf } from '../../web/view.ts';
import * as shifts from '../shifts/service.ts';
import { placesApi, reportLimit } from './api.ts';
import { PlaceFormPage } from './pages/form.tsx';
import { PlacesPage } from './pages/list.tsx';
import { PlacePage } from './pages/place.tsx';
import { PublicPlacePage } from './pages/public.tsx';
import { SignPage } from './pages/sign.tsx';
import {
  CommunityParams,
  degrees,
  type OpeningHoursValue,
  PhotosFormIn,
  PlaceFormIn,
  type PlaceInput,
  PlaceParams,
  PlacePhotoParams,
  PublicPhotoParams,
  ReportFormIn,
  type ReportInput,
  ReportParams,
  weekdays,
} from './schema.ts';
import * as places from './service.ts';

/** Registers places' pages and API, in the community scope. */
export function placeRoutes(app: App): void {
  pages(app);
  publicPages(app);
  placesApi(app);
}

/** The tile server and attribution the pages' maps use. */
function mapOf(req: { ctx: { config: { mapTileUrl: string; mapAttribution: string } } }) {
  return { tiles: req.ctx.config.mapTileUrl, attribution: req.ctx.config.mapAttribution };
}

/**
 * The form's values with the point found from its address (the form's "Find the point" button,
 * shown when a geocoder is set); `Invalid` on the address when none is found.
 */
async function withPoint(
  req: { ctx: any; body: unknown },
  placeId: string | null,
): Promise<Record<string, unknown>> {
  const { findPoint: _f, photos: _p, ...values } = req.body as Record<string, unknown>;
  const point = await places.findPoint(req.ctx, values.address as string | undefined, placeId);
  return { ...values, latitude: point.latitude, longitude: point.longitude };
}

type FormBody = Record<string, unknown> & { volunteers?: string[] };

/** The API's place input from the page form's flat fields (opening hours: a box and two times a day). */
function fromForm(body: FormBody): { input: PlaceInput; volunteers?: string[] } {
  const { alwaysOpen, volunteers, photos: _photos, ...rest } = body;
  const hours: OpeningHoursValue = { alwaysOpen: Boolean(alwaysOpen) };
  const errors: FieldError[] = [];
  for (const d of weekdays) {
    const opens = rest[`${d}Opens`] as string | undefined;
    const closes = rest[`${d}Closes`] as string | undefined;
    delete rest[`${d}Opens`];
    delete rest[`${d}Closes`];
    // Half a day's hours: say which half is missing.
    if (Boolean(opens) !== Boolean(closes))
      errors.push({ field: opens ? `${d}Closes` : `${d}Opens`, code: 'places.errors.hours_need_both' });
    else if (opens && closes) hours[d] = { opens, closes };
  }
  errors.push(...places.hoursErrors(hours, (d) => `${d}Closes`));
  for (const [field, limit] of [
    ['latitude', 90],
    ['longitude', 180],
  ] as const) {
    if (typeof rest[field] !== 'string') continue;
    const value = degrees(rest[field]);
    rest[field] = value;
    if (Math.abs(value) > limit)
      errors.push({
        field,
        code: value < 0 ? 'validation.minimum' : 'validation.maximum',
        params: { limit: value < 0 ? -limit : limit },
      });
  }
  if (errors.length) throw new Invalid(errors);
  const said = hours.alwaysOpen || weekdays.some((d) => hours[d]);
  return { input: { ...(rest as PlaceInput), openingHours: said ? hours : undefined }, volunteers };
}

function pages(app: App): void {
  const hide = true;
  const path = (slug: string, rest = '') => `/c/${slug}/places${rest}`;

  app.get('/c/:community/places', { schema: { hide, params: CommunityParams } }, async (req, reply) => {
    const list = await places.listPlaces(req.ctx);
    return sendPage(reply, h(PlacesPage, { view: viewOf(req, reply), places: list, map: mapOf(req) }));
  });

  const newForm = async (req: any, reply: any, values: Record<string, unknown>, errors: any[] = []) =>
    h(PlaceFormPage, {
      view: viewOf(req, reply),
      state: errors.length ? refusedForm(values, errors) : emptyForm(values),
      members: await places.volunteerChoices(req.ctx),
      mayManage: true,
      map: mapOf(req),
      findPoints: places.canFindPoints(req.ctx),
    });

  app.get('/c/:community/places/new', { schema: { hide, params: CommunityParams } }, async (req, reply) => {
    places.assertMayAddPlace(req.ctx);
    return sendPage(reply, await newForm(req, reply, { kind: 'fridge', addressVisibility: 'members' }));
  });

  app.post(
    '/c/:community/places',
    {
      schema: { hide, params: CommunityParams, body: PlaceFormIn },
      config: {
        ...photoLimit,
        form: (req, reply, errors) => newForm(req, reply, req.body as Record<string, unknown>, errors),
      },
    },
    async (req, reply) => {
      if (req.body.findPoint)
        return sendPage(reply, await newForm(req, reply, await withPoint(req, null), []));
      const { input, volunteers } = fromForm(req.body as FormBody);
      const id = await places.addPlace(req.ctx, input, { volunteers, files: filesOf(req.body.photos) });
      flash(reply, 'places.flash.added');
      return reply.redirect(path(req.params.community, `/${id}`), 303);
    },
  );

  const placePage = async (req: any, reply: any, errors: any[] = [], values: Record<string, unknown> = {}) =>
    h(PlacePage, {
      view: viewOf(req, reply),
      detail: await places.getPlace(req.ctx, req.params.placeId),
      checks: await shifts.latestChecks(req.ctx, req.params.placeId),
      state: errors.length ? refusedForm(values, errors) : emptyForm({}),
    });

  app.get('/c/:community/places/:placeId', { schema: { hide, params: PlaceParams } }, async (req, reply) => {
    return sendPage(reply, await placePage(req, reply));
  });

  const editForm = async (req: any, reply: any, errors: any[] = [], values?: Record<string, unknown>) => {
    const stored = await places.getPlaceForm(req.ctx, req.params.placeId);
    const detail = await places.getPlace(req.ctx, req.params.placeId);
    return h(PlaceFormPage, {
      view: viewOf(req, reply),
      state: values ? refusedForm(values, errors) : emptyForm(stored),
      placeId: req.params.placeId,
      photos: detail.place.photos,
      members: detail.mayManage ? await places.volunteerChoices(req.ctx) : [],
      mayManage: detail.mayManage,
      map: mapOf(req),
      findPoints: places.canFindPoints(req.ctx),
    });
  };

  app.get(
    '/c/:community/places/:placeId/edit',
    { schema: { hide, params: PlaceParams } },
    async (req, reply) => {
      return sendPage(reply, await editForm(req, reply));
    },
  );

  app.post(
    '/c/:community/places/:placeId',
    {
      schema: { hide, params: PlaceParams, body: PlaceFormIn },
      config: {
        form: (req, reply, errors) => editForm(req, reply, errors, req.body as Record<string, unknown>),
      },
    },
    async (req, reply) => {
      if (req.body.findPoint)
        return sendPage(reply, await editForm(req, reply, [], await withPoint(req, req.params.placeId)));
      const { input, volunteers } = fromForm(req.body as FormBody);
      // A volunteer's form has no volunteer boxes: only a steward's changes who they are.
      const manage = (await places.getPlace(req.ctx, req.params.placeId)).mayManage;
      await places.editPlace(
        req.ctx,
        req.params.placeId,
        input,
        manage ? { volunteers: volunteers ?? [] } : {},
      );
      flash(reply, 'places.flash.saved');
      return reply.redirect(path(req.params.community, `/${req.params.placeId}`), 303);
    },
  );

  app.post(
    '/c/:community/places/:placeId/photos',
    {
      schema: { hide, params: PlaceParams, body: PhotosFormIn },
      config: { ...photoLimit, form: (req, reply, errors) => editForm(req, reply, errors, {}) },
    },
    async (req, reply) => {
      await places.addPlacePhotos(req.ctx, req.params.placeId, filesOf(req.body.photos));
      return reply.redirect(path(req.params.community, `/${req.params.placeId}/edit`), 303);
    },
  );

  app.post(
    '/c/:community/places/:placeId/photos/:photoId/remove',
    { schema: { hide, params: PlacePhotoParams } },
    async (req, reply) => {
      await places.removePlacePhoto(req.ctx, req.params.placeId, req.params.photoId);
      return reply.redirect(path(req.params.community, `/${req.params.placeId}/edit`), 303);
    },
  );

  app.post(
    '/c/:community/places/:placeId/archive',
    {
      schema: { hide, params: PlaceParams },
      config: { form: (req, reply, errors) => placePage(req, reply, errors) },
    },
    async (req, reply) => {
      await places.archivePlace(req.ctx, req.params.placeId);
      flash(reply, 'places.flash.archived');
      return reply.redirect(path(req.params.community), 303);
    },
  );

  app.post(
    '/c/:community/places/:placeId/reports',
    {
      schema: { hide, params: PlaceParams, body: ReportFormIn },
      config: {
        // The reports' budget, shared with the API and the public form (a route has one budget:
        // the photo one would replace it).
        ...reportLimit,
        upload: true,
        form: (req, reply, errors) => placePage(req, reply, errors, req.body as Record<string, unknown>),
      },
    },
    async (req, reply) => {
      const { photo, website: _w, ...input } = req.body;
      await places.reportPlace(req.ctx, req.params.placeId, input as ReportInput, filesOf(photo));
      flash(reply, 'places.flash.reported');
      return reply.redirect(path(req.params.community, `/${req.params.placeId}`), 303);
    },
  );

  app.post(
    '/c/:community/places/:placeId/reports/:reportId/hide',
    { schema: { hide, params: ReportParams } },
    async (req, reply) => {
      await places.hideReport(req.ctx, req.params.placeId, req.params.reportId);
      flash(reply, 'places.flash.hidden');
      return reply.redirect(path(req.params.community, `/${req.params.placeId}`), 303);
    },
  );
}

/** The public page of a fridge or pantry and its report form: anyone, no account needed. */
function publicPages(app: App): void {
  const hide = true;
  const page = async (req: any, reply: any, errors: any[] = [], values: Record<string, unknown> = {}) =>
    h(PublicPlacePage, {
      view: viewOf(req, reply),
      place: await places.getPublicPlace(req.ctx, req.params.placeId),
      state: errors.length ? refusedForm(values, errors) : emptyForm({}),
    });

  app.get(
    '/c/:community/p/:placeId',
    { schema: { hide, params: PlaceParams }, config: { public: true } },
    async (req, reply) => sendPage(reply, await page(req, reply)),
  );

  // Its photos, for anyone its public page shows them to: the members' photo route needs a member.
  app.get(
    '/c/:community/p/:placeId/photos/:photoId/:size',
    { schema: { hide, params: PublicPhotoParams }, config: { public: true } },
    async (req, reply) => {
      const { placeId, photoId, size } = req.params;
      const file = await places.publicPlacePhoto(req.ctx, placeId, photoId, size);
      if (!file || !existsSync(file)) throw new NotFound('places.errors.photo_not_found');
      return reply
        .type('image/jpeg')
        .header('cache-control', 'public, max-age=86400')
        .header('x-content-type-options', 'nosniff')
        .send(createReadStream(file));
    },
  );

  app.get(
    '/c/:community/p/:placeId/sign',
    { schema: { hide, params: PlaceParams }, config: { public: true } },
    async (req, reply) => {
      const place = await places.getPublicPlace(req.ctx, req.params.placeId);
      const url = new URL(`/c/${req.params.community}/p/${place.id}`, req.ctx.config.baseUrl).href;
      const qrSvg = await qrCodeSvg(url);
      return sendPage(reply, h(SignPage, { view: viewOf(req, reply), place, url, qrSvg }));
    },
  );

  app.post(
    '/c/:community/p/:placeId/report',
    {
      schema: { hide, params: PlaceParams, body: ReportFormIn },
      config: {
        public: true,
        ...reportLimit,
        upload: 'anyone',
        form: (req, reply, errors) => page(req, reply, errors, req.body as Record<string, unknown>),
      },
    },
    async (req, reply) => {
      const { photo, website, ...input } = req.body;
      const back = `/c/${req.params.community}/p/${req.params.placeId}`;
      // The honeypot: a field people never see. Whatever filled it is thanked and ignored.
      if (!website)
        await places.reportPlace(req.ctx, req.params.placeId, input as ReportInput, filesOf(photo));
      flash(reply, 'places.flash.reported_thanks');
      return reply.redirect(back, 303);
    },
  );
}
