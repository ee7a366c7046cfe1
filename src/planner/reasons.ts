/** Why a job is unassigned: tests each requirement against the fleet, from the most basic up. */
import type { Compiled } from './compile.ts';
import type { Problem, UnassignedReason } from './model.ts';
import { buildRoute, insertionDelta } from './route-data.ts';

/**
 * Explains an unassigned job: no vehicle with its skills; else no such vehicle with enough capacity
 * (names the dimension, e.g. "wheelchair"); else no such vehicle can serve it in time even with an
 * otherwise empty route; else the fleet is used up.
 */
export function explainUnassigned(
  problem: Problem,
  p: Compiled,
  j: number,
): { reason: UnassignedReason; detail: string } {
  const V = p.vehicles;
  const skilled: number[] = [];
  for (let v = 0; v < V; v++) if (p.skillOk[j * V + v]) skilled.push(v);
  if (skilled.length === 0) {
    const skills = problem.jobs[j].skills ?? [];
    return { reason: 'no_vehicle_with_skills', detail: `no vehicle has all of: ${skills.join(', ')}` };
  }
  const fitting = skilled.filter((v) => p.compatible[j * V + v] === 1);
  if (fitting.length === 0) {
    const short: string[] = [];
    for (let k = 0; k < p.dims; k++) {
      const need = p.demand[j * p.dims + k];
      if (skilled.every((v) => p.capacity[v * p.dims + k] < need)) {
        short.push(`${problem.capacityNames?.[k] ?? `dimension ${k}`} (needs ${need})`);
      }
    }
    const detail =
      short.length > 0
        ? `no suitable vehicle has enough ${short.join(', ')}`
        : 'no suitable vehicle has enough capacity in every dimension';
    return { reason: 'capacity_exceeded', detail };
  }
  const reachable = fitting.some((v) => !Number.isNaN(insertionDelta(p, buildRoute(p, v, []), j, 0)));
  if (!reachable) {
    return {
      reason: 'time_window_unreachable',
      detail: 'no suitable vehicle can reach it within its time window and the vehicle’s shift',
    };
  }
  return {
    reason: 'fleet_too_small',
    detail: 'it fits a vehicle alone, but the fleet is used by other jobs',
  };
}
