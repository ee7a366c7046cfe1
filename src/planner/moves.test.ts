import { describe, expect, it } from 'vitest';
import { ChooseDestination } from './choose-destination.ts';
import { compile, compileCvrp } from './compile.ts';
import { parseCvrplib } from './cvrplib.ts';
import { randomProblem } from './fixtures.ts';
import { type Operator, Pair } from './moves.ts';
import { correlatedNeighbours, type Neighbours } from './neighbours.ts';
import { OrOpt } from './or-opt.ts';
import { Relocate } from './relocate.ts';
import { Rng } from './rng.ts';
import { Sisr } from './sisr.ts';
import { Solution } from './solution.ts';
import { Swap } from './swap.ts';
import { SwapStar } from './swap-star.ts';
import { TwoOpt } from './two-opt.ts';
import { TwoOptStar } from './two-opt-star.ts';

/** Ruin and recreate with many blinks, so the solutions it makes leave moves to improve. */
function solver(m: ReturnType<typeof compile>, nb: Neighbours, rng: Rng): Sisr {
  return new Sisr(
    m,
    nb,
    nb,
    {
      averageRemoved: 10,
      maxString: 10,
      blinkRate: 0.2,
      granularity: 30,
      fullScanJobs: 0,
      retryUnassigned: 20,
    },
    rng,
  );
}

/**
 * For random pairs, every operator's evaluation must be exactly the change its move makes, and the
 * solution after the move must still be consistent and feasible (Solution.verify recomputes everything).
 */
function exerciseMoves(m: ReturnType<typeof compile>, seed: number): number {
  const rng = new Rng(seed);
  const nb = correlatedNeighbours(m, 30);
  const sisr = solver(m, nb, rng);
  const s = new Solution(m);
  for (let j = 0; j < m.jobs; j++) sisr.removed[sisr.removedCount++] = j;
  sisr.recreate(s);
  expect(s.verify()).toEqual([]);
  const ops: Operator[] = [
    new Relocate(m.dims, m.jobs + 2),
    new Swap(m.dims, m.jobs + 2),
    new TwoOpt(m.jobs + 2),
    new TwoOptStar(m.dims, m.jobs + 2, false),
    new OrOpt(m.dims, m.jobs + 2, 3),
  ];
  const star = new SwapStar(m.dims, m.jobs);
  const dest = new ChooseDestination();
  const p = new Pair(m);
  let applied = 0;
  for (let i = 0; i < 3000; i++) {
    if (i % 30 === 29) {
      // Ruin and recreate (as the search does) so there is something to improve again.
      sisr.ruin(s);
      sisr.retryAbsent(s);
      sisr.recreate(s);
      expect(s.verify()).toEqual([]);
    }
    const u = rng.int(m.jobs);
    const v = nb.list[u * nb.k + rng.int(Math.min(10, nb.k))];
    if (s.route[u] < 0 || s.route[v] < 0) continue;
    for (let r = 0; r < m.routes; r++) s.ensure(r);
    const before = s.objective;
    let delta = Infinity;
    let apply = (): void => {};
    const o = i % 7;
    if (o < 5) {
      p.set(s, u, v);
      delta = ops[o].evaluate(s, p);
      apply = () => ops[o].apply(s);
    } else if (o === 5) {
      delta = star.evaluate(s, s.route[u], s.route[v]);
      apply = () => star.apply(s);
    } else {
      delta = dest.evaluate(s, s.route[u]);
      apply = () => dest.apply(s);
    }
    if (delta === Infinity) continue;
    apply();
    applied++;
    if (!(Math.abs(s.objective - before - delta) < 1e-6 * Math.max(1, Math.abs(delta))))
      throw new Error(`operator ${o}: objective changed by ${s.objective - before}, evaluated ${delta}`);
    const errors = s.verify();
    if (errors.length > 0) throw new Error(`after operator ${o}: ${errors.join('; ')}`);
  }
  return applied;
}

describe('the operators', () => {
  it('evaluate exactly what they apply and keep every constraint (general model, 12 random problems)', () => {
    let applied = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const problem = randomProblem(seed, 25 + seed * 4, 3 + (seed % 4), {
        destinations: seed % 2 === 0,
        multiWindows: seed % 3 !== 0,
        fixedCosts: seed % 4 < 2,
        locks: seed > 6,
      });
      applied += exerciseMoves(compile(problem), seed);
    }
    expect(applied).toBeGreaterThan(100);
  });

  it('evaluate exactly what they apply on the CVRP (identical vehicles from one depot)', () => {
    const rng = new Rng(5);
    const lines = [
      'NAME : t',
      'DIMENSION : 61',
      'CAPACITY : 40',
      'EDGE_WEIGHT_TYPE : EUC_2D',
      'NODE_COORD_SECTION',
    ];
    for (let i = 1; i <= 61; i++) lines.push(`${i} ${rng.int(1000)} ${rng.int(1000)}`);
    lines.push('DEMAND_SECTION');
    for (let i = 1; i <= 61; i++) lines.push(`${i} ${i === 1 ? 0 : 1 + rng.int(10)}`);
    lines.push('DEPOT_SECTION', '1', '-1', 'EOF');
    expect(exerciseMoves(compileCvrp(parseCvrplib(lines.join('\n'))), 5)).toBeGreaterThan(50);
  });
});
