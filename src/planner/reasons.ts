/** Why a job is unassigned: tests each requirement against the fleet, from the most basic up. */
import type { Compiled } from './compile.ts';
import type { Problem, UnassignedReason } from './model.ts';
import { Solution } from './solution.ts';

/**
 * Explains unassigned job x (a searched job) of the final solution `s`: no vehicles at all; no vehicle
 * (or not the one it is locked to) with its skills; none of those with enough capacity (names the
 * dimension, e.g. "wheelchair"); none of those ending at a destination it allows; every destination it
 * allows is smaller than the job itself; none can serve it in
 * time even with an otherwise empty route; every destination it may go to is full in this plan (names
 * them); else the fleet is used up.
 */
export function explainUnassigned(
  problem: Problem,
  m: Compiled,
  s: Solution,
  x: number,
): { reason: UnassignedReason; detail: string } {
  const job = problem.jobs[m.jobIndex[x]];
  if (problem.vehicles.length === 0) return { reason: 'no_vehicles', detail: 'the problem has no vehicles' };
  const D = m.dims;
  const dimName = (k: number): string => problem.capacityNames?.[k] ?? `dimension ${k}`;
  const locked = job.vehicle;
  const candidates: number[] = [];
  for (let r = 0; r < m.routes; r++) {
    if (locked === undefined || problem.vehicles[m.routeVehicle[r]].id === locked) candidates.push(r);
  }
  const skilled = candidates.filter((r) => {
    const have = problem.vehicles[m.routeVehicle[r]].skills ?? [];
    return (job.skills ?? []).every((k) => have.includes(k));
  });
  if (skilled.length === 0) {
    const skills = (job.skills ?? []).join(', ');
    return {
      reason: 'no_vehicle_with_skills',
      detail: locked
        ? `vehicle ${locked}, which it is locked to, lacks some of: ${skills}`
        : `no vehicle has all of: ${skills}`,
    };
  }
  const fitting = skilled.filter((r) => {
    for (let k = 0; k < D; k++)
      if (m.demand[x * D + k] + m.initLoad[r * D + k] > m.capacity[r * D + k] + 1e-9) return false;
    return true;
  });
  if (fitting.length === 0) {
    const short: string[] = [];
    for (let k = 0; k < D; k++) {
      const need = m.demand[x * D + k];
      if (skilled.every((r) => m.capacity[r * D + k] - m.initLoad[r * D + k] < need))
        short.push(`${dimName(k)} (needs ${need})`);
    }
    return {
      reason: 'capacity_exceeded',
      detail:
        short.length > 0
          ? `no suitable vehicle has enough ${short.join(', ')}`
          : 'no suitable vehicle has enough capacity in every dimension',
    };
  }
  const destName = (d: number): string => problem.destinations?.[d].id ?? String(d);
  const allowed: number[] = [];
  for (let d = 0; d < m.dests; d++) if (s.jobAllows(x, d)) allowed.push(d);
  const toDest = fitting.filter((r) => m.classOk[x * m.classes + m.routeClass[r]] === 1);
  if (toDest.length === 0) {
    return {
      reason: 'destination_full',
      detail: `no suitable vehicle ends at ${allowed.length > 0 ? `any of: ${allowed.map(destName).join(', ')}` : 'a destination'}`,
    };
  }
  // A destination smaller than the job itself can never take it, in any plan: say so, not "too far".
  if (m.dests > 0 && allowed.length > 0) {
    const tooSmall = allowed.filter((d) => {
      for (let k = 0; k < D; k++) if (m.demand[x * D + k] > m.destCap[d * D + k] + 1e-9) return true;
      return false;
    });
    if (tooSmall.length === allowed.length) {
      return {
        reason: 'destination_full',
        detail: `smaller than the job: ${tooSmall.map(destName).join(', ')}`,
      };
    }
  }
  // Alone on its vehicle (after what the vehicle carries already), in time?
  const empty = new Solution(m);
  const inTime = toDest.some((r) => {
    if (m.endLoc[r] >= 0 || !m.forced[r]) {
      if (m.forced[r]) {
        empty.ensure(r);
        return empty.insertCost(x, empty.first(r)) < Infinity;
      }
      return empty.openCost(x, r) < Infinity;
    }
    // A forced route choosing among destinations: try each it allows.
    for (const d of allowed) {
      if (!empty.routeAllows(r, d)) continue;
      empty.setDest(r, d);
      empty.recost(r);
      empty.ensure(r);
      if (empty.insertCost(x, empty.first(r)) < Infinity) return true;
    }
    return false;
  });
  if (!inTime) {
    return {
      reason: 'time_window_unreachable',
      detail: 'no suitable vehicle can reach it within its time windows and the vehicle’s shift',
    };
  }
  if (m.dests > 0 && toDest.every((r) => m.endLoc[r] < 0)) {
    const full: string[] = [];
    for (const d of allowed) {
      const short: string[] = [];
      for (let k = 0; k < D; k++) {
        const left = m.destCap[d * D + k] - s.destLoad[d * D + k];
        if (m.demand[x * D + k] > left + 1e-9)
          short.push(`${dimName(k)}: ${Math.max(0, left)} left, needs ${m.demand[x * D + k]}`);
      }
      if (short.length > 0) full.push(`${destName(d)} (${short.join(', ')})`);
    }
    if (full.length === allowed.length && full.length > 0) {
      return { reason: 'destination_full', detail: `no room left at ${full.join('; ')}` };
    }
  }
  return {
    reason: 'fleet_too_small',
    detail: 'it fits a vehicle alone, but the fleet is used by other jobs',
  };
}
