/**
 * One search across the community: posts, library items and seed varieties from the full-text
 * index (each feature keeps its documents there), and neighbors whose shared skills match, from
 * the profiles feature (skills are per person, not per community, so they are not indexed here).
 * So "ladder" finds the shed's ladder, a neighbor's ladder and an open request for one.
 */
import { LRUCache } from 'lru-cache';
import { requireMember } from '../../platform/access.ts';
import type { CommunityContext, Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { type SearchKind, search } from '../../platform/search/index.ts';
import { itemsByIds } from '../library/service.ts';
import { postsByIds } from '../posts/service.ts';
import { listDirectory } from '../profiles/service.ts';

/**
 * One result, best first within its kind; `detail` names a member's matching skills. A library
 * item tells its category, who lends it (none: the community shed) and whether it is free
 * today; a post whether it is an offer or a request, its category and who it is for.
 */
export interface SearchResult {
  kind: SearchKind;
  id: string;
  title: string;
  url: string;
  detail?: string;
  category?: string;
  owner?: string;
  available?: boolean;
  postKind?: 'offer' | 'request';
}

/** Most results of each kind. */
export const perKind = 30;

// Results are the same for every member, so they are kept per community, data version (read with
// the request, moved by the database with every write the results could show), language and
// query: after a new post, the first reader's search runs the queries and the next ones only
// render. One cache per database handle (tests run several); at most a minute old.
const caches = new WeakMap<Db, LRUCache<string, SearchResult[]>>();

function cacheFor(ctx: Ctx): LRUCache<string, SearchResult[]> {
  let cache = caches.get(ctx.db);
  if (!cache) {
    cache = new LRUCache({
      max: 500,
      ttl: 60_000,
      ttlResolution: 0,
      perf: { now: () => ctx.clock.now().getTime() },
    });
    caches.set(ctx.db, cache);
  }
  return cache;
}

/**
 * Everything of the community matching `q`, for an active member; `kind` narrows it. Refuses
 * outsiders as the platform gate does (401, or 403 `errors.members_only`).
 */
export async function searchCommunity(ctx: Ctx, q: string, kind?: SearchKind): Promise<SearchResult[]> {
  const { community } = requireMember(ctx);
  if (!q.trim()) return [];
  const version = community.dataVersion;
  if (version === null) return find(ctx, community, q, kind);
  const cache = cacheFor(ctx);
  // The language orders the members found (each language sorts names its own way).
  const key = `${community.id}\n${version}\n${ctx.locale}\n${kind ?? ''}\n${q.trim()}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const results = await find(ctx, community, q, kind);
  cache.set(key, results);
  return results;
}

async function find(
  ctx: Ctx,
  community: CommunityContext,
  q: string,
  kind?: SearchKind,
): Promise<SearchResult[]> {
  const indexed =
    kind === 'member'
      ? []
      : await search(ctx.db, ctx.dialect, community.id, q, {
          limit: perKind * 3,
          kinds: kind ? [kind] : ['post', 'item', 'variety'],
          languages: community.languageList,
        });
  const items = new Map(
    (
      await itemsByIds(
        ctx,
        indexed.filter((h) => h.kind === 'item').map((h) => h.subjectId),
      )
    ).map((i) => [i.id, i]),
  );
  const posts = new Map(
    (
      await postsByIds(
        ctx,
        indexed.filter((h) => h.kind === 'post').map((h) => h.subjectId),
      )
    ).map((p) => [p.id, p]),
  );
  const results: SearchResult[] = indexed.map((h) => {
    const result: SearchResult = { kind: h.kind, id: h.subjectId, title: h.title, url: h.url };
    const item = items.get(h.subjectId);
    if (h.kind === 'item' && item) {
      Object.assign(result, { category: item.category, available: item.availableToday });
      if (item.ownerName !== null) result.owner = item.ownerName;
    }
    const post = posts.get(h.subjectId);
    if (h.kind === 'post' && post) {
      Object.assign(result, { category: post.category, postKind: post.kind, owner: post.author.displayName });
    }
    return result;
  });
  if (!kind || kind === 'member') {
    const members = await listDirectory(ctx, { q, teachOnly: true });
    for (const m of members.slice(0, perKind)) {
      results.push({
        kind: 'member',
        id: m.id,
        title: m.displayName,
        url: `/c/${community.slug}/members/${m.id}`,
        detail: m.skillsToShare.join(', '),
      });
    }
  }
  return results;
}
