/**
 * The general routing model: a fixed fleet of vehicles (each from its own start; closed routes, open
 * routes, or routes ending at one of several destinations with a shared capacity; capacity vectors,
 * skills, shifts, a cost per used vehicle, jobs already on board or locked to a vehicle) serving jobs
 * (demand vectors, skills, service times, priorities, several time windows, allowed destinations) over
 * travel-time and distance matrices. The JSON form is `problemSchema` (schema.ts).
 * All times are seconds on one clock (e.g. seconds since the plan's start); distances are metres.
 * Locations are row/column indices into the matrices.
 */

/** A place where routes may end, with a capacity shared by every route ending there (e.g. a shelter). */
export interface Destination {
  /** Caller's identifier, echoed in the plan and in unassigned reasons. */
  id: string;
  /** Location index into the matrices. */
  location: number;
  /** What it can take in, per capacity dimension, over all routes (default: unlimited). */
  capacity?: number[];
}

/** A vehicle and its driver. */
export interface Vehicle {
  /** Caller's identifier, echoed in the plan. */
  id: string;
  /** Location index where the vehicle starts (e.g. the driver's home, or where it is now). */
  start: number;
  /**
   * Location index where the route must end; null or absent = open route, ends at the last job
   * (unless `destinations` is given).
   */
  end?: number | null;
  /** Ids of the destinations the route may end at; the solver chooses one (one id = fixed). Excludes `end`. */
  destinations?: string[];
  /** Capacity per dimension, e.g. [seats, wheelchair spaces]; same length as every job's demand. */
  capacity: number[];
  /** What the vehicle/driver can do; a job's required skills must all be here. */
  skills?: string[];
  /** [earliest start, latest end] in seconds; the vehicle leaves its start at the earliest start. */
  shift?: [number, number];
  /** Maximum route duration in seconds, from leaving the start to arriving at the end (or the last job). */
  maxDuration?: number;
  /** Cost of using this vehicle at all, in the objective's unit (seconds or metres; default 0). */
  fixedCost?: number;
  /** Jobs already picked up: no stop, their demand is on board from the start, delivered at the route's end. */
  onBoard?: string[];
  /** Jobs the driver has already been given, served first and in this order; the solver adds after them. */
  steps?: string[];
}

/** A job: a household to pick up (or a stop to serve). */
export interface Job {
  /** Caller's identifier, echoed in the plan. */
  id: string;
  /** Location index into the matrices. */
  location: number;
  /** Demand per capacity dimension (default all zero), e.g. [2, 1] = two seats, one wheelchair space. */
  demand?: number[];
  /** Skills a vehicle must have to serve this job. */
  skills?: string[];
  /** Time spent at the location, seconds (default 0). */
  service?: number;
  /** Importance, an integer ≥ 0 (default 0); when not every job fits, lower priorities are dropped first. */
  priority?: number;
  /** Allowed [earliest, latest] starts of service, seconds, in increasing order, not overlapping (default: any time). */
  timeWindows?: [number, number][];
  /** Ids of the destinations this job may be taken to (e.g. the shelters that accept pets); default any. */
  destinations?: string[];
  /** Id of the vehicle that must serve it (a locked assignment; the order is the solver's). */
  vehicle?: string;
}

/** A routing problem in the general model. */
export interface Problem {
  vehicles: Vehicle[];
  jobs: Job[];
  /** Where routes may end, with shared capacities. */
  destinations?: Destination[];
  /** Travel times in seconds, `durations[from][to]`, square over all locations. */
  durations: number[][];
  /** Travel distances in metres, same shape; defaults to the durations when absent. */
  distances?: number[][];
  /**
   * What the plan minimises after serving as many (priority-weighted) jobs as possible (default
   * 'duration'): total travel time or distance, plus the fixed costs of the vehicles used.
   */
  objective?: 'duration' | 'distance';
  /** Names of the capacity dimensions, e.g. ['seats', 'wheelchair'], used in unassigned reasons. */
  capacityNames?: string[];
}

/** Why a job is left out of the plan. */
export type UnassignedReason =
  /** The problem has no vehicles. */
  | 'no_vehicles'
  /** No vehicle has every skill the job requires (or the vehicle it is locked to lacks one). */
  | 'no_vehicle_with_skills'
  /** No vehicle with the skills has enough capacity in some dimension (e.g. no wheelchair space, not enough seats). */
  | 'capacity_exceeded'
  /** No suitable vehicle ends at a destination the job allows, or those destinations have no room left. */
  | 'destination_full'
  /** No suitable vehicle can reach it within its time windows and the vehicle's shift or maximum duration, even alone. */
  | 'time_window_unreachable'
  /** It could be served alone, but the fleet is used up by other (higher-priority or cheaper) jobs. */
  | 'fleet_too_small';

/** One stop of a route. Times in seconds. */
export interface Step {
  job: string;
  arrival: number;
  /** Start of service (arrival plus any wait for the time window). */
  start: number;
  departure: number;
  /** Load on board after this stop, per dimension (pickups accumulate until the route's end). */
  load: number[];
}

/** A vehicle's route in the plan. */
export interface PlannedRoute {
  vehicle: string;
  /** Jobs on board from the start (the vehicle's `onBoard`), delivered at the route's end. */
  onBoard: string[];
  steps: Step[];
  /** The destination the route ends at, when the vehicle has destinations. */
  destination?: string;
  /** Leaving the start location, seconds. */
  departure: number;
  /** Arrival at the end location (or end of the last service for an open route), seconds. */
  arrival: number;
  /** Travel time, seconds, and distance, metres, of the route. */
  duration: number;
  distance: number;
  /** Total demand carried to the end, per dimension (on board and picked up). */
  load: number[];
}

/** A job the plan does not serve, and why. */
export interface UnassignedJob {
  job: string;
  reason: UnassignedReason;
  /** A human-readable explanation (English), e.g. which capacity dimension or destination is missing. */
  detail: string;
}

/** The solver's answer. Vehicles with no job (and nothing on board) are left out of `routes`. */
export interface Plan {
  routes: PlannedRoute[];
  unassigned: UnassignedJob[];
  /** Total travel time (seconds) and distance (metres) over all routes. */
  duration: number;
  distance: number;
  /** The objective: travel time or distance (per `objective`) plus the fixed costs of the vehicles used. */
  cost: number;
  /** Ruin-and-recreate iterations performed. */
  iterations: number;
}

/**
 * Thrown when a problem is malformed: `path` names the field (e.g. `jobs[3].timeWindows[0]`), `detail`
 * says what is wrong with it; the message is `path: detail`.
 */
export class ProblemError extends Error {
  constructor(
    readonly detail: string,
    readonly path = '',
  ) {
    super(path ? `${path}: ${detail}` : detail);
    this.name = 'ProblemError';
  }
}
