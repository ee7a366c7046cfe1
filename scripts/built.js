// Whether the build in dist/ is up to date: there, and newer than every file it is made from.
// Plain JavaScript: bin/porch.js reads it before anything can load TypeScript.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The state of the build of the project at `root` (a file URL ending in "/"): `built`, the time
 * dist/porch.mjs was made (0 when missing), and the newest file of src/ and migrations/, with its
 * time (ms since the epoch). The build is up to date when `built >= newest.modified`.
 */
export function buildState(root) {
  const folder = fileURLToPath(root);
  const bundle = join(folder, 'dist/porch.mjs');
  const built = existsSync(bundle) ? statSync(bundle).mtimeMs : 0;
  let newest = { path: '', modified: 0 };
  // Paths, not URLs: a start stats every source file, and URLs made that ten times slower.
  for (const dir of ['src', 'migrations']) {
    for (const entry of readdirSync(join(folder, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      const modified = statSync(path).mtimeMs;
      if (modified > newest.modified) newest = { path: relative(folder, path), modified };
    }
  }
  return { bundle: pathToFileURL(bundle), built, newest };
}
