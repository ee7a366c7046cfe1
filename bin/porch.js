#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so `npm install` is the only build step.
// `solve-cvrp` is timed from process start, so it runs from a bundle made at install time
// (`npm run build`, about 0.1 s to load instead of about 1 s through tsx) while that bundle is
// newer than every source file it was made from.
import { existsSync, readdirSync, statSync } from 'node:fs';

const here = new URL('..', import.meta.url);
const [command, ...args] = process.argv.slice(2);

function newestSource() {
  const dirs = ['src/planner/', 'src/commands/'];
  let newest = 0;
  for (const dir of dirs) {
    for (const name of readdirSync(new URL(dir, here))) {
      newest = Math.max(newest, statSync(new URL(dir + name, here)).mtimeMs);
    }
  }
  return newest;
}

const bundle = new URL('dist/solve-cvrp.mjs', here);
if (command === 'solve-cvrp' && existsSync(bundle) && statSync(bundle).mtimeMs >= newestSource()) {
  const { run } = await import(bundle.href);
  process.exitCode = await run(args);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
