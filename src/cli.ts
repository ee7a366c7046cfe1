/**
 * The `porch` command line: `porch <command> [args]`.
 * Each command lives in `src/commands/<name>.ts` and exports `run(args): Promise<number>` (exit code);
 * commands are imported lazily so `porch solve-cvrp` does not load the web server.
 */
import { setFlagsFromString } from 'node:v8';

const commands: Record<string, () => Promise<{ run: (args: string[]) => Promise<number> }>> = {
  start: () => import('./commands/start.ts'),
  migrate: () => import('./commands/migrate.ts'),
  demo: () => import('./commands/demo.ts'),
  backup: () => import('./commands/backup.ts'),
  restore: () => import('./commands/restore.ts'),
  'create-steward': () => import('./commands/create-steward.ts'),
  openapi: () => import('./commands/openapi.ts'),
  'solve-cvrp': () => import('./commands/solve-cvrp.ts'),
  plan: () => import('./commands/plan.ts'),
  notifications: () => import('./commands/notifications.ts'),
};

const [name = 'start', ...args] = process.argv.slice(2);
const load = commands[name];
if (!load) {
  const help = name === 'help' || name === '--help' || name === '-h';
  const out = help ? process.stdout : process.stderr;
  if (!help) out.write(`porch: unknown command "${name}"\n`);
  out.write(`usage: porch <command> [options]\ncommands: ${Object.keys(commands).join(', ')}\n`);
  process.exit(help ? 0 : 2);
}
// Starting the server makes much that lives on (modules, routes, compiled schemas); V8 reads
// that as a reason to grow its young generation, 1 MB at first, to its largest (two halves of
// 16 MB), which an idle server then keeps resident: 15 MB of its memory (`npm run bench:start`).
// So it does not grow while starting; `start` gives the default (2) back once it serves.
if (name === 'start') setFlagsFromString('--semi-space-growth-factor=1');
const code = await (await load()).run(args);
process.exitCode = code;
