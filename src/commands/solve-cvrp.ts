/**
 * `porch solve-cvrp FILE.vrp [--time-limit SECONDS] [--seed N] [--format json|text]`
 * Solves a CVRPLIB instance and prints one JSON object:
 * `{"instance": NAME, "cost": INTEGER, "routes": [[NODE, …], …], "elapsedMs": INTEGER}`,
 * NODE being a customer's number as in NODE_COORD_SECTION (depot left out).
 * The time limit counts from process start, so the whole process returns by the limit.
 */
import { readFile } from 'node:fs/promises';
import { solveCvrp } from '../planner/cvrp-solve.ts';
import { CvrpFormatError, parseCvrplib } from '../planner/cvrplib.ts';

const USAGE = 'usage: porch solve-cvrp FILE.vrp [--time-limit SECONDS] [--seed N] [--format json|text]';
/** Kept back from the limit for writing the answer and exiting the process (more on a busy machine). */
const EXIT_MARGIN_MS = 150;
const EXIT_MARGIN_SHARE = 0.03;

/** Runs the command; returns the exit code (0 ok, 2 bad arguments or unreadable/malformed file). */
export async function run(args: string[]): Promise<number> {
  let file: string | undefined;
  let timeLimit = 10;
  let seed = 1;
  let format = 'json';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (): string | undefined => {
      const eq = a.indexOf('=');
      if (eq > 0) return a.slice(eq + 1);
      i++;
      return args[i];
    };
    if (a === '--time-limit' || a.startsWith('--time-limit=')) {
      const v = Number(value());
      if (!Number.isFinite(v) || v <= 0) return fail('--time-limit needs a positive number of seconds');
      timeLimit = v;
    } else if (a === '--seed' || a.startsWith('--seed=')) {
      const v = Number(value());
      if (!Number.isInteger(v)) return fail('--seed needs an integer');
      seed = v;
    } else if (a === '--format' || a.startsWith('--format=')) {
      const v = value();
      if (v !== 'json' && v !== 'text') return fail('--format must be json or text');
      format = v;
    } else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else if (a.startsWith('-')) {
      return fail(`unknown option ${a}`);
    } else if (file === undefined) {
      file = a;
    } else {
      return fail(`unexpected argument ${a}`);
    }
  }
  if (file === undefined) return fail('missing FILE.vrp');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return fail(`cannot read ${file}: ${(e as Error).message}`);
  }
  let instance: ReturnType<typeof parseCvrplib>;
  try {
    instance = parseCvrplib(text);
  } catch (e) {
    if (e instanceof CvrpFormatError) return fail(`${file}: ${e.message}`);
    throw e;
  }
  // performance.now() counts from process start, so startup (tsx, parsing) is inside the budget.
  const budget = Math.max(
    10,
    timeLimit * 1000 * (1 - EXIT_MARGIN_SHARE) - performance.now() - EXIT_MARGIN_MS,
  );
  const solution = solveCvrp(instance, { timeLimitMs: budget, seed });
  const routes = solution.routes.map((r) => r.map((c) => instance.label[c]));
  const elapsedMs = Math.round(performance.now());
  if (format === 'json') {
    process.stdout.write(
      `${JSON.stringify({ instance: instance.name, cost: solution.cost, routes, elapsedMs })}\n`,
    );
  } else {
    routes.forEach((r, i) => {
      process.stdout.write(`Route #${i + 1}: ${r.join(' ')}\n`);
    });
    process.stdout.write(`Cost ${solution.cost}\n`);
    process.stderr.write(`${solution.iterations} iterations, ${elapsedMs} ms\n`);
  }
  return 0;
}

function fail(message: string): number {
  process.stderr.write(`porch solve-cvrp: ${message}\n${USAGE}\n`);
  return 2;
}
