/** `porch demo`: loads the demo community into the configured database (once) and exits. */
import { buildApp } from '../app.ts';
import { loadDemo } from '../features/demo/service.ts';
import { configOrExit } from './shared.ts';

export async function run(_args: string[]): Promise<number> {
  const config = configOrExit();
  if (!config) return 2;
  const app = await buildApp({ ...config, logLevel: 'warn' });
  try {
    const link = await loadDemo(app.services);
    process.stdout.write(
      link
        ? `The demo community is loaded: ${config.baseUrl}/c/maple-street\nSign in as its steward, Rosa, with this one-time link:\n\n  ${link}\n\n`
        : 'The demo community is already loaded.\n',
    );
    return 0;
  } finally {
    await app.close();
  }
}
