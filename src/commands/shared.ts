/** Small helpers shared by the `porch` commands. */
import { parseArgs } from 'node:util';
import { type Config, ConfigError, loadConfig } from '../config.ts';
import { DataDirectoryInUse, type DataLock, holdDataDirectory } from '../platform/data-lock.ts';

/** Loads settings, or prints the problem and returns undefined (the command then exits 2). */
export function configOrExit(): Config | undefined {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`porch: ${error.message}\n`);
      return undefined;
    }
    throw error;
  }
}

/** Parses `--name value` options; prints usage and returns undefined on unknown options. */
export function options<T extends Record<string, { type: 'string' | 'boolean' }>>(
  args: string[],
  spec: T,
  usage: string,
) {
  try {
    return parseArgs({ args, options: spec, allowPositionals: true, strict: true });
  } catch (error) {
    process.stderr.write(`porch: ${(error as Error).message}\nusage: ${usage}\n`);
    return undefined;
  }
}

/**
 * Holds the data directory for a command that uses it (see platform/data-lock.ts), or prints why
 * it cannot (a restore is running) and returns undefined (the command then exits 1).
 */
export function holdOrExit(dataDir: string): DataLock | undefined {
  try {
    return holdDataDirectory(dataDir);
  } catch (error) {
    if (error instanceof DataDirectoryInUse) {
      process.stderr.write(`porch: a restore is running on ${dataDir}; try again when it is done\n`);
      return undefined;
    }
    throw error;
  }
}
