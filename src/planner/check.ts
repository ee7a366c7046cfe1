/**
 * Independent plan checkers used by the tests (and available to callers who want to verify a plan):
 * they recompute everything from the problem, sharing no state with the solvers.
 */
import type { CvrpInstance } from './cvrplib.ts';
import type { Plan, Problem } from './model.ts';

/**
 * Checks a plan against its problem: every job exactly once (in a route or unassigned), skills,
 * capacity per dimension, time windows, shift end and maximum duration, open/closed ends, and the
 * reported times, duration (seconds) and distance (metres). Returns the list of violations (empty = feasible).
 */
export function checkPlan(problem: Problem, plan: Plan): string[] {
  const errors: string[] = [];
  const jobs = new Map(problem.jobs.map((j) => [j.id, j]));
  const vehicles = new Map(problem.vehicles.map((v) => [v.id, v]));
  const seen = new Set<string>();
  const dist = problem.distances ?? problem.durations;
  const eps = 1e-6;
  let totalDuration = 0;
  let totalDistance = 0;
  const usedVehicles = new Set<string>();
  for (const route of plan.routes) {
    const v = vehicles.get(route.vehicle);
    if (!v) {
      errors.push(`unknown vehicle ${route.vehicle}`);
      continue;
    }
    if (usedVehicles.has(v.id)) errors.push(`vehicle ${v.id} has two routes`);
    usedVehicles.add(v.id);
    const [shiftStart, shiftEnd] = v.shift ?? [0, Infinity];
    const latest = Math.min(shiftEnd, v.maxDuration === undefined ? Infinity : shiftStart + v.maxDuration);
    let t = shiftStart;
    let at = v.start;
    let travel = 0;
    let distance = 0;
    const load = v.capacity.map(() => 0);
    for (const step of route.steps) {
      const job = jobs.get(step.job);
      if (!job) {
        errors.push(`unknown job ${step.job}`);
        continue;
      }
      if (seen.has(job.id)) errors.push(`job ${job.id} served twice`);
      seen.add(job.id);
      for (const skill of job.skills ?? []) {
        if (!(v.skills ?? []).includes(skill))
          errors.push(`vehicle ${v.id} lacks skill ${skill} for job ${job.id}`);
      }
      travel += problem.durations[at][job.location];
      distance += dist[at][job.location];
      const arrival = t + problem.durations[at][job.location];
      const [open, close] = job.timeWindow ?? [0, Infinity];
      const start = Math.max(arrival, open);
      if (start > close + eps)
        errors.push(`job ${job.id} starts at ${start}, after its window closes at ${close}`);
      if (Math.abs(step.start - start) > eps)
        errors.push(`job ${job.id} reported start ${step.start} ≠ ${start}`);
      t = start + (job.service ?? 0);
      at = job.location;
      (job.demand ?? []).forEach((q, k) => {
        load[k] += q;
      });
    }
    if (v.end !== null && v.end !== undefined) {
      travel += problem.durations[at][v.end];
      distance += dist[at][v.end];
      t += problem.durations[at][v.end];
    }
    if (t > latest + eps) errors.push(`vehicle ${v.id} ends at ${t}, after its limit ${latest}`);
    load.forEach((q, k) => {
      if (q > v.capacity[k] + eps)
        errors.push(`vehicle ${v.id} carries ${q} > capacity ${v.capacity[k]} (dimension ${k})`);
    });
    if (Math.abs(route.duration - travel) > eps)
      errors.push(`vehicle ${v.id} reported duration ${route.duration} ≠ ${travel}`);
    if (Math.abs(route.distance - distance) > eps)
      errors.push(`vehicle ${v.id} reported distance ${route.distance} ≠ ${distance}`);
    totalDuration += travel;
    totalDistance += distance;
  }
  for (const u of plan.unassigned) {
    if (seen.has(u.job)) errors.push(`job ${u.job} both served and unassigned`);
    seen.add(u.job);
  }
  for (const j of problem.jobs) if (!seen.has(j.id)) errors.push(`job ${j.id} silently dropped`);
  if (Math.abs(plan.duration - totalDuration) > eps)
    errors.push(`plan duration ${plan.duration} ≠ ${totalDuration}`);
  if (Math.abs(plan.distance - totalDistance) > eps)
    errors.push(`plan distance ${plan.distance} ≠ ${totalDistance}`);
  return errors;
}

/**
 * Checks a CVRP solution (routes of node indices, depot excluded): every customer exactly once, each
 * route within capacity; returns the violations and the recomputed cost.
 */
export function checkCvrp(inst: CvrpInstance, routes: number[][]): { errors: string[]; cost: number } {
  const errors: string[] = [];
  const n = inst.dimension;
  const seen = new Uint8Array(n);
  let cost = 0;
  for (const route of routes) {
    let load = 0;
    let prev = 0;
    if (route.length === 0) errors.push('empty route');
    for (const c of route) {
      if (!(c >= 1 && c < n)) {
        errors.push(`node ${c} is not a customer`);
        continue;
      }
      if (seen[c]) errors.push(`customer ${c} visited twice`);
      seen[c] = 1;
      load += inst.demand[c];
      cost += inst.distance[prev * n + c];
      prev = c;
    }
    cost += inst.distance[prev * n];
    if (load > inst.capacity) errors.push(`route load ${load} > capacity ${inst.capacity}`);
  }
  for (let c = 1; c < n; c++) if (!seen[c]) errors.push(`customer ${c} not visited`);
  return { errors, cost };
}
