/**
 * Who may do what with pilots. Pure: no I/O. Services enforce these; pages call the same
 * predicates to decide which links and buttons to show.
 *
 * The rule (issue 18, step 3): every active member sees the community's pilots (what the
 * community tries, and what it found, is everyone's); a steward starts one (from a survey's
 * suggestion or from scratch); its team and the stewards change it, launch it, write its halfway
 * note and its retrospective.
 */
import { isMember as member, isSteward as steward, type Who } from '../../platform/access.ts';

/** What the predicates need to know of a pilot: who is on its team. */
export interface PilotFacts {
  team: readonly string[];
}

const runs = (a: Who, p: PilotFacts) =>
  steward(a) || (member(a) && a.accountId !== null && p.team.includes(a.accountId));

/** Permission predicates, each `(actor, …facts) => boolean`. */
export const can = {
  /** The list and each pilot: active members. */
  seePilots: member,
  /** Start a pilot (a draft). */
  startPilot: steward,
  /** Change it, launch it, write its halfway note and retrospective: its team, and stewards. */
  runPilot: runs,
};
