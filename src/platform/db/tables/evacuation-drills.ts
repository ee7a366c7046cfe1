/**
 * Drills of the evacuation ride network and the personal links (migration 0037): a household's or
 * driver's own link for a drill or an alert, the drills, and each one's answers.
 */
import type { Selectable } from 'kysely';

/** What a personal link is for: a drill's check-in, or an alert. */
export type LinkOccasion = 'drill' | 'alert';

/** A household's or a driver's personal link for one occasion; only the token's hash (0037). */
export interface EvacuationLinkTable {
  id: string;
  communityId: string;
  occasion: LinkOccasion;
  /** The drill's or the alert's id (no foreign key: either table). */
  occasionId: string;
  /** Exactly one of the two is set. */
  householdId: string | null;
  driverId: string | null;
  /** The member the registration is. */
  accountId: string;
  /** SHA-256 of the token, hex. */
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
  openedAt: string | null;
}

/** Where a drill stands. */
export type DrillStatus = 'open' | 'closed' | 'cancelled';

/** A drill: the monthly check-in (0037). Instants are ISO UTC. */
export interface EvacuationDrillTable {
  id: string;
  communityId: string;
  message: string;
  status: DrillStatus;
  /** Answers are asked for by then. */
  deadline: string;
  /** With no answer by then, the buddy is asked; the backup buddy; the coordinators are told. */
  buddyAt: string;
  backupAt: string;
  coordinatorsAt: string;
  startedBy: string | null;
  startedAt: string;
  endedBy: string | null;
  endedAt: string | null;
}

/** What a household or driver answered. */
export type AnswerStatus = 'waiting' | 'confirmed' | 'changed' | 'unavailable';

/** One household or driver asked in a drill, and their answer (0037). */
export interface EvacuationDrillAnswerTable {
  id: string;
  communityId: string;
  drillId: string;
  /** Exactly one of the two is set. */
  householdId: string | null;
  driverId: string | null;
  accountId: string;
  status: AnswerStatus;
  answeredAt: string | null;
  /** Null: through the personal link; else the coordinator who recorded it. */
  answeredBy: string | null;
  /** JSON array of `{ field, before, after }`. */
  changes: string;
  /** Anything else they said. */
  note: string;
  /** A driver's seats as confirmed. */
  seats: number | null;
  testDriveAt: string | null;
  buddyAskedAt: string | null;
  buddyAskedId: string | null;
  backupAskedAt: string | null;
  backupAskedId: string | null;
  coordinatorsToldAt: string | null;
  /** What a buddy asked to check on the household found, through their link (0070). */
  buddyFound: BuddyFound | null;
  buddyFoundAt: string | null;
  /** The buddy who recorded it. */
  buddyFoundBy: string | null;
}

/** What a buddy found when a drill asked them to check on a household: they reached it or not. */
export type BuddyFound = 'reached' | 'not_reached';

/** The drills' tables, by name. */
export interface EvacuationDrillsDatabase {
  evacuationLink: EvacuationLinkTable;
  evacuationDrill: EvacuationDrillTable;
  evacuationDrillAnswer: EvacuationDrillAnswerTable;
}

/** The drills' tables whose rows belong to one community. */
export const evacuationDrillsCommunityTables: readonly string[] = [
  'evacuation_link',
  'evacuation_drill',
  'evacuation_drill_answer',
];

/** A personal link row as read. */
export type EvacuationLink = Selectable<EvacuationLinkTable>;
/** A drill row as read. */
export type EvacuationDrill = Selectable<EvacuationDrillTable>;
/** A drill answer row as read. */
export type EvacuationDrillAnswer = Selectable<EvacuationDrillAnswerTable>;
