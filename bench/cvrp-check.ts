/**
 * Independent CVRP checker for the benchmark: its own CVRPLIB reader and coster, sharing no code with
 * the solver, so a solver bug cannot hide in both. Distances are TSPLIB EUC_2D: floor(sqrt(dx²+dy²)+0.5).
 */

/** A CVRPLIB instance as the checker sees it, keyed by the node numbers of the file. */
export interface CheckInstance {
  name: string;
  capacity: number;
  depot: number;
  /** Node number → [x, y]. */
  coords: Map<number, [number, number]>;
  /** Node number → demand. */
  demand: Map<number, number>;
}

/** Reads a CVRPLIB file's text. @throws Error when a section is missing. */
export function readInstance(text: string): CheckInstance {
  const inst: CheckInstance = { name: '', capacity: 0, depot: 1, coords: new Map(), demand: new Map() };
  let mode = '';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+$/, '').replace(/^\s+/, '');
    if (!line || line === 'EOF') continue;
    const kv = /^(\w+)\s*:\s*(.*)$/.exec(line);
    if (kv) {
      if (kv[1] === 'NAME') inst.name = kv[2].trim();
      if (kv[1] === 'CAPACITY') inst.capacity = Number(kv[2]);
      continue;
    }
    if (/^[A-Z_]+$/.test(line)) {
      mode = line;
      continue;
    }
    const f = line.split(/\s+/).map(Number);
    if (mode === 'NODE_COORD_SECTION') inst.coords.set(f[0], [f[1], f[2]]);
    else if (mode === 'DEMAND_SECTION') inst.demand.set(f[0], f[1]);
    else if (mode === 'DEPOT_SECTION' && f[0] > 0 && inst.depot === 1) inst.depot = f[0];
  }
  if (inst.coords.size === 0 || inst.demand.size === 0 || inst.capacity <= 0) {
    throw new Error('instance is missing coordinates, demands or capacity');
  }
  return inst;
}

/** Result of checking one solution: the recomputed cost, or the reasons it is infeasible. */
export interface CheckResult {
  cost: number;
  errors: string[];
}

/** Checks that routes visit every customer exactly once within capacity and recomputes the cost. */
export function checkSolution(inst: CheckInstance, routes: unknown): CheckResult {
  const errors: string[] = [];
  const seen = new Set<number>();
  let cost = 0;
  const dist = (a: number, b: number): number => {
    const [x1, y1] = inst.coords.get(a)!;
    const [x2, y2] = inst.coords.get(b)!;
    return Math.floor(Math.sqrt((x1 - x2) ** 2 + (y1 - y2) ** 2) + 0.5);
  };
  if (!Array.isArray(routes)) return { cost: Number.NaN, errors: ['routes is not an array'] };
  routes.forEach((route, i) => {
    if (!Array.isArray(route) || route.length === 0) {
      errors.push(`route ${i} is empty or not an array`);
      return;
    }
    let load = 0;
    let prev = inst.depot;
    for (const node of route) {
      if (!Number.isInteger(node) || node === inst.depot || !inst.coords.has(node)) {
        errors.push(`route ${i}: ${node} is not a customer`);
        return;
      }
      if (seen.has(node)) errors.push(`customer ${node} visited twice`);
      seen.add(node);
      load += inst.demand.get(node) ?? 0;
      cost += dist(prev, node);
      prev = node;
    }
    cost += dist(prev, inst.depot);
    if (load > inst.capacity) errors.push(`route ${i} carries ${load} > capacity ${inst.capacity}`);
  });
  for (const node of inst.coords.keys()) {
    if (node !== inst.depot && !seen.has(node)) errors.push(`customer ${node} not visited`);
  }
  return { cost, errors };
}
