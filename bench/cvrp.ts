/**
 * CVRP benchmark: runs the real CLI (`bin/porch.js solve-cvrp`) as a child process on every instance of a
 * folder, checks each answer with an independent checker, and prints the gap to the best-known solution.
 *
 *   node --import tsx bench/cvrp.ts [--dir FOLDER] [--limits 1,5] [--seed N] [--only NAME,NAME]
 *
 * FOLDER (default ../shared/data/cvrplib, or $CVRP_DIR) holds *.vrp files and bks.csv
 * (`instance,n,capacity,bks,…`). Prints a Markdown table per time limit and the mean gap.
 */
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuild } from './built.ts';
import { checkSolution, readInstance } from './cvrp-check.ts';

// bin/porch.js runs the sources when the build is stale: measure the build (bench/built.ts).
ensureBuild();

const root = resolve(fileURLToPath(import.meta.url), '../..');

interface Row {
  name: string;
  bks: number | undefined;
  cost: number;
  gap: number | undefined;
  wallMs: number;
  ok: boolean;
  note: string;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
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
      [
        join(root, 'bin/porch.js'),
        'solve-cvrp',
        file,
        '--time-limit',
        String(limit),
        '--seed',
        String(seed),
        '--format',
        'json',
      ],
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

async function main(): Promise<void> {
  const dir = resolve(arg('--dir') ?? process.env.CVRP_DIR ?? join(root, '../shared/data/cvrplib'));
  const limits = (arg('--limits') ?? '1,5').split(',').map(Number);
  const seed = Number(arg('--seed') ?? 1);
  const only = arg('--only')?.split(',');
  const bks = new Map<string, number>();
  try {
    const csv = await readFile(join(dir, 'bks.csv'), 'utf8');
    for (const line of csv.split(/\r?\n/).slice(1)) {
      const [name, , , value] = line.split(',');
      if (name && value) bks.set(name, Number(value));
    }
  } catch {
    process.stderr.write(`no bks.csv in ${dir}; gaps are not computed\n`);
  }
  const files = (await readdir(dir))
    .filter((f) => f.endsWith('.vrp'))
    .filter((f) => !only || only.includes(basename(f, '.vrp')))
    .sort(
      (a, b) => Number(/n(\d+)/.exec(a)?.[1] ?? 0) - Number(/n(\d+)/.exec(b)?.[1] ?? 0) || a.localeCompare(b),
    );
  for (const limit of limits) {
    const rows: Row[] = [];
    process.stdout.write(
      `\n### time limit ${limit} s, seed ${seed}\n\n| instance | BKS | cost | gap % | wall ms | check |\n| --- | ---: | ---: | ---: | ---: | --- |\n`,
    );
    for (const f of files) {
      const file = join(dir, f);
      const name = basename(f, '.vrp');
      const inst = readInstance(await readFile(file, 'utf8'));
      const res = await runCli(file, limit, seed);
      let row: Row;
      try {
        if (res.code !== 0) throw new Error(`exit ${res.code}: ${res.err.trim()}`);
        const answer = JSON.parse(res.out);
        const check = checkSolution(inst, answer.routes);
        const notes = [...check.errors];
        if (check.cost !== answer.cost) notes.push(`reported cost ${answer.cost} ≠ recomputed ${check.cost}`);
        const b = bks.get(name);
        row = {
          name,
          bks: b,
          cost: check.cost,
          gap: b ? ((check.cost - b) / b) * 100 : undefined,
          wallMs: res.ms,
          ok: notes.length === 0,
          note: notes.slice(0, 3).join('; '),
        };
      } catch (e) {
        row = {
          name,
          bks: bks.get(name),
          cost: Number.NaN,
          gap: undefined,
          wallMs: res.ms,
          ok: false,
          note: (e as Error).message,
        };
      }
      rows.push(row);
      process.stdout.write(
        `| ${row.name} | ${row.bks ?? '—'} | ${row.cost} | ${row.gap?.toFixed(2) ?? '—'} | ${Math.round(row.wallMs)} | ${row.ok ? 'ok' : `FAIL ${row.note}`} |\n`,
      );
    }
    const gaps = rows.filter((r) => r.ok && r.gap !== undefined).map((r) => r.gap!);
    const mean = gaps.reduce((a, b) => a + b, 0) / Math.max(1, gaps.length);
    const wall = rows.reduce((a, r) => a + r.wallMs, 0) / Math.max(1, rows.length);
    const maxWall = Math.max(...rows.map((r) => r.wallMs));
    const failed = rows.filter((r) => !r.ok).length;
    process.stdout.write(
      `\n${gaps.length > 0 ? `mean gap ${mean.toFixed(2)} % over ${gaps.length} instances` : 'no BKS to compare with'}; ${failed} infeasible or failed; wall mean ${Math.round(wall)} ms, max ${Math.round(maxWall)} ms\n`,
    );
  }
}

await main();
