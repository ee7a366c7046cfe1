import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openapiDocument } from '../src/commands/openapi.ts';

describe('the committed OpenAPI document', () => {
  it('matches what the server describes (run `npm run openapi` after changing an API route)', async () => {
    const committed = readFileSync(new URL('../openapi.json', import.meta.url), 'utf8');
    expect(await openapiDocument()).toBe(committed);
  });
});
