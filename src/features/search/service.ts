/**
 * One search across the community: posts, library items and seed varieties from the full-text
 * index (each feature keeps its documents there), and neighbors whose shared skills match, from
 * the profiles feature (skills are per person, not per community, so they are not indexed here).
 * So "ladder" finds the shed's ladder, a neighbor's ladder and an open request for one.
 */
import type { Ctx } from '../../platform/context.ts';
import { type DataChanges, dependOn, ValidatedCache } from '../../platform/db/changes.ts';
import type { Community } from '../../platform/db/database.ts';
import { authorize, Unauthenticated } from '../../platform/errors.ts';
import { type SearchKind, search } from '../../platform/search/index.ts';
import { listDirectory } from '../profiles/service.ts';

/** One result, best first within its kind; `detail` names a member's matching skills. */
export interface SearchResult {
  kind: SearchKind;
  id: string;
  title: string;
  url: string;
  detail?: string;
}

/** Most results of each kind. */
export const perKind = 30;

// The tables results are read from: the index, and members with their skills.
const readFrom = ['search_document', 'account', 'membership', 'skill'];
// Results are the same for every member, so they are kept per community and query (one cache
// per database) until those tables change: after a new post, the first reader's search runs the
// queries and the next ones only render.
const caches = new WeakMap<DataChanges, ValidatedCache<SearchResult[]>>();

function cacheFor(ctx: Ctx): ValidatedCache<SearchResult[]> {
  let cache = caches.get(ctx.changes);
  if (!cache) {
    cache = new ValidatedCache(ctx.changes, () => ctx.clock.now().getTime(), {
      maxEntries: 500,
      maxAgeMs: 60_000,
    });
    caches.set(ctx.changes, cache);
  }
  return cache;
}

/**
 * Everything of `community` matching `q`, for an active member; `kind` narrows it.
 * Throws `Unauthenticated` for a visitor and `Forbidden('errors.members_only')` for a non-member.
 */
export async function searchCommunity(
  ctx: Ctx,
  community: Community,
  q: string,
  kind?: SearchKind,
): Promise<SearchResult[]> {
  if (!ctx.actor.accountId) throw new Unauthenticated();
  authorize(ctx.actor.communityId === community.id && ctx.actor.role !== 'visitor', 'errors.members_only');
  if (!q.trim()) return [];
  const cache = cacheFor(ctx);
  // The language orders the members found (each language sorts names its own way).
  const key = `${community.id}\n${ctx.locale}\n${kind ?? ''}\n${q.trim()}`;
  dependOn(readFrom);
  const cached = cache.get(key);
  if (cached) return cached;
  const validity = ctx.changes.validity(readFrom);
  const results = await find(ctx, community, q, kind);
  cache.set(key, validity, results);
  return results;
}

async function find(ctx: Ctx, community: Community, q: string, kind?: SearchKind): Promise<SearchResult[]> {
  const indexed =
    kind === 'member'
      ? []
      : await search(ctx.db, ctx.dialect, community.id, q, {
          limit: perKind * 3,
          kinds: kind ? [kind] : ['post', 'item', 'variety'],
        });
  const results: SearchResult[] = indexed.map((h) => ({
    kind: h.kind,
    id: h.subjectId,
    title: h.title,
    url: h.url,
  }));
  if (!kind || kind === 'member') {
    const members = await listDirectory(ctx, community, { q, teachOnly: true });
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
