/**
 * `porch plan FILE.json [--time-limit SECONDS] [--seed N] [--iterations N] [--osrm-url URL]`
 * `porch plan --schema`
 * Solves a routing problem of the general model (format in docs/planner.md, JSON Schema in
 * docs/planner-problem.schema.json) and prints the plan as JSON. The file gives either `durations`
 * (and optionally `distances`) matrices, or `locations` as `{lat, lng}` points from which matrices are
 * estimated (or asked of an OSRM service with --osrm-url). The file is read strictly: an unknown field
 * or a wrong type is refused with exit code 2, naming the field. The solver runs in a worker thread;
 * Ctrl-C stops it and prints the best plan found so far. The time limit is the command's, counted
 * from process start (as for solve-cvrp): the solver is given what is left of it.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Problem } from '../planner/model.ts';
import { ProblemError } from '../planner/model.ts';
import { problemSchema } from '../planner/schema.ts';
import { computeMatrices } from '../platform/geo/matrix.ts';
import { planInWorker } from '../platform/planner/run.ts';
import { parseProblem } from '../platform/planner/validate.ts';

/** Kept back from the limit for starting the worker thread, writing the plan and exiting. */
const exitMarginMs = 150;
const exitMarginShare = 0.03;

const USAGE =
  'usage: porch plan FILE.json [--time-limit SECONDS] [--seed N] [--iterations N] [--osrm-url URL]\n       porch plan --schema';

/** The command line's options and file (node:util parseArgs; throws on an unknown option). */
function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      'time-limit': { type: 'string' },
      seed: { type: 'string' },
      iterations: { type: 'string' },
      'osrm-url': { type: 'string' },
      schema: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** Runs the command; returns the exit code (0 ok, 2 bad arguments or an unreadable/invalid file, 1 failure). */
export async function run(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (e) {
    return fail((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.schema) {
    process.stdout.write(`${JSON.stringify(problemSchema, null, 2)}\n`);
    return 0;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const timeLimit = values['time-limit'] === undefined ? undefined : Number(values['time-limit']);
  if (timeLimit !== undefined && (!Number.isFinite(timeLimit) || timeLimit <= 0))
    return fail('--time-limit needs a positive number of seconds');
  const seed = Number(values.seed ?? 1);
  if (!Number.isInteger(seed)) return fail('--seed needs an integer');
  const iterations = values.iterations === undefined ? undefined : Number(values.iterations);
  if (iterations !== undefined && (!Number.isInteger(iterations) || iterations <= 0))
    return fail('--iterations needs a positive integer');
  const osrmUrl = values['osrm-url'];
  if (osrmUrl !== undefined && !/^https?:\/\//.test(osrmUrl)) return fail('--osrm-url needs an http(s) URL');
  if (positionals.length > 1) return fail(`unexpected argument ${positionals[1]}`);
  const [file] = positionals;
  if (file === undefined) return fail('missing FILE.json');
  let problem: Problem;
  try {
    const { locations, ...input } = parseProblem(JSON.parse(await readFile(file, 'utf8')));
    if (locations) {
      try {
        Object.assign(input, await computeMatrices(locations, { osrmUrl }));
      } catch (e) {
        return fail(`${file}: cannot compute travel times: ${(e as Error).message}`, 1, false);
      }
    }
    problem = input as Problem;
  } catch (e) {
    return fail(
      `${e instanceof ProblemError ? file : `cannot read ${file}`}: ${(e as Error).message}`,
      2,
      false,
    );
  }
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    const limitMs =
      timeLimit === undefined ? (iterations === undefined ? 2000 : undefined) : timeLimit * 1000;
    const plan = await planInWorker(problem, {
      // The command's limit counts from process start, as solve-cvrp's: the solver gets what is left.
      timeLimitMs:
        limitMs && Math.max(10, limitMs * (1 - exitMarginShare) - performance.now() - exitMarginMs),
      maxIterations: iterations,
      seed,
      signal: controller.signal,
    });
    process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof ProblemError) return fail(`${file}: ${e.message}`, 2, false);
    return fail((e as Error).message, 1, false);
  } finally {
    process.off('SIGINT', onSigint);
  }
}

function fail(message: string, code = 2, usage = true): number {
  process.stderr.write(`porch plan: ${message}\n${usage ? `${USAGE}\n` : ''}`);
  return code;
}
