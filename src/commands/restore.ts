/** `porch restore FILE`: see backup.ts. */
export { restore as run } from './backup.ts';
