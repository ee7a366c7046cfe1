/**
 * In-process tuning helper for the ride networks (not the benchmark, which is bench/plan.ts): compiles
 * a generated network once, solves it with the given time limits and tuning values, checks each plan
 * with the independent checker and prints what it left out, its driving and iterations. With `--cpu`
 * the budget is this process's CPU time, so comparisons hold on a busy machine.
 *
 *   node --import tsx bench/plan-tune.ts [--only town,region] [--limits 3,10] [--seeds 1] [--cpu]
 *     [--tuning '{…}'] [--trace]
 *
 * `--trace` prints, per run, the best plan's objective whenever it improves (ms, objective).
 */
import { compilePlan } from '../src/features/evacuation/plan.ts';
import { flattenMatrices } from '../src/planner/compile.ts';
import { solvePlan } from '../src/planner/plan-solve.ts';
import { runBuilt } from './built.ts';
import { checkNetworkPlan } from './plan-check.ts';
import { generateNetwork, type kinds, networkMatrices } from './plan-instances.ts';

// Measure the build the app runs, not the sources through tsx (bench/built.ts).
const builtExit = await runBuilt(import.meta.url);
if (builtExit !== undefined) process.exit(builtExit);

const arg = (k: string, d: string): string => {
  const i = process.argv.indexOf(k);
  return i >= 0 ? process.argv[i + 1] : d;
};
const only = arg('--only', 'town,region').split(',') as (keyof typeof kinds)[];
const limits = arg('--limits', '3,10').split(',').map(Number);
const seeds = Number(arg('--seeds', '1'));
const tuning = JSON.parse(arg('--tuning', '{}'));
const trace = process.argv.includes('--trace');
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
const now = process.argv.includes('--cpu') ? cpuClock : undefined;
const maxMinutes = 90;

for (const kind of only) {
  const network = generateNetwork(kind, 1);
  const compiled = await compilePlan(
    { ...network, locks: new Map() },
    { slot: 'any', maxMinutes },
    async (points) => networkMatrices(network, points),
  );
  const matrices = flattenMatrices(compiled.problem);
  for (const limit of limits) {
    for (let seed = 1; seed <= seeds; seed++) {
      const steps: string[] = [];
      const t0 = (now ?? performance.now.bind(performance))();
      const plan = solvePlan(
        compiled.problem,
        {
          timeLimitMs: limit * 1000,
          seed,
          now,
          matrices,
          progressEveryMs: 0,
          onPlan: trace
            ? (p) => {
                const ms = (now ?? performance.now.bind(performance))() - t0;
                const key = `${p.unassigned.length}/${(p.duration / 3600).toFixed(2)}`;
                if (steps.length === 0 || !steps[steps.length - 1].endsWith(` ${key}`))
                  steps.push(`${(ms / 1000).toFixed(2)} ${key}`);
              }
            : undefined,
        },
        tuning,
      );
      const c = checkNetworkPlan(network, compiled, plan, maxMinutes);
      process.stdout.write(
        `${kind} ${limit} s seed ${seed}: left out ${c.unassigned}, drive ${(c.travelSeconds / 3600).toFixed(3)} h, ${plan.iterations} it., ${c.errors.length === 0 ? 'valid' : `INVALID ${c.errors.slice(0, 2).join('; ')}`}\n`,
      );
      if (trace)
        process.stdout.write(
          `  ${steps.filter((_, i) => i % Math.ceil(steps.length / 40) === 0 || i === steps.length - 1).join(', ')}\n`,
        );
    }
  }
}
