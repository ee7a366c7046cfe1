/**
 * Independent VRPTW checker for the benchmark: its own Solomon reader and coster, sharing no code
 * with the solver, so a solver bug cannot hide in both. Conventions of the Solomon set (see its
 * README): Euclidean distances in double precision, travel time = distance, a window bounds the start
 * of service, a vehicle may wait, service time counts, every route starts and ends at the depot
 * within its window (the horizon), route demand ≤ capacity, at most the file's number of vehicles.
 */

/** A Solomon instance as the checker sees it; row 0 is the depot. */
export interface SolomonInstance {
  name: string;
  vehicles: number;
  capacity: number;
  /** Per row: customer number, x, y, demand, ready time, due date, service time. */
  rows: { id: number; x: number; y: number; demand: number; ready: number; due: number; service: number }[];
}

/** Reads a Solomon file's text (CRLF or LF, runs of spaces). @throws Error when a section is missing. */
export function readSolomon(text: string): SolomonInstance {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const name = lines.find((l) => l !== '') ?? '';
  const v = lines.findIndex((l) => l.startsWith('NUMBER'));
  const c = lines.findIndex((l) => l.startsWith('CUST NO.'));
  if (v < 0 || c < 0) throw new Error('not a Solomon file: VEHICLE or CUSTOMER section missing');
  const [vehicles, capacity] = lines[v + 1].split(/\s+/).map(Number);
  const rows: SolomonInstance['rows'] = [];
  for (const line of lines.slice(c + 1)) {
    if (line === '') continue;
    const f = line.split(/\s+/).map(Number);
    if (f.length !== 7 || f.some((x) => !Number.isFinite(x))) throw new Error(`bad row: ${line}`);
    rows.push({ id: f[0], x: f[1], y: f[2], demand: f[3], ready: f[4], due: f[5], service: f[6] });
  }
  if (rows.length < 2 || rows[0].id !== 0) throw new Error('the first row must be the depot (0)');
  return { name, vehicles, capacity, rows };
}

/** Result of checking one solution: the cost in double precision, or why it is infeasible. */
export interface VrptwCheck {
  cost: number;
  /** Cost on the ×1000 rounded matrix, for vroom-scripts' "BKS reached" rule. */
  scaledCost: number;
  routes: number;
  errors: string[];
}

const EPS = 1e-9;

type Row = SolomonInstance['rows'][number];

/** The length (and travel time) of a leg: Euclidean, in double precision (the README's convention). */
export const euclidean = (a: Row, b: Row): number => Math.hypot(a.x - b.x, a.y - b.y);

/**
 * The convention of the exact VRPTW algorithms (and of Solomon's table of optimal solutions): the
 * Euclidean distance truncated to one decimal. Never longer than `euclidean`.
 */
export const truncated = (a: Row, b: Row): number => Math.floor(10 * euclidean(a, b) + 1e-9) / 10;

/**
 * Checks routes given as lists of customer numbers (depot left out): each customer exactly once,
 * capacity, windows with unrounded distances (or the given leg rule), return to the depot by its due
 * date, fleet size; recomputes the total distance.
 */
export function checkVrptw(inst: SolomonInstance, routes: number[][], dist = euclidean): VrptwCheck {
  const errors: string[] = [];
  const byId = new Map(inst.rows.map((r) => [r.id, r]));
  const depot = inst.rows[0];
  const seen = new Set<number>();
  let cost = 0;
  let scaledCost = 0;
  if (routes.length > inst.vehicles) errors.push(`${routes.length} routes > ${inst.vehicles} vehicles`);
  routes.forEach((route, i) => {
    if (route.length === 0) errors.push(`route ${i} is empty`);
    let at = depot;
    let t = depot.ready;
    let load = 0;
    for (const id of route) {
      const c = byId.get(id);
      if (!c || id === 0) {
        errors.push(`route ${i}: ${id} is not a customer`);
        return;
      }
      if (seen.has(id)) errors.push(`customer ${id} visited twice`);
      seen.add(id);
      const leg = dist(at, c);
      cost += leg;
      scaledCost += Math.round(1000 * leg);
      const start = Math.max(t + leg, c.ready);
      if (start > c.due + EPS) errors.push(`customer ${id} served at ${start.toFixed(4)} > due ${c.due}`);
      t = start + c.service;
      load += c.demand;
      at = c;
    }
    const back = dist(at, depot);
    cost += back;
    scaledCost += Math.round(1000 * back);
    if (t + back > depot.due + EPS)
      errors.push(`route ${i} returns at ${(t + back).toFixed(4)} > ${depot.due}`);
    if (load > inst.capacity) errors.push(`route ${i} carries ${load} > ${inst.capacity}`);
  });
  for (const r of inst.rows.slice(1)) if (!seen.has(r.id)) errors.push(`customer ${r.id} not served`);
  return { cost, scaledCost, routes: routes.length, errors };
}
