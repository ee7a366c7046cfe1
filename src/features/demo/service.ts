import type { Services } from '../../platform/context.ts';

/** Loads the demo community once (filled in when the community and profile services land). */
export async function loadDemo(_s: Services): Promise<void> {
  throw new Error('the demo is not available yet');
}
