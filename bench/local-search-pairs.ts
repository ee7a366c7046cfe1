/**
 * Cost of one examined pair in the local search, at a local optimum: after a first descent, each
 * further full pass examines every customer with its `g` nearest neighbours and applies nothing, so
 * CPU time / (passes × customers × g) is the evaluation cost per pair alone. Compares the general
 * operators' evaluation (`--ops 0123` picks them: 0 relocate, 1 swap, 2 2-opt, 3 2-opt*; empty: the
 * loop alone) with the capacity-only evaluation of the same four operators that plain problems use
 * (plain-moves.ts; docs/planner.md, "The CVRP").
 *
 *   node --import tsx bench/local-search-pairs.ts FILE.vrp [--passes 200] [--ops 0123]
 */
import { readFileSync } from 'node:fs';
import { compileCvrp } from '../src/planner/compile.ts';
import { buildSavings } from '../src/planner/construct.ts';
import { parseCvrplib } from '../src/planner/cvrplib.ts';
import { LOCAL_EPS, LocalSearch } from '../src/planner/local-search.ts';
import { spatialNeighbours } from '../src/planner/neighbours.ts';
import { PlainMoves } from '../src/planner/plain-moves.ts';
import { Relocate } from '../src/planner/relocate.ts';
import { Rng } from '../src/planner/rng.ts';
import { CVRP_TUNING } from '../src/planner/search.ts';
import { Solution } from '../src/planner/solution.ts';
import { Swap } from '../src/planner/swap.ts';
import { TwoOpt } from '../src/planner/two-opt.ts';
import { TwoOptStar } from '../src/planner/two-opt-star.ts';
import { runBuilt } from './built.ts';

// Measure the build the app runs, not the sources through tsx (bench/built.ts).
const builtExit = await runBuilt(import.meta.url);
if (builtExit !== undefined) process.exit(builtExit);

const arg = (k: string, d: string): string => {
  const i = process.argv.indexOf(k);
  return i >= 0 ? process.argv[i + 1] : d;
};
const file = process.argv[2];
if (!file || file.startsWith('--')) {
  process.stderr.write('usage: local-search-pairs.ts FILE.vrp [--passes 200] [--ops 0123]\n');
  process.exit(2);
}
const inst = parseCvrplib(readFileSync(file, 'utf8'));
const passes = Number(arg('--passes', '200'));
const g = CVRP_TUNING.localGranularity;
const cpuMs = (f: () => void): number => {
  const t0 = process.cpuUsage();
  f();
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / 1000;
};

const m = compileCvrp(inst);
const near = spatialNeighbours(m, Math.max(CVRP_TUNING.granularity, 100));
const relocate = new Relocate(m.dims, m.jobs + 2);
const swap = new Swap(m.dims, m.jobs + 2);
const twoOpt = new TwoOpt(m.jobs + 2);
const twoOptStar = new TwoOptStar(m.dims, m.jobs + 2, true);
const all = [relocate, swap, twoOpt, twoOptStar];

/** CPU ms of `passes` full passes at the local optimum of the savings solution. */
function measure(ls: LocalSearch): number {
  const s = new Solution(m);
  buildSavings(m, s, near);
  ls.run(s);
  return cpuMs(() => {
    for (let i = 0; i < passes; i++) ls.run(s);
  });
}

// The general operators, each evaluated on its own.
const ops = arg('--ops', '0123')
  .split('')
  .map((i) => all[Number(i)]);
const generalMs = measure(new LocalSearch(m, near, ops, g, new Rng(1)));
// The same four operators through the plain problems' evaluation.
const fused = new LocalSearch(m, near, all, g, new Rng(1));
fused.plain = new PlainMoves(m, relocate, swap, twoOpt, twoOptStar, LOCAL_EPS);
const plainMs = measure(fused);

const n = m.jobs;
const perPair = (ms: number): string => ((1e6 * ms) / (passes * n * g)).toFixed(1);
process.stdout.write(
  `${inst.name}: ${n} customers, ${g} neighbours, ${passes} passes at a local optimum\n` +
    `general operators (${arg('--ops', '0123') || 'none'}): ${perPair(generalMs)} ns per pair\n` +
    `plain evaluation (plain-moves.ts): ${perPair(plainMs)} ns per pair\n`,
);
