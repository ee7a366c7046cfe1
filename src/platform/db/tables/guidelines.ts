/**
 * Guidelines tables (migration 0058): proposals decided by consent, their positions and
 * discussion, the guidelines' versions and members' acknowledgements of them.
 */
import type { Generated, Selectable } from 'kysely';

/** What a proposal would do to the guidelines: nothing, a new full text, or an amendment added to them. */
export type GuidelineChange = 'none' | 'replace' | 'amend';
/** A member's consent position on a proposal. */
export type Stance = 'agree' | 'abstain' | 'disagree' | 'block';
/** Whether a proposal still takes positions. */
export type ProposalStatus = 'open' | 'closed';
/** How a closed proposal ended (`features/guidelines/outcome.ts`). */
export type ProposalOutcome = 'passed' | 'blocked' | 'not_passed' | 'no_votes';

/** A proposal (0058). */
export interface ProposalTable {
  id: string;
  communityId: string;
  title: string;
  body: Generated<string>;
  rationale: Generated<string>;
  change: Generated<GuidelineChange>;
  /** The new full text (`replace`) or the amendment's text (`amend`); '' for `none`. */
  guidelineText: Generated<string>;
  /** The guidelines' version it was written against; null when there were none. */
  baseVersion: number | null;
  revision: Generated<number>;
  proposedBy: string | null;
  createdAt: string;
  updatedAt: string;
  /** The deadline, an instant. */
  closesAt: string;
  status: Generated<ProposalStatus>;
  outcome: ProposalOutcome | null;
  closedAt: string | null;
  outcomeStatement: Generated<string>;
  outcomeBy: string | null;
  outcomeAt: string | null;
}

/** A member's position on a proposal, one per member (0058). */
export interface ProposalPositionTable {
  id: string;
  communityId: string;
  proposalId: string;
  accountId: string;
  stance: Stance;
  reason: Generated<string>;
  createdAt: string;
  updatedAt: string;
}

/** A comment in a proposal's discussion (0058). */
export interface ProposalCommentTable {
  id: string;
  communityId: string;
  proposalId: string;
  authorId: string | null;
  body: string;
  createdAt: string;
}

/** A version of the community's guidelines (0058). */
export interface GuidelineVersionTable {
  id: string;
  communityId: string;
  number: number;
  body: string;
  /** The passed proposal that made it; null for a version a steward set. */
  proposalId: string | null;
  madeBy: string | null;
  madeAt: string;
  /** Local date `YYYY-MM-DD` the stewards review it; null: none set. */
  reviewOn: string | null;
  reviewRemindedAt: string | null;
}

/** A member has read a version (0058). */
export interface GuidelineAcknowledgementTable {
  id: string;
  communityId: string;
  accountId: string;
  versionId: string;
  acknowledgedAt: string;
}

/** The guidelines tables, by name (part of `Database`). */
export interface GuidelinesDatabase {
  proposal: ProposalTable;
  proposalPosition: ProposalPositionTable;
  proposalComment: ProposalCommentTable;
  guidelineVersion: GuidelineVersionTable;
  guidelineAcknowledgement: GuidelineAcknowledgementTable;
}

/** Tables of this area whose rows belong to one community (checked by the tenant guard). */
export const guidelinesCommunityTables: readonly string[] = [
  'proposal',
  'proposal_position',
  'proposal_comment',
  'guideline_version',
  'guideline_acknowledgement',
];

/** A proposal row as read. */
export type Proposal = Selectable<ProposalTable>;
/** A position row as read. */
export type ProposalPosition = Selectable<ProposalPositionTable>;
/** A version row as read. */
export type GuidelineVersion = Selectable<GuidelineVersionTable>;
