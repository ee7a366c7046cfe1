/**
 * Evacuation ride network tables (migration 0033): households that would need a ride, drivers and
 * their vehicles, shelters' capacities, coordinators' locks, the plans with their routes and
 * assignments, and the log of reads of this data.
 */
import type { Generated, Selectable } from 'kysely';

/** A buddy's answer to being named (0043): asked until they accept or decline. */
export type BuddyStatus = 'asked' | 'accepted' | 'declined';

/** Whether a household's shelter is a wish or a need. */
export type ShelterNeed = 'none' | 'preferred' | 'needed';

/** A household that would need a ride (0033). */
export interface EvacuationHouseholdTable {
  id: string;
  communityId: string;
  /** The member the household is (themselves, or a paper member a coordinator acts for). */
  accountId: string;
  address: Generated<string>;
  /** WGS 84 degrees; both null or both set. */
  latitude: number | null;
  longitude: number | null;
  people: number;
  /** People travelling in their wheelchair (each needs a wheelchair place, not a seat). */
  wheelchairs: Generated<number>;
  mobilityAids: Generated<string>;
  pets: Generated<number>;
  language: Generated<string>;
  phone: Generated<string>;
  notes: Generated<string>;
  buddyId: string | null;
  backupBuddyId: string | null;
  /** The buddy's answer (0043); null without a buddy. Only an accepted buddy is sent anything. */
  buddyStatus: BuddyStatus | null;
  buddyAnsweredAt: string | null;
  /** The backup buddy's answer (0043), as the buddy's. */
  backupBuddyStatus: BuddyStatus | null;
  backupBuddyAnsweredAt: string | null;
  /** A place of kind shelter. */
  shelterId: string | null;
  shelterNeed: Generated<ShelterNeed>;
  /** 0/1: the household may ride in several cars. */
  maySplit: Generated<number>;
  /**
   * When the member's membership ended (0046; set by the database whatever ended it). Outside an
   * alert the registration is deleted then; during one it stays on the day's board until it ends.
   */
  leftAt: string | null;
  /**
   * When the database took a buddy or backup buddy off this household because their membership
   * ended (0069); cleared once the household and the coordinators are told.
   */
  buddyLostAt: string | null;
  consentedAt: string;
  consentedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A volunteer driver and their vehicle (0033). */
export interface EvacuationDriverTable {
  id: string;
  communityId: string;
  accountId: string;
  vehicle: Generated<string>;
  seats: number;
  wheelchairPlaces: Generated<number>;
  /** 0/1: takes pets. */
  pets: Generated<number>;
  address: Generated<string>;
  latitude: number | null;
  longitude: number | null;
  /** Comma-separated times of the week. */
  availability: Generated<string>;
  phone: Generated<string>;
  notes: Generated<string>;
  consentedAt: string;
  consentedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A shelter's capacity for the ride network: a place of kind shelter (0033). */
export interface EvacuationShelterTable {
  communityId: string;
  placeId: string;
  /** People it takes in. */
  capacity: number;
  /** 0/1: wheelchair accessible. */
  accessible: Generated<number>;
  /** 0/1: takes pets. */
  pets: Generated<number>;
  updatedAt: string;
}

/** A household a coordinator keeps with a driver across re-plans (0033). */
export interface EvacuationLockTable {
  communityId: string;
  householdId: string;
  driverId: string;
  createdBy: string | null;
  createdAt: string;
}

/** A plan the route planner made (0033). */
export interface EvacuationPlanTable {
  id: string;
  communityId: string;
  slot: string;
  maxMinutes: number;
  households: number;
  served: number;
  drivers: number;
  solveMs: number;
  createdBy: string | null;
  createdAt: string;
}

/** A driver's route in a plan (0033). Times are seconds from the alert; distance metres. */
export interface EvacuationRouteTable {
  communityId: string;
  planId: string;
  driverId: string;
  shelterId: string;
  departure: number;
  arrival: number;
  distance: number;
}

/** A household (or one part of a split household) in a plan: served by a driver, or why not (0033). */
export interface EvacuationAssignmentTable {
  communityId: string;
  planId: string;
  householdId: string;
  part: number;
  people: number;
  wheelchairs: number;
  driverId: string | null;
  position: number | null;
  arrival: number | null;
  reason: string | null;
  /** JSON object of the reason's values. */
  detail: string | null;
}

/** One read of the ride network's data (0033). */
export interface EvacuationAccessTable {
  id: string;
  communityId: string;
  accountId: string | null;
  role: string;
  what: string;
  subjectId: string | null;
  at: string;
}

/** The evacuation tables, by name. */
export interface EvacuationDatabase {
  evacuationHousehold: EvacuationHouseholdTable;
  evacuationDriver: EvacuationDriverTable;
  evacuationShelter: EvacuationShelterTable;
  evacuationLock: EvacuationLockTable;
  evacuationPlan: EvacuationPlanTable;
  evacuationRoute: EvacuationRouteTable;
  evacuationAssignment: EvacuationAssignmentTable;
  evacuationAccess: EvacuationAccessTable;
  evacuationAlert: EvacuationAlertTable;
  evacuationUpdate: EvacuationUpdateTable;
  evacuationFeedback: EvacuationFeedbackTable;
}

/** The evacuation tables whose rows belong to one community. */
export const evacuationCommunityTables: readonly string[] = [
  'evacuation_household',
  'evacuation_driver',
  'evacuation_shelter',
  'evacuation_lock',
  'evacuation_plan',
  'evacuation_route',
  'evacuation_assignment',
  'evacuation_access',
  'evacuation_alert',
  'evacuation_update',
  'evacuation_feedback',
];

/** A household row as read. */
export type EvacuationHousehold = Selectable<EvacuationHouseholdTable>;
/** A driver row as read. */
export type EvacuationDriver = Selectable<EvacuationDriverTable>;
/** A shelter row as read. */
export type EvacuationShelter = Selectable<EvacuationShelterTable>;
/** A plan row as read. */
export type EvacuationPlan = Selectable<EvacuationPlanTable>;
/** A route row as read. */
export type EvacuationRoute = Selectable<EvacuationRouteTable>;
/** An assignment row as read. */
export type EvacuationAssignment = Selectable<EvacuationAssignmentTable>;
/** A line of the log of reads as read. */
export type EvacuationAccess = Selectable<EvacuationAccessTable>;

/** A status change of the day, as the timeline records it (0038). */
export type EvacuationStatus =
  | 'started'
  | 'picked_up'
  | 'not_found'
  | 'arrived'
  | 'dropped_out'
  | 'safe'
  | 'needs_help'
  | 'replanned'
  /** The household's member left the community (0046). */
  | 'left';

/** An alert a coordinator raised: the day the network is activated (0038). */
export interface EvacuationAlertTable {
  id: string;
  communityId: string;
  /** The plan the day follows (each re-plan's replaces the first). */
  planId: string;
  reason: string;
  message: Generated<string>;
  /** JSON array of the open shelters' place ids. */
  shelters: string;
  raisedBy: string | null;
  raisedAt: string;
  endedBy: string | null;
  endedAt: string | null;
  endMessage: Generated<string>;
}

/** One status change of an alert's day: the timeline (0038). */
export interface EvacuationUpdateTable {
  id: string;
  communityId: string;
  alertId: string;
  householdId: string | null;
  driverId: string | null;
  status: EvacuationStatus;
  note: Generated<string>;
  /** Who made it (a driver, a household, a buddy, a coordinator); null once erased. */
  accountId: string | null;
  at: string;
}

/** A driver's or household's feedback after an alert (0038). */
export interface EvacuationFeedbackTable {
  communityId: string;
  alertId: string;
  accountId: string;
  feedback: 'went_well' | 'could_improve';
  comment: Generated<string>;
  createdAt: string;
}

/** An alert row as read. */
export type EvacuationAlert = Selectable<EvacuationAlertTable>;
/** A timeline row as read. */
export type EvacuationUpdate = Selectable<EvacuationUpdateTable>;
