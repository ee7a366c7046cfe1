import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'porch-config-'));

describe('settings from the environment', () => {
  it('has working defaults: port 3000, SQLite in ./data, a generated secret kept in the data directory', () => {
    const dataDir = dir();
    const config = loadConfig({ PORCH_DATA_DIR: dataDir });
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.baseUrl).toBe('http://localhost:3000');
    expect(config.secretKey.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dataDir, 'secret.key'), 'utf8').trim()).toBe(config.secretKey);
    expect(loadConfig({ PORCH_DATA_DIR: dataDir }).secretKey).toBe(config.secretKey);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ PORCH_COMMUNITY_CREATION: 'everyone' })).toThrow(/PORCH_COMMUNITY_CREATION/);
  });

  it('reads X_FILE secrets and marks cookies Secure behind https', () => {
    const dataDir = dir();
    const file = join(dataDir, 'key');
    writeFileSync(file, `${'k'.repeat(40)}\n`);
    const config = loadConfig({
      PORCH_DATA_DIR: dataDir,
      SECRET_KEY_FILE: file,
      BASE_URL: 'https://porch.example.org/',
    });
    expect(config.secretKey).toBe('k'.repeat(40));
    expect(config.baseUrl).toBe('https://porch.example.org');
    expect(config.secureCookies).toBe(true);
  });
});
