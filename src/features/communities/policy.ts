/**
 * Who may do what with communities and memberships: pure predicates, no I/O. Services enforce
 * them; pages call the same ones to decide which buttons to show.
 */
import { isMember as member, isSteward as steward } from '../../platform/access.ts';
import type { Actor } from '../../platform/context.ts';

/** What `can.startCommunity` needs to know about the server and the person. */
export interface CreationRules {
  creation: 'anyone' | 'operators';
  maxPerPerson: number;
  /** How many communities this person has started already. */
  started: number;
}

/** Predicates, each `(actor, …facts) => boolean`. */
export const can = {
  /** Operators always; anyone signed in when the server allows it, up to the limit. */
  startCommunity: (a: Actor, rules: CreationRules) =>
    a.accountId !== null &&
    (a.operator || (rules.creation === 'anyone' && rules.started < rules.maxPerPerson)),
  /** The chat group link is for members only: it leads into a private space. */
  seeChatLink: member,
  /** Settings: name, description, area, policy, flags. */
  editSettings: steward,
  manageInvites: steward,
  approveMembers: steward,
  changeRoles: steward,
  removeMembers: steward,
  /** Only where the community allows neighbors without email. */
  addPaperMembers: (a: Actor, community: { paperMembers: number }) =>
    steward(a) && community.paperMembers === 1,
  /** A steward may act for a paper member (no email, so no way to sign in) of their community. */
  actFor: (a: Actor, target: { email: string | null; status: string }) =>
    steward(a) && target.email === null && target.status === 'active',
  /** Joining is for anyone who is not an active member yet. */
  join: (a: Actor) => !member(a),
  leave: member,
};
