import { describe, expect, it } from 'vitest';
import { ChooseDestination } from './choose-destination.ts';
import { compile, compileCvrp } from './compile.ts';
import { Cross } from './cross.ts';
import { parseCvrplib } from './cvrplib.ts';
import { randomProblem } from './fixtures.ts';
import { type Operator, Pair, SAME_ROUTE, TWO_ROUTES } from './moves.ts';
import { correlatedNeighbours, type Neighbours } from './neighbours.ts';
import { OrOpt } from './or-opt.ts';
import { PlainMoves, plainMovesApply } from './plain-moves.ts';
import { Relocate } from './relocate.ts';
import { Rng } from './rng.ts';
import { ServeWaiting } from './serve-waiting.ts';
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
function exerciseMoves(m: ReturnType<typeof compile>, seed: number, waits = { applied: 0 }): number {
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
    new Cross(m.dims, m.jobs + 2),
  ];
  const star = new SwapStar(m.dims, m.jobs);
  const dest = new ChooseDestination();
  const waiting = new ServeWaiting(nb, 10);
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
    if (s.route[u] < 0 && s.route[v] < 0) continue;
    const oneWaits = s.route[u] < 0 || s.route[v] < 0;
    for (let r = 0; r < m.routes; r++) s.ensure(r);
    if (oneWaits) waiting.refresh(s);
    const before = s.objective;
    let delta = Infinity;
    let apply = (): void => {};
    const o = oneWaits ? 8 : i % 8;
    if (o === 8) {
      const [w, x] = s.route[u] < 0 ? [u, v] : [v, u];
      delta = waiting.evaluate(s, w, x);
      apply = () => {
        waiting.apply(s);
        waits.applied++;
      };
    } else if (o < 6) {
      // Only the pairs the local search gives each operator (its scope).
      if ((ops[o].scope & (s.route[u] === s.route[v] ? SAME_ROUTE : TWO_ROUTES)) === 0) continue;
      p.set(s, u, v);
      delta = ops[o].evaluate(s, p);
      apply = () => ops[o].apply(s);
    } else if (o === 6) {
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
    // The fleets are too small for every job: the moves with the jobs left out are exercised too.
    const waits = { applied: 0 };
    for (let seed = 1; seed <= 12; seed++) {
      const problem = randomProblem(seed, 25 + seed * 4, 3 + (seed % 4), {
        destinations: seed % 2 === 0,
        multiWindows: seed % 3 !== 0,
        fixedCosts: seed % 4 < 2,
        locks: seed > 6,
      });
      applied += exerciseMoves(compile(problem), seed, waits);
    }
    expect(applied).toBeGreaterThan(100);
    expect(waits.applied).toBeGreaterThan(500);
  });

  it('evaluate exactly what they apply on the CVRP (identical vehicles from one depot)', () => {
    expect(exerciseMoves(cvrpModel(5), 5)).toBeGreaterThan(50);
  });

  it('evaluate exactly what they apply through the plain evaluation of the CVRP, whose optima leave the general operators nothing to improve', () => {
    for (const seed of [3, 8]) {
      const m = cvrpModel(seed);
      expect(plainMovesApply(m)).toBe(true);
      const rng = new Rng(seed);
      const nb = correlatedNeighbours(m, 30);
      const sisr = solver(m, nb, rng);
      const s = new Solution(m);
      for (let j = 0; j < m.jobs; j++) sisr.removed[sisr.removedCount++] = j;
      sisr.recreate(s);
      const relocate = new Relocate(m.dims, m.jobs + 2);
      const swap = new Swap(m.dims, m.jobs + 2);
      const twoOpt = new TwoOpt(m.jobs + 2);
      const twoOptStar = new TwoOptStar(m.dims, m.jobs + 2, true);
      const plain = new PlainMoves(m, relocate, swap, twoOpt, twoOptStar, 1e-7);
      let applied = 0;
      for (let i = 0; i < 4000; i++) {
        if (i % 40 === 39) {
          sisr.ruin(s);
          sisr.recreate(s);
        }
        const u = rng.int(m.jobs);
        const before = s.objective;
        if (plain.examine(s, u, nb.list, u * nb.k + rng.int(12), 1) === 0) continue;
        const delta = plain.gain;
        expect(delta).toBeLessThan(0);
        applied++;
        expect(s.objective - before).toBeCloseTo(delta, 6);
        expect(s.verify()).toEqual([]);
      }
      expect(applied).toBeGreaterThan(100);
      // A local optimum of the plain evaluation (full passes until nothing improves) leaves no
      // improving move to the general operators: the same moves.
      for (let pass = 0, improved = true; improved && pass < 200; pass++) {
        improved = false;
        for (let u = 0; u < m.jobs; u++) if (plain.examine(s, u, nb.list, u * nb.k, 12) > 0) improved = true;
      }
      expect(s.verify()).toEqual([]);
      const p = new Pair(m);
      for (let u = 0; u < m.jobs; u++) {
        for (let j = 0; j < 12; j++) {
          const v = nb.list[u * nb.k + j];
          for (let r = 0; r < m.routes; r++) s.ensure(r);
          p.set(s, u, v);
          expect(relocate.evaluate(s, p)).not.toBeLessThan(-1e-7);
          expect(swap.evaluate(s, p)).not.toBeLessThan(-1e-7);
          if (p.same) expect(twoOpt.evaluate(s, p)).not.toBeLessThan(-1e-7);
          else expect(twoOptStar.evaluate(s, p)).not.toBeLessThan(-1e-7);
        }
      }
    }
  });
});

/** A random CVRP of 60 customers (capacity 40, demands 1–10), compiled. */
function cvrpModel(seed: number): ReturnType<typeof compileCvrp> {
  {
    const rng = new Rng(seed);
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
    return compileCvrp(parseCvrplib(lines.join('\n')));
  }
}
