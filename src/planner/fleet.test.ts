import { describe, expect, it } from 'vitest';
import { compileCvrp } from './compile.ts';
import { parseCvrplib } from './cvrplib.ts';
import { minimizeRoutes, routeLowerBound } from './fleet.ts';
import { spatialNeighbours } from './neighbours.ts';
import { stopRule } from './options.ts';
import { Rng } from './rng.ts';
import { CVRP_TUNING } from './search.ts';
import { Sisr } from './sisr.ts';
import { Solution } from './solution.ts';

/** A CVRPLIB instance: customers on a circle around the depot at the origin, with the given demands. */
function circle(demands: number[], capacity: number): string {
  const lines = [`NAME : c`, `DIMENSION : ${demands.length + 1}`, `CAPACITY : ${capacity}`];
  lines.push('EDGE_WEIGHT_TYPE : EUC_2D', 'NODE_COORD_SECTION', '1 0 0');
  demands.forEach((_, i) => {
    const a = (2 * Math.PI * i) / demands.length;
    lines.push(`${i + 2} ${Math.round(100 * Math.cos(a))} ${Math.round(100 * Math.sin(a))}`);
  });
  lines.push(
    'DEMAND_SECTION',
    '1 0',
    ...demands.map((d, i) => `${i + 2} ${d}`),
    'DEPOT_SECTION',
    '1',
    '-1',
    'EOF',
  );
  return lines.join('\n');
}

/** One route per customer, and what route minimisation needs around it. */
function setUp(demands: number[], capacity: number) {
  const m = compileCvrp(parseCvrplib(circle(demands, capacity)));
  const s = new Solution(m);
  for (let j = 0; j < m.jobs; j++) s.insert(j, s.first(s.freeRoute(0)));
  const spatial = spatialNeighbours(m, 100);
  const rng = new Rng(1);
  return { m, s, rng, sisr: new Sisr(m, spatial, spatial, CVRP_TUNING, rng) };
}

describe('route minimisation', () => {
  it('gives up an attempt that stops leaving fewer jobs out after its patience, not at the end of its share', () => {
    // Demand 6 of 10 each: the bound says 3 routes for 4 customers, but no two fit together.
    const { m, s, rng, sisr } = setUp([6, 6, 6, 6], 10);
    expect(routeLowerBound(m)).toBe(3);
    const share = minimizeRoutes(m, s, sisr, stopRule({ maxIterations: 100_000 }), rng, 0.2);
    expect(share.found).toBeUndefined();
    expect(share.iterations).toBeGreaterThanOrEqual(20_000);
    const patient = minimizeRoutes(m, s, sisr, stopRule({ maxIterations: 100_000 }), rng, 0.2, 50);
    expect(patient.found).toBeUndefined();
    expect(patient.iterations).toBeLessThanOrEqual(51);
  });

  it('still empties the routes it can with a patience', () => {
    // Demand 1 of 10 each: 8 customers fit one route.
    const { m, s, rng, sisr } = setUp([1, 1, 1, 1, 1, 1, 1, 1], 10);
    const r = minimizeRoutes(m, s, sisr, stopRule({ maxIterations: 100_000 }), rng, 0.2, 50);
    expect(r.found?.routesUsed).toBe(1);
    expect(r.found?.unassigned).toBe(0);
  });
});
