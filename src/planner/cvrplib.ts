/**
 * The classic capacitated VRP instance and a parser for the CVRPLIB / TSPLIB text format.
 * Pure: takes the file's text, does no I/O.
 */

/** A classic CVRP instance: one depot, one vehicle type, unlimited fleet, closed routes. */
export interface CvrpInstance {
  /** The file's NAME. */
  name: string;
  /** Number of nodes including the depot (the file's DIMENSION). Node index 0 is the depot. */
  dimension: number;
  /** Vehicle capacity, in demand units. */
  capacity: number;
  /** Demand per node index (0 = depot, demand 0); length `dimension`. */
  demand: Int32Array;
  /** Row-major `dimension × dimension` matrix of integer distances (TSPLIB EUC_2D rounding). */
  distance: Int32Array;
  /** The node number as written in NODE_COORD_SECTION, per node index; customers are reported with it. */
  label: Int32Array;
  /** Coordinates per node index, when the file has them (x, y interleaved). */
  coords?: Float64Array;
}

/** Thrown for a file the parser cannot read; the message says what and where. */
export class CvrpFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CvrpFormatError';
  }
}

/** TSPLIB EUC_2D: Euclidean distance rounded to the nearest integer, per edge. */
export function euc2d(x1: number, y1: number, x2: number, y2: number): number {
  const dx = x1 - x2;
  const dy = y1 - y2;
  return Math.floor(Math.sqrt(dx * dx + dy * dy) + 0.5);
}

/**
 * Parses a CVRPLIB file (EUC_2D only): NAME, DIMENSION, CAPACITY, NODE_COORD_SECTION, DEMAND_SECTION,
 * DEPOT_SECTION. Accepts CRLF or LF, tabs or spaces, and trailing whitespace.
 * The depot (first id of DEPOT_SECTION, default the first node) becomes index 0; the others keep file order.
 * @throws CvrpFormatError when a required field is missing or malformed, or the edge weight type is unsupported.
 */
export function parseCvrplib(text: string): CvrpInstance {
  const lines = text.split(/\r?\n|\r/);
  let name = '';
  let dimension = -1;
  let capacity = -1;
  let weightType = 'EUC_2D';
  const coordById = new Map<number, [number, number]>();
  const demandById = new Map<number, number>();
  const idOrder: number[] = [];
  const depots: number[] = [];
  let section = '';
  for (let ln = 0; ln < lines.length; ln++) {
    const line = lines[ln].trim();
    if (line === '') continue;
    const upper = line.toUpperCase();
    if (upper === 'EOF') break;
    const colon = line.indexOf(':');
    if (colon > 0 && /^[A-Z_]+\s*$/i.test(line.slice(0, colon))) {
      const key = line.slice(0, colon).trim().toUpperCase();
      const value = line.slice(colon + 1).trim();
      section = '';
      if (key === 'NAME') name = value;
      else if (key === 'DIMENSION') dimension = parseIntStrict(value, 'DIMENSION', ln);
      else if (key === 'CAPACITY') capacity = parseIntStrict(value, 'CAPACITY', ln);
      else if (key === 'EDGE_WEIGHT_TYPE') weightType = value.toUpperCase();
      continue;
    }
    if (/^[A-Z_]+$/.test(upper.replace(/\s+$/, ''))) {
      section = upper;
      continue;
    }
    const fields = line.split(/\s+/);
    if (section === 'NODE_COORD_SECTION') {
      if (fields.length < 3) throw new CvrpFormatError(`line ${ln + 1}: expected "id x y"`);
      const id = parseIntStrict(fields[0], 'node id', ln);
      const x = Number(fields[1]);
      const y = Number(fields[2]);
      if (!Number.isFinite(x) || !Number.isFinite(y))
        throw new CvrpFormatError(`line ${ln + 1}: bad coordinates`);
      if (!coordById.has(id)) idOrder.push(id);
      coordById.set(id, [x, y]);
    } else if (section === 'DEMAND_SECTION') {
      if (fields.length < 2) throw new CvrpFormatError(`line ${ln + 1}: expected "id demand"`);
      demandById.set(parseIntStrict(fields[0], 'node id', ln), parseIntStrict(fields[1], 'demand', ln));
    } else if (section === 'DEPOT_SECTION') {
      for (const f of fields) {
        const id = parseIntStrict(f, 'depot id', ln);
        if (id >= 0) depots.push(id);
      }
    } else {
      throw new CvrpFormatError(`line ${ln + 1}: unexpected content outside a known section`);
    }
  }
  if (weightType !== 'EUC_2D') throw new CvrpFormatError(`EDGE_WEIGHT_TYPE ${weightType} is not supported`);
  if (dimension < 2) throw new CvrpFormatError('DIMENSION is missing or below 2');
  if (capacity <= 0) throw new CvrpFormatError('CAPACITY is missing or not positive');
  if (idOrder.length !== dimension) {
    throw new CvrpFormatError(`NODE_COORD_SECTION has ${idOrder.length} nodes, DIMENSION says ${dimension}`);
  }
  const depotId = depots.length > 0 ? depots[0] : idOrder[0];
  if (!coordById.has(depotId)) throw new CvrpFormatError(`depot ${depotId} has no coordinates`);
  const order = [depotId, ...idOrder.filter((id) => id !== depotId)];
  const label = new Int32Array(dimension);
  const demand = new Int32Array(dimension);
  const coords = new Float64Array(dimension * 2);
  for (let i = 0; i < dimension; i++) {
    const id = order[i];
    label[i] = id;
    const [x, y] = coordById.get(id)!;
    coords[2 * i] = x;
    coords[2 * i + 1] = y;
    const d = demandById.get(id);
    if (d === undefined) throw new CvrpFormatError(`node ${id} has no demand`);
    if (d < 0) throw new CvrpFormatError(`node ${id} has a negative demand`);
    if (i > 0 && d > capacity)
      throw new CvrpFormatError(`node ${id} demands ${d}, above the capacity ${capacity}`);
    demand[i] = i === 0 ? 0 : d;
  }
  return { name, dimension, capacity, demand, label, coords, distance: euc2dMatrix(coords) };
}

/** Builds the full EUC_2D distance matrix from interleaved coordinates (x0, y0, x1, y1, …). */
export function euc2dMatrix(coords: Float64Array): Int32Array {
  const n = coords.length / 2;
  const m = new Int32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = euc2d(coords[2 * i], coords[2 * i + 1], coords[2 * j], coords[2 * j + 1]);
      m[i * n + j] = d;
      m[j * n + i] = d;
    }
  }
  return m;
}

function parseIntStrict(value: string, what: string, ln: number): number {
  if (!/^-?\d+(\.0*)?$/.test(value))
    throw new CvrpFormatError(`line ${ln + 1}: ${what} "${value}" is not an integer`);
  return Number.parseInt(value, 10);
}
