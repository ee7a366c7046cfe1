/**
 * The outsider rule of `platform/access.ts`, checked on every route of the community scope —
 * every feature's pages and API, read and write, a route added tomorrow included:
 * - a community that does not exist: 404 `communities.not_found`;
 * - nobody signed in: 401 (a page: 303 to sign in);
 * - signed in but not an active member (never joined, pending, declined, left, removed): 403
 *   `errors.members_only`;
 * - an active member of any role gets past the gate (what they may do there is each feature's
 *   own, tested with it).
 * Only the community's page and joining are public.
 */
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Community, MembershipStatus, Role } from '../src/platform/db/database.ts';
import { newId } from '../src/platform/db/ids.ts';
import { type CommunityRoute, communityRoutesOf } from '../src/platform/http/community.ts';
import { type Client, useTestApp } from './support/app.ts';

const t = useTestApp();

/**
 * The routes anyone may use: the community's page, joining, a steward's sign-in link, and the
 * public page of a fridge or pantry with its photos, its reports and its shifts' calendar feed
 * (another place is 404 to an outsider there, its feed for members only), and a household's or
 * driver's personal link of the ride network, a drill's check-in (a buddy's too) or an alert's (an unknown token is 404),
 * and the invite page of a public gathering (one that is not public is 404), a needs survey's
 * page for answering by its link (another community's survey is 404), and the newsletters a
 * steward published as public: their list, page, sheet and feed (any other issue is 404).
 */
const publicRoutes = [
  'GET /c/:community',
  'GET /c/:community/join',
  'POST /c/:community/join',
  'GET /c/:community/back/:token',
  'POST /c/:community/back',
  'GET /api/v1/communities/:community',
  'POST /api/v1/communities/:community/join',
  'GET /c/:community/p/:placeId',
  'GET /c/:community/p/:placeId/sign',
  'GET /c/:community/p/:placeId/photos/:photoId/:size',
  'POST /c/:community/p/:placeId/report',
  'POST /api/v1/communities/:community/places/:placeId/reports',
  'GET /c/:community/shifts/places/:placeId/shifts.ics',
  'GET /c/:community/evacuation/check-in/:token',
  'POST /c/:community/evacuation/check-in/:token',
  'POST /c/:community/evacuation/check-in/:token/buddy',
  'GET /api/v1/communities/:community/evacuation/check-in/:token',
  'POST /api/v1/communities/:community/evacuation/check-in/:token',
  'GET /c/:community/evacuation/safe/:token',
  'POST /c/:community/evacuation/safe/:token',
  'POST /c/:community/evacuation/safe/:token/route',
  'GET /c/:community/gatherings/:gatheringId/:occurrence/invite',
  'POST /c/:community/gatherings/:gatheringId/:occurrence/invite',
  'GET /c/:community/surveys/:surveyId/answer',
  'POST /c/:community/surveys/:surveyId/answer',
  'POST /api/v1/communities/:community/surveys/:surveyId/link-answers',
  'GET /c/:community/newsletters',
  'GET /c/:community/newsletters.atom',
  'GET /c/:community/newsletters/:newsletterId',
  'GET /c/:community/newsletters/:newsletterId/sheet',
  'GET /api/v1/communities/:community/newsletters',
  'GET /api/v1/communities/:community/newsletters/:newsletterId',
];

/** `url` with `:community` as `slug` and every other parameter filled with a value of its shape. */
function pathOf(url: string, slug: string): string {
  return url.replace(/:(\w+)/g, (_, name: string) => {
    if (name === 'community') return slug;
    if (name === 'action') return 'approve';
    if (name === 'size') return 'thumb';
    return newId();
  });
}

/** Sends `route` as `client`, the way a browser (pages) or an API client would. */
async function send(client: Client, route: CommunityRoute, slug: string): Promise<LightMyRequestResponse> {
  const path = pathOf(route.url, slug);
  if (route.url.startsWith('/api/')) {
    const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : {};
    return client.api(route.method as 'GET', path, body);
  }
  if (route.method === 'GET') return client.get(path);
  return client.post(path, {});
}

/** What the client got, for a message: status, and the problem's code or the redirect. */
function outcome(res: LightMyRequestResponse): string {
  const code = res.headers['content-type']?.toString().includes('json') ? res.json().code : undefined;
  return `${res.statusCode} ${code ?? res.headers.location ?? ''}`.trim();
}

let community: Community;
let routes: CommunityRoute[];
let guarded: CommunityRoute[];

beforeAll(async () => {
  ({ community } = await t.community());
  routes = communityRoutesOf(t.app).filter((r) => r.method !== 'HEAD');
  guarded = routes.filter((r) => !publicRoutes.includes(`${r.method} ${r.url}`));
});

describe('the outsider rule, on every route of a community', () => {
  it('lists every community route once, and marks only the community page and joining public', () => {
    expect(routes.length).toBeGreaterThan(100);
    expect(routes.filter((r) => r.public).map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining(publicRoutes),
    );
    expect(routes.filter((r) => r.public)).toHaveLength(publicRoutes.length);
  });

  it('answers 404 for a community that does not exist, to a member of another one too', async () => {
    const member = await t.as(await t.member(community));
    const wrong: string[] = [];
    for (const route of routes) {
      const res = await send(member, route, 'no-such-street');
      if (res.statusCode !== 404) wrong.push(`${route.method} ${route.url}: ${outcome(res)}`);
      else if (route.url.startsWith('/api/')) expect(res.json().code).toBe('communities.not_found');
    }
    expect(wrong).toEqual([]);
  });

  it('answers 401 to a visitor (a page sends them to sign in, and back)', async () => {
    const visitor = t.visitor();
    const wrong: string[] = [];
    for (const route of guarded) {
      const res = await send(visitor, route, community.slug);
      const api = route.url.startsWith('/api/');
      const ok = api
        ? res.statusCode === 401 && res.json().code === 'errors.sign_in_required'
        : res.statusCode === 303 && res.headers.location?.toString().startsWith('/login?next=%2Fc%2F');
      if (!ok) wrong.push(`${route.method} ${route.url}: ${outcome(res)}`);
    }
    expect(wrong).toEqual([]);
  });

  const outsiders: [string, MembershipStatus | null][] = [
    ['someone who never joined', null],
    ['someone whose request is pending', 'pending'],
    ['someone whose request was declined', 'declined'],
    ['someone who left', 'left'],
    ['someone a steward removed', 'removed'],
  ];
  it.each(outsiders)('answers 403 members_only to %s, and changes nothing', async (_, status) => {
    const account = await t.account();
    if (status) await t.membership(community, account, 'member', status);
    const client = await t.as(account);
    const before = await counts();
    const wrong: string[] = [];
    for (const route of guarded) {
      const res = await send(client, route, community.slug);
      const api = route.url.startsWith('/api/');
      // A page points them to the community's page, which says where they stand and how to join.
      const ok =
        res.statusCode === 403 &&
        (api
          ? res.json().code === 'errors.members_only'
          : res.body.includes('where you stand, and how to join'));
      if (!ok) wrong.push(`${route.method} ${route.url}: ${outcome(res)}`);
    }
    expect(wrong).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it.each(['member', 'coordinator', 'steward'] as Role[])(
    'lets an active %s through the gate on every page and read',
    async (role) => {
      const client = await t.as(await t.member(community, role));
      const wrong: string[] = [];
      for (const route of routes.filter((r) => r.method === 'GET' && !r.url.endsWith('/live'))) {
        const res = await send(client, route, community.slug);
        // Pages say it in words, the API by code.
        const refused =
          res.statusCode === 401 ||
          res.statusCode === 303 ||
          /errors\.members_only|This is for members of the community/.test(res.body) ||
          /communities\.not_found|We could not find this community/.test(res.body);
        if (refused || res.statusCode >= 500) wrong.push(`${route.method} ${route.url}: ${outcome(res)}`);
      }
      expect(wrong).toEqual([]);
    },
  );
});

/** Rows in the tables an outsider's request could have written to. */
async function counts(): Promise<Record<string, number>> {
  const tables = ['item', 'loan', 'post', 'seed_variety', 'invite', 'membership', 'conversation', 'message'];
  const out: Record<string, number> = {};
  for (const table of tables) {
    const { n } = await t.services.db
      .selectFrom(table as 'item')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('communityId', '=', community.id)
      .executeTakeFirstOrThrow();
    out[table] = Number(n);
  }
  return out;
}
