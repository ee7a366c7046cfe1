/**
 * The consent rule, as Loomio's consent process and sociocratic consent decision-making state
 * it: a proposal passes unless someone blocks it. Pure: no I/O.
 *
 * Positions: *agree* (I support it), *abstain* (I stand aside: neither for nor against),
 * *disagree* (I would do otherwise, but I can live with it), *block* (I have a serious objection
 * and will not let it go ahead; a block must give its reason). Each member holds at most one
 * position, and may change it until the deadline.
 *
 * At the deadline (`consentOutcome`):
 * 1. any standing block → `blocked`: the proposal does not pass. A block stands until the blocker
 *    changes their position, or the proposer revises the proposal (a revision asks everyone again
 *    and reopens a blocked proposal with a new deadline);
 * 2. else at least one agree → `passed`. Abstentions and disagreements do not count against it;
 * 3. else no position at all → `no_votes`: nobody took part, nothing is decided (it does not pass:
 *    silence is not consent when nobody even looked);
 * 4. else (only abstentions and disagreements) → `not_passed`: nobody supports it.
 * Before the deadline the same function says where the proposal stands now.
 */
import type { ProposalOutcome, Stance } from '../../platform/db/database.ts';

/** The positions, in the order pages list them. */
export const stances = ['agree', 'abstain', 'disagree', 'block'] as const satisfies readonly Stance[];

/** How many members hold each position, and in all. */
export interface Tally {
  agree: number;
  abstain: number;
  disagree: number;
  block: number;
  total: number;
}

/** Counts `positions` (one per member, as stored). */
export function tallyOf(positions: readonly { stance: Stance }[]): Tally {
  const tally: Tally = { agree: 0, abstain: 0, disagree: 0, block: 0, total: 0 };
  for (const p of positions) {
    tally[p.stance]++;
    tally.total++;
  }
  return tally;
}

/** How a proposal with these positions ends at its deadline (the rules above, in their order). */
export function consentOutcome(tally: Tally): ProposalOutcome {
  if (tally.block > 0) return 'blocked';
  if (tally.agree > 0) return 'passed';
  if (tally.total === 0) return 'no_votes';
  return 'not_passed';
}
