/**
 * Strict reading of a planning problem against its JSON Schema (src/planner/schema.ts): unknown fields
 * and wrong types are refused, naming the field, before anything is planned. Then `compile` checks what
 * the schema cannot (indices, dimensions, references).
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { type Problem, ProblemError } from '../../planner/model.ts';
import { problemSchema } from '../../planner/schema.ts';
import type { LatLng } from '../geo/matrix.ts';

/** A problem as read from JSON: the model, or `locations` instead of the matrices. */
export type ProblemInput = Omit<Problem, 'durations'> & { durations?: number[][]; locations?: LatLng[] };

// The schema itself is checked against the JSON Schema meta-schema by the tests; compiling that
// meta-schema on every run would be most of porch plan's start-up.
const options = { allErrors: false, strict: true, strictRequired: false, verbose: true } as const;
let check: ValidateFunction<ProblemInput> | undefined;

// Ajv would visit every entry of the matrices through its generated code (about 100 ms for 1,000
// locations); it checks only that they are lists of lists, and `entries` checks the numbers in one loop
// with the messages Ajv gives.
const listsOfLists = { type: 'array', items: { type: 'array' } } as const;
const runSchema = {
  ...problemSchema,
  properties: {
    ...problemSchema.properties,
    durations: { ...problemSchema.properties.durations, ...listsOfLists },
    distances: { ...problemSchema.properties.distances, ...listsOfLists },
  },
};

/** The compiled validator (compiled on first use). */
function validator(): ValidateFunction<ProblemInput> {
  check ??= new Ajv({ ...options, validateSchema: false }).compile<ProblemInput>(runSchema);
  return check;
}

/** Checks that every entry of a matrix (already a list of lists) is a number ≥ 0, as the schema says. */
function entries(m: unknown[][] | undefined, what: string): void {
  if (!m) return;
  for (let i = 0; i < m.length; i++) {
    const row = m[i];
    for (let j = 0; j < row.length; j++) {
      const x = row[j];
      if (typeof x !== 'number') throw new ProblemError('must be a number', `${what}[${i}][${j}]`);
      if (x < 0) throw new ProblemError('must be >= 0', `${what}[${i}][${j}]`);
    }
  }
}

/** Whether the schema is a valid draft-07 JSON Schema (the meta-schema check skipped at run time). */
export function schemaIsValid(): boolean {
  const ajv = new Ajv(options);
  return ajv.validateSchema(problemSchema) === true;
}

/**
 * Returns `input` typed as a problem when it matches the schema.
 * @throws ProblemError naming the first offending field, e.g. `jobs[2].timeWindow: unknown field`.
 */
export function parseProblem(input: unknown): ProblemInput {
  const valid = validator();
  if (valid(input)) {
    entries(input.durations, 'durations');
    entries(input.distances, 'distances');
    return input;
  }
  const e = valid.errors![0];
  throw new ProblemError(describe(e), fieldPath(e));
}

/** `/jobs/2/shift` → `jobs[2].shift`; the unknown field's own name for additionalProperties. */
function fieldPath(e: ErrorObject): string {
  const parts = e.instancePath.split('/').slice(1);
  if (e.keyword === 'additionalProperties') parts.push(String(e.params.additionalProperty));
  if (e.keyword === 'required') parts.push(String(e.params.missingProperty));
  let path = '';
  for (const p of parts) path += /^\d+$/.test(p) ? `[${p}]` : path ? `.${p}` : p;
  return path || '(problem)';
}

function describe(e: ErrorObject): string {
  switch (e.keyword) {
    case 'additionalProperties':
      return 'unknown field';
    case 'required':
      return e.instancePath === '' && e.params.missingProperty === 'durations'
        ? 'missing; give "durations" (and "distances") or "locations"'
        : 'missing';
    case 'oneOf':
      return e.instancePath === ''
        ? 'give either "durations" (and "distances") or "locations", not both'
        : 'must be a location index or null';
    case 'type':
      return `must be ${article(String(e.params.type))}`;
    case 'minItems':
    case 'maxItems':
      if (e.parentSchema?.minItems === 2 && e.parentSchema?.maxItems === 2)
        return 'must be a pair [earliest, latest]';
      return e.params.limit === 1 ? 'must not be empty' : (e.message ?? 'has the wrong number of items');
    case 'enum':
      return `must be one of: ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return e.message ?? 'is not valid';
  }
}

function article(type: string): string {
  const names: Record<string, string> = {
    integer: 'an integer',
    number: 'a number',
    string: 'a string',
    array: 'a list',
    object: 'an object',
    null: 'null',
    boolean: 'true or false',
  };
  return type
    .split(',')
    .map((t) => names[t] ?? t)
    .join(' or ');
}
