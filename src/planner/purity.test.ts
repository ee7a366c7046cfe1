import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The planner must stay pure: no I/O, no node built-ins, nothing of the app; only its own files.
describe('the planner package', () => {
  it('imports only its own modules (tests may also import vitest and node built-ins)', () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    const offending: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(`${dir}/${file}`, 'utf8');
      const isTest = file.endsWith('.test.ts');
      for (const m of text.matchAll(
        /(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]/g,
      )) {
        const spec = m[1] ?? m[2];
        const own = /^\.\/[\w.-]+\.ts$/.test(spec);
        if (!own && !(isTest && (spec === 'vitest' || spec.startsWith('node:'))))
          offending.push(`${file}: ${spec}`);
      }
      if (!isTest && /\b(process|require|fetch)\s*[.(]/.test(text))
        offending.push(`${file}: uses process/require/fetch`);
    }
    expect(offending).toEqual([]);
  });
});
