/**
 * In-process tuning helper (not the benchmark): solves instances with given tuning values and prints
 * the gap and iteration count. With `--cpu` the budget is this process's CPU time instead of wall time,
 * so comparisons hold on a busy machine.
 *
 *   node --import tsx bench/cvrp-tune.ts --ms 1000 [--cpu] [--seeds N] [--only X-n1] [--tuning '{…}']
 *
 * `--tuning` overrides the CVRP defaults of the search (src/planner/search.ts `CVRP_TUNING`), e.g.
 * '{"plainMoves":false}' runs the general operators' evaluation instead of the plain one.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { solveCvrp } from '../src/planner/cvrp.ts';
import { parseCvrplib } from '../src/planner/cvrplib.ts';
import { runBuilt } from './built.ts';

// Measure the build the app runs, not the sources through tsx (bench/built.ts).
const builtExit = await runBuilt(import.meta.url);
if (builtExit !== undefined) process.exit(builtExit);

const root = resolve(fileURLToPath(import.meta.url), '../..');
const argv = process.argv;
const get = (k: string): string | undefined => {
  const i = argv.indexOf(k);
  return i >= 0 ? argv[i + 1] : undefined;
};
const dir = resolve(get('--dir') ?? process.env.CVRP_DIR ?? join(root, '../shared/data/cvrplib'));
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
  const [name, , , v] = line.split(',');
  if (name) bks.set(name, Number(v));
}
let sum = 0;
let count = 0;
for (const f of (await readdir(dir)).filter((x) => x.endsWith('.vrp')).sort()) {
  const name = f.slice(0, -4);
  if (only && !only.some((o) => name.includes(o))) continue;
  const inst = parseCvrplib(await readFile(join(dir, f), 'utf8'));
  let g = 0;
  let its = 0;
  for (let s = 1; s <= seeds; s++) {
    const sol = solveCvrp(inst, { timeLimitMs: ms, seed: s, now }, tuning);
    g += ((sol.cost - bks.get(name)!) / bks.get(name)!) * 100;
    its += sol.iterations;
  }
  sum += g / seeds;
  count++;
  process.stdout.write(
    `${name.padEnd(12)} gap ${(g / seeds).toFixed(2)}%  iterations ${Math.round(its / seeds)}\n`,
  );
}
process.stdout.write(`mean ${(sum / count).toFixed(3)}%\n`);
