/**
 * How a capability plugs into the server. Each feature exports one `Feature`: its routes, its
 * background jobs and what it does once the server is ready; `app.ts` lists the features and
 * registers each part in its place. Nothing of a feature runs when it is merely imported.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from './context.ts';
import type { NotificationKind } from './notify/kinds.ts';
import type { PorchSource } from './porch.ts';

/** The Fastify instance with TypeBox-typed routes (the app, or one of its scopes). */
export type App = FastifyInstance<any, any, any, any, TypeBoxTypeProvider>;

/** A capability of Porch, as `app.ts` lists it. Every part is optional. */
export interface Feature {
  /** A short name for logs and errors (`library`). */
  name: string;
  /** Routes outside any community: `/login`, `/account`, `/api/v1/me/…`. */
  routes?(app: App): void;
  /**
   * Routes of one community, `/c/:community/…` and `/api/v1/communities/:community/…`,
   * registered in the community scope (`platform/http/community.ts`): the community is resolved
   * and refused when missing, and only active members get through unless a route says
   * `config: { public: true }`.
   */
  communityRoutes?(scope: App): void;
  /** Registers the feature's job handlers (`services.jobs.register`). */
  jobs?(services: Services): void;
  /**
   * Runs once the server is ready, before it listens: what the feature lends the platform and
   * other features (who sees its photos, how its rows are named elsewhere), and the first run of
   * its recurring jobs.
   */
  onReady?(services: Services): Promise<void> | void;
  /** What the feature tells the front porch: what needs a member, what is happening, what is theirs. */
  porch?: PorchSource;
  /** The kinds of notification the feature sends (`platform/notify`), with their defaults. */
  notifications?: readonly NotificationKind[];
}
