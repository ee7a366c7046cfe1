/**
 * Flattens a problem into the solver's form (typed arrays): one shape for the general model and for
 * the classic CVRP, so both are searched by the same route model and operators.
 *
 * Jobs on board and a vehicle's locked `steps` are folded into the vehicle's route: the route then
 * "starts" after its last locked step (at that place and time, with that load), so the search never
 * sees or moves them. Identical vehicles form a class; an empty route is tried once per class.
 */
import type { CvrpInstance } from './cvrplib.ts';
import { type Problem, ProblemError } from './model.ts';

/** The problem in solver form. Times in seconds, distances in metres, costs in the objective's unit. */
export interface Compiled {
  /** Jobs the search places (on-board and locked-step jobs excluded). */
  jobs: number;
  /** Route slots: one per vehicle (general model) or one per customer (CVRP, unlimited fleet). */
  routes: number;
  /** Capacity dimensions. */
  dims: number;
  /** Matrix side. */
  size: number;
  /** Travel time, distance and cost matrices, row-major size × size (integers for CVRPLIB: half the memory). */
  time: Matrix;
  dist: Matrix;
  cost: Matrix;
  /** Whether any time window, shift end or maximum duration constrains a route. */
  timed: boolean;
  /** Whether cost[a][b] = cost[b][a] for every pair (reversing a segment keeps its cost). */
  symmetric: boolean;
  /** Problem job index per searched job. */
  jobIndex: Int32Array;
  loc: Int32Array;
  /** Demand, jobs × dims. */
  demand: Float64Array;
  service: Float64Array;
  /** Time windows of job j: twOpen/twClose[twFirst[j] … twFirst[j + 1]), increasing. */
  twFirst: Int32Array;
  twOpen: Float64Array;
  twClose: Float64Array;
  /** Cost of leaving the job unassigned (larger than any detour, times 1 + priority). */
  penalty: Float64Array;
  /** Vehicle classes: routes of class c are classFirst[c] … classFirst[c + 1] − 1. */
  classes: number;
  classFirst: Int32Array;
  routeClass: Int32Array;
  /** 1 when the job may go on a route of the class (skills, capacity alone, lock, destinations), jobs × classes. */
  classOk: Uint8Array;
  /** Problem vehicle index per route (−1 for the CVRP). */
  routeVehicle: Int32Array;
  /** Where the searched part of the route starts (after locked steps) and its fixed end (−1: a destination). */
  startLoc: Int32Array;
  endLoc: Int32Array;
  /** Capacity and the load on board when the searched part starts (on-board and locked-step jobs), routes × dims. */
  capacity: Float64Array;
  initLoad: Float64Array;
  /** Departure from startLoc and latest arrival at the end, seconds. */
  shiftStart: Float64Array;
  shiftEnd: Float64Array;
  /** Cost of using the route, and the cost of its locked steps. */
  fixedCost: Float64Array;
  baseCost: Float64Array;
  /** 1 when the route is used whatever the search does (jobs on board or locked steps). */
  forced: Uint8Array;
  /** Destinations: location and capacity (destinations × dims; Infinity = unlimited). */
  dests: number;
  destLoc: Int32Array;
  destCap: Float64Array;
  /** Words per destination bit set; masks of allowed destinations per job and per route. */
  words: number;
  jobDestMask: Int32Array;
  routeDestMask: Int32Array;
  /** 1 when the job must end at a destination (it names some, or is on board a route that must). */
  jobNeedsDest: Uint8Array;
  /** Whether all routes share one class, so a route's tail fits any other route as is. */
  uniform: boolean;
}

const SPARE = 1e-9;

/** A square matrix, row-major. */
export type Matrix = Float64Array | Int32Array;

/** Builds the Compiled form of a CVRPLIB instance: identical vehicles, as many as customers. */
export function compileCvrp(inst: CvrpInstance): Compiled {
  const n = inst.dimension - 1;
  const size = inst.dimension;
  const cost = inst.distance;
  const c = empty(n, n, 1, size, cost, cost, cost, 0, 1);
  c.symmetric = true;
  let maxCost = 0;
  for (let i = 0; i < size; i++) if (cost[i] > maxCost) maxCost = cost[i];
  for (let j = 0; j < n; j++) {
    c.jobIndex[j] = j + 1;
    c.loc[j] = j + 1;
    c.demand[j] = inst.demand[j + 1];
    c.twFirst[j + 1] = j + 1;
    c.twOpen[j] = -Infinity;
    c.twClose[j] = Infinity;
    c.penalty[j] = 2 * maxCost + 1;
    c.classOk[j] = inst.demand[j + 1] <= inst.capacity ? 1 : 0;
  }
  c.classFirst[1] = n;
  for (let r = 0; r < n; r++) {
    c.routeVehicle[r] = -1;
    c.capacity[r] = inst.capacity;
    c.shiftEnd[r] = Infinity;
  }
  return c;
}

function empty(
  J: number,
  R: number,
  dims: number,
  size: number,
  time: Matrix,
  dist: Matrix,
  cost: Matrix,
  dests: number,
  classes: number,
): Compiled {
  const words = Math.max(1, Math.ceil(dests / 32));
  return {
    jobs: J,
    routes: R,
    dims,
    size,
    time,
    dist,
    cost,
    timed: false,
    symmetric: false,
    jobIndex: new Int32Array(J),
    loc: new Int32Array(J),
    demand: new Float64Array(J * dims),
    service: new Float64Array(J),
    twFirst: new Int32Array(J + 1),
    twOpen: new Float64Array(J),
    twClose: new Float64Array(J),
    penalty: new Float64Array(J),
    classes,
    classFirst: new Int32Array(classes + 1),
    routeClass: new Int32Array(R),
    classOk: new Uint8Array(J * classes),
    routeVehicle: new Int32Array(R),
    startLoc: new Int32Array(R),
    endLoc: new Int32Array(R),
    capacity: new Float64Array(R * dims),
    initLoad: new Float64Array(R * dims),
    shiftStart: new Float64Array(R),
    shiftEnd: new Float64Array(R),
    fixedCost: new Float64Array(R),
    baseCost: new Float64Array(R),
    forced: new Uint8Array(R),
    dests,
    destLoc: new Int32Array(dests),
    destCap: new Float64Array(dests * dims).fill(Infinity),
    words,
    jobDestMask: new Int32Array(J * words).fill(-1),
    routeDestMask: new Int32Array(R * words),
    jobNeedsDest: new Uint8Array(J),
    uniform: classes === 1,
  };
}

/** A vehicle's route prefix fixed by the input: its on-board and locked-step jobs. */
interface Fixed {
  onBoard: number[];
  steps: number[];
}

/**
 * Checks and compiles a problem of the general model (the structure is assumed to match
 * `problemSchema`; this checks what a schema cannot: indices, dimensions, references, feasibility of
 * what is fixed).
 * @throws ProblemError naming the field: non-square matrices, out-of-range locations, dimension
 * mismatches, negative values, duplicate or unknown ids, a job locked twice, locked steps that break
 * a time window, capacity or the shift.
 */
export function compile(p: Problem, flat: FlatMatrices = flattenMatrices(p)): Compiled {
  const { size } = flat;
  const hasOpen = p.vehicles.some((v) => (v.end === null || v.end === undefined) && !v.destinations);
  // An open route ends at a virtual location that every location reaches at no cost.
  const side = hasOpen ? size + 1 : size;
  const time = widen(flat.durations, size, side, 'durations');
  const dist = flat.distances ? widen(flat.distances, size, side, 'distances') : time;
  const cost = p.objective === 'distance' ? dist : time;
  const dims = p.vehicles[0]?.capacity.length ?? p.jobs[0]?.demand?.length ?? 0;
  const loc = (x: number, path: string): number => {
    if (!Number.isInteger(x) || x < 0 || x >= size)
      throw new ProblemError(`location ${x} is not an index into the ${size}×${size} matrices`, path);
    return x;
  };
  const vector = (x: number[] | undefined, path: string): number[] => {
    const v = x ?? new Array(dims).fill(0);
    if (v.length !== dims)
      throw new ProblemError(`must have ${dims} value(s), one per capacity dimension`, path);
    return v;
  };
  // Destinations.
  const destIndex = new Map<string, number>();
  const destinations = p.destinations ?? [];
  destinations.forEach((d, i) => {
    if (destIndex.has(d.id))
      throw new ProblemError(`duplicate destination id "${d.id}"`, `destinations[${i}].id`);
    destIndex.set(d.id, i);
    loc(d.location, `destinations[${i}].location`);
    if (d.capacity) vector(d.capacity, `destinations[${i}].capacity`);
  });
  const words = Math.max(1, Math.ceil(destinations.length / 32));
  const maskOf = (ids: string[], path: string): Int32Array => {
    const m = new Int32Array(words);
    ids.forEach((id, k) => {
      const d = destIndex.get(id);
      if (d === undefined) throw new ProblemError(`unknown destination "${id}"`, `${path}[${k}]`);
      m[d >>> 5] |= 1 << (d & 31);
    });
    return m;
  };
  // Jobs by id; which are fixed on a vehicle.
  const jobIndex = new Map<string, number>();
  p.jobs.forEach((j, i) => {
    if (jobIndex.has(j.id)) throw new ProblemError(`duplicate job id "${j.id}"`, `jobs[${i}].id`);
    jobIndex.set(j.id, i);
  });
  const vehicleIndex = new Map<string, number>();
  p.vehicles.forEach((v, i) => {
    if (vehicleIndex.has(v.id)) throw new ProblemError(`duplicate vehicle id "${v.id}"`, `vehicles[${i}].id`);
    vehicleIndex.set(v.id, i);
  });
  const fixedOn = new Int32Array(p.jobs.length).fill(-1);
  const fixed: Fixed[] = p.vehicles.map((v, vi) => {
    const take = (ids: string[] | undefined, field: string): number[] =>
      (ids ?? []).map((id, k) => {
        const path = `vehicles[${vi}].${field}[${k}]`;
        const j = jobIndex.get(id);
        if (j === undefined) throw new ProblemError(`unknown job "${id}"`, path);
        if (fixedOn[j] >= 0) throw new ProblemError(`job "${id}" is already on board or locked`, path);
        const lock = p.jobs[j].vehicle;
        if (lock !== undefined && lock !== v.id)
          throw new ProblemError(`job "${id}" is locked to vehicle "${lock}"`, path);
        fixedOn[j] = vi;
        return j;
      });
    return { onBoard: take(v.onBoard, 'onBoard'), steps: take(v.steps, 'steps') };
  });
  // Job data (problem order), validated.
  const windows: [number, number][][] = p.jobs.map((j, i) => {
    const path = `jobs[${i}]`;
    loc(j.location, `${path}.location`);
    vector(j.demand, `${path}.demand`);
    if (j.vehicle !== undefined && !vehicleIndex.has(j.vehicle))
      throw new ProblemError(`unknown vehicle "${j.vehicle}"`, `${path}.vehicle`);
    const tw = j.timeWindows ?? [];
    tw.forEach(([a, b], k) => {
      if (!(b >= a))
        throw new ProblemError('a time window must not end before it starts', `${path}.timeWindows[${k}]`);
      if (k > 0 && !(a > tw[k - 1][1]))
        throw new ProblemError(
          'time windows must be in increasing order and must not overlap',
          `${path}.timeWindows[${k}]`,
        );
    });
    return tw.length > 0 ? tw : [[-Infinity, Infinity]];
  });
  const jobMasks = p.jobs.map((j, i) =>
    j.destinations ? maskOf(j.destinations, `jobs[${i}].destinations`) : undefined,
  );
  // Vehicles: start state after on-board and locked steps.
  const V = p.vehicles.length;
  let timed = false;
  const vState = p.vehicles.map((v, vi) => {
    const path = `vehicles[${vi}]`;
    loc(v.start, `${path}.start`);
    if (v.end !== null && v.end !== undefined) {
      loc(v.end, `${path}.end`);
      if (v.destinations)
        throw new ProblemError('give either end or destinations, not both', `${path}.destinations`);
    }
    const capacity = vector(v.capacity, `${path}.capacity`);
    const [s, e] = v.shift ?? [0, Infinity];
    if (!(e >= s)) throw new ProblemError('the shift must not end before it starts', `${path}.shift`);
    const shiftEnd = Math.min(e, v.maxDuration === undefined ? Infinity : s + v.maxDuration);
    if (shiftEnd < Infinity) timed = true;
    const destMask = v.destinations ? maskOf(v.destinations, `${path}.destinations`) : new Int32Array(words);
    const skills = new Set(v.skills ?? []);
    const load = new Array<number>(dims).fill(0);
    let needDest = false;
    const mask = Int32Array.from(destMask);
    const carry = (j: number, field: string, k: number): void => {
      const job = p.jobs[j];
      const at = `${path}.${field}[${k}]`;
      for (const skill of job.skills ?? [])
        if (!skills.has(skill)) throw new ProblemError(`job "${job.id}" needs skill "${skill}"`, at);
      (job.demand ?? []).forEach((q, d) => {
        load[d] += q;
      });
      const jm = jobMasks[j];
      if (jm) {
        needDest = true;
        for (let w = 0; w < words; w++) mask[w] &= jm[w];
      }
    };
    fixed[vi].onBoard.forEach((j, k) => {
      carry(j, 'onBoard', k);
    });
    let at = v.start;
    let t = s;
    let base = 0;
    fixed[vi].steps.forEach((j, k) => {
      const job = p.jobs[j];
      carry(j, 'steps', k);
      const arrival = t + time[at * side + job.location];
      const start = earliest(windows[j], arrival);
      if (start === Infinity)
        throw new ProblemError(
          `locked step "${job.id}" cannot start within its time windows`,
          `${path}.steps[${k}]`,
        );
      base += cost[at * side + job.location];
      t = start + (job.service ?? 0);
      at = job.location;
    });
    if (t > shiftEnd) throw new ProblemError('the locked steps end after the shift', `${path}.steps`);
    load.forEach((q, d) => {
      if (q > capacity[d] + SPARE)
        throw new ProblemError(`the jobs on board and locked steps exceed capacity ${d}`, `${path}.onBoard`);
    });
    const hasFixed = fixed[vi].onBoard.length + fixed[vi].steps.length > 0;
    if (needDest && !v.destinations)
      throw new ProblemError(
        'it carries a job that must go to a destination, but it has none',
        `${path}.destinations`,
      );
    if (needDest && mask.every((w) => w === 0))
      throw new ProblemError(
        'no destination of this vehicle accepts every job it carries',
        `${path}.destinations`,
      );
    const endLoc = v.destinations ? -1 : v.end === null || v.end === undefined ? size : v.end;
    if (hasFixed && endLoc === size && fixed[vi].onBoard.length > 0)
      throw new ProblemError(
        'jobs on board need a route that ends somewhere (end or destinations)',
        `${path}.onBoard`,
      );
    return {
      startLoc: at,
      endLoc,
      shiftStart: t,
      shiftEnd,
      capacity,
      load,
      mask,
      skills,
      base,
      forced: hasFixed,
      fixedCost: v.fixedCost ?? 0,
      // Locked-job targets and fixed routes make a vehicle unique; others group by their data.
      key: JSON.stringify([
        at,
        endLoc,
        t,
        shiftEnd,
        capacity,
        load,
        Array.from(mask),
        [...skills].sort(),
        base,
        hasFixed,
        v.fixedCost ?? 0,
        hasFixed || p.jobs.some((j) => j.vehicle === v.id) ? v.id : '',
      ]),
    };
  });
  // Searched jobs: those not on board or in locked steps.
  const searched: number[] = [];
  for (let i = 0; i < p.jobs.length; i++) if (fixedOn[i] < 0) searched.push(i);
  const J = searched.length;
  // Classes of identical vehicles; routes ordered by class.
  const classKeys: string[] = [];
  const classOfVehicle = vState.map((s) => {
    let c = classKeys.indexOf(s.key);
    if (c < 0) c = classKeys.push(s.key) - 1;
    return c;
  });
  const C = classKeys.length;
  const order = Array.from({ length: V }, (_, i) => i).sort(
    (a, b) => classOfVehicle[a] - classOfVehicle[b] || a - b,
  );
  const c = empty(J, V, dims, side, time, dist, cost, destinations.length, C);
  c.words = words;
  c.timed = timed;
  c.symmetric = isSymmetric(cost, side) && (cost === time || isSymmetric(time, side));
  destinations.forEach((d, i) => {
    c.destLoc[i] = d.location;
    d.capacity?.forEach((q, k) => {
      c.destCap[i * dims + k] = q;
    });
  });
  let maxCost = 0;
  for (let i = 0; i < cost.length; i++) if (cost[i] > maxCost) maxCost = cost[i];
  let maxFixed = 0;
  for (const s of vState) maxFixed = Math.max(maxFixed, s.fixedCost);
  // Larger than the difference in cost between any two plans (every route's edges and fixed cost: at
  // most jobs + routes edges), so a plan that serves more priority weight is always the better one,
  // however much longer it drives; a whole number, so the penalties add up exactly.
  const big = Math.ceil((J + V) * maxCost + V * maxFixed) + 1;
  order.forEach((v, r) => {
    const s = vState[v];
    const cls = classOfVehicle[v];
    c.routeVehicle[r] = v;
    c.routeClass[r] = cls;
    c.classFirst[cls + 1] = r + 1;
    c.startLoc[r] = s.startLoc;
    c.endLoc[r] = s.endLoc;
    c.shiftStart[r] = s.shiftStart;
    c.shiftEnd[r] = s.shiftEnd;
    c.fixedCost[r] = s.fixedCost;
    c.baseCost[r] = s.base;
    c.forced[r] = s.forced ? 1 : 0;
    for (let k = 0; k < dims; k++) {
      c.capacity[r * dims + k] = s.capacity[k];
      c.initLoad[r * dims + k] = s.load[k];
    }
    for (let w = 0; w < words; w++) c.routeDestMask[r * words + w] = s.mask[w];
  });
  let w0 = 0;
  searched.forEach((pj, j) => {
    const job = p.jobs[pj];
    c.jobIndex[j] = pj;
    c.loc[j] = job.location;
    c.service[j] = job.service ?? 0;
    c.penalty[j] = big * (1 + (job.priority ?? 0));
    const demand = job.demand ?? [];
    for (let k = 0; k < dims; k++) c.demand[j * dims + k] = demand[k] ?? 0;
    const tw = windows[pj];
    if (tw[0][0] > -Infinity || tw[tw.length - 1][1] < Infinity) timed = true;
    c.twFirst[j] = w0;
    w0 += tw.length;
    const jm = jobMasks[pj];
    if (jm) {
      c.jobNeedsDest[j] = 1;
      for (let w = 0; w < words; w++) c.jobDestMask[j * words + w] = jm[w];
    }
  });
  c.twFirst[J] = w0;
  c.twOpen = new Float64Array(w0);
  c.twClose = new Float64Array(w0);
  searched.forEach((pj, j) => {
    windows[pj].forEach(([a, b], k) => {
      c.twOpen[c.twFirst[j] + k] = a;
      c.twClose[c.twFirst[j] + k] = b;
    });
  });
  c.timed = timed;
  // Compatibility per class, from the class's first route.
  for (let cls = 0; cls < C; cls++) {
    const r = c.classFirst[cls];
    const v = c.routeVehicle[r];
    const s = vState[v];
    for (let j = 0; j < J; j++) {
      const job = p.jobs[c.jobIndex[j]];
      let ok = job.vehicle === undefined || job.vehicle === p.vehicles[v].id;
      for (const skill of job.skills ?? []) if (!s.skills.has(skill)) ok = false;
      for (let k = 0; k < dims && ok; k++) {
        if (c.demand[j * dims + k] + c.initLoad[r * dims + k] > c.capacity[r * dims + k] + SPARE) ok = false;
      }
      if (ok && c.jobNeedsDest[j]) {
        let any = 0;
        for (let w = 0; w < words; w++) any |= c.jobDestMask[j * words + w] & c.routeDestMask[r * words + w];
        if (c.endLoc[r] >= 0 || any === 0) ok = false;
      }
      c.classOk[j * C + cls] = ok ? 1 : 0;
    }
  }
  return c;
}

/** Earliest start of service at or after `arrival` within the windows, or Infinity. */
function earliest(windows: [number, number][], arrival: number): number {
  for (const [a, b] of windows) if (arrival <= b) return Math.max(arrival, a);
  return Infinity;
}

/**
 * A problem's matrices flattened row-major (size × size): what `compile` reads. A caller may flatten
 * them itself (`flattenMatrices`) to hand them to a worker thread as transferable buffers, which is
 * much cheaper than copying nested arrays (about 90 ms for 1,000 locations).
 */
export interface FlatMatrices {
  size: number;
  durations: Float64Array;
  /** Absent: the distances are the durations. */
  distances?: Float64Array;
}

/**
 * Flattens a problem's matrices, checking that each is square over the same locations and holds
 * finite numbers ≥ 0.
 * @throws ProblemError naming the offending matrix, row or entry.
 */
export function flattenMatrices(p: Pick<Problem, 'durations' | 'distances'>): FlatMatrices {
  const size = Array.isArray(p.durations) ? p.durations.length : -1;
  const durations = flatten(p.durations, size, 'durations');
  return p.distances
    ? { size, durations, distances: flatten(p.distances, size, 'distances') }
    : { size, durations };
}

function flatten(m: number[][] | undefined, size: number, what: string): Float64Array {
  if (!Array.isArray(m) || m.length !== size) throw new ProblemError('must be a square matrix', what);
  const out = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    const row = m[i];
    if (!Array.isArray(row) || row.length !== size)
      throw new ProblemError(`must have ${size} entries, one per location`, `${what}[${i}]`);
    for (let j = 0; j < size; j++) {
      const x = row[j];
      if (typeof x !== 'number' || !(x >= 0) || x === Infinity)
        throw new ProblemError('must be a finite number ≥ 0', `${what}[${i}][${j}]`);
      out[i * size + j] = x;
    }
  }
  return out;
}

/** The flat matrix with a side of `side` ≥ size (the extra row and column 0: the open routes' virtual end). */
function widen(m: Float64Array, size: number, side: number, what: string): Float64Array {
  if (m.length !== size * size) throw new ProblemError(`must be a square matrix of side ${size}`, what);
  if (side === size) return m;
  const out = new Float64Array(side * side);
  for (let i = 0; i < size; i++) out.set(m.subarray(i * size, (i + 1) * size), i * side);
  return out;
}

function isSymmetric(m: Matrix, side: number): boolean {
  for (let i = 0; i < side; i++)
    for (let j = i + 1; j < side; j++) if (m[i * side + j] !== m[j * side + i]) return false;
  return true;
}
