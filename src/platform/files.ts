/**
 * Where Porch's own files are at run time. From the sources (through tsx, or Vitest) each module
 * sits at its place under `src/`; the build (`npm run build`, made by `npm install`) bundles them
 * into files directly in `dist/`, so a path relative to one module's `import.meta.url` would point
 * elsewhere there. Code that reads a file of the project finds it from here.
 */

/** True when this code runs from the build, false when from the TypeScript sources. */
export const fromBuild = !import.meta.url.endsWith('.ts');

/** The project folder (the one holding package.json), as a file URL ending in `/`. */
export const projectRoot = new URL(fromBuild ? '../' : '../../', import.meta.url);

/** The file URL of `path`, relative to the project folder (e.g. `locales/en.json`). */
export function projectFile(path: string): URL {
  return new URL(path, projectRoot);
}

/**
 * The file URL of `path` in the build's folder (`dist/` unless built elsewhere), e.g.
 * `migrations/`; only meaningful when `fromBuild`.
 */
export function buildFile(path: string): URL {
  return new URL(path, import.meta.url);
}
