import { describe, expect, it } from 'vitest';
import { checkCvrp } from './check.ts';
import { solveCvrp } from './cvrp.ts';
import { CvrpFormatError, parseCvrplib } from './cvrplib.ts';
import { Rng } from './rng.ts';

/** A small X-like instance as CVRPLIB text (CRLF and tabs, like the X files). */
function instanceText(n: number, seed: number, capacity = 30): string {
  const rng = new Rng(seed);
  const lines = [
    'NAME : \tgen',
    'TYPE : CVRP',
    `DIMENSION : ${n + 1}\t`,
    'EDGE_WEIGHT_TYPE : EUC_2D ',
    `CAPACITY : ${capacity}`,
    'NODE_COORD_SECTION\t',
  ];
  for (let i = 1; i <= n + 1; i++) lines.push(`${i}\t${rng.int(1000)}\t${rng.int(1000)}`);
  lines.push('DEMAND_SECTION ');
  for (let i = 1; i <= n + 1; i++) lines.push(`${i}\t${i === 1 ? 0 : 1 + rng.int(10)}`);
  lines.push('DEPOT_SECTION', ' 1', ' -1', 'EOF ');
  return `${lines.join('\r\n')}\r\n`;
}

describe('the CVRPLIB parser', () => {
  it('reads CRLF, tabs and trailing whitespace, and rounds EUC_2D distances', () => {
    const inst = parseCvrplib(instanceText(5, 1));
    expect(inst.name).toBe('gen');
    expect(inst.dimension).toBe(6);
    expect(inst.capacity).toBe(30);
    expect(inst.label[0]).toBe(1);
    const text =
      'NAME : t\nDIMENSION : 3\nCAPACITY : 5\nEDGE_WEIGHT_TYPE : EUC_2D\nNODE_COORD_SECTION\n1 0 0\n2 3 4\n3 1 1\nDEMAND_SECTION\n1 0\n2 1\n3 1\nDEPOT_SECTION\n1\n-1\nEOF\n';
    const small = parseCvrplib(text);
    expect(small.distance[1]).toBe(5);
    expect(small.distance[2]).toBe(1); // sqrt(2) = 1.41 rounds to 1
  });

  it('rejects a file without capacity, with an explicit message', () => {
    expect(() => parseCvrplib('NAME : x\nDIMENSION : 2\nNODE_COORD_SECTION\n1 0 0\n2 1 1\n')).toThrow(
      CvrpFormatError,
    );
    expect(() => parseCvrplib('garbage here')).toThrow(/line 1/);
  });
});

describe('the CVRP solver', () => {
  it('returns feasible solutions whose cost recomputes exactly (property, 6 random instances)', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const inst = parseCvrplib(instanceText(20 + seed * 7, seed, 15 + seed * 5));
      const sol = solveCvrp(inst, { maxIterations: 300, seed });
      const check = checkCvrp(inst, sol.routes);
      expect(check.errors).toEqual([]);
      expect(check.cost).toBe(sol.cost);
    }
  });

  it('is deterministic for a fixed seed and iteration limit', () => {
    const inst = parseCvrplib(instanceText(60, 7));
    const a = solveCvrp(inst, { maxIterations: 500, seed: 42 });
    const b = solveCvrp(inst, { maxIterations: 500, seed: 42 });
    expect(b.routes).toEqual(a.routes);
    expect(b.cost).toBe(a.cost);
  });

  it('stops by its time limit, counting the construction', () => {
    const inst = parseCvrplib(instanceText(150, 9));
    // A clock that reads 0 at the start and 1 s ever after: the limit is spent by the construction.
    let reads = 0;
    const sol = solveCvrp(inst, { timeLimitMs: 150, now: () => (reads++ === 0 ? 0 : 1000) });
    expect(sol.iterations).toBe(0);
    expect(checkCvrp(inst, sol.routes).errors).toEqual([]);
  });

  it('stops on cancellation and still returns a feasible plan', () => {
    const inst = parseCvrplib(instanceText(80, 3));
    let polls = 0;
    const sol = solveCvrp(inst, { timeLimitMs: 60_000, shouldStop: () => ++polls > 5 });
    expect(checkCvrp(inst, sol.routes).errors).toEqual([]);
    const aborted = solveCvrp(inst, { timeLimitMs: 60_000, signal: AbortSignal.abort() });
    expect(checkCvrp(inst, aborted.routes).errors).toEqual([]);
  });

  it('finds the optimum of a tiny instance (two customers per vehicle)', () => {
    const text =
      'NAME : tiny\nDIMENSION : 5\nCAPACITY : 2\nEDGE_WEIGHT_TYPE : EUC_2D\nNODE_COORD_SECTION\n1 0 0\n2 10 0\n3 11 0\n4 -10 0\n5 -11 0\nDEMAND_SECTION\n1 0\n2 1\n3 1\n4 1\n5 1\nDEPOT_SECTION\n1\n-1\nEOF\n';
    const inst = parseCvrplib(text);
    const sol = solveCvrp(inst, { maxIterations: 200 });
    expect(sol.cost).toBe(44);
    expect(sol.routes).toHaveLength(2);
  });
});
