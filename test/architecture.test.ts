/**
 * The import rules of ARCHITECTURE.md, checked by reading every source file's imports:
 * platform/ imports no feature and no web/; planner/ imports nothing outside itself (pure, no
 * I/O); a feature imports another feature only through its service.ts; only src/app.ts imports
 * a feature's feature.ts, and no feature, platform or web file imports src/app.ts (the `App`
 * type and the `Feature` shape live in platform/module.ts); a feature keeps its pages in pages/
 * and its SQL in its stores; migrations import no app code.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [
    ...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  return found.map((m) => m[1] ?? m[2]);
}

/** Each import of `dir`'s files as [file, target] with targets relative to the root (or bare). */
function edges(dir: string): [string, string][] {
  return files(join(root, dir)).flatMap((file) =>
    imports(file).map((spec): [string, string] => [
      relative(root, file),
      spec.startsWith('.') ? relative(root, resolve(dirname(file), spec)) : spec,
    ]),
  );
}

describe('import rules', () => {
  it('platform/ imports no feature and nothing of web/', () => {
    const bad = edges('src/platform').filter(
      ([, to]) => to.startsWith('src/features/') || to.startsWith('src/web/'),
    );
    expect(bad).toEqual([]);
  });

  it('planner/ imports nothing outside itself (no app code, no I/O; its tests may use vitest)', () => {
    const bad = edges('src/planner').filter(
      ([from, to]) => !to.startsWith('src/planner/') && !from.endsWith('.test.ts'),
    );
    expect(bad).toEqual([]);
  });

  it("a feature reaches another feature only through that feature's service.ts", () => {
    const bad = edges('src/features').filter(([from, to]) => {
      if (!to.startsWith('src/features/')) return false;
      const own = from.split('/')[2];
      const [, , other, ...rest] = to.split('/');
      return other !== own && rest.join('/') !== 'service.ts';
    });
    expect(bad).toEqual([]);
  });

  it('features, platform/ and web/ never import src/app.ts', () => {
    const bad = [...edges('src/features'), ...edges('src/platform'), ...edges('src/web')].filter(
      ([, to]) => to === 'src/app.ts',
    );
    expect(bad).toEqual([]);
  });

  it("only src/app.ts imports a feature's feature.ts (a feature is listed there, nowhere else)", () => {
    const bad = edges('src').filter(
      ([from, to]) => /^src\/features\/[^/]+\/feature\.ts$/.test(to) && from !== 'src/app.ts',
    );
    expect(bad).toEqual([]);
  });

  it("a feature's pages live in its pages/ folder, and its SQL only in its stores", () => {
    const features = files(join(root, 'src/features')).map((f) => relative(root, f));
    const strayPages = features.filter(
      (f) => f.endsWith('.tsx') && !/^src\/features\/[^/]+\/pages\//.test(f),
    );
    expect(strayPages).toEqual([]);
    const query = /\.(selectFrom|insertInto|updateTable|deleteFrom|selectNoFrom)\(|\bsql`/;
    const straySql = features.filter(
      (f) =>
        !/\/store[\w-]*\.ts$/.test(f) &&
        !f.endsWith('.test.ts') &&
        query.test(readFileSync(join(root, f), 'utf8')),
    );
    expect(straySql).toEqual([]);
  });

  it('migrations import no app code', () => {
    const bad = edges('migrations').filter(([, to]) => to.startsWith('src/'));
    expect(bad).toEqual([]);
  });
});
