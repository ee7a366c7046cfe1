/**
 * A request's standing in brief — who holds the session, in which community, with which role
 * and at which data version — as every stored page is checked against it (`http/page-cache.ts`)
 * and the live stream before each event. The resolving statement of `context.ts` with fewer
 * columns, rules and all.
 *
 * On SQLite a standing is kept in memory, found again only while nothing at all has been
 * committed to the database since it was read — by this process or any other on the file
 * (`StampedReads`: `PRAGMA data_version` and this connection's count of writes, checked on every
 * request) — and while the session has not ended by the service clock. So it is never stale: a
 * member removed, a session signed out everywhere or a phone number hidden by another process
 * moves the data version, and the next request reads the database again. On PostgreSQL, where no
 * such check costs less than the statement itself, the statement runs with every request.
 */
import { LRUCache } from 'lru-cache';
import { hashToken } from './auth/sessions.ts';
import { compiledBrief, resolvingParameters, runResolving, type Services, slot } from './context.ts';
import type { Stamp, StampedReads } from './db/connect.ts';
import type { MembershipStatus, Role } from './db/database.ts';
import { iso } from './db/time.ts';

/**
 * A resolution in brief, by session token and slug: what a stored page is checked against on
 * every request. Each field is null when that part did not match. Shared: never changed.
 */
export interface Standing {
  accountId: string | null;
  /** The account's chosen language. */
  accountLocale: string | null;
  communityId: string | null;
  /** The community's languages, comma-separated. */
  communityLanguages: string | null;
  /** The community's data version (see `CommunityContext.dataVersion`). */
  dataVersion: number | null;
  role: Role | null;
  status: MembershipStatus | null;
  /** The session's id and when it was last extended, to extend it once a day. */
  session: { id: string; lastSeenAt: string } | null;
}

/** A standing read from SQLite, with the stamp of the read and when its session ends (ms). */
interface Kept {
  standing: Standing;
  stamp: Stamp;
  /** The token's hash, to read the standing again after a commit without hashing anew. */
  tokenHash: string;
  /** When the session ends, in ms of the service clock; Infinity without a session. */
  endsMs: number;
}

/** How many standings SQLite keeps (one per browser and community seen lately). */
const keptStandings = 10_000;
const kept = new WeakMap<StampedReads, LRUCache<string, Kept>>();

function keptOf(stamped: StampedReads): LRUCache<string, Kept> {
  let standings = kept.get(stamped);
  if (!standings) {
    standings = new LRUCache({ max: keptStandings });
    kept.set(stamped, standings);
  }
  return standings;
}

function standingOf(found: Record<string, unknown>): Standing {
  const text = (v: unknown) => (v == null ? null : String(v));
  return {
    accountId: text(found.accountId),
    accountLocale: text(found.accountLocale),
    communityId: text(found.communityId),
    communityLanguages: text(found.communityLanguages),
    dataVersion: found.dataVersion == null ? null : Number(found.dataVersion),
    role: (found.membershipRole as Role | null) ?? null,
    status: (found.membershipStatus as MembershipStatus | null) ?? null,
    session:
      found.accountId == null
        ? null
        : { id: String(found.sessionId), lastSeenAt: String(found.sessionLastSeenAt) },
  };
}

/**
 * The `Standing` of the holder of session `token` in the community `slug` (any case), as the
 * database holds it now: on SQLite the kept one while nothing was committed since it was read
 * (see above), else read.
 */
export async function resolveStanding(
  s: Pick<Services, 'db' | 'clock' | 'stamped'>,
  token: string,
  slug: string,
): Promise<Standing> {
  const now = s.clock.now();
  const key = `${slug.toLowerCase()}\n${token}`;
  const standings = s.stamped && keptOf(s.stamped);
  const known = standings?.get(key);
  // The session's end first: an ended session is nobody's, whatever else holds.
  if (known && now.getTime() < known.endsMs && s.stamped?.unchanged(known.stamp)) return known.standing;

  const query = compiledBrief(s.db);
  // After any commit every kept standing is read again once: the hash is the same.
  const tokenHash = known?.tokenHash ?? hashToken(token);
  const parameters = resolvingParameters(query, {
    [slot.tokenHash]: tokenHash,
    [slot.now]: iso(now),
    [slot.accountId]: undefined,
    [slot.communityId]: undefined,
    [slot.slug]: slug.toLowerCase(),
  });
  const read = s.stamped?.read(query.sql, parameters);
  if (!read?.row) return standingOf(await runResolving(s.db, query, parameters));
  const standing = standingOf(read.row);
  const ends = read.row.sessionExpiresAt;
  // Without a session the answer holds until a write: a session never comes back by the clock.
  standings?.set(key, {
    standing,
    stamp: read.stamp,
    tokenHash,
    endsMs: standing.session ? Date.parse(String(ends)) : Number.POSITIVE_INFINITY,
  });
  return standing;
}
