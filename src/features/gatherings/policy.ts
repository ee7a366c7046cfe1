/**
 * Who may do what with gatherings. Pure: no I/O. Services enforce these; pages call the same
 * predicates to decide which links and buttons to show.
 *
 * The rule (PRODUCT.md, capability 6; issue 17): every active member sees the community's
 * gatherings, answers them and may organize one (neighbors host potlucks and workshops, not only
 * stewards); who organized a gathering, its accepted host and stewards change it, move or cancel
 * its occurrences and print its flyer. Only stewards open a gathering to the public (seen and
 * answered without an account), since it then speaks for the community to passers-by. A workshop's
 * proposed host alone accepts or declines hosting it.
 */
import { isSelf, isMember as member, isSteward as steward, type Who } from '../../platform/access.ts';

/** What the predicates need to know of a gathering. */
export interface GatheringFacts {
  /** Who set it up (null once their account is gone). */
  createdBy: string | null;
  /** A workshop's host, when they accepted; null otherwise. */
  acceptedHostId: string | null;
  isPublic: boolean;
}

const organizes = (a: Who, g: GatheringFacts) =>
  steward(a) || isSelf(a, g.createdBy) || isSelf(a, g.acceptedHostId);

/** Permission predicates, each `(actor, …facts) => boolean`. */
export const can = {
  /** The list, the calendar, each gathering: active members. */
  seeGatherings: member,
  /** Answer yes, maybe or no, with guests. */
  answer: member,
  /** Organize a gathering (or propose a workshop to a host). */
  addGathering: member,
  /** Make a gathering public, or private again. */
  makePublic: steward,
  /** Change it, move or cancel an occurrence, call it off, print its flyer. */
  manage: organizes,
  /** See a gathering without being a member, and answer it with a name: public ones only. */
  seeAsVisitor: (_a: Who, g: GatheringFacts) => g.isPublic,
  /** Accept or decline hosting a proposed workshop: the host named, nobody else. */
  answerHosting: (a: Who, hostId: string | null) => isSelf(a, hostId),
};
