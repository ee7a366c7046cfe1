/** `porch openapi`: prints the API's OpenAPI document (the committed `openapi.json` is made with it). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';

/** The OpenAPI document as stable, pretty JSON (built on a throwaway database). */
export async function openapiDocument(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'porch-openapi-'));
  try {
    const app = await buildApp(
      loadConfig({ PORCH_DATA_DIR: dir, SECRET_KEY: 'x'.repeat(32), LOG_LEVEL: 'silent' }),
      {
        logger: false,
      },
    );
    await app.ready();
    const doc = JSON.stringify(app.swagger(), null, 2);
    await app.close();
    return `${doc}\n`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(_args: string[]): Promise<number> {
  process.stdout.write(await openapiDocument());
  return 0;
}
