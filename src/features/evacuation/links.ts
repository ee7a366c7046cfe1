/**
 * Personal links: a household's or a driver's own link for one occasion (a drill's check-in, an
 * alert), or a buddy's link to check on one household, opened without signing in and without
 * JavaScript. Only the token's SHA-256 is stored (`hashToken`, as sessions and sign-in links
 * are), so the database alone opens nothing. A link works until it expires or its occasion ends it; it
 * goes with its registration (withdrawn, or the member left or was removed: the foreign keys
 * cascade), and it stops working as soon as its member is no longer an active member. A link of
 * one community never opens in another: it is looked up in the community of the address.
 *
 * The token is never kept, not even in the notification that carries it: it is derived from the
 * link's id with the server's secret key (`linkToken`, HMAC-SHA-256, as unsubscribe links are
 * signed), so a notification stores only a reference to the link (`linkRef`), turned into the
 * link when its mail or push is sent (`resolveLinkRef`, the notifications' path resolver) and,
 * in the inbox, opened through a signed-in page that sends its own member on (`openLinkRef`).
 * The database alone still opens nothing: it holds the id and the token's hash, not the key.
 *
 * Every opening is a read of that household's or driver's data, so it writes the log of reads
 * first (role `link`, the link's member as the reader): no log, no page. Its routes are public
 * in the community scope, rate-limited per link and (generously) per address, and answered with
 * `Cache-Control: no-store`, `Referrer-Policy: no-referrer` (the token must not leave in a
 * Referer) and `X-Robots-Tag: noindex` (`linkRouteConfig`, `linkHeaders`).
 */
import { createHmac } from 'node:crypto';
import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyContextConfig } from 'fastify';
import { Type } from 'typebox';
import { requireCommunity } from '../../platform/access.ts';
import { hashToken } from '../../platform/auth/sessions.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db, LinkOccasion } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { iso } from '../../platform/db/time.ts';
import { NotFound, TooManyRequests } from '../../platform/errors.ts';
import { countHit } from '../../platform/http/rate-limit.ts';
import type { App } from '../../platform/module.ts';
import { setPathResolver } from '../../platform/notify/channels.ts';
import { insertAccess } from './store.ts';
import { findAlert } from './store-activation.ts';
import { findDrill } from './store-drills.ts';
import * as store from './store-links.ts';

export type { LinkOccasion } from '../../platform/db/database.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A personal link's route: no-store, no referrer, not indexed (`linkHeaders`). */
    evacuationLink?: boolean;
  }
}

/** An occasion links are made for: a drill or an alert, by id. */
export interface Occasion {
  kind: LinkOccasion;
  id: string;
}

/**
 * Whom a link is for: one household or one driver — or, with `buddyId`, that buddy (an account),
 * to check on the household. A buddy's link is told apart by its member: not the household's.
 */
export type LinkSubject = { householdId: string; buddyId?: string } | { driverId: string };

/** A link just made: its token exists only here (then in the message that carries it). */
export interface IssuedLink {
  id: string;
  householdId: string | null;
  driverId: string | null;
  /** The member the registration is (a buddy's link: the buddy). */
  accountId: string;
  /** A buddy's link, to check on the household. */
  buddy: boolean;
  token: string;
  /** Its path under `/c/:slug` (`linkPath`): for a page printed now, never to be stored. */
  path: string;
  /** What a notification stores to carry it (`linkRef`): no token. */
  ref: string;
}

/** A link as opened: whose it is and for what. */
export interface OpenedLink {
  id: string;
  occasion: Occasion;
  householdId: string | null;
  driverId: string | null;
  accountId: string;
  /** The member's display name (a buddy's link: the buddy's). */
  name: string;
  /** A buddy's link, to check on the household `householdId`. */
  buddy: boolean;
  expiresAt: string;
}

const prefixes: Record<LinkOccasion, string> = {
  drill: '/evacuation/check-in/',
  alert: '/evacuation/safe/',
};

/** The path of a link under `/c/:slug`: `/evacuation/check-in/<token>` (drill), `/evacuation/safe/<token>` (alert). */
export function linkPath(kind: LinkOccasion, token: string): string {
  return `${prefixes[kind]}${token}`;
}

/**
 * The token of link `linkId`: HMAC-SHA-256 of its id with the server's secret key, 43 base64url
 * characters (256 bits, as a random token). Rebuilt whenever the link is sent, never stored.
 */
export function linkToken(secretKey: string, linkId: string): string {
  return createHmac('sha256', secretKey).update(`evacuation link\n${linkId}`).digest('base64url');
}

const refSegments: Record<LinkOccasion, string> = { drill: 'check-in', alert: 'safe' };
const refPattern = /^\/evacuation\/link\/(check-in|safe)\/([0-9a-f-]{36})$/;

/**
 * What a notification stores for link `linkId` of kind `kind`: `/evacuation/link/<safe|check-in>/<id>`,
 * a signed-in page of its own (`openLinkRef`), which mail and push turn into the link (`resolveLinkRef`).
 */
export function linkRef(kind: LinkOccasion, linkId: string): string {
  return `/evacuation/link/${refSegments[kind]}/${linkId}`;
}

/** The link a stored reference (`linkRef`) stands for, with its token; undefined for any other path. */
export function resolveLinkRef(secretKey: string, path: string): string | undefined {
  const m = refPattern.exec(path);
  if (!m) return undefined;
  const kind: LinkOccasion = m[1] === 'safe' ? 'alert' : 'drill';
  return linkPath(kind, linkToken(secretKey, m[2] as string));
}

// Every mail and push that carries a reference carries the link itself.
setPathResolver(resolveLinkRef);

/** A link's route parameters: the community and the token (43 base64url characters). */
export const LinkParams = Type.Object({
  community: Type.String({ maxLength: 100, description: 'The community slug.' }),
  token: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$', description: 'The personal link’s token.' }),
});

/** A link's own budget: requests per window (a household answers in three). */
export const linkBudget = 60;
/**
 * The budget of one address over all links (`linkHeaders`): generous, since a care home or a
 * community centre answers for many households through one connection during a drill or an alert.
 */
export const linkAddressBudget = 1500;
const linkWindowMs = 15 * 60_000;

/**
 * Route options of every link route (its page and its forms): public in the community scope,
 * `linkBudget` requests per 15 minutes per link, counted by the token's hash (the rate-limit
 * table never holds a token; guessing a 256-bit token is hopeless anyway), and the link headers.
 */
export const linkRouteConfig: FastifyContextConfig = {
  public: true,
  evacuationLink: true,
  rateLimit: {
    max: linkBudget,
    timeWindow: linkWindowMs,
    keyGenerator: (req) =>
      `evacuation_link token ${hashToken(String((req.params as { token?: string }).token ?? ''))}`,
  },
};

/**
 * Registers, on the community scope, the hook that sends the link headers on every route whose
 * config says `evacuationLink` (never kept: no-store; never indexed; no Referer leaves the page
 * with the token in it) and counts the address's budget over all links (`linkAddressBudget`,
 * 429 past it). Call before any link route is registered.
 */
export function linkHeaders(app: App): void {
  app.addHook('onRequest', async (req, reply) => {
    if (!req.routeOptions.config.evacuationLink) return;
    reply.header('cache-control', 'no-store');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-robots-tag', 'noindex, nofollow');
    const { current, ttl } = await countHit(
      req.ctx.db,
      req.ctx.clock.now(),
      `evacuation_link ${normalizeIP(req.ip)}`,
      linkWindowMs,
    );
    if (current > linkAddressBudget)
      throw new TooManyRequests('errors.too_many_requests', Math.max(1, Math.ceil(ttl / 1000)));
  });
}

/**
 * In the caller's transaction: one new link per subject for the occasion, working until
 * `expiresAt` (ISO); the subject's older links of the same occasion end at `now` (a new one
 * replaces them). Subjects whose registration is gone are skipped. Returns each link with its
 * token (for a page printed now) and its reference (for a notification).
 */
export async function issueLinks(
  tx: Db,
  communityId: string,
  occasion: Occasion,
  subjects: readonly LinkSubject[],
  expiresAt: string,
  now: string,
  secretKey: string,
): Promise<IssuedLink[]> {
  const households = subjects.flatMap((s) => ('householdId' in s ? [s.householdId] : []));
  const own = subjects.flatMap((s) => ('householdId' in s && !s.buddyId ? [s.householdId] : []));
  const drivers = subjects.flatMap((s) => ('driverId' in s ? [s.driverId] : []));
  if (subjects.length === 0) return [];
  const holders = await store.holdersOf(tx, communityId, { households, drivers });
  await store.endLinks(tx, communityId, occasion.kind, occasion.id, now, { households: own, drivers });
  const issued: IssuedLink[] = [];
  const rows = [];
  for (const s of subjects) {
    const householdId = 'householdId' in s ? s.householdId : null;
    const driverId = 'driverId' in s ? s.driverId : null;
    const buddyId = 'buddyId' in s ? (s.buddyId ?? null) : null;
    const holder = holders.get((householdId ?? driverId) as string);
    if (!holder) continue;
    const accountId = buddyId ?? holder;
    const id = newId();
    const token = linkToken(secretKey, id);
    rows.push({
      id,
      communityId,
      occasion: occasion.kind,
      occasionId: occasion.id,
      householdId,
      driverId,
      accountId,
      tokenHash: hashToken(token),
      createdAt: now,
      expiresAt,
      openedAt: null,
    });
    issued.push({
      id,
      householdId,
      driverId,
      accountId,
      buddy: buddyId !== null,
      token,
      path: linkPath(occasion.kind, token),
      ref: linkRef(occasion.kind, id),
    });
  }
  await store.insertLinks(tx, rows);
  return issued;
}

/** In the caller's transaction: every link of the occasion stops working at `now`. Returns how many. */
export function endLinks(tx: Db, communityId: string, occasion: Occasion, now: string): Promise<number> {
  return store.endLinks(tx, communityId, occasion.kind, occasion.id, now);
}

/**
 * Opens the link `token` of kind `kind` in the context's community, for anyone (signed in or
 * not): it must be working (not expired or ended), its registration still there and its member
 * still an active member. Writes the log of reads (`what`, of the household or driver) before
 * returning. Any failure is `NotFound('evacuation.errors.link_invalid')`, the same for every
 * cause, so a link says nothing about why it does not work.
 */
export async function openLink(
  ctx: Ctx,
  kind: LinkOccasion,
  token: string,
  what: string,
): Promise<OpenedLink> {
  const community = requireCommunity(ctx);
  const now = iso(ctx.clock.now());
  const link = await store.findWorkingLink(ctx.db, community.id, kind, hashToken(token), now);
  const own = link && (await store.activeHolder(ctx.db, community.id, link));
  // Not the household's own: a buddy's, working while they are its buddy who accepted.
  const buddy = link && own === undefined && link.householdId !== null;
  const name = buddy ? await store.activeBuddy(ctx.db, community.id, link) : own;
  if (!link || name === undefined) throw new NotFound('evacuation.errors.link_invalid');
  await ctx.db.transaction().execute(async (tx) => {
    await insertAccess(tx, community.id, {
      accountId: link.accountId,
      role: 'link',
      // A buddy reads the household's address and phone: a read of its own kind.
      what: buddy ? 'buddy_check' : what,
      subjectId: link.householdId ?? link.driverId,
      at: now,
    });
    await store.markOpened(tx, community.id, link.id, now);
  });
  return {
    id: link.id,
    occasion: { kind: link.occasion, id: link.occasionId },
    householdId: link.householdId,
    driverId: link.driverId,
    accountId: link.accountId,
    name,
    buddy: Boolean(buddy),
    expiresAt: link.expiresAt,
  };
}

/**
 * The reference (`linkRef`) of the working link of `subject` held by `accountId` (the
 * household's or driver's member, or a buddy) for the occasion at `now`, or
 * undefined: a later message of the occasion (a re-plan) carries the same link, not a new one
 * (which would end the first).
 */
export async function workingLinkRef(
  db: Db,
  communityId: string,
  occasion: Occasion,
  subject: LinkSubject,
  accountId: string,
  now: string,
): Promise<string | undefined> {
  const id = await store.findWorkingLinkOf(
    db,
    communityId,
    occasion.kind,
    occasion.id,
    subject,
    accountId,
    now,
  );
  return id ? linkRef(occasion.kind, id) : undefined;
}

/**
 * The link behind reference `linkId` of kind `kind`, for its own member signed in (the inbox
 * leads here): its path with the token, to send them on to. Another member, or a link that is not
 * theirs: `NotFound('evacuation.errors.link_invalid')`, the same for every cause. Their own link
 * whose alert or drill has ended: `NotFound('evacuation.errors.link_alert_ended' | 'link_drill_ended')` — it
 * is theirs, so saying why tells nobody else anything, and spares them a dead link's page.
 */
export async function openLinkRef(ctx: Ctx, kind: LinkOccasion, linkId: string): Promise<string> {
  const community = requireCommunity(ctx);
  const link = await store.findLink(ctx.db, community.id, linkId);
  if (!link || link.occasion !== kind || link.accountId !== ctx.actor.accountId)
    throw new NotFound('evacuation.errors.link_invalid');
  if (link.expiresAt <= iso(ctx.clock.now())) {
    const occasion =
      kind === 'alert'
        ? await findAlert(ctx.db, community.id, link.occasionId)
        : await findDrill(ctx.db, community.id, link.occasionId);
    if (occasion?.endedAt) throw new NotFound(`evacuation.errors.link_${kind}_ended`);
  }
  return linkPath(kind, linkToken(ctx.config.secretKey, link.id));
}
