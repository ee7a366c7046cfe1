/**
 * Solomon instance → a `porch plan` problem, with the conventions of the Solomon README (the ones
 * vroom-scripts uses): distances and times are the Euclidean distances ×1000, rounded; service times
 * and windows ×1000; the depot's window is every vehicle's shift; distance is the objective.
 */
import type { SolomonInstance } from './vrptw-check.ts';

/** Scale of the integer matrices (the plan's times and distances are in thousandths of a unit). */
export const SCALE = 1000;

/** The plan problem (JSON-ready) for a Solomon instance; job ids are the customer numbers. */
export function solomonProblem(inst: SolomonInstance): Record<string, unknown> {
  const rows = inst.rows;
  const matrix = rows.map((a) => rows.map((b) => Math.round(SCALE * Math.hypot(a.x - b.x, a.y - b.y))));
  const depot = rows[0];
  return {
    objective: 'distance',
    durations: matrix,
    vehicles: Array.from({ length: inst.vehicles }, (_, v) => ({
      id: `v${v + 1}`,
      start: 0,
      end: 0,
      capacity: [inst.capacity],
      shift: [SCALE * depot.ready, SCALE * depot.due],
    })),
    jobs: rows.slice(1).map((c, i) => ({
      id: String(c.id),
      location: i + 1,
      demand: [c.demand],
      service: SCALE * c.service,
      timeWindows: [[SCALE * c.ready, SCALE * c.due]],
    })),
  };
}
