/**
 * The `porch` command line: `porch <command> [args]`.
 * Each command lives in `src/commands/<name>.ts` and exports `run(args): Promise<number>` (exit code);
 * commands are imported lazily so `porch solve-cvrp` does not load the web server.
 */
const commands: Record<string, () => Promise<{ run: (args: string[]) => Promise<number> }>> = {
  'solve-cvrp': () => import('./commands/solve-cvrp.ts'),
  plan: () => import('./commands/plan.ts'),
};

const [name = 'start', ...args] = process.argv.slice(2);
const load = commands[name];
if (!load) {
  process.stderr.write(`porch: unknown command "${name}". Commands: ${Object.keys(commands).join(', ')}\n`);
  process.exit(2);
}
const code = await (await load()).run(args);
process.exitCode = code;
