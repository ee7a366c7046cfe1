/** `GET /c/:community/search` and `GET /api/v1/communities/:community/search`. */
import { h } from 'preact';
import { sendPage } from '../../platform/http/render.ts';
import type { App } from '../../platform/module.ts';
import { viewOf } from '../../web/view.ts';
import { SearchPage } from './pages/search.tsx';
import { SearchOut, SearchParams, SearchQuery } from './schema.ts';
import { searchCommunity } from './service.ts';

/** Registers the search page and API. */
export function searchRoutes(app: App): void {
  app.get(
    '/c/:community/search',
    { config: { pageCache: true }, schema: { hide: true, params: SearchParams, querystring: SearchQuery } },
    async (req, reply) => {
      const { q = '', kind, page = 1 } = req.query;
      const found = await searchCommunity(req.ctx, q, { kind, page });
      return sendPage(reply, h(SearchPage, { view: viewOf(req, reply), q, kind, page, ...found }));
    },
  );
  app.get(
    '/api/v1/communities/:community/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Search posts, library items, seed varieties and members’ skills',
        description:
          'For active members. Every word must match; each also matches as a prefix ("lad" finds "ladder"). 20 results of each kind a page; `more` names the kinds with a next page.',
        params: SearchParams,
        querystring: SearchQuery,
        response: { 200: SearchOut },
      },
    },
    async (req) => {
      const { q = '', kind, page = 1 } = req.query;
      return { q, page, ...(await searchCommunity(req.ctx, q, { kind, page })) };
    },
  );
}
