/**
 * What a service needs to act: the database, who is acting, where (the community, resolved once
 * with the request, and its calendar), the clock, side-effect queues and the translator.
 *
 * Who and where are read from the database whenever a context is made (`resolve`, one
 * statement), never from a cache: an authorization decision must not rest on a copy another
 * process could have left stale (a member removed, a session signed out elsewhere). Stored pages
 * and the live stream are checked against a brief standing that is kept, but used again only
 * while the database's own counters read unchanged with each request (`standing.ts`). Routes
 * get a context per request from `platform/http/resolve.ts`; jobs, commands and tests make one
 * with `contextFor`.
 */
import type { FastifyBaseLogger } from 'fastify';
import { type CompiledQuery, type SelectQueryBuilder, sql } from 'kysely';
import type { Dialect } from '../../migrations/_columns.ts';
import type { Config } from '../config.ts';
import { hashToken } from './auth/sessions.ts';
import type { StampedReads } from './db/connect.ts';
import type { Account, Community, Database, Db, MembershipStatus, Role } from './db/database.ts';
import { type Clock, iso, localDate, localDateTime, localMonth, localYear, zonedInstant } from './db/time.ts';
import type { EventBus } from './events/bus.ts';
import { type Locale, negotiateLocale, type T, translator } from './i18n/index.ts';
import type { Jobs } from './jobs/queue.ts';
import type { Mailer } from './mail/mailer.ts';

/**
 * Who is acting, in which community. `accountId` is null for a visitor (not signed in);
 * `role` is 'visitor' for anyone who is not an active member of `communityId` (also signed-in
 * non-members). `communityId` is null outside a community.
 */
export interface Actor {
  accountId: string | null;
  communityId: string | null;
  role: Role | 'visitor';
  /** Server operator (may start communities when creation is restricted). */
  operator: boolean;
}

/** Long-lived parts shared by every request, job and command. */
export interface Services {
  db: Db;
  dialect: Dialect;
  config: Config;
  clock: Clock;
  jobs: Jobs;
  events: EventBus;
  mailer: Mailer;
  log: FastifyBaseLogger;
  /** SQLite only: reads that tell whether anything was committed since (`db/connect.ts`). */
  stamped?: StampedReads;
}

/**
 * The community a context acts in: its row as read with the request (live, not archived), its
 * languages as a list, and its calendar — dates and times in its time zone by the service clock
 * (shapes as in `db/time.ts`).
 */
export interface CommunityContext extends Community {
  /**
   * The community's data version as read with the request (`community_version`, moved by the
   * database with every write that changes what its pages show, migration 0014): a page or a
   * result stored at another version is not what the database holds now. Null when unknown:
   * nothing may then be stored or served from a store.
   */
  dataVersion: number | null;
  /** The community's languages, in its order of preference (`languages` split). */
  languageList: string[];
  /** Today's date there, `YYYY-MM-DD`. */
  today(): string;
  /** The wall clock there now, `YYYY-MM-DDTHH:mm`. */
  localNow(): string;
  /** The month there now, `YYYY-MM`. */
  month(): string;
  /** The year there now. */
  year(): number;
  /**
   * The instant at which the wall clock there shows `local` (`YYYY-MM-DD` or
   * `YYYY-MM-DDTHH:mm[:ss]`), skipped and repeated times read as `zonedInstant` does.
   */
  instant(local: string): Date;
}

/** The acting account's membership of the context's community, whatever its status. */
export interface MembershipContext {
  role: Role;
  status: MembershipStatus;
}

/** A service call's context: the shared parts plus the actor, the place and their language. */
export interface Ctx extends Services {
  actor: Actor;
  /** The acting account's row as read with the request (or the job's start); null for a visitor. */
  account: Account | null;
  /** The community acted in; null outside one (the home page, the account pages). */
  community: CommunityContext | null;
  /** The actor's membership row in `community` (any status), null for none. */
  membership: MembershipContext | null;
  locale: Locale;
  t: T;
}

/** `row` with its calendar on `clock`, for a context. */
export function communityContext(row: Community, dataVersion: number | null, clock: Clock): CommunityContext {
  const zone = row.timeZone;
  // Object.assign, not `{ ...row, more }`: V8 (Node 20) builds a spread with more properties
  // on a slow path, about 2 µs a property, on every request.
  return Object.assign({}, row, {
    dataVersion,
    languageList: row.languages.split(',').filter(Boolean),
    today: () => localDate(clock.now(), zone),
    localNow: () => localDateTime(clock.now(), zone),
    month: () => localMonth(clock.now(), zone),
    year: () => localYear(clock.now(), zone),
    instant: (local: string) => zonedInstant(local, zone),
  });
}

/** An actor in community `communityId` with `role`, for jobs, the CLI and tests. */
export function actorOf(
  accountId: string | null,
  communityId: string | null,
  role: Actor['role'],
  operator = false,
): Actor {
  return { accountId, communityId, role, operator };
}

/** Who a session token and a slug stand for, as read now. */
export interface Resolution {
  account?: Account;
  community?: Community;
  /** The community's data version (see `CommunityContext.dataVersion`). */
  dataVersion?: number;
  membership?: { role: Role; status: MembershipStatus };
  /** The session's id and when it was last extended, to extend it once a day. */
  session?: { id: string; lastSeenAt: string };
}

// Every column of the two rows, so the account and the community are whole rows; the checks
// below fail to compile when a column is added to a table and not here.
const accountColumns = [
  'id',
  'email',
  'emailVerifiedAt',
  'displayName',
  'sortName',
  'locale',
  'about',
  'languages',
  'availability',
  'availabilitySlots',
  'emailVisibility',
  'phone',
  'phoneVisibility',
  'chatHandle',
  'chatVisibility',
  'locationLat',
  'locationLng',
  'operator',
  'addedBy',
  'createdAt',
  'erasedAt',
] as const satisfies readonly (keyof Account)[];
const communityColumns = [
  'id',
  'slug',
  'name',
  'description',
  'areaLat',
  'areaLng',
  'areaRadiusM',
  'languages',
  'timeZone',
  'rhythm',
  'joinPolicy',
  'chatUrl',
  'paperMembers',
  'emailOptional',
  'createdBy',
  'createdAt',
  'archivedAt',
] as const satisfies readonly (keyof Community)[];
type Complete<Row, Listed> = [Exclude<keyof Row, Listed>] extends [never] ? true : never;
const _allAccount: Complete<Account, (typeof accountColumns)[number]> = true;
const _allCommunity: Complete<Community, (typeof communityColumns)[number]> = true;
void _allAccount;
void _allCommunity;

// Columns come back as `<prefix><Column>` (camelCase survives the plugin's snake_case round trip).
const capital = (c: string) => c[0].toUpperCase() + c.slice(1);
const aliased = (table: string, prefix: string, columns: readonly string[]) =>
  columns.map((c) => sql.ref(`${table}.${c}`).as(`${prefix}${capital(c)}`));
/** For each column, [the name it comes back as, its own name]. */
const named = (prefix: string, columns: readonly string[]) =>
  columns.map((c) => [`${prefix}${capital(c)}`, c] as const);
const accountNames = named('account', accountColumns);
const communityNames = named('community', communityColumns);
function row<R>(found: Record<string, unknown>, names: readonly (readonly [string, string])[]): R {
  const out: Record<string, unknown> = {};
  for (const [from, to] of names) out[to] = found[from];
  return out as R;
}

/** Whom to resolve: a session's token, or (jobs, commands) an account's id. */
export type Who = { token: string | undefined } | { accountId: string | null };
/** Where: the community named by a slug (any case), or (jobs, commands) its id; none outside one. */
export type Where = { slug: string | undefined } | { communityId: string | null };

/** Stand-ins for the resolving statement's values, replaced in its compiled parameters. */
export const slot = {
  tokenHash: '{tokenHash}',
  now: '{now}',
  accountId: '{accountId}',
  communityId: '{communityId}',
  slug: '{slug}',
} as const;
export type Slot = (typeof slot)[keyof typeof slot];

/**
 * The columns of a brief resolution (`standing.ts`): ids, what the language is chosen by, and
 * when the session ends.
 */
const brief = [
  'session.expiresAt as sessionExpiresAt',
  'account.id as accountId',
  'account.locale as accountLocale',
  'community.id as communityId',
  'community.languages as communityLanguages',
] as const;

/**
 * The resolving statement for an account found by id (else by session) and a community found by
 * id (else by slug), with `slot` values: one row always (the subquery), with the parts that
 * matched joined to it; whole rows, or in brief.
 */
function resolving(db: Db, byAccountId: boolean, byCommunityId: boolean, inBrief = false) {
  const query = db
    .selectFrom(db.selectNoFrom(sql<number>`1`.as('one')).as('request'))
    .leftJoin('session', (j) =>
      j.on('session.tokenHash', '=', slot.tokenHash).on('session.expiresAt', '>', slot.now),
    )
    .leftJoin('account', (j) =>
      (byAccountId
        ? j.on('account.id', '=', slot.accountId)
        : j.onRef('account.id', '=', 'session.accountId')
      ).on('account.erasedAt', 'is', null),
    )
    .leftJoin('community', (j) =>
      (byCommunityId
        ? j.on('community.id', '=', slot.communityId)
        : j.on('community.slug', '=', slot.slug)
      ).on('community.archivedAt', 'is', null),
    )
    .leftJoin('membership', (j) =>
      j.onRef('membership.communityId', '=', 'community.id').onRef('membership.accountId', '=', 'account.id'),
    )
    .leftJoin('communityVersion', 'communityVersion.communityId', 'community.id')
    .select([
      'communityVersion.version as dataVersion',
      'session.id as sessionId',
      'session.lastSeenAt as sessionLastSeenAt',
      'membership.role as membershipRole',
      'membership.status as membershipStatus',
    ]);
  const whole = [
    ...aliased('account', 'account', accountColumns),
    ...aliased('community', 'community', communityColumns),
  ];
  // In brief, also the generation of standings (migration 0044), read in the same statement.
  const briefly = () =>
    query
      .select(brief)
      .select((q) =>
        q
          .selectFrom('standingGeneration')
          .select('standingGeneration.generation')
          .where('standingGeneration.id', '=', 1)
          .as('standingGeneration'),
      );
  return (inBrief ? briefly() : query.select(whole)) as unknown as SelectQueryBuilder<
    Database,
    'session',
    Record<string, unknown>
  >;
}

// Compiled once per database and shape: building and compiling the statement cost as much CPU as
// about fifteen small queries, on every request.
const compiled = new WeakMap<Db, Map<string, CompiledQuery<Record<string, unknown>>>>();
const briefs = new WeakMap<Db, CompiledQuery<Record<string, unknown>>>();

function compiledResolving(db: Db, byAccountId: boolean, byCommunityId: boolean) {
  let shapes = compiled.get(db);
  if (!shapes) {
    shapes = new Map();
    compiled.set(db, shapes);
  }
  const shape = `${byAccountId} ${byCommunityId}`;
  let query = shapes.get(shape);
  if (!query) {
    query = resolving(db, byAccountId, byCommunityId).compile();
    shapes.set(shape, query);
  }
  return query;
}

/** The brief statement (by session and slug), run on every stored page (`standing.ts`). */
export function compiledBrief(db: Db): CompiledQuery<Record<string, unknown>> {
  let query = briefs.get(db);
  if (!query) {
    query = resolving(db, false, false, true).compile();
    briefs.set(db, query);
  }
  return query;
}

/** The parameters of the compiled resolving `query` with `values` in its slots. */
export function resolvingParameters(
  query: CompiledQuery<Record<string, unknown>>,
  values: Record<Slot, unknown>,
): unknown[] {
  return query.parameters.map((p) => (typeof p === 'string' && p in values ? values[p as Slot] : p));
}

/** Runs the compiled resolving `query` with `parameters`; resolves to its one row. */
export async function runResolving(
  db: Db,
  query: CompiledQuery<Record<string, unknown>>,
  parameters: readonly unknown[],
): Promise<Record<string, unknown>> {
  const run = { query: query.query, queryId: query.queryId, sql: query.sql, parameters };
  return (await db.executeQuery<Record<string, unknown>>(run)).rows[0];
}

/**
 * Reads, in one statement, the account (by live session, unless expired; or by id), unless
 * erased; the live (not archived) community with its data version; and the account's membership
 * there. Each part may be absent; with neither an account nor a community asked for, nothing is
 * read.
 */
export async function resolve(
  s: Pick<Services, 'db' | 'clock'>,
  who: Who,
  where: Where,
): Promise<Resolution> {
  const token = 'token' in who ? who.token : undefined;
  const accountId = 'accountId' in who ? who.accountId : undefined;
  const slug = 'slug' in where ? where.slug?.toLowerCase() : undefined;
  const communityId = 'communityId' in where ? where.communityId : undefined;
  if (!token && !accountId && slug === undefined && !communityId) return {};
  const values: Record<Slot, unknown> = {
    [slot.tokenHash]: token ? hashToken(token) : '',
    [slot.now]: iso(s.clock.now()),
    [slot.accountId]: accountId,
    [slot.communityId]: communityId,
    [slot.slug]: slug ?? '',
  };
  const query = compiledResolving(s.db, Boolean(accountId), Boolean(communityId));
  const found = await runResolving(s.db, query, resolvingParameters(query, values));
  const resolution: Resolution = {};
  if (found.accountId != null) {
    resolution.account = row<Account>(found, accountNames);
    resolution.session = { id: found.sessionId as string, lastSeenAt: found.sessionLastSeenAt as string };
  }
  if (found.communityId != null) {
    resolution.community = row<Community>(found, communityNames);
    if (found.dataVersion != null) resolution.dataVersion = Number(found.dataVersion);
  }
  if (found.membershipRole != null) {
    resolution.membership = {
      role: found.membershipRole as Role,
      status: found.membershipStatus as MembershipStatus,
    };
  }
  return resolution;
}

/**
 * The context of a resolution: the actor (a 'visitor' unless the membership is active), the
 * community with its calendar, the membership, and `locale` (English unless given).
 */
export function contextFrom(services: Services, found: Resolution, locale: Locale = 'en'): Ctx {
  const community = found.community
    ? communityContext(found.community, found.dataVersion ?? null, services.clock)
    : null;
  const membership = community ? (found.membership ?? null) : null;
  // Object.assign rather than a spread, as in communityContext.
  const actor: Actor = {
    accountId: found.account?.id ?? null,
    communityId: community?.id ?? null,
    role: membership?.status === 'active' ? membership.role : 'visitor',
    operator: found.account?.operator === 1,
  };
  return Object.assign({}, services, {
    actor,
    account: found.account ?? null,
    community,
    membership,
    locale,
    t: translator(locale),
  });
}

/**
 * A context for a job, a command or a test, resolved from the database as a request's is:
 * `accountId` (null: a visitor) in the community `communityId` (null: outside any), in the
 * account's language unless `locale` is given. Throws when a named community or account does
 * not exist (or is archived, erased): a job must not act for someone who is gone.
 */
export async function contextFor(
  services: Services,
  who: { accountId: string | null; communityId?: string | null; locale?: Locale },
): Promise<Ctx> {
  const found = await resolve(
    services,
    { accountId: who.accountId },
    { communityId: who.communityId ?? null },
  );
  if (who.accountId && !found.account) throw new Error(`no account ${who.accountId}`);
  if (who.communityId && !found.community) throw new Error(`no community ${who.communityId}`);
  const locale =
    who.locale ?? negotiateLocale(found.account?.locale, undefined, found.community?.languages.split(','));
  return contextFrom(services, found, locale);
}

/**
 * The live community `communityId` with its calendar, for a job (which has only the id it was
 * given); undefined when it is gone or archived, so the job has nothing left to do.
 */
export async function findCommunityContext(
  services: Pick<Services, 'db' | 'clock'>,
  communityId: string,
): Promise<CommunityContext | undefined> {
  const { community, dataVersion } = await resolve(services, { accountId: null }, { communityId });
  return community && communityContext(community, dataVersion ?? null, services.clock);
}
