/**
 * The lending library's pages: catalog, items, photos. Loans and the waitlist are in
 * `loan-routes.ts`, the stewards' tools in `steward-routes.ts`, the JSON API in `api.ts`.
 * `libraryRoutes(app)` registers all of them.
 */
import { h } from 'preact';
import { photoLimit } from '../../platform/http/rate-limit.ts';
import { sendPage } from '../../platform/http/render.ts';
import type { App } from '../../platform/module.ts';
import { filesOf } from '../../platform/uploads/multipart.ts';
import { emptyForm, refusedForm } from '../../web/components/form.tsx';
import { viewOf } from '../../web/view.ts';
import { libraryApi } from './api.ts';
import { loanRoutes } from './loan-routes.ts';
import { CatalogPage } from './pages/catalog.tsx';
import { ItemPage } from './pages/item.tsx';
import { ItemFormPage } from './pages/item-form.tsx';
import {
  CatalogQuery,
  CommunityParams,
  ItemFormIn,
  ItemParams,
  PhotoParams,
  PhotosFormIn,
} from './schema.ts';
import * as library from './service.ts';
import { stewardRoutes } from './steward-routes.ts';

/** Registers the library's pages and API, in the community scope. */
export function libraryRoutes(app: App): void {
  itemRoutes(app);
  loanRoutes(app);
  stewardRoutes(app);
  libraryApi(app);
}

function itemRoutes(app: App): void {
  const hide = true;
  const path = (slug: string, rest = '') => `/c/${slug}/library${rest}`;

  app.get(
    '/c/:community/library',
    { config: { pageCache: true }, schema: { hide, params: CommunityParams, querystring: CatalogQuery } },
    async (req, reply) => {
      const result = await library.listCatalog(req.ctx, req.query);
      return sendPage(reply, h(CatalogPage, { view: viewOf(req, reply), ...result, query: req.query }));
    },
  );

  app.get(
    '/c/:community/library/items/new',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) => {
      library.assertMayAddItem(req.ctx);
      return sendPage(
        reply,
        h(ItemFormPage, {
          view: viewOf(req, reply),
          state: emptyForm({ loanDays: 7, condition: 'good', valueBand: 'low', owner: 'me' }),
          places: await library.itemPlaceChoices(req.ctx),
        }),
      );
    },
  );

  app.post(
    '/c/:community/library/items',
    {
      schema: { hide, params: CommunityParams, body: ItemFormIn },
      config: {
        ...photoLimit,
        form: async (req, reply, errors) =>
          h(ItemFormPage, {
            view: viewOf(req, reply),
            state: refusedForm(req.body, errors),
            places: await library.itemPlaceChoices(req.ctx),
          }),
      },
    },
    async (req, reply) => {
      const item = await library.addItem(req.ctx, req.body, filesOf(req.body.photos));
      return reply.redirect(path(req.params.community, `/items/${item.id}`), 303);
    },
  );

  app.get(
    '/c/:community/library/items/:itemId',
    { config: { pageCache: true }, schema: { hide, params: ItemParams } },
    async (req, reply) => {
      const detail = await library.getItem(req.ctx, req.params.itemId);
      const start = detail.today;
      return sendPage(
        reply,
        h(ItemPage, { view: viewOf(req, reply), detail, state: emptyForm({ startsOn: start }) }),
      );
    },
  );

  const editForm = async (req: any, reply: any, errors: any[] = [], values?: Record<string, unknown>) => {
    const item = await library.getItemForm(req.ctx, req.params.itemId);
    const detail = await library.getItem(req.ctx, req.params.itemId);
    return h(ItemFormPage, {
      view: viewOf(req, reply),
      state: values ? refusedForm(values, errors) : emptyForm(item),
      itemId: item.id,
      photos: detail.item.photos,
      places: await library.itemPlaceChoices(req.ctx),
    });
  };

  app.get(
    '/c/:community/library/items/:itemId/edit',
    { schema: { hide, params: ItemParams } },
    async (req, reply) => {
      return sendPage(reply, await editForm(req, reply));
    },
  );

  app.post(
    '/c/:community/library/items/:itemId',
    {
      schema: { hide, params: ItemParams, body: ItemFormIn },
      config: {
        form: (req, reply, errors) => editForm(req, reply, errors, req.body as Record<string, unknown>),
      },
    },
    async (req, reply) => {
      await library.editItem(req.ctx, req.params.itemId, req.body);
      return reply.redirect(path(req.params.community, `/items/${req.params.itemId}`), 303);
    },
  );

  app.post(
    '/c/:community/library/items/:itemId/photos',
    {
      schema: { hide, params: ItemParams, body: PhotosFormIn },
      config: { ...photoLimit, form: (req, reply, errors) => editForm(req, reply, errors, {}) },
    },
    async (req, reply) => {
      await library.addItemPhotos(req.ctx, req.params.itemId, filesOf(req.body.photos));
      return reply.redirect(path(req.params.community, `/items/${req.params.itemId}/edit`), 303);
    },
  );

  app.post(
    '/c/:community/library/items/:itemId/archive',
    {
      schema: { hide, params: ItemParams },
      config: {
        form: async (req, reply, errors) =>
          h(ItemPage, {
            view: viewOf(req, reply),
            detail: await library.getItem(req.ctx, (req.params as { itemId: string }).itemId),
            state: refusedForm({}, errors),
          }),
      },
    },
    async (req, reply) => {
      await library.archiveItem(req.ctx, req.params.itemId);
      return reply.redirect(path(req.params.community), 303);
    },
  );

  app.post(
    '/c/:community/library/items/:itemId/photos/:photoId/remove',
    { schema: { hide, params: PhotoParams } },
    async (req, reply) => {
      await library.removeItemPhoto(req.ctx, req.params.itemId, req.params.photoId);
      return reply.redirect(path(req.params.community, `/items/${req.params.itemId}/edit`), 303);
    },
  );
}
