/**
 * The JSON Schema (draft-07) of a planning problem: the file `porch plan` reads and what the app sends
 * to the planner. Every object refuses unknown fields, so a misspelt field is an error rather than
 * silently ignored. What a schema cannot say (indices inside the matrices, equal dimensions, ids that
 * exist, windows in order) is checked by `compile` with the same field paths.
 * Committed as `docs/planner-problem.schema.json` (`porch plan --schema` prints it).
 */

const nonNegative = { type: 'number', minimum: 0 } as const;
const index = {
  type: 'integer',
  minimum: 0,
  description: 'A location: row/column index into the matrices.',
} as const;
const id = { type: 'string', minLength: 1 } as const;
const ids = (description: string) => ({ type: 'array', items: id, uniqueItems: true, description }) as const;
const vector = (description: string) => ({ type: 'array', items: nonNegative, description }) as const;
const pair = (description: string) =>
  ({ type: 'array', items: nonNegative, minItems: 2, maxItems: 2, description }) as const;
const matrix = (description: string) =>
  ({ type: 'array', items: { type: 'array', items: nonNegative }, description }) as const;

/** JSON Schema of `Problem` (model.ts), plus `locations` for matrices estimated or asked of a routing service. */
export const problemSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Porch route planning problem',
  description:
    'Vehicles, jobs and destinations over travel-time and distance matrices (or locations). Times are seconds, distances metres.',
  type: 'object',
  additionalProperties: false,
  required: ['vehicles', 'jobs'],
  oneOf: [{ required: ['durations'] }, { required: ['locations'] }],
  properties: {
    durations: matrix('Travel times in seconds, durations[from][to], square over all locations.'),
    distances: matrix('Travel distances in metres, same shape as durations (default: the durations).'),
    locations: {
      type: 'array',
      description:
        'Instead of the matrices: points whose matrices are estimated or asked of a routing service.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['lat', 'lng'],
        properties: {
          lat: { type: 'number', minimum: -90, maximum: 90 },
          lng: { type: 'number', minimum: -180, maximum: 180 },
        },
      },
    },
    objective: {
      enum: ['duration', 'distance'],
      description:
        'What is minimised once as many (priority-weighted) jobs as possible are served: travel time (default) or distance, plus the fixed costs of the vehicles used.',
    },
    capacityNames: ids(
      'Names of the capacity dimensions, e.g. ["seats", "wheelchair"], used in unassigned reasons.',
    ),
    destinations: {
      type: 'array',
      description: 'Places where routes may end, each with a capacity shared by every route ending there.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'location'],
        properties: {
          id,
          location: index,
          capacity: vector(
            'What it can take in, per capacity dimension, over all routes (default: unlimited).',
          ),
        },
      },
    },
    vehicles: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'start', 'capacity'],
        properties: {
          id,
          start: index,
          end: {
            oneOf: [index, { type: 'null' }],
            description:
              'Where the route must end; null or absent: an open route, unless destinations are given.',
          },
          destinations: {
            ...ids('Ids of the destinations the route may end at; the solver chooses one.'),
            minItems: 1,
          },
          capacity: vector('Capacity per dimension, e.g. [seats, wheelchair spaces].'),
          skills: ids('What the vehicle or driver can do.'),
          shift: pair('[earliest start, latest end], seconds; the vehicle leaves at the earliest start.'),
          maxDuration: { ...nonNegative, description: 'Longest route, seconds, from leaving the start.' },
          fixedCost: {
            ...nonNegative,
            description: "Cost of using the vehicle at all, in the objective's unit (seconds or metres).",
          },
          onBoard: ids('Jobs already picked up: on board from the start, delivered at the end of the route.'),
          steps: ids('Jobs the driver has been given: served first, in this order.'),
        },
      },
    },
    jobs: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'location'],
        properties: {
          id,
          location: index,
          demand: vector('Per capacity dimension (default zeros).'),
          skills: ids('Skills a vehicle must have to serve the job.'),
          service: { ...nonNegative, description: 'Time at the location, seconds (default 0).' },
          priority: {
            type: 'integer',
            minimum: 0,
            description:
              'Importance (default 0); when not every job fits, lower priorities are left out first.',
          },
          timeWindows: {
            type: 'array',
            minItems: 1,
            items: pair('[earliest, latest] start of service, seconds.'),
            description:
              'Allowed starts of service, in increasing order, not overlapping (default: any time).',
          },
          destinations: {
            ...ids('Ids of the destinations the job may be taken to (default: any).'),
            minItems: 1,
          },
          vehicle: { ...id, description: 'Id of the vehicle that must serve it (a locked assignment).' },
        },
      },
    },
  },
} as const;
