/**
 * One secret key per server: personal links are derived from it and only their hash is stored,
 * so a process started with another key would mail links that open nothing. The database keeps
 * the key's fingerprint and `porch start` refuses another key unless told it replaces it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isServerKey, keyFingerprint } from '../src/platform/auth/secret-key.ts';
import { useTestApp } from './support/app.ts';

const t = useTestApp();
const porch = fileURLToPath(new URL('../bin/porch.js', import.meta.url));

/** Runs `porch start` with `env` until it exits; its exit code and output. */
function startExpectingExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child: ChildProcess = spawn(process.execPath, [porch, 'start'], {
    env: { PATH: process.env.PATH, ...env, LOG_LEVEL: 'warn', PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGTERM'), 120_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('the secret key every process shares', () => {
  it('the first key is recorded as a fingerprint; another is refused until it is adopted', async () => {
    const db = t.services.db;
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(40);
    await db.deleteFrom('setting').where('key', '=', 'secret_key_fingerprint').execute();
    expect(await isServerKey(db, a)).toBe(true);
    expect(await isServerKey(db, a)).toBe(true);
    expect(await isServerKey(db, b)).toBe(false);
    const kept = await db
      .selectFrom('setting')
      .select('value')
      .where('key', '=', 'secret_key_fingerprint')
      .execute();
    expect(kept).toEqual([{ value: keyFingerprint(a) }]);
    expect(kept[0]?.value).not.toContain('aaaa');
    expect(await isServerKey(db, b, true)).toBe(true);
    expect(await isServerKey(db, a)).toBe(false);
    expect(await isServerKey(db, b)).toBe(true);
  });

  it('porch start with another key than the database knows exits, saying why', {
    timeout: 180_000,
  }, async () => {
    const { config } = t.services;
    await isServerKey(t.services.db, config.secretKey, true);
    const { code, output } = await startExpectingExit({
      PORCH_DATA_DIR: config.dataDir,
      SECRET_KEY: 'z'.repeat(40),
      ...(config.databaseUrl ? { DATABASE_URL: config.databaseUrl } : {}),
    });
    expect(code, output).toBe(1);
    expect(output).toContain('this process has another SECRET_KEY than the one this database was used with');
    expect(output).toContain('porch start --new-secret-key');
  });
});
