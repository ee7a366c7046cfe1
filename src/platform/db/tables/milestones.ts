/**
 * Milestones tables (migration 0062): milestones reached, the people each thanks, and a
 * community's own thresholds.
 */
import type { Generated, Selectable } from 'kysely';

/** The kinds of milestone Porch detects (`features/milestones/kinds.ts` has their defaults). */
export type MilestoneKind = 'loans' | 'fridge_year' | 'seed_returned' | 'rides' | 'workshops' | 'shifts';

/** A milestone reached (0062): recorded once per kind, threshold and scope. */
export interface MilestoneTable {
  id: string;
  communityId: string;
  kind: MilestoneKind;
  threshold: number;
  /** What a kind counted per thing is about (a fridge's place id); '' otherwise. */
  scopeId: Generated<string>;
  /** When the activity crossed the threshold. */
  reachedAt: string;
  createdAt: string;
}

/** Someone a milestone thanks (0062). */
export interface MilestonePersonTable {
  communityId: string;
  milestoneId: string;
  accountId: string;
  /** 1: they agreed to be named with it. */
  named: Generated<number>;
}

/** A community's own threshold of a kind (0062). */
export interface MilestoneThresholdTable {
  communityId: string;
  kind: MilestoneKind;
  threshold: number;
  updatedAt: string;
}

/** The milestones tables, by name (part of `Database`). */
export interface MilestonesDatabase {
  milestone: MilestoneTable;
  milestonePerson: MilestonePersonTable;
  milestoneThreshold: MilestoneThresholdTable;
}

/** Tables of this area whose rows belong to one community (checked by the tenant guard). */
export const milestonesCommunityTables: readonly string[] = [
  'milestone',
  'milestone_person',
  'milestone_threshold',
];

/** A milestone row as read. */
export type Milestone = Selectable<MilestoneTable>;
