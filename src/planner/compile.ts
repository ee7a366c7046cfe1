/**
 * Validates a Problem and flattens it into typed arrays for the general solver.
 */
import { type Problem, ProblemError } from './model.ts';

/** The problem in solver form. Times in seconds, distances in metres, costs in the objective's unit. */
export interface Compiled {
  jobs: number;
  vehicles: number;
  /** Capacity dimensions. */
  dims: number;
  /** Number of locations (matrix side). */
  size: number;
  /** Travel time, distance and cost matrices, row-major size × size. */
  time: Float64Array;
  dist: Float64Array;
  cost: Float64Array;
  jobLoc: Int32Array;
  /** Demand, jobs × dims. */
  demand: Float64Array;
  service: Float64Array;
  twStart: Float64Array;
  twEnd: Float64Array;
  priority: Float64Array;
  vStart: Int32Array;
  /** End location, −1 for an open route. */
  vEnd: Int32Array;
  /** Capacity, vehicles × dims. */
  capacity: Float64Array;
  shiftStart: Float64Array;
  /** Latest arrival at the end: min(shift end, shift start + maximum duration). */
  shiftEnd: Float64Array;
  /** 1 when the vehicle has every skill the job needs, jobs × vehicles. */
  skillOk: Uint8Array;
  /** 1 when skills and every capacity dimension allow the job on the vehicle, jobs × vehicles. */
  compatible: Uint8Array;
}

/**
 * Checks and compiles a problem.
 * @throws ProblemError for non-square matrices, out-of-range locations, demand/capacity length mismatches,
 * negative or non-finite values, or duplicate ids.
 */
export function compile(p: Problem): Compiled {
  if (!Array.isArray(p.vehicles) || !Array.isArray(p.jobs))
    throw new ProblemError('vehicles and jobs must be arrays');
  const size = p.durations?.length ?? 0;
  const time = matrix(p.durations, size, 'durations');
  const dist = p.distances ? matrix(p.distances, size, 'distances') : time;
  const cost = p.objective === 'distance' ? dist : time;
  if (p.objective !== undefined && p.objective !== 'distance' && p.objective !== 'duration') {
    throw new ProblemError('objective must be "duration" or "distance"');
  }
  const dims = p.vehicles[0]?.capacity.length ?? p.jobs[0]?.demand?.length ?? 0;
  const J = p.jobs.length;
  const V = p.vehicles.length;
  const c: Compiled = {
    jobs: J,
    vehicles: V,
    dims,
    size,
    time,
    dist,
    cost,
    jobLoc: new Int32Array(J),
    demand: new Float64Array(J * dims),
    service: new Float64Array(J),
    twStart: new Float64Array(J),
    twEnd: new Float64Array(J),
    priority: new Float64Array(J),
    vStart: new Int32Array(V),
    vEnd: new Int32Array(V),
    capacity: new Float64Array(V * dims),
    shiftStart: new Float64Array(V),
    shiftEnd: new Float64Array(V),
    skillOk: new Uint8Array(J * V),
    compatible: new Uint8Array(J * V),
  };
  const loc = (x: unknown, what: string): number => {
    if (!Number.isInteger(x) || (x as number) < 0 || (x as number) >= size) {
      throw new ProblemError(
        `${what}: location ${String(x)} is not an index into the ${size}×${size} matrices`,
      );
    }
    return x as number;
  };
  const ids = new Set<string>();
  p.vehicles.forEach((v, i) => {
    const what = `vehicle ${v.id ?? i}`;
    if (typeof v.id !== 'string' || ids.has(`v:${v.id}`))
      throw new ProblemError(`${what}: id missing or duplicated`);
    ids.add(`v:${v.id}`);
    c.vStart[i] = loc(v.start, what);
    c.vEnd[i] = v.end === null || v.end === undefined ? -1 : loc(v.end, what);
    if (!Array.isArray(v.capacity) || v.capacity.length !== dims) {
      throw new ProblemError(`${what}: capacity must have ${dims} dimension(s)`);
    }
    v.capacity.forEach((q, k) => {
      c.capacity[i * dims + k] = nonNegative(q, `${what} capacity`);
    });
    const [s, e] = v.shift ?? [0, Infinity];
    c.shiftStart[i] = nonNegative(s, `${what} shift start`);
    if (!(e >= s)) throw new ProblemError(`${what}: shift ends before it starts`);
    c.shiftEnd[i] = Math.min(
      e,
      v.maxDuration === undefined ? Infinity : s + nonNegative(v.maxDuration, what),
    );
  });
  p.jobs.forEach((j, i) => {
    const what = `job ${j.id ?? i}`;
    if (typeof j.id !== 'string' || ids.has(`j:${j.id}`))
      throw new ProblemError(`${what}: id missing or duplicated`);
    ids.add(`j:${j.id}`);
    c.jobLoc[i] = loc(j.location, what);
    const d = j.demand ?? new Array(dims).fill(0);
    if (d.length !== dims) throw new ProblemError(`${what}: demand must have ${dims} dimension(s)`);
    d.forEach((q, k) => {
      c.demand[i * dims + k] = nonNegative(q, `${what} demand`);
    });
    c.service[i] = nonNegative(j.service ?? 0, `${what} service`);
    c.priority[i] = nonNegative(j.priority ?? 0, `${what} priority`);
    const [s, e] = j.timeWindow ?? [0, Infinity];
    c.twStart[i] = nonNegative(s, `${what} time window`);
    if (!(e >= s)) throw new ProblemError(`${what}: time window ends before it starts`);
    c.twEnd[i] = e;
    for (let v = 0; v < V; v++) {
      const have = p.vehicles[v].skills ?? [];
      const skillOk = (j.skills ?? []).every((s) => have.includes(s));
      let fits = skillOk;
      for (let k = 0; k < dims && fits; k++) fits = c.demand[i * dims + k] <= c.capacity[v * dims + k];
      c.skillOk[i * V + v] = skillOk ? 1 : 0;
      c.compatible[i * V + v] = fits ? 1 : 0;
    }
  });
  return c;
}

function matrix(m: number[][] | undefined, size: number, what: string): Float64Array {
  if (!Array.isArray(m) || m.length !== size) throw new ProblemError(`${what} must be a square matrix`);
  const out = new Float64Array(size * size);
  m.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== size)
      throw new ProblemError(`${what} row ${i} must have ${size} entries`);
    row.forEach((x, j) => {
      out[i * size + j] = nonNegative(x, `${what}[${i}][${j}]`);
    });
  });
  return out;
}

function nonNegative(x: unknown, what: string): number {
  if (typeof x !== 'number' || !(x >= 0)) throw new ProblemError(`${what} must be a number ≥ 0`);
  return x;
}
