import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../../bin/porch.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'porch-cli-'));

function porch(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [bin, ...args], (error, stdout, stderr) => {
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

// Customers 2…7 around a depot numbered 3 (not 1), to check the node numbering of the answer.
const instance = [
  'NAME : tiny-7\t',
  'TYPE : CVRP',
  'DIMENSION : 7',
  'EDGE_WEIGHT_TYPE : EUC_2D',
  'CAPACITY : 10 ',
  'NODE_COORD_SECTION',
  '1 10 0',
  '2 11 1',
  '3 0 0',
  '4 -10 0',
  '5 -11 1',
  '6 0 10',
  '7 1 11',
  'DEMAND_SECTION',
  '1 4',
  '2 4',
  '3 0',
  '4 5',
  '5 5',
  '6 3',
  '7 3',
  'DEPOT_SECTION',
  '3',
  '-1',
  'EOF',
].join('\r\n');

describe('porch solve-cvrp', () => {
  it('prints one JSON object with the instance, integer cost, routes of node numbers and elapsed time', async () => {
    const file = join(dir, 'tiny.vrp');
    writeFileSync(file, instance);
    const started = performance.now();
    const res = await porch(['solve-cvrp', file, '--time-limit', '1', '--seed', '3', '--format', 'json']);
    const wallMs = performance.now() - started;
    expect(res.code).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const answer = JSON.parse(lines[0]);
    expect(Object.keys(answer).sort()).toEqual(['cost', 'elapsedMs', 'instance', 'routes']);
    expect(answer.instance).toBe('tiny-7');
    expect(Number.isInteger(answer.cost)).toBe(true);
    expect(Number.isInteger(answer.elapsedMs)).toBe(true);
    // The time it reports is the process's own, counted from its start: never more than the test saw
    // it run. How fast it stops is the solver's, tested in-process, and measured by the benchmarks
    // (a wall-clock bound here failed on a loaded machine, measuring the machine).
    expect(answer.elapsedMs).toBeLessThanOrEqual(Math.ceil(wallMs));
    const visited = answer.routes.flat().sort();
    expect(visited).toEqual([1, 2, 4, 5, 6, 7]);
    // Optimal: three routes {1,2}, {4,5}, {6,7}: 10+2+15 + 10+2+15 + 10+1+15 (rounded legs).
    expect(answer.routes.map((r: number[]) => [...r].sort().join(',')).sort()).toEqual(['1,2', '4,5', '6,7']);
  });

  it('exits 2 with a message for a missing file, a malformed file or a bad option', async () => {
    const bad = join(dir, 'bad.vrp');
    writeFileSync(bad, 'NAME : bad\nDIMENSION : 3\nNODE_COORD_SECTION\n1 0 0\n');
    const [missing, malformed, option] = await Promise.all([
      porch(['solve-cvrp', join(dir, 'none.vrp')]),
      porch(['solve-cvrp', bad]),
      porch(['solve-cvrp', bad, '--time-limit', 'soon']),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read/);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/bad\.vrp/);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/--time-limit/);
  });
});

describe('porch plan', () => {
  const problem = {
    durations: [
      [0, 60, 90],
      [60, 0, 40],
      [90, 40, 0],
    ],
    vehicles: [{ id: 'anna', start: 0, end: 0, capacity: [3] }],
    jobs: [
      { id: 'h1', location: 1, demand: [1], timeWindows: [[0, 600]] },
      { id: 'h2', location: 2, demand: [2] },
    ],
  };

  it('prints the plan, running exactly the iterations asked for', async () => {
    const file = join(dir, 'plan.json');
    writeFileSync(file, JSON.stringify(problem));
    const res = await porch(['plan', file, '--iterations', '9', '--seed', '2']);
    expect(res.code).toBe(0);
    const plan = JSON.parse(res.stdout);
    expect(plan.iterations).toBe(9);
    expect(plan.routes[0].steps.map((s: { job: string }) => s.job).sort()).toEqual(['h1', 'h2']);
    expect(plan.cost).toBe(190);
  });

  it('refuses a misspelt or mistyped field with exit code 2, naming the field', async () => {
    const misspelt = join(dir, 'misspelt.json');
    writeFileSync(
      misspelt,
      JSON.stringify({ ...problem, jobs: [{ id: 'h1', location: 1, time_window: [0, 9] }] }),
    );
    const mistyped = join(dir, 'mistyped.json');
    writeFileSync(
      mistyped,
      JSON.stringify({ ...problem, vehicles: [{ ...problem.vehicles[0], shift: { from: 0, to: 9 } }] }),
    );
    const outside = join(dir, 'outside.json');
    writeFileSync(outside, JSON.stringify({ ...problem, jobs: [{ id: 'h1', location: 7 }] }));
    const [a, b, c] = await Promise.all([
      porch(['plan', misspelt]),
      porch(['plan', mistyped]),
      porch(['plan', outside]),
    ]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('jobs[0].time_window: unknown field');
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('vehicles[0].shift: must be a list');
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('jobs[0].location: location 7 is not an index into the 3×3 matrices');
    expect(a.stdout + b.stdout + c.stdout).toBe('');
  });
});
