/**
 * `porch start [--demo] [--new-secret-key]`: migrates, starts the job worker and serves HTTP until
 * SIGINT/SIGTERM. On a server with no operator yet it prints a one-time setup link (the first
 * visitor must not be able to claim the server). `--demo` loads the demo community first, once.
 * A secret key other than the one the database was used with is refused (`auth/secret-key.ts`)
 * unless `--new-secret-key` says it replaces it.
 */
import { setFlagsFromString } from 'node:v8';
import { buildApp } from '../app.ts';
import { reachedOnlyHere } from '../config.ts';
import { issueSetupToken } from '../features/accounts/service.ts';
import { loadDemo } from '../features/demo/service.ts';
import { isServerKey } from '../platform/auth/secret-key.ts';
import { DataDirectoryServed, type DataLock, serveDataDirectory } from '../platform/data-lock.ts';
import { configOrExit, holdOrExit, options } from './shared.ts';

export async function run(args: string[]): Promise<number> {
  const usage = 'porch start [--demo] [--new-secret-key]';
  const opts = options(args, { demo: { type: 'boolean' }, 'new-secret-key': { type: 'boolean' } }, usage);
  const config = configOrExit();
  if (!opts || !config) return 2;
  // Held while serving: `porch restore` refuses to replace the data under a running server.
  const lock = holdOrExit(config.dataDir);
  if (!lock) return 1;
  let served: DataLock | undefined;
  if (!config.databaseUrl) {
    try {
      served = serveDataDirectory(config.dataDir);
    } catch (error) {
      lock.release();
      if (!(error instanceof DataDirectoryServed)) throw error;
      process.stderr.write(
        [
          `porch: ${error.message}.`,
          'Two servers on one SQLite database would each keep their own state and miss the',
          "other's changes. Stop the other server first, or run several servers on PostgreSQL",
          '(DATABASE_URL). A server that was killed holds nothing: start again.',
          '',
        ].join('\n'),
      );
      return 1;
    }
  }
  const app = await buildApp(config);
  if (!(await isServerKey(app.services.db, config.secretKey, opts.values['new-secret-key']))) {
    app.log.error('SECRET_KEY differs from the key this database was used with; not starting');
    process.stderr.write(
      [
        'porch: this process has another SECRET_KEY than the one this database was used with',
        '(the database keeps a fingerprint of it). Give every process the same SECRET_KEY: links',
        'mailed by a process with another key open nothing. If you changed the key on purpose, start',
        'one process with `porch start --new-secret-key` (forms open in browsers, unsubscribe links',
        'already mailed and the personal links of a drill or alert under way stop working).',
        '',
      ].join('\n'),
    );
    await app.close();
    served?.release();
    lock.release();
    return 1;
  }
  const demoLink = opts.values.demo ? await loadDemo(app.services) : undefined;
  // The demo's own mails (to its made-up neighbors) go out first, so its link is printed last.
  if (demoLink) await app.services.jobs.runDue();
  app.services.jobs.start();
  await app.listen({ port: config.port, host: config.host });
  // Serving may grow V8's young generation again, as it does by default (cli.ts held it back).
  setFlagsFromString('--semi-space-growth-factor=2');
  const out = (lines: string[]) => process.stdout.write(`\n${lines.map((l) => `  ${l}`).join('\n')}\n\n`);
  if (reachedOnlyHere(config.baseUrl)) {
    app.log.warn(
      { baseUrl: config.baseUrl },
      'BASE_URL names this computer: links in mails and QR codes open nowhere else',
    );
    out([
      `Links in mails and on printed QR codes point to ${config.baseUrl},`,
      "which only this computer can open. Set BASE_URL to the server's public address.",
    ]);
  }
  const token = await issueSetupToken(app.services);
  if (token) {
    const link = `${config.baseUrl}/setup?token=${token}`;
    app.log.warn({ setupLink: link }, 'first-run setup link');
    out(['Porch is running. To set it up, open this one-time link:', '', `  ${link}`]);
  } else {
    out([`Porch is running at ${config.baseUrl}`]);
  }
  if (demoLink) {
    out([
      `The demo community is at ${config.baseUrl}/c/maple-street`,
      'Sign in as its steward, Rosa, with this one-time link (valid for 24 hours):',
      '',
      `  ${demoLink}`,
    ]);
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await app.close();
  served?.release();
  lock.release();
  return 0;
}
