#!/usr/bin/env node
// Runs the build in dist/ (`npm run build`, made by `npm install`). While developing, when the
// build is missing or older than a source file, runs the TypeScript sources through tsx instead
// (slower to start), and says so.
import { buildState } from '../scripts/built.js';

const { bundle, built, newest } = buildState(new URL('..', import.meta.url));
if (built >= newest.modified) {
  await import(bundle.href);
} else {
  process.stderr.write(
    `porch: running from the sources, ${built ? `${newest.path} is newer than the build` : 'there is no build'} (npm run build makes it)\n`,
  );
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
