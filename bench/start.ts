/**
 * `npm run bench:start`: how fast Porch starts and how much memory it holds, as a steward runs it.
 * Each measure is repeated (--runs N, default 5) and printed as median and worst:
 * - start to first answer: `node bin/porch.js start` spawned until `GET /` answers, on a new
 *   data directory (the database is created and migrated) and on an existing one (a restart);
 *   with the CPU time the process used by then, which a busy machine inflates less than wall time;
 * - idle RSS: the server's resident memory 3 s after its first answer;
 * - `porch plan` (100 jobs with time windows, 25 vehicles) and `porch solve-cvrp` (100 customers),
 *   each with `--time-limit 1` (--limit S): wall time from spawn to exit.
 * Targets (issue "a sturdy house"): start ≤ 1.5 s on an idle machine, idle RSS ≤ 120 MB, plan and
 * solve within the limit plus 0.3 s. `--from sources` measures the TypeScript sources through tsx
 * instead of the build, for comparison. Linux only (reads /proc).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateInstance } from './cvrp-generate.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    limit: { type: 'string', default: '1' },
    from: { type: 'string', default: 'build' },
  },
});
const runs = Number(values.runs);
const limit = Number(values.limit);
if (values.from !== 'build' && values.from !== 'sources') throw new Error('--from is build or sources');

const root = fileURLToPath(new URL('..', import.meta.url));
const porch =
  values.from === 'build' ? [join(root, 'bin/porch.js')] : ['--import', 'tsx', join(root, 'src/cli.ts')];
const work = mkdtempSync(join(tmpdir(), 'porch-bench-start-'));
const ticksPerSecond = 100; // USER_HZ on Linux

/** CPU seconds (user + system) process `pid` has used so far. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/** Resident memory of process `pid`, in MB. */
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return Number(line?.[1]) / 1024;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface StartRun {
  seconds: number;
  cpu: number;
  rss: number;
}

/** Starts the server on `dataDir`, waits for its first answer and for it to idle, then stops it. */
async function startOnce(dataDir: string): Promise<StartRun> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...porch, 'start'], {
    env: {
      ...process.env,
      PORCH_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise((r) => child.once('exit', r));
  let answered = false;
  while (!answered) {
    if (child.exitCode !== null) throw new Error(`porch start exited with ${child.exitCode}:\n${stderr}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`, { redirect: 'manual' });
      await res.arrayBuffer();
      if (res.status >= 500) throw new Error(`GET / answered ${res.status}`);
      answered = true;
    } catch (e) {
      if (e instanceof Error && e.message.startsWith('GET /')) throw e;
      await sleep(5);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSeconds(child.pid!);
  await sleep(3000);
  const rss = rssMb(child.pid!);
  child.kill('SIGINT');
  await exited;
  if (values.from === 'build' && stderr.includes('running from the sources')) {
    throw new Error('the build is older than the sources: run `npm run build` first');
  }
  return { seconds, cpu, rss };
}

/** Runs `porch args…` to its end; its wall time in seconds. */
async function wall(args: string[]): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [...porch, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const code = await new Promise((r) => child.once('exit', r));
  if (code !== 0) throw new Error(`porch ${args.join(' ')} exited with ${code}:\n${stderr}`);
  return (performance.now() - started) / 1000;
}

/** A Solomon-like problem: 100 jobs with time windows and service times, 25 vehicles of 200. */
function planProblem(): object {
  let s = 7;
  const rnd = () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
  const points = Array.from({ length: 101 }, (_, i) => (i === 0 ? [50, 50] : [rnd() * 100, rnd() * 100]));
  const durations = points.map(([x1, y1]) =>
    points.map(([x2, y2]) => Math.round(Math.hypot(x1 - x2, y1 - y2))),
  );
  return {
    durations,
    vehicles: Array.from({ length: 25 }, (_, v) => ({
      id: `v${v}`,
      start: 0,
      end: 0,
      capacity: [200],
      shift: [0, 1000],
    })),
    jobs: points.slice(1).map((_, j) => {
      const open = Math.round(rnd() * 800);
      return {
        id: `j${j}`,
        location: j + 1,
        demand: [10 + Math.round(rnd() * 20)],
        service: 10,
        timeWindows: [[open, open + 100]],
      };
    }),
  };
}

function summary(label: string, samples: number[], unit: string, digits = 2): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  const worst = sorted[sorted.length - 1];
  return `${label.padEnd(44)} median ${median.toFixed(digits)} ${unit}, worst ${worst.toFixed(digits)} ${unit}`;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
try {
  if (values.from === 'build' && !existsSync(join(root, 'dist/porch.mjs'))) {
    throw new Error('no build: run `npm run build` first');
  }
  process.stdout.write(
    `porch from the ${values.from === 'build' ? 'build (node bin/porch.js)' : 'sources (node --import tsx src/cli.ts)'}, ` +
      `${runs} runs each; load average ${load()}\n\n`,
  );
  const fresh: StartRun[] = [];
  const again: StartRun[] = [];
  for (let i = 0; i < runs; i++) {
    const dataDir = join(work, `data-${i}`);
    fresh.push(await startOnce(dataDir));
    again.push(await startOnce(dataDir));
  }
  const lines = [
    summary(
      'start to first answer, new data directory',
      fresh.map((r) => r.seconds),
      's',
    ),
    summary(
      '  CPU time by then',
      fresh.map((r) => r.cpu),
      's',
    ),
    summary(
      'start to first answer, existing data',
      again.map((r) => r.seconds),
      's',
    ),
    summary(
      '  CPU time by then',
      again.map((r) => r.cpu),
      's',
    ),
    summary(
      'idle RSS 3 s after the first answer',
      [...fresh, ...again].map((r) => r.rss),
      'MB',
      0,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  const planFile = join(work, 'plan.json');
  writeFileSync(planFile, JSON.stringify(planProblem()));
  const vrpFile = join(work, 'x100.vrp');
  writeFileSync(vrpFile, generateInstance(100, 1));
  const plans: number[] = [];
  const solves: number[] = [];
  for (let i = 0; i < runs; i++) {
    plans.push(await wall(['plan', planFile, '--time-limit', String(limit)]));
    solves.push(await wall(['solve-cvrp', vrpFile, '--time-limit', String(limit)]));
  }
  process.stdout.write(
    `${[
      summary(`porch plan (100 jobs) --time-limit ${limit}`, plans, 's'),
      summary(`porch solve-cvrp (100 customers) --time-limit ${limit}`, solves, 's'),
    ].join(
      '\n',
    )}\n\ntargets: start ≤ 1.5 s (idle machine), idle RSS ≤ 120 MB, plan and solve ≤ ${(limit + 0.3).toFixed(1)} s; load average ${load()}\n`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
