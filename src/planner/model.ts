/**
 * The general routing model: a fixed fleet of vehicles (multi-depot, open routes or routes ending
 * at a shelter, capacity vectors, skills, shifts) serving jobs (demand vectors, skills, service times,
 * priorities, time windows) over travel-time and distance matrices.
 * All times are seconds on one clock (e.g. seconds since midnight or since the plan's start);
 * distances are metres. Locations are row/column indices into the matrices.
 */

/** A vehicle and its driver. */
export interface Vehicle {
  /** Caller's identifier, echoed in the plan. */
  id: string;
  /** Location index where the vehicle starts (e.g. the driver's home). */
  start: number;
  /** Location index where the route must end (e.g. a shelter); null or absent = open route, ends at the last job. */
  end?: number | null;
  /** Capacity per dimension, e.g. [seats, wheelchair spaces]; same length as every job's demand. */
  capacity: number[];
  /** What the vehicle/driver can do; a job's required skills must all be here. */
  skills?: string[];
  /** [earliest start, latest end] in seconds; the vehicle leaves its start at the earliest start. */
  shift?: [number, number];
  /** Maximum route duration in seconds, from leaving the start to arriving at the end (or the last job). */
  maxDuration?: number;
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
  /** [earliest, latest] start of service, seconds. */
  timeWindow?: [number, number];
}

/** A routing problem in the general model. */
export interface Problem {
  vehicles: Vehicle[];
  jobs: Job[];
  /** Travel times in seconds, `durations[from][to]`, square over all locations. */
  durations: number[][];
  /** Travel distances in metres, same shape; defaults to the durations when absent. */
  distances?: number[][];
  /** What the plan minimises after serving as many (priority-weighted) jobs as possible (default 'duration'). */
  objective?: 'duration' | 'distance';
  /** Names of the capacity dimensions, e.g. ['seats', 'wheelchair'], used in unassigned reasons. */
  capacityNames?: string[];
}

/** Why a job is left out of the plan. */
export type UnassignedReason =
  /** No vehicle has every skill the job requires. */
  | 'no_vehicle_with_skills'
  /** No vehicle with the skills has enough capacity in some dimension (e.g. no wheelchair space, not enough seats). */
  | 'capacity_exceeded'
  /** No suitable vehicle can reach it within its time window and the vehicle's shift or maximum duration, even alone. */
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
  steps: Step[];
  /** Leaving the start location, seconds. */
  departure: number;
  /** Arrival at the end location (or end of the last service for an open route), seconds. */
  arrival: number;
  /** Travel time, seconds, and distance, metres, of the route. */
  duration: number;
  distance: number;
  /** Total demand carried, per dimension. */
  load: number[];
}

/** A job the plan does not serve, and why. */
export interface UnassignedJob {
  job: string;
  reason: UnassignedReason;
  /** A human-readable explanation (English), e.g. which capacity dimension is missing. */
  detail: string;
}

/** The solver's answer. Vehicles with no job are left out of `routes`. */
export interface Plan {
  routes: PlannedRoute[];
  unassigned: UnassignedJob[];
  /** Total travel time (seconds) and distance (metres) over all routes. */
  duration: number;
  distance: number;
  /** Ruin-and-recreate iterations performed. */
  iterations: number;
}

/** Thrown when a problem is malformed (bad indices, mismatched dimensions, negative values). */
export class ProblemError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProblemError';
  }
}
