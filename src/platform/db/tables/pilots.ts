/**
 * Pilots tables (migration 0056): a pilot project, its team, and the shifts, gatherings and items
 * it uses.
 */
import type { Generated, Selectable } from 'kysely';

/** What the team decided at a pilot's end. */
export type PilotDecision = 'continue' | 'adapt' | 'stop';

/** A pilot (0056). */
export interface PilotTable {
  id: string;
  communityId: string;
  title: string;
  need: string;
  hypothesis: string;
  measure: string;
  /** Its first and last local days, `YYYY-MM-DD`. */
  startsOn: string;
  endsOn: string;
  /** From a needs survey's suggestion: the survey, the project named, the counts it saw. */
  surveyId: string | null;
  project: string | null;
  needCount: number | null;
  offerCount: number | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  /** Null: a draft. */
  launchedAt: string | null;
  halfwayRemindedAt: string | null;
  halfwayNote: Generated<string>;
  halfwayAt: string | null;
  halfwayBy: string | null;
  worked: Generated<string>;
  didNotWork: Generated<string>;
  decision: PilotDecision | null;
  finishedAt: string | null;
  finishedBy: string | null;
}

/** A member of a pilot's team (0056). */
export interface PilotMemberTable {
  communityId: string;
  pilotId: string;
  accountId: string;
}

/** A shift series, a gathering or an item a pilot uses: exactly one is set (0056). */
export interface PilotLinkTable {
  id: string;
  communityId: string;
  pilotId: string;
  shiftSeriesId: string | null;
  gatheringId: string | null;
  itemId: string | null;
}

/** The pilots tables, by name (part of `Database`). */
export interface PilotsDatabase {
  pilot: PilotTable;
  pilotMember: PilotMemberTable;
  pilotLink: PilotLinkTable;
}

/** Tables of this area whose rows belong to one community (checked by the tenant guard). */
export const pilotsCommunityTables: readonly string[] = ['pilot', 'pilot_member', 'pilot_link'];

/** A pilot row as read. */
export type Pilot = Selectable<PilotTable>;
