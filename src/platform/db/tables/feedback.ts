/**
 * Feedback tables (migration 0061): a member's "went well / could improve" about a thing they took
 * part in, and that they were asked about it.
 */
import type { Generated, Selectable } from 'kysely';

/** What feedback can be about (rides keep theirs in `evacuation_feedback`). */
export type FeedbackSubjectKind = 'loan' | 'shift' | 'gathering' | 'pilot';
/** The one tap. */
export type FeedbackRating = 'went_well' | 'could_improve';

/** One member's feedback about one thing (0061). */
export interface FeedbackTable {
  id: string;
  communityId: string;
  subjectKind: FeedbackSubjectKind;
  /** The loan, the shift (an occurrence), the gathering's occurrence or the pilot. */
  subjectId: string;
  accountId: string;
  /** Where it happened, when at a place of the community (no foreign key: history stays). */
  placeId: string | null;
  /** The activity's local date, `YYYY-MM-DD`. */
  occurredOn: string;
  rating: FeedbackRating;
  /** Read by stewards only, unless `quotable`. */
  comment: Generated<string>;
  /** 1: the member lets the comment be quoted (the newsletter), without their name. */
  quotable: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

/** That a member was asked how a thing went (0061). */
export interface FeedbackPromptTable {
  communityId: string;
  subjectKind: FeedbackSubjectKind;
  subjectId: string;
  accountId: string;
  askedAt: string;
}

/** The feedback tables, by name (part of `Database`). */
export interface FeedbackDatabase {
  feedback: FeedbackTable;
  feedbackPrompt: FeedbackPromptTable;
}

/** Tables of this area whose rows belong to one community (checked by the tenant guard). */
export const feedbackCommunityTables: readonly string[] = ['feedback', 'feedback_prompt'];

/** A feedback row as read. */
export type Feedback = Selectable<FeedbackTable>;
