import type { App } from '../../app.ts';

/** Registers profile routes. */
export function profileRoutes(_app: App): void {}
