/** Guards for handlers outside any community: the signed-in account. */
import type { FastifyRequest } from 'fastify';
import type { Account } from '../db/database.ts';
import { Unauthenticated } from '../errors.ts';

/** The signed-in account; throws `Unauthenticated` (401, or a redirect to sign in) otherwise. */
export function accountOf(req: FastifyRequest): Account {
  if (!req.account) throw new Unauthenticated();
  return req.account;
}
