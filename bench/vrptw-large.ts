/**
 * Large VRPTW check: generates Gehring–Homberger-like instances (bench/vrptw-generate.ts), measures in
 * a fresh process the time to the first complete plan (from reading the problem) and the peak resident
 * memory, then runs the real CLI (`porch plan`) at the given limits and checks each plan with the
 * independent checker. There is no best known solution: each cost is compared with the best found by
 * any run of this check (including the longer reference run, when given).
 *
 *   node --import tsx bench/vrptw-large.ts [--n 200,400,1000] [--classes R1,C2,RC2] [--seed 1] [--limits 1,5] [--reference 30]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Problem } from '../src/planner/model.ts';
import { solvePlan } from '../src/planner/plan-solve.ts';
import { runBuilt } from './built.ts';
import { checkVrptw, readSolomon } from './vrptw-check.ts';
import { type CLASSES, generateVrptw } from './vrptw-generate.ts';
import { solomonProblem } from './vrptw-problem.ts';

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
  // Measured process: read the problem, solve, report the first complete plan's time and peak RSS.
  const t0 = performance.now();
  const problem = JSON.parse(readFileSync(arg('--file', ''), 'utf8')) as Problem;
  let first = -1;
  solvePlan(problem, {
    timeLimitMs: Number(arg('--ms', '1000')),
    onImprove: () => {
      if (first < 0) first = performance.now() - t0;
    },
  });
  process.stdout.write(JSON.stringify({ first, rssMb: process.resourceUsage().maxRSS / 1024 }));
} else {
  const sizes = arg('--n', '200,400,1000').split(',').map(Number);
  const classes = arg('--classes', 'R1,C2,RC2').split(',') as (typeof CLASSES)[number][];
  const seed = Number(arg('--seed', '1'));
  const limits = arg('--limits', '1,5').split(',').map(Number);
  const reference = process.argv.includes('--reference') ? Number(arg('--reference', '30')) : undefined;
  const runs = reference ? [...limits, reference] : limits;
  const dir = mkdtempSync(join(tmpdir(), 'porch-vrptw-large-'));
  process.stdout.write(
    `| instance | first plan ms | peak RSS MB | ${runs.map((l) => `${l} s cost (routes, wall ms)`).join(' | ')} | ${runs.map((l) => `${l} s vs best %`).join(' | ')} |\n|${' --- |'.repeat(3 + 2 * runs.length)}\n`,
  );
  for (const n of sizes) {
    for (const cls of classes) {
      const text = generateVrptw(n, seed, cls);
      const inst = readSolomon(text);
      const file = join(dir, `${inst.name}.json`);
      writeFileSync(file, JSON.stringify(solomonProblem(inst)));
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
            '1000',
          ],
          {
            cwd: root,
            encoding: 'utf8',
          },
        ),
      );
      const costs: number[] = [];
      const cells: string[] = [];
      for (const limit of runs) {
        const start = performance.now();
        const res = spawnSync(
          process.execPath,
          [join(root, 'bin/porch.js'), 'plan', file, '--time-limit', String(limit), '--seed', '1'],
          { encoding: 'utf8', maxBuffer: 1 << 28 },
        );
        const wall = Math.round(performance.now() - start);
        try {
          const plan = JSON.parse(res.stdout) as {
            routes: { steps: { job: string }[] }[];
            unassigned: unknown[];
          };
          const check = checkVrptw(
            inst,
            plan.routes.map((r) => r.steps.map((s) => Number(s.job))),
          );
          const ok = check.errors.length === 0;
          costs.push(ok ? check.cost : Number.NaN);
          cells.push(
            `${check.cost.toFixed(1)}${ok ? '' : ` INFEASIBLE ${check.errors[0]}`} (${check.routes}, ${wall})`,
          );
        } catch {
          costs.push(Number.NaN);
          cells.push(`FAILED: ${res.stderr.trim().slice(0, 80)}`);
        }
      }
      const best = Math.min(...costs.filter((c) => !Number.isNaN(c)));
      process.stdout.write(
        `| ${inst.name} | ${Math.round(child.first)} | ${child.rssMb.toFixed(0)} | ${cells.join(' | ')} | ${costs.map((c) => (100 * (c / best - 1)).toFixed(2)).join(' | ')} |\n`,
      );
    }
  }
}
