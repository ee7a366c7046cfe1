/**
 * The benchmarks measure the code the app and the CLI run: the build (`npm run build`, dist/), not
 * the TypeScript sources through tsx, which are slower in the planner's hot loops (an imported
 * constant read through a module binding cost about 10 % of a CVRP run).
 *
 * - `ensureBuild()`: for the benchmarks that run `bin/porch.js` as a child process, makes the build
 *   when it is missing or older than a source file (bin/porch.js would otherwise fall back to the
 *   sources, and say so only on stderr, which the benchmarks do not show).
 * - `runBuilt(import.meta.url)`: for the in-process benchmarks, bundles the calling script with
 *   esbuild the way the build bundles the CLI (ESM, node20, the project's modules inlined) into
 *   `dist/bench-NAME.mjs` and runs that with the same arguments. In `dist/`, the planner's worker
 *   thread (src/platform/planner/run.ts) is the built `dist/planner-worker.mjs`, as in the app.
 */
import { spawnSync } from 'node:child_process';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { buildState } from '../scripts/built.js';

const root = resolve(fileURLToPath(import.meta.url), '../..');

/** Makes the build (`npm run build`) when dist/ is missing or older than a source file; throws if it fails. */
export function ensureBuild(): void {
  const { built, newest } = buildState(pathToFileURL(`${root}/`));
  if (built >= newest.modified) return;
  process.stderr.write(
    `bench: ${built ? `${newest.path} is newer than the build` : 'no build'}; running npm run build first\n`,
  );
  const res = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/build.ts')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (res.status !== 0) throw new Error(`npm run build failed (exit ${res.status})`);
}

/**
 * When `script` (the caller's `import.meta.url`) is a TypeScript source, bundles it into
 * `dist/bench-NAME.mjs`, runs the bundle with this process's arguments, and returns its exit code;
 * returns undefined when already running from the bundle (the caller goes on). The bundle sits
 * directly in dist/, one folder below the project as bench/ is, so paths relative to the script
 * still hold.
 */
export async function runBuilt(script: string): Promise<number | undefined> {
  if (!script.endsWith('.ts')) return undefined;
  ensureBuild();
  const source = fileURLToPath(script);
  const outfile = join(root, 'dist', `bench-${basename(source, '.ts')}.mjs`);
  await build({
    entryPoints: [source],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Packages stay in node_modules (found from dist/ as from bench/); only the project's code is bundled.
    packages: 'external',
    minifyWhitespace: true,
    logLevel: 'warning',
  });
  const res = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
  return res.status ?? 1;
}
