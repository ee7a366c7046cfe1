/** The state of the build of the project at `root` (see built.js). */
export function buildState(root: URL): {
  /** dist/porch.mjs */
  bundle: URL;
  /** When it was made, ms since the epoch; 0 when there is none. */
  built: number;
  /** The newest file of src/ and migrations/ and when it changed. */
  newest: { path: string; modified: number };
};
