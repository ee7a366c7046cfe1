/**
 * Who may do what in the seed library: pure predicates, no I/O. Services enforce them; pages
 * call the same ones to decide which buttons to show. Everything is for active members of the
 * community (PRODUCT.md, capability 4); a visitor sees nothing of the library.
 */
import { isMember as member, isSelf as own, isSteward as steward } from '../../platform/access.ts';
import type { Actor } from '../../platform/context.ts';

/** Predicates, each `(actor, …facts) => boolean`. */
export const can = {
  /** The catalog, variety pages, stories and lots. */
  browse: member,
  /** Any member may add a variety to the library. */
  addVariety: member,
  /** The member who added the variety, or a steward (who tends the whole library). */
  editVariety: (a: Actor, variety: { createdBy: string | null }) => own(a, variety.createdBy) || steward(a),
  addStory: member,
  /** Only the author edits or deletes their own words. */
  editStory: (a: Actor, story: { authorId: string | null }) => own(a, story.authorId),
  deleteStory: (a: Actor, story: { authorId: string | null }) => own(a, story.authorId),
  /** Stewards moderate: they hide a story (it stays, for its author) and may show it again. */
  hideStory: steward,
  /** A hidden story is seen by stewards and its author only. */
  seeStory: (a: Actor, story: { authorId: string | null; hiddenAt: string | null }) =>
    member(a) && (story.hiddenAt === null || steward(a) || own(a, story.authorId)),
  /** Any member may put donated seed on the shelf. */
  addLot: member,
  /** Any member may take packets; nothing is tallied (PRODUCT.md: reciprocity as a mindset). */
  takePackets: member,
  /** The member who pledged, or a steward (who receives returned seed at the shelf). */
  recordReturn: (a: Actor, pledge: { accountId: string }) => own(a, pledge.accountId) || steward(a),
  /** Marking a pledge done or cancelling it: the member who pledged, or a steward (for a
   * neighbor who moved away and left a pledge behind). */
  closePledge: (a: Actor, pledge: { accountId: string }) => own(a, pledge.accountId) || steward(a),
  /** Stewards see every open pledge (to receive seed); members see their own. */
  seePledge: (a: Actor, pledge: { accountId: string }) => own(a, pledge.accountId) || steward(a),
  seeAllPledges: steward,
};
