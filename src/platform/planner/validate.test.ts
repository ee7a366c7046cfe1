import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProblemError } from '../../planner/model.ts';
import { problemSchema } from '../../planner/schema.ts';
import { parseProblem, schemaIsValid } from './validate.ts';

const base = (): Record<string, any> => ({
  durations: [
    [0, 60],
    [60, 0],
  ],
  vehicles: [{ id: 'v', start: 0, capacity: [1] }],
  jobs: [{ id: 'j', location: 1 }],
});

/** The field path and detail parseProblem refuses `edit(base())` with. */
function refusal(edit: (p: Record<string, any>) => void): string {
  const p = base();
  edit(p);
  try {
    parseProblem(p);
  } catch (e) {
    expect(e).toBeInstanceOf(ProblemError);
    return (e as Error).message;
  }
  return 'accepted';
}

describe('reading a planning problem strictly', () => {
  it('accepts a well-formed problem as it is', () => {
    const p = base();
    expect(parseProblem(p)).toBe(p);
  });

  it('refuses unknown and misspelt fields, naming them', () => {
    expect(refusal((p) => (p.jobs[0].time_window = [0, 10]))).toBe('jobs[0].time_window: unknown field');
    expect(refusal((p) => (p.jobs[0].timeWindow = [0, 10]))).toBe('jobs[0].timeWindow: unknown field');
    expect(refusal((p) => (p.vehicles[0].capacty = [1]))).toBe('vehicles[0].capacty: unknown field');
    expect(refusal((p) => (p.fleet = []))).toBe('fleet: unknown field');
  });

  it('refuses wrong types instead of guessing', () => {
    expect(refusal((p) => (p.jobs[0].skills = 'wheelchair-lift'))).toBe('jobs[0].skills: must be a list');
    expect(refusal((p) => (p.vehicles[0].shift = { start: 0, end: 10 }))).toBe(
      'vehicles[0].shift: must be a list',
    );
    expect(refusal((p) => (p.vehicles[0].shift = [0, null]))).toBe('vehicles[0].shift[1]: must be a number');
    expect(refusal((p) => (p.vehicles[0].shift = [0]))).toBe(
      'vehicles[0].shift: must be a pair [earliest, latest]',
    );
    expect(refusal((p) => (p.jobs[0].priority = 1.5))).toBe('jobs[0].priority: must be an integer');
    expect(refusal((p) => (p.jobs[0].timeWindows = [0, 10]))).toBe('jobs[0].timeWindows[0]: must be a list');
    expect(refusal((p) => (p.jobs[0].demand = [-1]))).toBe('jobs[0].demand[0]: must be >= 0');
    expect(refusal((p) => (p.durations[1] = 60))).toBe('durations[1]: must be a list');
    expect(refusal((p) => (p.durations[1][0] = '60'))).toBe('durations[1][0]: must be a number');
    expect(
      refusal(
        (p) =>
          (p.distances = [
            [0, -5],
            [5, 0],
          ]),
      ),
    ).toBe('distances[0][1]: must be >= 0');
    expect(refusal((p) => (p.objective = 'time'))).toBe('objective: must be one of: "duration", "distance"');
    expect(refusal((p) => delete p.jobs[0].id)).toBe('jobs[0].id: missing');
  });

  it('asks for either matrices or locations', () => {
    expect(refusal((p) => delete p.durations)).toMatch(/^durations: missing/);
    expect(refusal((p) => (p.locations = [{ lat: 52.5, lng: 13.4 }]))).toBe(
      '(problem): give either "durations" (and "distances") or "locations", not both',
    );
  });

  it('is a valid draft-07 JSON Schema, the one committed in docs/planner-problem.schema.json (porch plan --schema)', () => {
    expect(schemaIsValid()).toBe(true);
    const committed = readFileSync(
      new URL('../../../docs/planner-problem.schema.json', import.meta.url),
      'utf8',
    );
    expect(JSON.parse(committed)).toEqual(problemSchema);
  });
});
