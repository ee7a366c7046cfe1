/**
 * Who may do what with proposals and the guidelines. Pure: no I/O. Services enforce these;
 * pages call the same predicates to decide which links and buttons to show.
 *
 * The rule (PRODUCT.md, capability 7; issue 18, step 2): guidelines are co-created, so every
 * active member reads them, proposes a change, discusses and takes a position. Who proposed it
 * revises it (a steward too, when the proposer has gone) and, with the stewards, writes its
 * outcome statement once it closes. Stewards extend a deadline, set the first version of the
 * guidelines when a community starts, and set the date they review them.
 */
import { isSelf, isMember as member, isSteward as steward, type Who } from '../../platform/access.ts';

/** Permission predicates, each `(actor, …facts) => boolean`. */
export const can = {
  /** The guidelines, their history, the proposals: active members. */
  see: member,
  /** Put a proposal. */
  propose: member,
  /** Take a position, comment. */
  takePart: member,
  /** Revise a proposal (asks everyone again): its proposer, or a steward. */
  revise: (a: Who, proposedBy: string | null) => steward(a) || isSelf(a, proposedBy),
  /** Write the outcome statement of a closed proposal: its proposer, or a steward. */
  writeOutcome: (a: Who, proposedBy: string | null) => steward(a) || isSelf(a, proposedBy),
  /** Extend a proposal's deadline. */
  extend: steward,
  /** Set the first version of the guidelines, and the review date. */
  steward,
};
