/**
 * Generates Solomon-format VRPTW instances larger than Solomon's, in the manner of Gehring & Homberger
 * ("A parallel hybrid evolutionary metaheuristic for the vehicle routing problem with time windows",
 * 1999: the 200–1,000-customer extensions of Solomon's classes): customers random (R), clustered (C)
 * or half and half (RC) on a square whose side grows with √n so the density stays Solomon's; a central
 * depot; a short horizon with small vehicles (type 1) or a long one with large vehicles (type 2);
 * service times 10 (R, RC) or 90 (C); each customer's window centred at a random time it can be
 * reached and left in time, its width drawn per instance (tight to wide), some customers without a
 * window (the whole horizon), as in Solomon's R1xx "density" variants.
 *
 *   node --import tsx bench/vrptw-generate.ts N SEED [R1|R2|C1|C2|RC1|RC2] > file.txt
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

/** The classes, as in Solomon's: layout, horizon type. */
export const CLASSES = ['R1', 'R2', 'C1', 'C2', 'RC1', 'RC2'] as const;

/** Returns the text of an instance with `n` customers of class `cls` (Solomon's file format). */
export function generateVrptw(n: number, seed: number, cls: (typeof CLASSES)[number]): string {
  const rnd = random(seed * 7919 + n);
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const side = Math.round(100 * Math.sqrt(n / 100));
  const type2 = cls.endsWith('2');
  const clustered = cls.startsWith('C');
  const mixed = cls.startsWith('RC');
  const service = clustered ? 90 : 10;
  const scale = side / 100;
  const horizon = Math.round((clustered ? (type2 ? 3390 : 1236) : type2 ? 1000 : 230) * scale);
  const capacity = clustered ? (type2 ? 700 : 200) : type2 ? 1000 : 200;
  const depot: [number, number] = [Math.round(side / 2), Math.round(side / 2)];
  const centres: [number, number][] = Array.from({ length: Math.max(3, Math.round(n / 10)) }, () => [
    int(0, side),
    int(0, side),
  ]);
  const pts: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    if (!clustered && !(mixed && i < n / 2)) {
      pts.push([int(0, side), int(0, side)]);
      continue;
    }
    const [cx, cy] = centres[int(0, centres.length - 1)];
    const x = Math.min(side, Math.max(0, Math.round(cx + (rnd() - 0.5) * 10 * Math.sqrt(scale))));
    const y = Math.min(side, Math.max(0, Math.round(cy + (rnd() - 0.5) * 10 * Math.sqrt(scale))));
    pts.push([x, y]);
  }
  // Window width (half) per instance: tight to wide; share of customers with a window.
  const half = type2 ? int(30, 240) * scale : int(5, 45);
  const windowed = [0.25, 0.5, 0.75, 1][int(0, 3)];
  const lines = [
    `G${cls}_${n}_${seed}`,
    '',
    'VEHICLE',
    'NUMBER     CAPACITY',
    `  ${Math.max(25, Math.ceil(n / 4))}         ${capacity}`,
    '',
    'CUSTOMER',
    'CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME',
    ' ',
    `    0      ${depot[0]}         ${depot[1]}          0          0       ${horizon}          0`,
  ];
  pts.forEach(([x, y], i) => {
    const reach = Math.ceil(Math.hypot(x - depot[0], y - depot[1]));
    const latest = horizon - reach - service;
    let ready = 0;
    let due = latest;
    if (rnd() < windowed) {
      const centre = int(reach, Math.max(reach, latest));
      ready = Math.max(0, Math.round(centre - half));
      due = Math.min(latest, Math.round(centre + half));
    }
    lines.push(
      `    ${i + 1}      ${x}         ${y}          ${int(1, 50)}          ${ready}       ${due}          ${service}`,
    );
  });
  return `${lines.join('\r\n')}\r\n`;
}

// Run as a script, not when bundled into another benchmark (bench/built.ts), which shares its import.meta.url.
if (process.argv[1] === fileURLToPath(import.meta.url) && import.meta.url.endsWith('/vrptw-generate.ts')) {
  const n = Number(process.argv[2] ?? 200);
  const seed = Number(process.argv[3] ?? 1);
  const cls = (process.argv[4] ?? 'R1') as (typeof CLASSES)[number];
  if (!CLASSES.includes(cls)) throw new Error(`class must be one of ${CLASSES.join(', ')}`);
  process.stdout.write(generateVrptw(n, seed, cls));
}
