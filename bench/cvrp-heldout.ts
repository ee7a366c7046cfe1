/**
 * A stand-in for the held-out CVRP set (120–1,000 customers, never shown here): writes X-like instances
 * (bench/cvrp-generate.ts, after Uchoa et al. 2017: depot central, corner or random; customers random,
 * clustered or both; seven demand types; 3–25 customers per route) into a folder, solves each with
 * the real command line for a long time, and writes the best cost found as the folder's `bks.csv`.
 * `npm run bench:cvrp -- --dir FOLDER --limits 1,5` then gives the 1 s and 5 s gaps to that long run
 * (a reference, not a best known solution: the true gaps are larger).
 *
 *   node --import tsx bench/cvrp-heldout.ts FOLDER [--sizes 120,250,500,1000] [--seeds 1,2] [--reference 30]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuild } from './built.ts';
import { checkSolution, readInstance } from './cvrp-check.ts';
import { generateInstance } from './cvrp-generate.ts';

// bin/porch.js runs the sources when the build is stale: measure the build (bench/built.ts).
ensureBuild();

const root = resolve(fileURLToPath(import.meta.url), '../..');
const arg = (k: string, d: string): string => {
  const i = process.argv.indexOf(k);
  return i >= 0 ? process.argv[i + 1] : d;
};
const folder = process.argv[2];
if (!folder || folder.startsWith('--')) {
  process.stderr.write(
    'usage: cvrp-heldout.ts FOLDER [--sizes 120,250,500,1000] [--seeds 1,2] [--reference 30]\n',
  );
  process.exit(2);
}
const sizes = arg('--sizes', '120,250,500,1000').split(',').map(Number);
const seeds = arg('--seeds', '1,2').split(',').map(Number);
const reference = Number(arg('--reference', '30'));
mkdirSync(folder, { recursive: true });
const rows = ['instance,n,capacity,bks,source'];
for (const n of sizes) {
  for (const seed of seeds) {
    const text = generateInstance(n, seed);
    const inst = readInstance(text);
    const file = join(folder, `${inst.name}.vrp`);
    writeFileSync(file, text);
    const res = spawnSync(
      process.execPath,
      [join(root, 'bin/porch.js'), 'solve-cvrp', file, '--time-limit', String(reference), '--format', 'json'],
      { encoding: 'utf8' },
    );
    const answer = JSON.parse(res.stdout);
    const check = checkSolution(inst, answer.routes);
    if (check.errors.length > 0 || check.cost !== answer.cost)
      throw new Error(`${inst.name}: the reference run's answer does not check: ${check.errors.join('; ')}`);
    rows.push(`${inst.name},${n},${inst.capacity},${check.cost},porch solve-cvrp --time-limit ${reference}`);
    process.stdout.write(`${inst.name}: ${check.cost} after ${reference} s\n`);
  }
}
writeFileSync(join(folder, 'bks.csv'), `${rows.join('\n')}\n`);
