/** Who may do what with notifications and announcements: pure predicates, no I/O. */
import { isSteward } from '../../platform/access.ts';

/** Predicates, each `(actor, …facts) => boolean`. */
export const can = {
  /** Stewards speak to the whole community; members read what they were told. */
  announce: isSteward,
};
