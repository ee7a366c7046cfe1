/**
 * Large-instance check: generates X-like instances (bench/cvrp-generate.ts, 1,000 customers by default),
 * measures in a fresh process the time to the first feasible plan (from reading the file) and the peak
 * resident memory, then runs the real CLI at the given limits and checks each answer independently.
 *
 *   node --import tsx bench/cvrp-large.ts [--n 1000] [--seeds 1,2,3] [--limits 2,5]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { solveCvrp } from '../src/planner/cvrp.ts';
import { parseCvrplib } from '../src/planner/cvrplib.ts';
import { runBuilt } from './built.ts';
import { checkSolution, readInstance } from './cvrp-check.ts';
import { generateInstance } from './cvrp-generate.ts';

// Measure the build the app runs, not the sources through tsx (bench/built.ts).
const builtExit = await runBuilt(import.meta.url);
if (builtExit !== undefined) process.exit(builtExit);

const self = fileURLToPath(import.meta.url);
const root = resolve(self, '../..');
const arg = (k: string, d: string): string => {
  const i = process.argv.indexOf(k);
  return i >= 0 ? process.argv[i + 1] : d;
};

if (process.argv.includes('--child')) {
  // Measured process: read, parse and solve, reporting the first feasible plan's time and peak RSS.
  const file = arg('--file', '');
  const ms = Number(arg('--ms', '2000'));
  const t0 = performance.now();
  const inst = parseCvrplib(readFileSync(file, 'utf8'));
  let first = -1;
  let firstCost = 0;
  const sol = solveCvrp(inst, {
    timeLimitMs: ms - (performance.now() - t0),
    onImprove: (cost) => {
      if (first < 0) {
        first = performance.now() - t0;
        firstCost = cost;
      }
    },
  });
  const rss = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    JSON.stringify({ first, firstCost, cost: sol.cost, iterations: sol.iterations, rssMb: rss }),
  );
} else {
  const n = Number(arg('--n', '1000'));
  const seeds = arg('--seeds', '1,2,3').split(',').map(Number);
  const limits = arg('--limits', '2,5').split(',').map(Number);
  const dir = mkdtempSync(join(tmpdir(), 'porch-large-'));
  process.stdout.write(
    `| instance | capacity | first feasible ms | its cost | peak RSS MB | ${limits.map((l) => `CLI ${l} s cost (wall ms)`).join(' | ')} |\n|${' --- |'.repeat(5 + limits.length)}\n`,
  );
  for (const seed of seeds) {
    const text = generateInstance(n, seed);
    const file = join(dir, `g${n}-${seed}.vrp`);
    writeFileSync(file, text);
    const inst = readInstance(text);
    const child = JSON.parse(
      execFileSync(
        process.execPath,
        [
          ...(self.endsWith('.ts') ? ['--import', 'tsx'] : []),
          self,
          '--child',
          '--file',
          file,
          '--ms',
          '2000',
        ],
        {
          cwd: root,
          encoding: 'utf8',
        },
      ),
    );
    const cells: string[] = [];
    for (const limit of limits) {
      const start = performance.now();
      const res = spawnSync(
        process.execPath,
        [join(root, 'bin/porch.js'), 'solve-cvrp', file, '--time-limit', String(limit), '--format', 'json'],
        { encoding: 'utf8' },
      );
      const wall = Math.round(performance.now() - start);
      try {
        const answer = JSON.parse(res.stdout);
        const check = checkSolution(inst, answer.routes);
        const ok = check.errors.length === 0 && check.cost === answer.cost;
        cells.push(`${check.cost}${ok ? '' : ' INFEASIBLE'} (${wall})`);
      } catch {
        cells.push(`FAILED: ${res.stderr.trim().slice(0, 80)}`);
      }
    }
    process.stdout.write(
      `| ${inst.name} | ${inst.capacity} | ${Math.round(child.first)} | ${child.firstCost} | ${child.rssMb.toFixed(0)} | ${cells.join(' | ')} |\n`,
    );
  }
}
