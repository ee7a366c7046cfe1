/** Guards for handlers: the community of the route, and the signed-in account. */
import type { FastifyRequest } from 'fastify';
import type { Account, Community } from '../db/database.ts';
import { NotFound, Unauthenticated } from '../errors.ts';

/** The community named by `:community`; throws `NotFound('communities.not_found')` if there is none. */
export function communityOf(req: FastifyRequest): Community {
  if (!req.community) throw new NotFound('communities.not_found');
  return req.community;
}

/** The signed-in account; throws `Unauthenticated` (401, or a redirect to sign in) otherwise. */
export function accountOf(req: FastifyRequest): Account {
  if (!req.account) throw new Unauthenticated();
  return req.account;
}
