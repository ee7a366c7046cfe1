/**
 * One search across the community: posts, library items and seed varieties from the full-text
 * index (each feature keeps its documents there), and neighbors whose shared skills match, from
 * the profiles feature (skills are per person, not per community, so they are not indexed here).
 * So "ladder" finds the shed's ladder, a neighbor's ladder and an open request for one.
 */
import { requireMember } from '../../platform/access.ts';
import type { CommunityContext, Ctx } from '../../platform/context.ts';
import { documents, rankByKind, type SearchKind } from '../../platform/search/index.ts';
import { versionedCache } from '../../platform/versioned-cache.ts';
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

/** The kinds in the order a page lists them. */
export const kinds: readonly SearchKind[] = ['post', 'item', 'variety', 'member'];

/** Results of each kind on one page. */
export const pageSize = 20;

/** One page of a search. */
export interface SearchResults {
  /** At most `pageSize` of each kind, grouped by kind, best first within it. */
  results: SearchResult[];
  /** The kinds with results beyond this page. */
  more: SearchKind[];
}

// Results are the same for every member, so they are kept per community, data version, kind,
// page and query: after a new post, the first reader's search runs the queries and the next
// ones only render.
const kept = versionedCache<SearchResults>(500);

/**
 * Page `page` (1 unless given) of everything of the community matching `q`, for an active
 * member: `pageSize` results of each kind, the best first; `kind` narrows it. Refuses outsiders
 * as the platform gate does (401, or 403 `errors.members_only`).
 */
export async function searchCommunity(
  ctx: Ctx,
  q: string,
  options: { kind?: SearchKind; page?: number } = {},
): Promise<SearchResults> {
  const { community } = requireMember(ctx);
  if (!q.trim()) return { results: [], more: [] };
  const { kind, page = 1 } = options;
  return kept(ctx, community, `${kind ?? ''}\n${page}\n${q.trim()}`, () =>
    find(ctx, community, q, kind, page),
  );
}

async function find(
  ctx: Ctx,
  community: CommunityContext,
  q: string,
  kind: SearchKind | undefined,
  page: number,
): Promise<SearchResults> {
  const skip = (page - 1) * pageSize;
  const ranked =
    kind === 'member'
      ? new Map<SearchKind, string[]>()
      : await rankByKind(ctx.db, ctx.dialect, community.id, q, {
          kinds: kind ? [kind] : ['post', 'item', 'variety'],
          languages: community.languageList,
        });
  // This page's part of each kind's ranking: only these documents are read.
  const more = new Set<SearchKind>();
  const shown: string[] = [];
  for (const k of kinds) {
    const ids = ranked.get(k) ?? [];
    shown.push(...ids.slice(skip, skip + pageSize));
    if (ids.length > skip + pageSize) more.add(k);
  }
  const hits = await documents(ctx.db, community.id, shown);
  const subjects = (of: SearchKind) => hits.filter((h) => h.kind === of).map((h) => h.subjectId);
  const items = new Map((await itemsByIds(ctx, subjects('item'))).map((i) => [i.id, i]));
  const posts = new Map((await postsByIds(ctx, subjects('post'))).map((p) => [p.id, p]));
  const results: SearchResult[] = hits.map((h) => {
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
    // One more than a page tells whether there is another.
    const members = await listDirectory(ctx, { q, teachOnly: true }, { limit: pageSize + 1, offset: skip });
    if (members.length > pageSize) more.add('member');
    for (const m of members.slice(0, pageSize)) {
      results.push({
        kind: 'member',
        id: m.id,
        title: m.displayName,
        url: `/c/${community.slug}/members/${m.id}`,
        detail: m.skillsToShare.join(', '),
      });
    }
  }
  return { results, more: kinds.filter((k) => more.has(k)) };
}
