/**
 * A request's standing in brief — who holds the session, in which community, with which role
 * and at which data version — as every stored page is checked against it (`http/page-cache.ts`)
 * and the live stream before each event. The resolving statement of `context.ts` with fewer
 * columns, rules and all.
 *
 * A standing whose session and community matched is kept in memory with two numbers read in the
 * same statement, both kept by the database itself in the transaction of the writes they count:
 * the community's data version (moved by every membership written and every change to the
 * community, migration 0014) and the generation of standings (moved by every session changed or
 * ended and every account's language or erasure changed, migration 0044). It is used again only
 * while one small statement reads both unchanged, and while its session has not ended by the
 * service clock; so a member removed, a role changed, a session signed out everywhere — by this
 * process, another or raw SQL — holds for the very next request, while a post in one community
 * leaves every other community's standings as they were. On SQLite the statement itself is
 * skipped while nothing at all has been committed since the last check (`StampedReads`:
 * `PRAGMA data_version` and this connection's count of writes).
 */

import type { CompiledQuery } from 'kysely';
import { LRUCache } from 'lru-cache';
import { hashToken } from './auth/sessions.ts';
import { compiledBrief, resolvingParameters, runResolving, type Services, slot } from './context.ts';
import type { Stamp } from './db/connect.ts';
import type { Db, MembershipStatus, Role } from './db/database.ts';
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

/** A kept standing, with what tells whether it still holds. */
interface Kept {
  standing: Standing;
  /** The generation of standings it was read at (migration 0044). */
  generation: number;
  /** SQLite: the stamp of its last check (undefined: check with the statement). */
  stamp: Stamp | undefined;
  /** The token's hash, to read the standing again without hashing anew. */
  tokenHash: string;
  /** When the session ends, in ms of the service clock. */
  endsMs: number;
}

/** How many standings are kept (one per browser and community seen lately). */
const keptStandings = 10_000;
const kept = new WeakMap<Db, LRUCache<string, Kept>>();

function keptOf(db: Db): LRUCache<string, Kept> {
  let standings = kept.get(db);
  if (!standings) {
    standings = new LRUCache({ max: keptStandings });
    kept.set(db, standings);
  }
  return standings;
}

/** The check: the generation of standings and one community's data version, in one statement. */
const checks = new WeakMap<Db, CompiledQuery<Record<string, unknown>>>();

function compiledCheck(db: Db): CompiledQuery<Record<string, unknown>> {
  let query = checks.get(db);
  if (!query) {
    query = db
      .selectNoFrom((q) => [
        q
          .selectFrom('standingGeneration')
          .select('standingGeneration.generation')
          .where('standingGeneration.id', '=', 1)
          .as('generation'),
        q
          .selectFrom('communityVersion')
          .select('communityVersion.version')
          .where('communityVersion.communityId', '=', slot.communityId)
          .as('version'),
      ])
      .compile() as CompiledQuery<Record<string, unknown>>;
    checks.set(db, query);
  }
  return query;
}

/**
 * SQLite: the numbers read by checks since the last commit (by `stamp`), so that many standings
 * of one community cost one check per commit, not one each.
 */
interface Checked {
  stamp: Stamp;
  generation: number;
  versions: Map<string, number | null>;
}
const checked = new WeakMap<Db, Checked>();

/**
 * The generation of standings and `communityId`'s data version (null: gone) as the database holds
 * them now, and on SQLite the stamp of that read.
 */
async function numbersNow(
  s: Pick<Services, 'db' | 'stamped'>,
  communityId: string,
): Promise<{ generation: number; version: number | null; stamp?: Stamp } | undefined> {
  const memo = s.stamped && checked.get(s.db);
  if (memo && s.stamped?.unchanged(memo.stamp)) {
    const version = memo.versions.get(communityId);
    if (version !== undefined) return { generation: memo.generation, version, stamp: memo.stamp };
  }
  const query = compiledCheck(s.db);
  const parameters = query.parameters.map((p) => (p === slot.communityId ? communityId : p));
  const read = s.stamped?.read(query.sql, parameters);
  const row = read ? read.row : await runResolving(s.db, query, parameters);
  if (row?.generation == null) return undefined;
  const generation = Number(row.generation);
  const version = row.version == null ? null : Number(row.version);
  if (read) {
    if (
      memo &&
      memo.stamp.dataVersion === read.stamp.dataVersion &&
      memo.stamp.writes === read.stamp.writes
    ) {
      memo.versions.set(communityId, version);
    } else {
      checked.set(s.db, { stamp: read.stamp, generation, versions: new Map([[communityId, version]]) });
    }
  }
  return { generation, version, stamp: read?.stamp };
}

/**
 * Whether `known` still holds, as the database says now; on SQLite its stamp moves to this check
 * so that the next request skips the statement until the next commit.
 */
async function stillHolds(s: Pick<Services, 'db' | 'stamped'>, known: Kept): Promise<boolean> {
  const now = await numbersNow(s, known.standing.communityId as string);
  const holds =
    now !== undefined && now.generation === known.generation && now.version === known.standing.dataVersion;
  if (holds) known.stamp = now.stamp;
  return holds;
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
 * database holds it now: the kept one while it still holds (see above), else read.
 */
export async function resolveStanding(
  s: Pick<Services, 'db' | 'clock' | 'stamped'>,
  token: string,
  slug: string,
): Promise<Standing> {
  const now = s.clock.now();
  const key = `${slug.toLowerCase()}\n${token}`;
  const standings = keptOf(s.db);
  const known = standings.get(key);
  // The session's end first: an ended session is nobody's, whatever else holds.
  if (known && now.getTime() < known.endsMs) {
    // Nothing committed since the last check: no statement, and no wait for one.
    if (known.stamp && s.stamped?.unchanged(known.stamp)) return known.standing;
    if (await stillHolds(s, known)) return known.standing;
  }

  const query = compiledBrief(s.db);
  const tokenHash = known?.tokenHash ?? hashToken(token);
  const parameters = resolvingParameters(query, {
    [slot.tokenHash]: tokenHash,
    [slot.now]: iso(now),
    [slot.accountId]: undefined,
    [slot.communityId]: undefined,
    [slot.slug]: slug.toLowerCase(),
  });
  const read = s.stamped?.read(query.sql, parameters);
  const row = read?.row ?? (await runResolving(s.db, query, parameters));
  const standing = standingOf(row);
  // Kept only with a session and a community, both of whose changes the two numbers count.
  if (standing.session && standing.communityId !== null && standing.dataVersion !== null) {
    standings.set(key, {
      standing,
      generation: Number(row.standingGeneration),
      stamp: read?.stamp,
      tokenHash,
      endsMs: Date.parse(String(row.sessionExpiresAt)),
    });
  } else {
    standings.delete(key);
  }
  return standing;
}
