/**
 * Generates X-like CVRP instances in CVRPLIB format, after the recipe of Uchoa et al. (2017):
 * 1000×1000 grid; depot central, eccentric (corner) or random; customers random, clustered or half
 * and half; demands unitary, 1–10, 5–10, 1–100, 50–100, quadrant-dependent, or many small and few
 * large; capacity set so routes average r customers, r drawn from 3–25.
 *
 *   node --import tsx bench/cvrp-generate.ts N SEED > file.vrp
 */
import { fileURLToPath } from 'node:url';

/** Deterministic generator (mulberry32), separate from the solver's. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Returns the text of an X-like instance with `n` customers. */
export function generateInstance(n: number, seed: number): string {
  const rnd = random(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const depotKind = int(0, 2);
  const depot: [number, number] =
    depotKind === 0 ? [500, 500] : depotKind === 1 ? [0, 0] : [int(0, 1000), int(0, 1000)];
  const layout = int(0, 2); // 0 random, 1 clustered, 2 random-clustered
  const pts: [number, number][] = [];
  const seeds: [number, number][] = Array.from({ length: int(3, 8) }, () => [int(0, 1000), int(0, 1000)]);
  for (let i = 0; i < n; i++) {
    const clustered = layout === 1 || (layout === 2 && i < n / 2);
    if (!clustered) {
      pts.push([int(0, 1000), int(0, 1000)]);
      continue;
    }
    // Accept points near a cluster seed with probability decaying with distance.
    for (;;) {
      const p: [number, number] = [int(0, 1000), int(0, 1000)];
      const near = Math.min(...seeds.map((s) => Math.hypot(p[0] - s[0], p[1] - s[1])));
      if (rnd() < Math.exp(-near / 40)) {
        pts.push(p);
        break;
      }
    }
  }
  const kind = int(0, 6);
  const demand = pts.map(([x, y]) => {
    switch (kind) {
      case 0:
        return 1;
      case 1:
        return int(1, 10);
      case 2:
        return int(5, 10);
      case 3:
        return int(1, 100);
      case 4:
        return int(50, 100);
      case 5:
        return x < 500 === y < 500 ? int(51, 100) : int(1, 50);
      default:
        return rnd() < 0.8 ? int(1, 10) : int(50, 100);
    }
  });
  const r = int(3, 25);
  const total = demand.reduce((a, b) => a + b, 0);
  const capacity = Math.max(Math.max(...demand), Math.ceil((r * total) / n));
  const lines = [
    `NAME : G-n${n + 1}-s${seed}`,
    'TYPE : CVRP',
    `DIMENSION : ${n + 1}`,
    'EDGE_WEIGHT_TYPE : EUC_2D',
    `CAPACITY : ${capacity}`,
    'NODE_COORD_SECTION',
    `1\t${depot[0]}\t${depot[1]}`,
    ...pts.map(([x, y], i) => `${i + 2}\t${x}\t${y}`),
    'DEMAND_SECTION',
    '1\t0',
    ...demand.map((d, i) => `${i + 2}\t${d}`),
    'DEPOT_SECTION',
    '1',
    '-1',
    'EOF',
  ];
  return `${lines.join('\n')}\n`;
}

// Run as a script, not when bundled into another benchmark (bench/built.ts), which shares its import.meta.url.
if (process.argv[1] === fileURLToPath(import.meta.url) && import.meta.url.endsWith('/cvrp-generate.ts')) {
  const n = Number(process.argv[2] ?? 1000);
  const seed = Number(process.argv[3] ?? 1);
  process.stdout.write(generateInstance(n, seed));
}
