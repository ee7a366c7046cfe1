/**
 * Who may do what on the mutual-aid board: pure predicates, no I/O. Services enforce them; pages
 * call the same ones to decide which buttons to show. Rules from PRODUCT.md capability 2.
 */
import { isSelf, isMember as member, isSteward as steward } from '../../platform/access.ts';
import type { Actor } from '../../platform/context.ts';

/** What the predicates need to know about a post. */
export interface PostFacts {
  kind: 'offer' | 'request';
  authorId: string;
  postedBy: string;
  claimedBy: string | null;
}

/** The neighbor it is for and whoever posted it on their behalf both manage a post. */
const manages = (a: Actor, p: PostFacts) => isSelf(a, p.authorId) || isSelf(a, p.postedBy);

/** Predicates, each `(actor, …facts) => boolean`. */
export const can = {
  /** Active members only: the board is the community's own. */
  viewBoard: member,
  createPost: member,
  manage: manages,
  /** Its author (or the member who posted it for them), or a steward. */
  editPost: (a: Actor, p: PostFacts) => manages(a, p) || steward(a),
  closePost: (a: Actor, p: PostFacts) => manages(a, p) || steward(a),
  /** Only the people it was for know it was done, and whom to thank. */
  fulfillPost: manages,
  thank: manages,
  /** Anyone but its own people may help with a request. */
  claimPost: (a: Actor, p: PostFacts) => member(a) && !manages(a, p) && p.kind === 'request',
  /** The helper, the post's people, or a steward. */
  releaseClaim: (a: Actor, p: PostFacts) => isSelf(a, p.claimedBy) || manages(a, p) || steward(a),
  respond: (a: Actor, p: PostFacts) => member(a) && !manages(a, p),
  subscribeUrgent: member,
};
