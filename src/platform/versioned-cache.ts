/**
 * Answers kept for one data version of a community: what a page works out from the community's
 * rows alone (search results, who could teach whom) is kept under the community's data version
 * as the request read it from the database, so the first write anywhere in the community, by any
 * process, makes every answer kept for it unreachable (migration 0014). Never for whether someone
 * may see a thing: the caller's gate runs first, on every request. One cache per database handle
 * (tests run several); an answer counts for at most a minute (the service clock).
 */
import { LRUCache } from 'lru-cache';
import type { CommunityContext, Ctx } from './context.ts';
import type { Db } from './db/database.ts';

/**
 * A cache of at most `max` answers: `(ctx, community, key, make)` gives the answer kept for `key`
 * at the community's data version, or `make()`'s, then kept. Without a version (not read with
 * the request) nothing is kept.
 */
export function versionedCache<V extends object>(
  max: number,
): (ctx: Ctx, community: CommunityContext, key: string, make: () => Promise<V>) => Promise<V> {
  const caches = new WeakMap<Db, LRUCache<string, V>>();
  return async (ctx, community, key, make) => {
    if (community.dataVersion === null) return make();
    let cache = caches.get(ctx.db);
    if (!cache) {
      cache = new LRUCache({
        max,
        ttl: 60_000,
        ttlResolution: 0,
        perf: { now: () => ctx.clock.now().getTime() },
      });
      caches.set(ctx.db, cache);
    }
    const versioned = `${community.id}\n${community.dataVersion}\n${key}`;
    const kept = cache.get(versioned);
    if (kept) return kept;
    const made = await make();
    cache.set(versioned, made);
    return made;
  };
}
