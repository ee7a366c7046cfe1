/**
 * VRPTW benchmark: runs the real CLI (`bin/porch.js plan`) as a child process on every Solomon instance
 * of a folder, checks each plan with an independent checker (bench/vrptw-check.ts) and prints the gap
 * to the distance-oriented best known solutions, per instance, per class and overall.
 *
 *   node --import tsx bench/vrptw.ts [--dir FOLDER] [--limits 1,5] [--seed N] [--only C101,R2]
 *
 * FOLDER (default ../shared/data/solomon, or $SOLOMON_DIR) holds the Solomon *.txt files and bks.csv
 * (`instance,vehicles,distance,…`). `--only` takes instance names or prefixes (a class such as RC2).
 * Gap = 100 · (cost / BKS − 1), cost re-computed in double precision; "BKS reached" follows
 * vroom-scripts: round(100 · scaled cost / 1000) ≤ ⌊100 · BKS⌋. Wall = spawn to exit.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuild } from './built.ts';
import { checkVrptw, readSolomon } from './vrptw-check.ts';
import { solomonProblem } from './vrptw-problem.ts';

// bin/porch.js runs the sources when the build is stale: measure the build (bench/built.ts).
ensureBuild();

const root = resolve(fileURLToPath(import.meta.url), '../..');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface Row {
  name: string;
  cls: string;
  bks: number;
  bksRoutes: number;
  cost: number;
  routes: number;
  gap: number;
  reached: boolean;
  wallMs: number;
  ok: boolean;
  note: string;
}

function runCli(
  file: string,
  limit: number,
  seed: number,
): Promise<{ out: string; err: string; ms: number; code: number }> {
  return new Promise((done) => {
    const start = performance.now();
    const child = spawn(
      process.execPath,
      [join(root, 'bin/porch.js'), 'plan', file, '--time-limit', String(limit), '--seed', String(seed)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (b) => {
      out += b;
    });
    child.stderr.on('data', (b) => {
      err += b;
    });
    child.on('close', (code) => done({ out, err, ms: performance.now() - start, code: code ?? -1 }));
  });
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0
    ? Number.NaN
    : s.length % 2
      ? s[(s.length - 1) / 2]
      : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

async function main(): Promise<void> {
  const dir = resolve(arg('--dir') ?? process.env.SOLOMON_DIR ?? join(root, '../shared/data/solomon'));
  const limits = (arg('--limits') ?? '1,5').split(',').map(Number);
  const seed = Number(arg('--seed') ?? 1);
  const only = arg('--only')?.split(',');
  const bks = new Map<string, { distance: number; vehicles: number }>();
  const csv = await readFile(join(dir, 'bks.csv'), 'utf8');
  for (const line of csv.split(/\r?\n/).slice(1)) {
    const [name, vehicles, distance] = line.split(',');
    if (name && distance) bks.set(name, { distance: Number(distance), vehicles: Number(vehicles) });
  }
  const files = (await readdir(dir))
    .filter((f) => f.endsWith('.txt') && bks.has(basename(f, '.txt')))
    .filter((f) => !only || only.some((o) => basename(f, '.txt').startsWith(o)))
    .sort();
  const tmp = mkdtempSync(join(tmpdir(), 'porch-vrptw-'));
  for (const limit of limits) {
    const rows: Row[] = [];
    process.stdout.write(
      `\n### time limit ${limit} s, seed ${seed}\n\n| instance | BKS | cost | gap % | routes (BKS) | wall ms | check |\n| --- | ---: | ---: | ---: | ---: | ---: | --- |\n`,
    );
    for (const f of files) {
      const name = basename(f, '.txt');
      const inst = readSolomon(await readFile(join(dir, f), 'utf8'));
      const file = join(tmp, `${name}.json`);
      writeFileSync(file, JSON.stringify(solomonProblem(inst)));
      const res = await runCli(file, limit, seed);
      const b = bks.get(name)!;
      const row: Row = {
        name,
        cls: name.replace(/\d\d$/, ''),
        bks: b.distance,
        bksRoutes: b.vehicles,
        cost: Number.NaN,
        routes: 0,
        gap: Number.NaN,
        reached: false,
        wallMs: res.ms,
        ok: false,
        note: '',
      };
      try {
        if (res.code !== 0) throw new Error(`exit ${res.code}: ${res.err.trim().slice(0, 200)}`);
        const plan = JSON.parse(res.out) as { routes: { steps: { job: string }[] }[]; unassigned: unknown[] };
        const check = checkVrptw(
          inst,
          plan.routes.map((r) => r.steps.map((s) => Number(s.job))),
        );
        row.cost = check.cost;
        row.routes = check.routes;
        row.gap = 100 * (check.cost / b.distance - 1);
        row.reached = Math.round((100 * check.scaledCost) / 1000) <= Math.floor(100 * b.distance);
        row.ok = check.errors.length === 0;
        row.note = check.errors.slice(0, 3).join('; ');
      } catch (e) {
        row.note = (e as Error).message;
      }
      rows.push(row);
      process.stdout.write(
        `| ${name} | ${b.distance.toFixed(2)} | ${row.cost.toFixed(2)} | ${row.gap.toFixed(2)} | ${row.routes} (${b.vehicles}) | ${Math.round(row.wallMs)} | ${row.ok ? 'ok' : `FAIL ${row.note}`} |\n`,
      );
    }
    const good = rows.filter((r) => r.ok);
    const gaps = good.map((r) => r.gap);
    process.stdout.write(
      '\n| class | instances | mean gap % | median % | worst % |\n| --- | ---: | ---: | ---: | ---: |\n',
    );
    for (const cls of [...new Set(rows.map((r) => r.cls))]) {
      const g = good.filter((r) => r.cls === cls).map((r) => r.gap);
      process.stdout.write(
        `| ${cls} | ${g.length} | ${mean(g).toFixed(2)} | ${median(g).toFixed(2)} | ${Math.max(...g).toFixed(2)} |\n`,
      );
    }
    const walls = rows.map((r) => r.wallMs);
    process.stdout.write(
      `\nmean gap ${mean(gaps).toFixed(2)} %, median ${median(gaps).toFixed(2)} %, worst ${Math.max(...gaps).toFixed(2)} % over ${gaps.length} instances; BKS reached on ${good.filter((r) => r.reached).length}; ${rows.length - good.length} infeasible or failed; ${good.reduce((a, r) => a + r.routes, 0)} routes; wall mean ${Math.round(mean(walls))} ms, max ${Math.round(Math.max(...walls))} ms\n`,
    );
  }
}

await main();
