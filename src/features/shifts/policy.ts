/**
 * Who may do what with shifts. Pure: no I/O. Services enforce these; pages call the same
 * predicates to decide which links and buttons to show.
 *
 * The rule (PRODUCT.md, capability 5): members see the community's shifts and sign up; stewards,
 * and the volunteers of the place a series happens at, set series up, change and cancel them,
 * mark volunteers trained and record no-shows. A no-show is seen only by the member it is about
 * and by stewards. Whoever signed up for a shift, or keeps its series, completes it.
 */
import { isSelf, isMember as member, isSteward as steward, type Who } from '../../platform/access.ts';

/** What the predicates need to know of a series. */
export interface SeriesFacts {
  /** The account ids of its place's volunteers (none for a series anywhere). */
  placeVolunteerIds: readonly string[];
}

const keeps = (a: Who, series: SeriesFacts) =>
  steward(a) || (member(a) && a.accountId !== null && series.placeVolunteerIds.includes(a.accountId));

/** Permission predicates, each `(actor, …facts) => boolean`. */
export const can = {
  /** The list, the month, coverage, each shift: active members. */
  seeShifts: member,
  signUp: member,
  /** Set up a series: stewards anywhere, a place's volunteers at their place. */
  addSeries: keeps,
  /** Change, cancel an occurrence, archive; mark trained; record no-shows. */
  manageSeries: keeps,
  /** Complete a shift: who signed up for it, or who keeps its series. */
  complete: (a: Who, series: SeriesFacts, signedUp: boolean) => (member(a) && signedUp) || keeps(a, series),
  /** A member's no-shows: that member and stewards. */
  seeNoShows: (a: Who, accountId: string) => steward(a) || isSelf(a, accountId),
  /** The community's temperature unit. */
  chooseUnit: steward,
};
