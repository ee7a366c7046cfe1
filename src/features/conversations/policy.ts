/**
 * Who may read and write a conversation: pure predicates, no I/O. A conversation is private to
 * its participants; a steward joins only once a participant asks one to look.
 */
import { isSteward, isMember as member } from '../../platform/access.ts';
import type { Actor } from '../../platform/context.ts';

/** What the predicates need to know about a conversation. */
export interface ConversationFacts {
  participantIds: readonly string[];
  stewardAskedAt: string | null;
}

const participates = (a: Actor, c: ConversationFacts) =>
  a.accountId !== null && c.participantIds.includes(a.accountId);

/** Predicates, each `(actor, …facts) => boolean`. */
export const can = {
  /** Participants; stewards only after a participant asked for one. */
  read: (a: Actor, c: ConversationFacts) =>
    member(a) && (participates(a, c) || (isSteward(a) && c.stewardAskedAt !== null)),
  /** Whoever may read may write: an invited steward can answer too. */
  write: (a: Actor, c: ConversationFacts) => can.read(a, c),
  /** Only a participant can call a steward in, once. */
  askSteward: (a: Actor, c: ConversationFacts) => member(a) && participates(a, c),
};
