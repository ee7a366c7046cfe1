/**
 * Rate limits: one budget per action, kept in the database. `@fastify/rate-limit` counts; this
 * module gives it a store in the `rate_limit` table, so every Porch process on one PostgreSQL
 * (or one SQLite file) draws on the same budget, and `limit()` names the action in the counter's
 * key, so the page form and the API route of one action share it.
 * A budget is a fixed window: the first request opens it for `timeWindow`, and each request in it
 * counts one; past `max`, requests are answered 429 with the seconds left (Retry-After).
 */
import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyContextConfig, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.ts';
import type { Clock } from '../db/time.ts';

/** Who a budget is counted for: the client's address, or the signed-in account (else the address). */
export type Per = 'address' | 'account';

/**
 * Route config for a budget of `max` requests per `timeWindow` (e.g. '15 minutes') for `action`,
 * counted `per` address or account, and per `options.scope(req)` when given. Give every route of one action (its page form and its API)
 * the same budget: they share the count.
 */
export function limit(
  action: string,
  max: number,
  timeWindow: string,
  per: Per = 'address',
  options: { refusedFree?: boolean; scope?: (req: FastifyRequest) => string } = {},
): Pick<FastifyContextConfig, 'rateLimit' | 'refundRefused'> {
  // Per account where signed in, so neighbors sharing a connection (a library, a community
  // center) do not share a budget; by address otherwise (an IPv6 client by its /64). A `scope`
  // (e.g. the survey answered) gives each thing its own budget, so one does not use up another's.
  const action_ = (req: FastifyRequest) => (options.scope ? `${action} ${options.scope(req)}` : action);
  const key = (req: FastifyRequest) =>
    per === 'account' && req.account
      ? `${action_(req)} account ${req.account.id}`
      : `${action_(req)} ${normalizeIP(req.ip)}`;
  return {
    rateLimit: { max, timeWindow, keyGenerator: key },
    ...(options.refusedFree ? { refundRefused: key } : {}),
  };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * With `limit(…, { refusedFree: true })`: the budget's key. A request refused for its input
     * (422) gives back what it counted, so someone correcting a form is not locked out of creating.
     */
    refundRefused?: (req: FastifyRequest) => string;
  }
}

/**
 * Gives back one request counted in budget `key` (its window still running): for a request refused
 * for its input. Never below zero.
 */
export async function refundHit(db: Db, now: Date, key: string): Promise<void> {
  await db
    .updateTable('rateLimit')
    .set((eb) => ({ hits: eb('hits', '-', 1) }))
    .where('key', '=', key)
    .where('resetAt', '>', now.toISOString())
    .where('hits', '>', 0)
    .execute();
}

/**
 * The `onResponse` hook that refunds refused requests (status 422) on routes whose budget is
 * `refusedFree` (see `limit`). Registered once by the app.
 */
export function refundRefused(db: Db, clock: Clock) {
  return async (req: FastifyRequest, reply: { statusCode: number }) => {
    const key = req.routeOptions.config?.refundRefused;
    if (key && reply.statusCode === 422) await refundHit(db, clock.now(), key(req));
  };
}

/**
 * Every route that takes photos: each one is decoded and re-encoded, heavy work whatever the
 * feature, so they share one budget per account. It also lets the route take files at all
 * (`upload`, see uploads/multipart.ts). A route has one budget: one whose action has a budget of
 * its own (a report that mails people) gives that one and `upload: true` instead.
 */
export const photoLimit: Pick<FastifyContextConfig, 'rateLimit' | 'upload'> = {
  ...limit('photo', 20, '1 minute', 'account'),
  upload: true,
};

/** The count of one budget's current window, as `@fastify/rate-limit` wants it (ttl in ms). */
export interface Count {
  current: number;
  ttl: number;
}

/** How often one process deletes windows that are over (ms). */
const pruneEveryMs = 10 * 60_000;

/** How many spent budgets one process remembers (the oldest is forgotten first). */
const spentLimit = 10_000;

/**
 * Counts one request at instant `now` in the budget `key` (a window of `timeWindowMs` opened by
 * its first request): one upsert, atomic on both dialects (PostgreSQL locks the row; SQLite has
 * one writer). Returns the requests counted in the window so far, this one included, and the ms
 * left in it.
 */
export async function countHit(db: Db, now: Date, key: string, timeWindowMs: number): Promise<Count> {
  const at = now.toISOString();
  const ends = new Date(now.getTime() + timeWindowMs).toISOString();
  const row = await db
    .insertInto('rateLimit')
    .values({ key, hits: 1, resetAt: ends })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => {
        const over = eb('rateLimit.resetAt', '<=', at);
        return {
          hits: eb
            .case()
            .when(over)
            .then(1)
            .else(eb('rateLimit.hits', '+', 1))
            .end(),
          resetAt: eb.case().when(over).then(ends).else(eb.ref('rateLimit.resetAt')).end(),
        };
      }),
    )
    .returning(['hits', 'resetAt'])
    .executeTakeFirstOrThrow();
  return { current: Number(row.hits), ttl: Date.parse(row.resetAt) - now.getTime() };
}

/**
 * A `@fastify/rate-limit` store over the `rate_limit` table of `db`: each request is one upsert
 * that opens a window or counts in the current one, atomic on both dialects (PostgreSQL locks the
 * row; SQLite has one writer). Windows that are over are deleted now and then. A budget found
 * spent is remembered until its window ends, so a flood from one client is refused without a
 * write per request; only refusals are remembered, never an allowance.
 */
export function databaseStore(db: Db, clock: Clock) {
  let prunedAt = 0;
  const spent = new Map<string, number>();

  async function count(key: string, timeWindowMs: number, max: number): Promise<Count> {
    const now = clock.now();
    const until = spent.get(key);
    if (until !== undefined) {
      if (until > now.getTime()) return { current: max + 1, ttl: until - now.getTime() };
      spent.delete(key);
    }
    const result = await countHit(db, now, key, timeWindowMs);
    if (now.getTime() - prunedAt > pruneEveryMs) {
      prunedAt = now.getTime();
      await db.deleteFrom('rateLimit').where('resetAt', '<=', now.toISOString()).execute();
    }
    if (result.current > max) {
      if (spent.size >= spentLimit) spent.delete(spent.keys().next().value!);
      spent.set(key, now.getTime() + result.ttl);
    }
    return result;
  }

  async function peek(key: string): Promise<Count> {
    const now = clock.now();
    const row = await db
      .selectFrom('rateLimit')
      .select(['hits', 'resetAt'])
      .where('key', '=', key)
      .where('resetAt', '>', now.toISOString())
      .executeTakeFirst();
    return row
      ? { current: Number(row.hits), ttl: Date.parse(row.resetAt) - now.getTime() }
      : { current: 0, ttl: 0 };
  }

  type Callback = (err: Error | null, result?: Count) => void;
  const settle = (promise: Promise<Count>, cb: Callback) =>
    promise.then(
      (result) => cb(null, result),
      (err: Error) => cb(err),
    );

  /** The store class `@fastify/rate-limit` instantiates; every route shares the one table. */
  return class DatabaseStore {
    incr(key: string, cb: Callback, timeWindow: number, max: number): void {
      settle(count(key, timeWindow, max), cb);
    }

    read(key: string, cb: Callback): void {
      settle(peek(key), cb);
    }

    child(): DatabaseStore {
      return this;
    }
  };
}
