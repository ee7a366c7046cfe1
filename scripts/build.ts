/**
 * `npm run build` (run by `npm install` too): makes the server that `npm start` runs.
 * - `dist/porch.mjs`: the `porch` command (src/cli.ts) and the packages it uses, bundled by
 *   esbuild, each command in its own chunk loaded when called (`porch plan` does not load the web
 *   server). One file parses in a fraction of the time Node takes to find and read a thousand
 *   module files; the bundle's size is most of what is left of a start;
 * - `dist/planner-worker.mjs`: the planner's worker thread;
 * - `dist/migrations/NNNN_name.mjs`: each migration, under its own name;
 * - `dist/assets/`: the client script and the service worker bundled and minified, the
 *   stylesheet and the icon.
 * Every output is directly in `dist/` or one folder below (src/platform/files.ts relies on it).
 * `--outdir DIR` builds into another folder of the project instead (the build test does).
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { projectFile } from '../src/platform/files.ts';
import { assetSources, builtAssets, bundleClientScript, leafletImages } from '../src/web/assets.ts';

const project = (p: string) => fileURLToPath(projectFile(p));
const { values } = parseArgs({ options: { outdir: { type: 'string', default: project('dist') } } });
const outdir = resolve(values.outdir);
if (resolve(outdir, '..') !== resolve(project('.')))
  throw new Error('--outdir must be a folder of the project');
const started = performance.now();
rmSync(outdir, { recursive: true, force: true });

const migrations = readdirSync(project('migrations'))
  .filter((f) => /^\d{4}_.+\.ts$/.test(f))
  .map((f) => [`migrations/${basename(f, '.ts')}`, project(`migrations/${f}`)]);

await build({
  entryPoints: {
    porch: project('src/cli.ts'),
    'planner-worker': project('src/platform/planner/worker.ts'),
    ...Object.fromEntries(migrations),
  },
  outdir,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Native addons, a package serving its own files, pg (loaded on PostgreSQL only, see
  // connect.ts) and esbuild (used from the sources only) stay in node_modules.
  external: ['better-sqlite3', 'sharp', '@fastify/swagger-ui', 'pg', 'esbuild'],
  // Bundled CommonJS packages call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __porchRequire } from 'node:module'; const require = __porchRequire(import.meta.url);",
  },
  // Whitespace only: names stay readable in stack traces (and NODE_OPTIONS=--enable-source-maps
  // maps them to the sources).
  minifyWhitespace: true,
  sourcemap: 'linked',
  logLevel: 'warning',
});

mkdirSync(join(outdir, 'assets'));
writeFileSync(join(outdir, builtAssets.script), await bundleClientScript());
writeFileSync(join(outdir, builtAssets.worker), await bundleClientScript(assetSources.worker));
writeFileSync(join(outdir, builtAssets.map), await bundleClientScript(assetSources.map));
mkdirSync(join(outdir, builtAssets.leaflet, 'images'), { recursive: true });
copyFileSync(project(`${assetSources.leaflet}leaflet.css`), join(outdir, builtAssets.leaflet, 'leaflet.css'));
for (const image of leafletImages) {
  copyFileSync(
    project(`${assetSources.leaflet}images/${image}`),
    join(outdir, builtAssets.leaflet, 'images', image),
  );
}
copyFileSync(project(assetSources.style), join(outdir, builtAssets.style));
copyFileSync(project(assetSources.icon), join(outdir, builtAssets.icon));

process.stdout.write(
  `porch: built ${relative(project('.'), outdir)}/ in ${Math.round(performance.now() - started)} ms\n`,
);
