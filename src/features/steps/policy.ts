/**
 * Who may read the six steps guide. Pure: no I/O.
 *
 * The rule (issue 18): the guide walks a steward through starting the group — identify a need,
 * host an open gathering, co-create guidelines, launch a pilot, gather feedback, celebrate — so it
 * is the stewards' page; members see each step's outcome on its own page.
 */
import { isSteward } from '../../platform/access.ts';

/** Permission predicates, each `(actor) => boolean`. */
export const can = {
  /** The guide, and the link to it on the front porch. */
  seeSteps: isSteward,
};
