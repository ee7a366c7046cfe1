// Whether the build in dist/ is up to date: there, and newer than every file it is made from.
// Plain JavaScript: bin/porch.js reads it before anything can load TypeScript.
import { existsSync, readdirSync, statSync } from 'node:fs';

/**
 * The state of the build of the project at `root` (a file URL ending in "/"): `built`, the time
 * dist/porch.mjs was made (0 when missing), and the newest file of src/ and migrations/, with its
 * time (ms since the epoch). The build is up to date when `built >= newest.modified`.
 */
export function buildState(root) {
  const bundle = new URL('dist/porch.mjs', root);
  const built = existsSync(bundle) ? statSync(bundle).mtimeMs : 0;
  let newest = { path: '', modified: 0 };
  for (const dir of ['src/', 'migrations/']) {
    for (const name of readdirSync(new URL(dir, root), { recursive: true })) {
      const modified = statSync(new URL(dir + name, root)).mtimeMs;
      if (modified > newest.modified) newest = { path: dir + name, modified };
    }
  }
  return { bundle, built, newest };
}
