/**
 * Who may do what with feedback. Pure: no I/O. Services enforce these; pages call the same
 * predicates to decide which forms and links to show.
 *
 * The rule (PRODUCT.md, capability 7; issue 18, step 4): only someone who took part in a thing —
 * who borrowed or lent the loan, who came to the shift, who said yes to the gathering's date and
 * was not left waiting — says how it went, once per thing (again replaces it). What they wrote is
 * private: only stewards read the comments and the summaries; a member may let theirs be quoted
 * (the newsletter), without their name.
 */
import { isMember, isSteward, type Who } from '../../platform/access.ts';

/** Permission predicates, each `(actor, …facts) => boolean`. */
export const can = {
  /** Say how a thing went: an active member among those who took part in it. */
  give: (a: Who, participants: readonly string[]) =>
    isMember(a) && a.accountId !== null && participants.includes(a.accountId),
  /** The summaries per place, kind and month, and the "could improve" comments. */
  seeSummaries: isSteward,
};
