/**
 * Who may do what with needs surveys. Pure: no I/O. Services enforce these; pages call the same
 * predicates to decide which links and buttons to show.
 *
 * The rule (issue 18, step 1): a steward opens a survey, prints its paper form and types in the
 * paper answers, and reads the summary (counts only, but of what neighbors need: a household's
 * needs are the most sensitive data in Porch, so the free answers and the summary stay with the
 * stewards). Every active member sees the community's surveys and answers them, once each; anyone
 * with a survey's link answers it without an account while it is open.
 */
import { isMember as member, isSteward as steward, type Who } from '../../platform/access.ts';

/** Permission predicates, each `(actor, …facts) => boolean`. */
export const can = {
  /** The list of surveys and each survey: active members. */
  seeSurveys: member,
  /** Answer as a member (signed in). */
  answer: member,
  /** Open a survey, print its paper form, type a paper answer in. */
  openSurvey: steward,
  /** Type in an answer from a paper form. */
  typePaperAnswer: steward,
  /** Read the summary, the free answers and the suggestions. */
  seeSummary: steward,
  /** Answer by the link, without an account: anyone, while the survey is open. */
  answerByLink: (_a: Who, open: boolean) => open,
};
