// Worker entry: a worker thread does not inherit the parent's TypeScript loader, so register tsx here
// (works the same under `node bin/porch.js`, Vitest and a plain node process) and load the real worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
