/**
 * Independent plan checkers used by the tests (and available to callers who want to verify a plan):
 * they recompute everything from the problem, sharing no state with the solvers.
 */
import type { CvrpInstance } from './cvrplib.ts';
import type { Job, Plan, Problem } from './model.ts';

/**
 * Checks a plan against its problem: every job exactly once (a stop, on board, or unassigned), on-board
 * jobs and locked steps where the vehicle says, locked assignments, skills, capacity per dimension,
 * time windows (several per job), shift end and maximum duration, open/closed ends and destinations
 * (allowed by the vehicle and by every job on board, capacity over all routes), and the reported times,
 * loads, duration (seconds), distance (metres) and cost (travel per objective plus fixed costs).
 * Returns the list of violations (empty = feasible).
 */
export function checkPlan(problem: Problem, plan: Plan): string[] {
  const errors: string[] = [];
  const jobs = new Map(problem.jobs.map((j) => [j.id, j]));
  const vehicles = new Map(problem.vehicles.map((v) => [v.id, v]));
  const destinations = new Map((problem.destinations ?? []).map((d) => [d.id, d]));
  const destLoad = new Map<string, number[]>();
  const seen = new Set<string>();
  const dist = problem.distances ?? problem.durations;
  const eps = 1e-6;
  let totalDuration = 0;
  let totalDistance = 0;
  let totalCost = 0;
  const close = (a: number, b: number): boolean => Math.abs(a - b) <= eps * Math.max(1, Math.abs(b));
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
    const carried: Job[] = [];
    if (JSON.stringify(route.onBoard) !== JSON.stringify(v.onBoard ?? []))
      errors.push(`vehicle ${v.id} reports on board ${route.onBoard} ≠ ${v.onBoard ?? []}`);
    for (const id of v.onBoard ?? []) {
      const job = jobs.get(id);
      if (!job) continue;
      if (seen.has(id)) errors.push(`job ${id} served twice`);
      seen.add(id);
      carried.push(job);
      (job.demand ?? []).forEach((q, k) => {
        load[k] += q;
      });
    }
    const locked = v.steps ?? [];
    locked.forEach((id, i) => {
      if (route.steps[i]?.job !== id)
        errors.push(`vehicle ${v.id} does not start with its locked step ${id}`);
    });
    for (const step of route.steps) {
      const job = jobs.get(step.job);
      if (!job) {
        errors.push(`unknown job ${step.job}`);
        continue;
      }
      if (seen.has(job.id)) errors.push(`job ${job.id} served twice`);
      seen.add(job.id);
      carried.push(job);
      if (job.vehicle !== undefined && job.vehicle !== v.id)
        errors.push(`job ${job.id} is locked to ${job.vehicle}`);
      for (const skill of job.skills ?? []) {
        if (!(v.skills ?? []).includes(skill))
          errors.push(`vehicle ${v.id} lacks skill ${skill} for job ${job.id}`);
      }
      travel += problem.durations[at][job.location];
      distance += dist[at][job.location];
      const arrival = t + problem.durations[at][job.location];
      const windows = job.timeWindows ?? [[0, Infinity]];
      const window = windows.find(([, b]) => arrival <= b + eps);
      const start = window ? Math.max(arrival, window[0]) : Infinity;
      if (!window) errors.push(`job ${job.id} reached at ${arrival}, after its last window closes`);
      else if (!close(step.start, start))
        errors.push(`job ${job.id} reported start ${step.start} ≠ ${start}`);
      if (!close(step.arrival, arrival))
        errors.push(`job ${job.id} reported arrival ${step.arrival} ≠ ${arrival}`);
      t = start + (job.service ?? 0);
      at = job.location;
      (job.demand ?? []).forEach((q, k) => {
        load[k] += q;
      });
      if (step.load.some((q, k) => !close(q, load[k])))
        errors.push(`job ${job.id} reported load ${step.load} ≠ ${load}`);
    }
    let end: number | undefined = v.end ?? undefined;
    if (v.destinations) {
      const d = route.destination === undefined ? undefined : destinations.get(route.destination);
      if (!d || !v.destinations.includes(d.id))
        errors.push(`vehicle ${v.id} ends at ${route.destination}, not one of its destinations`);
      else {
        end = d.location;
        for (const job of carried) {
          if (job.destinations && !job.destinations.includes(d.id))
            errors.push(`job ${job.id} may not go to ${d.id}`);
        }
        const sum = destLoad.get(d.id) ?? load.map(() => 0);
        load.forEach((q, k) => {
          sum[k] += q;
        });
        destLoad.set(d.id, sum);
      }
    } else {
      if (route.destination !== undefined) errors.push(`vehicle ${v.id} has no destinations`);
      for (const job of carried) if (job.destinations) errors.push(`job ${job.id} must go to a destination`);
    }
    if (end !== undefined) {
      travel += problem.durations[at][end];
      distance += dist[at][end];
      t += problem.durations[at][end];
    }
    if (t > latest + eps) errors.push(`vehicle ${v.id} ends at ${t}, after its limit ${latest}`);
    if (!close(route.arrival, t)) errors.push(`vehicle ${v.id} reported arrival ${route.arrival} ≠ ${t}`);
    load.forEach((q, k) => {
      if (q > v.capacity[k] + eps)
        errors.push(`vehicle ${v.id} carries ${q} > capacity ${v.capacity[k]} (dimension ${k})`);
    });
    if (!close(route.duration, travel))
      errors.push(`vehicle ${v.id} reported duration ${route.duration} ≠ ${travel}`);
    if (!close(route.distance, distance))
      errors.push(`vehicle ${v.id} reported distance ${route.distance} ≠ ${distance}`);
    totalDuration += travel;
    totalDistance += distance;
    totalCost += (problem.objective === 'distance' ? distance : travel) + (v.fixedCost ?? 0);
  }
  for (const v of problem.vehicles) {
    if (!usedVehicles.has(v.id) && ((v.onBoard ?? []).length > 0 || (v.steps ?? []).length > 0))
      errors.push(`vehicle ${v.id} carries jobs but has no route`);
  }
  for (const [id, sum] of destLoad) {
    const cap = destinations.get(id)?.capacity;
    sum.forEach((q, k) => {
      if (cap && q > cap[k] + eps)
        errors.push(`destination ${id} receives ${q} > capacity ${cap[k]} (dimension ${k})`);
    });
  }
  for (const u of plan.unassigned) {
    if (seen.has(u.job)) errors.push(`job ${u.job} both served and unassigned`);
    seen.add(u.job);
  }
  for (const j of problem.jobs) if (!seen.has(j.id)) errors.push(`job ${j.id} silently dropped`);
  if (!close(plan.duration, totalDuration)) errors.push(`plan duration ${plan.duration} ≠ ${totalDuration}`);
  if (!close(plan.distance, totalDistance)) errors.push(`plan distance ${plan.distance} ≠ ${totalDistance}`);
  if (!close(plan.cost, totalCost)) errors.push(`plan cost ${plan.cost} ≠ ${totalCost}`);
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
