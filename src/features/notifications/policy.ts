/** Who may do what with notifications and announcements: pure predicates, no I/O. */
import { isSteward } from '../../platform/access.ts';
import type { Actor } from '../../platform/context.ts';

/** Predicates, each `(actor, …facts) => boolean`. */
export const can = {
  /** Stewards speak to the whole community; members read what they were told. */
  announce: isSteward,
  /** The server's operator sees and retries failed deliveries of every community; nobody else. */
  retryDeliveries: (actor: Actor) => actor.operator,
};
