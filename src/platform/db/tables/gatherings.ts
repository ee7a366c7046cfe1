/**
 * Gatherings tables (migration 0048): what a community meets for and when, the occurrences someone
 * acted on, and who answered; a potluck's dishes wanted and promised (0049).
 */
import type { Generated, Selectable } from 'kysely';

/** What kind of gathering it is. */
export type GatheringKind = 'gathering' | 'potluck' | 'workshop' | 'language_table';
/** An answer to a gathering. */
export type RsvpAnswer = 'yes' | 'maybe' | 'no';
/** Where a workshop's host is: asked, or said yes. */
export type HostStatus = 'proposed' | 'accepted';

/** A gathering, once or repeating (0048). */
export interface GatheringTable {
  id: string;
  communityId: string;
  kind: Generated<GatheringKind>;
  title: string;
  description: Generated<string>;
  placeId: string | null;
  /** Where, when not at a place of the community; '' otherwise. */
  address: Generated<string>;
  /** Local wall time `YYYY-MM-DDTHH:mm` of the first occurrence, in the community's zone. */
  startLocal: string;
  durationMinutes: number;
  /** RFC 5545 RRULE without DTSTART; null: once. */
  rule: string | null;
  /** `MM-DD`, both set or both null. */
  seasonFrom: string | null;
  seasonUntil: string | null;
  /** Local dates left out, comma-separated. */
  exceptions: Generated<string>;
  /** Occurrences moved, `from>to` local starts comma-separated. */
  moves: Generated<string>;
  /** How many people (guests included) may come; null: no limit. */
  capacity: number | null;
  isPublic: Generated<number>;
  /** A workshop's skill ('' otherwise). */
  skill: Generated<string>;
  hostId: string | null;
  hostStatus: HostStatus | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
}

/** One occurrence someone acted on (0048). */
export interface GatheringOccurrenceTable {
  id: string;
  communityId: string;
  gatheringId: string;
  /** The local start the rule gave, `YYYY-MM-DDTHH:mm`: the occurrence's identity. */
  occurrence: string;
  startsAt: string;
  endsAt: string;
  cancelledAt: string | null;
  createdAt: string;
}

/** An answer to an occurrence, a member's or a visitor's (0048). */
export interface GatheringRsvpTable {
  id: string;
  communityId: string;
  occurrenceId: string;
  accountId: string | null;
  visitorName: string | null;
  answer: RsvpAnswer;
  /** 1: a yes waiting for a place. */
  waiting: Generated<number>;
  guests: Generated<number>;
  answeredAt: string;
  createdAt: string;
  remindedAt: string | null;
}

/** A course of a potluck. */
export type Course = 'main' | 'side' | 'dessert' | 'drink';

/** How many dishes of a course a gathering asks for (0049). */
export interface GatheringDishNeedTable {
  communityId: string;
  gatheringId: string;
  course: Course;
  wanted: number;
}

/** A dish promised to an occurrence, with the answer it belongs to (0049). */
export interface GatheringDishTable {
  id: string;
  communityId: string;
  occurrenceId: string;
  rsvpId: string;
  course: Course;
  name: string;
  /** Dietary labels, comma-separated. */
  labels: Generated<string>;
  createdAt: string;
}

/** The gatherings tables, by name (part of `Database`). */
export interface GatheringsDatabase {
  gathering: GatheringTable;
  gatheringOccurrence: GatheringOccurrenceTable;
  gatheringRsvp: GatheringRsvpTable;
  gatheringDishNeed: GatheringDishNeedTable;
  gatheringDish: GatheringDishTable;
}

/** Tables of this area whose rows belong to one community (checked by the tenant guard). */
export const gatheringsCommunityTables: readonly string[] = [
  'gathering',
  'gathering_occurrence',
  'gathering_rsvp',
  'gathering_dish_need',
  'gathering_dish',
];

/** A gathering row as read. */
export type Gathering = Selectable<GatheringTable>;
/** An occurrence row as read. */
export type GatheringOccurrence = Selectable<GatheringOccurrenceTable>;
/** An answer as read. */
export type GatheringRsvp = Selectable<GatheringRsvpTable>;
