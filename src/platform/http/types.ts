/** What Porch adds to Fastify's request, reply and route config. */
import type { VNode } from 'preact';
import type { Ctx, Services } from '../context.ts';
import type { Account } from '../db/database.ts';
import type { FieldError } from '../errors.ts';

/** A field error with its translated message, ready to show. */
export type ShownFieldError = FieldError & { message: string };

/** Re-renders a page form with the submitted values (from `req.body`) and `errors` beside the fields. */
export type FormRenderer = (
  req: import('fastify').FastifyRequest,
  reply: import('fastify').FastifyReply,
  errors: ShownFieldError[],
) => VNode<any> | Promise<VNode<any>>;

declare module 'fastify' {
  interface FastifyInstance {
    /** Database, jobs, events and mail, shared by every request. */
    services: Services;
  }
  interface FastifyRequest {
    /** The service context: actor, locale, translator and shared services. */
    ctx: Ctx;
    /** The signed-in account, if any. */
    account?: Account;
    /** The session token from the cookie, if any. */
    sessionToken?: string;
  }
  interface FastifyContextConfig {
    /** For HTML form routes: how to re-render the form when input is refused. */
    form?: FormRenderer;
    /** A POST whose URL carries a signature that authorizes it: no CSRF token is asked for. */
    signedLink?: boolean;
  }
}
