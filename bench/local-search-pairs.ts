/**
 * Cost of one examined pair in the two local searches, at a local optimum: after a first descent,
 * each further full pass examines every customer with its `g` nearest neighbours and applies nothing,
 * so CPU time / (passes × customers × g) is the evaluation cost per pair alone — the number to close
 * before the CVRP runs on the shared route model (docs/planner.md, "CVRP fast path"). `--ops 0123`
 * picks the shared model's operators (0 relocate, 1 swap, 2 2-opt, 3 2-opt*; empty: the loop alone).
 *
 *   node --import tsx bench/local-search-pairs.ts FILE.vrp [--passes 200] [--ops 0123]
 */
import { readFileSync } from 'node:fs';
import { compileCvrp } from '../src/planner/compile.ts';
import { buildSavings } from '../src/planner/construct.ts';
import { buildSavings as buildCvrpSavings } from '../src/planner/cvrp-construct.ts';
import { CvrpLocalSearch } from '../src/planner/cvrp-localsearch.ts';
import { Sisr as CvrpSisr } from '../src/planner/cvrp-sisr.ts';
import { CvrpState } from '../src/planner/cvrp-state.ts';
import { parseCvrplib } from '../src/planner/cvrplib.ts';
import { LocalSearch } from '../src/planner/local-search.ts';
import { spatialNeighbours } from '../src/planner/neighbours.ts';
import { Relocate } from '../src/planner/relocate.ts';
import { Rng } from '../src/planner/rng.ts';
import { CVRP_TUNING } from '../src/planner/search.ts';
import { Solution } from '../src/planner/solution.ts';
import { Swap } from '../src/planner/swap.ts';
import { TwoOpt } from '../src/planner/two-opt.ts';
import { TwoOptStar } from '../src/planner/two-opt-star.ts';

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

// The shared route model, with the CVRP's operators.
const m = compileCvrp(inst);
const near = spatialNeighbours(m, Math.max(CVRP_TUNING.granularity, 100));
const all = [
  new Relocate(m.dims, m.jobs + 2),
  new Swap(m.dims, m.jobs + 2),
  new TwoOpt(m.jobs + 2),
  new TwoOptStar(m.dims, m.jobs + 2, true),
];
const ops = arg('--ops', '0123')
  .split('')
  .map((i) => all[Number(i)]);
const shared = new LocalSearch(m, near, ops, g, new Rng(1));
const s = new Solution(m);
buildSavings(m, s, near);
shared.run(s);
const sharedMs = cpuMs(() => {
  for (let i = 0; i < passes; i++) shared.run(s);
});

// The CVRP path's own local search, on its own representation.
const n = inst.dimension - 1;
const sisr = new CvrpSisr(
  inst,
  {
    averageRemoved: 15,
    maxString: 10,
    blinkRate: 0.01,
    startTemperature: 0.5,
    finalTemperature: 0.05,
    granularity: CVRP_TUNING.granularity,
    localSearch: true,
    localGranularity: g,
    touchNeighbors: false,
    orOpt: false,
    routeMinimization: 0.2,
    capRoutes: false,
    routeWeight: 6,
  },
  new Rng(1),
);
const own = new CvrpLocalSearch(inst, sisr.neighbors, sisr.neighborCount, new Rng(1), g, false);
const c = new CvrpState(n);
buildCvrpSavings(inst, c, sisr.neighbors, sisr.neighborCount);
own.run(c);
const ownMs = cpuMs(() => {
  for (let i = 0; i < passes; i++) own.run(c);
});

const perPair = (ms: number): string => ((1e6 * ms) / (passes * n * g)).toFixed(1);
process.stdout.write(
  `${inst.name}: ${n} customers, ${g} neighbours, ${passes} passes at a local optimum\n` +
    `shared route model (operators ${arg('--ops', '0123') || 'none'}): ${perPair(sharedMs)} ns per pair\n` +
    `CVRP path: ${perPair(ownMs)} ns per pair\n`,
);
