/**
 * In-process tuning helper for the general path (not the benchmark): solves Solomon instances with
 * given tuning values, checks each plan with the independent checker and prints the gaps. With `--cpu`
 * the budget is this process's CPU time, so comparisons hold on a busy machine.
 *
 *   node --import tsx bench/vrptw-tune.ts --ms 1000 [--cpu] [--seeds N] [--only C2,R101] [--tuning '{…}']
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Problem } from '../src/planner/model.ts';
import { solvePlan } from '../src/planner/plan-solve.ts';
import { runBuilt } from './built.ts';
import { checkVrptw, readSolomon } from './vrptw-check.ts';
import { solomonProblem } from './vrptw-problem.ts';

// Measure the build the app runs, not the sources through tsx (bench/built.ts).
const builtExit = await runBuilt(import.meta.url);
if (builtExit !== undefined) process.exit(builtExit);

const root = resolve(fileURLToPath(import.meta.url), '../..');
const argv = process.argv;
const get = (k: string): string | undefined => {
  const i = argv.indexOf(k);
  return i >= 0 ? argv[i + 1] : undefined;
};
const dir = resolve(get('--dir') ?? process.env.SOLOMON_DIR ?? join(root, '../shared/data/solomon'));
const ms = Number(get('--ms') ?? 1000);
const seeds = Number(get('--seeds') ?? 1);
const tuning = JSON.parse(get('--tuning') ?? '{}');
const only = get('--only')?.split(',');
// process.cpuUsage() is a system call of several µs: read it at most every 2 ms of wall time.
let lastWall = -Infinity;
let lastCpu = 0;
const cpuClock = (): number => {
  const wall = performance.now();
  if (wall - lastWall >= 2) {
    lastWall = wall;
    const u = process.cpuUsage();
    lastCpu = (u.user + u.system) / 1000;
  }
  return lastCpu;
};
const now = argv.includes('--cpu') ? cpuClock : undefined;
const bks = new Map<string, number>();
for (const line of (await readFile(join(dir, 'bks.csv'), 'utf8')).split(/\r?\n/).slice(1)) {
  const [name, , v] = line.split(',');
  if (name) bks.set(name, Number(v));
}
const gaps: number[] = [];
const byClass = new Map<string, number[]>();
for (const f of (await readdir(dir)).filter((x) => x.endsWith('.txt')).sort()) {
  const name = f.slice(0, -4);
  if (!bks.has(name) || (only && !only.some((o) => name.startsWith(o)))) continue;
  const inst = readSolomon(await readFile(join(dir, f), 'utf8'));
  const problem = solomonProblem(inst) as unknown as Problem;
  let g = 0;
  let its = 0;
  let routes = 0;
  const notes: string[] = [];
  for (let s = 1; s <= seeds; s++) {
    const plan = solvePlan(problem, { timeLimitMs: ms, seed: s, now }, tuning);
    const check = checkVrptw(
      inst,
      plan.routes.map((r) => r.steps.map((st) => Number(st.job))),
    );
    if (check.errors.length > 0) notes.push(check.errors.slice(0, 2).join('; '));
    g += 100 * (check.cost / bks.get(name)! - 1);
    its += plan.iterations;
    routes += check.routes;
  }
  gaps.push(g / seeds);
  const cls = name.replace(/\d\d$/, '');
  byClass.set(cls, [...(byClass.get(cls) ?? []), g / seeds]);
  process.stdout.write(
    `${name.padEnd(6)} gap ${(g / seeds).toFixed(2).padStart(6)}%  routes ${(routes / seeds).toFixed(1)}  iterations ${Math.round(its / seeds)}${notes.length ? `  INFEASIBLE ${notes[0]}` : ''}\n`,
  );
}
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
process.stdout.write(
  `${[...byClass].map(([c, g]) => `${c} ${mean(g).toFixed(2)}`).join('  ')}\nmean ${mean(gaps).toFixed(3)}%  worst ${Math.max(...gaps).toFixed(2)}%\n`,
);
