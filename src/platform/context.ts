/**
 * What a service needs to act: the database, who is acting, the clock, side-effect queues and
 * the translator. Routes build one per request; jobs and the CLI build their own.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Dialect } from '../../migrations/_columns.ts';
import type { Config } from '../config.ts';
import type { DataChanges } from './db/changes.ts';
import type { Db, Role } from './db/database.ts';
import type { Clock } from './db/time.ts';
import type { EventBus } from './events/bus.ts';
import type { Locale, T } from './i18n/index.ts';
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
  /** The data version, for caches (see `DataChanges`). */
  changes: DataChanges;
  config: Config;
  clock: Clock;
  jobs: Jobs;
  events: EventBus;
  mailer: Mailer;
  log: FastifyBaseLogger;
}

/** A service call's context: the shared parts plus the actor and their language. */
export interface Ctx extends Services {
  actor: Actor;
  locale: Locale;
  t: T;
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
