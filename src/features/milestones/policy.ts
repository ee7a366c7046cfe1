/**
 * Who may do what with milestones. Pure: no I/O. Services enforce these; pages call the same
 * predicates to decide which forms to show.
 *
 * The rule (PRODUCT.md, capability 8; issue 18, step 5): every active member sees the community's
 * milestones; a person a milestone thanks chooses whether they are named with it (nobody is named
 * unless they agreed); stewards set the community's thresholds.
 */
import { isMember, isSteward, type Who } from '../../platform/access.ts';

/** Permission predicates, each `(actor, …facts) => boolean`. */
export const can = {
  /** The milestones page and the porch's celebrations. */
  seeMilestones: isMember,
  /** Be named with a milestone, or not: an active member among those it thanks. */
  chooseNamed: (a: Who, thanked: readonly string[]) =>
    isMember(a) && a.accountId !== null && thanked.includes(a.accountId),
  /** The community's thresholds. */
  setThresholds: isSteward,
};
