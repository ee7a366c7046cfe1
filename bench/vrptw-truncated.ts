/**
 * Re-costs Porch's plan of a Solomon instance under both conventions: the README's (double precision)
 * and the exact algorithms' (distances and times truncated to one decimal, as in Solomon's table of
 * optimal solutions). A truncated cost equal to a proven optimum shows the plan is optimal under that
 * convention, and the proven optimum bounds the double-precision optimum from below (truncating only
 * shortens legs). See docs/benchmarks.md, "The R109 reference".
 *
 *   node --import tsx bench/vrptw-truncated.ts R109 [--time-limit 10] [--seed 1] [--dir FOLDER]
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Problem } from '../src/planner/model.ts';
import { solvePlan } from '../src/planner/plan-solve.ts';
import { checkVrptw, readSolomon, truncated } from './vrptw-check.ts';
import { solomonProblem } from './vrptw-problem.ts';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const arg = (k: string, d: string): string => {
  const i = process.argv.indexOf(k);
  return i >= 0 ? process.argv[i + 1] : d;
};
const name = process.argv[2] ?? 'R109';
const dir = resolve(arg('--dir', process.env.SOLOMON_DIR ?? join(root, '../shared/data/solomon')));
const inst = readSolomon(await readFile(join(dir, `${name}.txt`), 'utf8'));
const plan = solvePlan(solomonProblem(inst) as unknown as Problem, {
  timeLimitMs: 1000 * Number(arg('--time-limit', '10')),
  seed: Number(arg('--seed', '1')),
});
const routes = plan.routes.map((r) => r.steps.map((s) => Number(s.job)));
const exact = checkVrptw(inst, routes);
const cut = checkVrptw(inst, routes, truncated);
const errors = (c: typeof exact): string => (c.errors.length === 0 ? 'feasible' : c.errors.join('; '));
process.stdout.write(
  `${name}: ${routes.length} routes; double precision ${exact.cost.toFixed(2)} (${errors(exact)}); ` +
    `truncated to one decimal ${cut.cost.toFixed(1)} (${errors(cut)})\n`,
);
