import type { Solution } from './solution.ts';

/**
 * The destination of a route that may end at several: the cheapest one that every job on it allows,
 * that has room for its load and that it reaches within its shift. Route-level (not between two jobs).
 */
export class ChooseDestination {
  private r = -1;
  private d = -1;

  /** Cost change of the best other destination for route r (data fresh), or Infinity. */
  evaluate(s: Solution, r: number): number {
    const m = s.m;
    if (m.endLoc[r] >= 0 || m.dests < 2 || !s.used(r)) return Infinity;
    const e = s.last(r);
    const last = s.prev[e];
    const cur = s.dest[r];
    const S = m.size;
    const from = s.loc[last];
    const now = m.cost[from * S + s.loc[e]];
    let best = Infinity;
    for (let d = 0; d < m.dests; d++) {
      if (d === cur) continue;
      const to = m.destLoc[d];
      const gain = m.cost[from * S + to] - now;
      if (gain >= 0 || gain >= best) continue;
      if (m.timed && s.fwd[last] + m.time[from * S + to] > m.shiftEnd[r]) continue;
      if (!s.destRoom(d, s.load, r * m.dims) || !s.routeAllows(r, d)) continue;
      best = gain;
      this.r = r;
      this.d = d;
    }
    return best;
  }

  apply(s: Solution): void {
    s.setDest(this.r, this.d);
    s.recost(this.r);
  }
}
