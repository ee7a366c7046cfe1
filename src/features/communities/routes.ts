import type { App } from '../../app.ts';

/** Registers community routes. */
export function communityRoutes(_app: App): void {}
