#!/usr/bin/env node
// Runs the build in dist/ (`npm run build`, made by `npm install`). While developing, when the
// build is missing or older than a source file, runs the TypeScript sources through tsx instead
// (slower to start), and says so.
import { existsSync, readdirSync, statSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const build = new URL('dist/porch.mjs', root);

/** The newest of the files the build is made from: [path, modified time in ms]. */
function newestSource() {
  let newest = ['', 0];
  for (const dir of ['src/', 'migrations/']) {
    for (const name of readdirSync(new URL(dir, root), { recursive: true })) {
      const modified = statSync(new URL(dir + name, root)).mtimeMs;
      if (modified > newest[1]) newest = [dir + name, modified];
    }
  }
  return newest;
}

const built = existsSync(build) ? statSync(build).mtimeMs : 0;
const [source, modified] = newestSource();
if (built >= modified) {
  await import(build.href);
} else {
  process.stderr.write(
    `porch: running from the sources, ${built ? `${source} is newer than the build` : 'there is no build'} (npm run build makes it)\n`,
  );
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
