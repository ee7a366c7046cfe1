/**
 * `porch solve-cvrp FILE.vrp [--time-limit SECONDS] [--seed N] [--format json|text]`
 * Solves a CVRPLIB instance and prints one JSON object:
 * `{"instance": NAME, "cost": INTEGER, "routes": [[NODE, …], …], "elapsedMs": INTEGER}`,
 * NODE being a customer's number as in NODE_COORD_SECTION (depot left out).
 * The time limit counts from process start, so the whole process returns by the limit.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { solveCvrp } from '../planner/cvrp.ts';
import { CvrpFormatError, parseCvrplib } from '../planner/cvrplib.ts';

const USAGE = 'usage: porch solve-cvrp FILE.vrp [--time-limit SECONDS] [--seed N] [--format json|text]';
/** Kept back from the limit for writing the answer and exiting the process (more on a busy machine). */
const EXIT_MARGIN_MS = 150;
const EXIT_MARGIN_SHARE = 0.03;

/** The command line's options and file (node:util parseArgs; throws on an unknown option). */
function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      'time-limit': { type: 'string' },
      seed: { type: 'string' },
      format: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** Runs the command; returns the exit code (0 ok, 2 bad arguments or unreadable/malformed file). */
export async function run(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (e) {
    return fail((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const timeLimit = Number(values['time-limit'] ?? 10);
  if (!Number.isFinite(timeLimit) || timeLimit <= 0)
    return fail('--time-limit needs a positive number of seconds');
  const seed = Number(values.seed ?? 1);
  if (!Number.isInteger(seed)) return fail('--seed needs an integer');
  const format = values.format ?? 'json';
  if (format !== 'json' && format !== 'text') return fail('--format must be json or text');
  if (positionals.length > 1) return fail(`unexpected argument ${positionals[1]}`);
  const [file] = positionals;
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
