/**
 * `porch notifications [--retry]`: lists the deliveries that failed their last attempt (when,
 * which community, channel and kind, the last error); `--retry` puts them back in the queue
 * (a running server sends them; this command only queues).
 */
import { buildApp } from '../app.ts';
import { failedDeliveries, retryFailedDeliveries } from '../platform/notify/service.ts';
import { configOrExit, options } from './shared.ts';

const usage = 'porch notifications [--retry]';

export async function run(args: string[]): Promise<number> {
  const opts = options(args, { retry: { type: 'boolean' } }, usage);
  const config = configOrExit();
  if (!opts || !config) return 2;
  const app = await buildApp({ ...config, logLevel: 'warn' });
  try {
    if (opts.values.retry) {
      const n = await retryFailedDeliveries(app.services);
      process.stdout.write(`${n} failed ${n === 1 ? 'delivery is' : 'deliveries are'} queued again.\n`);
      return 0;
    }
    const failed = await failedDeliveries(app.services);
    if (failed.length === 0) {
      process.stdout.write('No failed deliveries.\n');
      return 0;
    }
    for (const f of failed) {
      process.stdout.write(
        `${f.dueAt}  ${f.slug}  ${f.channel}  ${f.kind}  account ${f.accountId}  after ${f.attempts} attempts: ${f.lastError ?? ''}\n`,
      );
    }
    process.stdout.write(
      `\n${failed.length} failed. Retry them with: ${usage.replace(' [--retry]', ' --retry')}\n`,
    );
    return 0;
  } finally {
    await app.close();
  }
}
