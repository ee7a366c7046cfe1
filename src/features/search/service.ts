/**
 * One search across the community: posts, library items and seed varieties from the full-text
 * index (each feature keeps its documents there), and neighbors whose shared skills match, from
 * the profiles feature (skills are per person, not per community, so they are not indexed here).
 * So "ladder" finds the shed's ladder, a neighbor's ladder and an open request for one.
 */
import type { Ctx } from '../../platform/context.ts';
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
