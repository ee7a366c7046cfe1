/** `porch demo`: loads the demo community into the configured database (once) and exits. */
import { buildApp } from '../app.ts';
import { loadDemo } from '../features/demo/service.ts';
import { configOrExit } from './shared.ts';

export async function run(_args: string[]): Promise<number> {
  const config = configOrExit();
  if (!config) return 2;
  const app = await buildApp({ ...config, logLevel: 'warn' });
  try {
    await loadDemo(app.services);
    await app.services.jobs.runDue();
    return 0;
  } finally {
    await app.close();
  }
}
