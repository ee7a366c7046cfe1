/**
 * `porch create-steward --email E --name N [--community SLUG]`: creates (or promotes) a server
 * operator, optionally makes them a steward of an existing community, and prints a one-time
 * sign-in link valid for 24 hours. For first-run setup without the log, and for recovery.
 */
import { buildApp } from '../app.ts';
import { createOperator } from '../features/accounts/service.ts';
import { makeSteward } from '../features/communities/service.ts';
import { AppError } from '../platform/errors.ts';
import { translator } from '../platform/i18n/index.ts';
import { isName } from '../platform/names.ts';
import { truncate } from '../platform/text.ts';
import { configOrExit, options } from './shared.ts';

const usage = 'porch create-steward --email EMAIL --name NAME [--community SLUG]';

export async function run(args: string[]): Promise<number> {
  const opts = options(
    args,
    { email: { type: 'string' }, name: { type: 'string' }, community: { type: 'string' } },
    usage,
  );
  const config = configOrExit();
  if (!opts || !config) return 2;
  const { email, name, community } = opts.values;
  if (!email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) || !name?.trim()) {
    process.stderr.write(`porch: --email (a valid address) and --name are required\nusage: ${usage}\n`);
    return 2;
  }
  if (!isName(name)) {
    process.stderr.write(`porch: --name: ${translator('en')('validation.name')}\n`);
    return 2;
  }
  const app = await buildApp({ ...config, logLevel: 'warn' });
  try {
    const { account, link } = await createOperator(app.services, {
      email,
      name: truncate(name.trim(), 80, ''),
    });
    if (community) await makeSteward(app.services, community, account.id);
    process.stdout.write(
      `${account.displayName} <${account.email}> is an operator${community ? ` and a steward of ${community}` : ''}.\n` +
        `Sign in within 24 hours with this one-time link:\n\n  ${link}\n\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      process.stderr.write(`porch: ${translator('en')(error.code, error.params)}\n`);
      return 1;
    }
    throw error;
  } finally {
    await app.close();
  }
}
