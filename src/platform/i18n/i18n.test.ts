import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  catalog,
  formatDuration,
  i18nextOptions,
  locales,
  localizeNumbers,
  negotiateLocale,
  translator,
} from './index.ts';

describe('choosing the language', () => {
  it("prefers the member's choice, then the browser's, then the community's", () => {
    expect(negotiateLocale('es', 'en-US', ['en'])).toBe('es');
    expect(negotiateLocale(null, 'fr-FR, es;q=0.8, en;q=0.5', ['en'])).toBe('es');
    expect(negotiateLocale(undefined, 'fr', ['es', 'en'])).toBe('es');
    expect(negotiateLocale(undefined, undefined, undefined)).toBe('en');
    expect(negotiateLocale('xx', 'en;q=0', ['de'])).toBe('en');
  });

  it('has every English key in Spanish too, and no Spanish key that English lacks (plural forms aside)', () => {
    const keys = (obj: object, prefix = ''): string[] =>
      Object.entries(obj).flatMap(([k, v]) =>
        v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
      );
    // Each language has its own plural categories (Spanish `_many`): compared without them.
    const texts = (locale: 'en' | 'es') => [
      ...new Set(keys(catalog(locale)).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, ''))),
    ];
    const en = texts('en').sort();
    const es = texts('es').sort();
    expect(en.length).toBeGreaterThan(50);
    expect(es).toEqual(en);
  });
});

describe('plurals and numbers', () => {
  // Keys of `obj` as dotted paths, with their texts.
  const leaves = (obj: object, prefix = ''): [string, string][] =>
    Object.entries(obj).flatMap(([k, v]) =>
      v && typeof v === 'object' ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)]],
    );

  it('has every plural category each locale needs for every counted text, in every catalog', () => {
    const suffix = /_(zero|one|two|few|many|other)$/;
    for (const locale of locales) {
      const keys = new Set(leaves(catalog(locale)).map(([k]) => k));
      // A counted text is one with a `_one` or `_other` form beside another category.
      const counted = new Set(
        [...keys]
          .filter((k) => suffix.test(k))
          .map((k) => k.replace(suffix, ''))
          .filter((base) => keys.has(`${base}_one`)),
      );
      expect(counted.size).toBeGreaterThan(20);
      const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      const missing = [...counted].flatMap((base) =>
        needed.filter((c) => !keys.has(`${base}_${c}`)).map((c) => `${base}_${c}`),
      );
      expect(missing, locale).toEqual([]);
    }
  });

  // A counted text looked up without `count` finds no plural form: the reader gets the generic
  // "something is wrong" instead of what is expected.
  it('is given a count wherever a counted text is named in the code', () => {
    const keys = new Set(leaves(catalog('en')).map(([k]) => k));
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? files(join(dir, e.name))
          : /\.tsx?$/.test(e.name) && !e.name.includes('.test.')
            ? [join(dir, e.name)]
            : [],
      );
    const uncounted: string[] = [];
    for (const file of files('src')) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/'([a-z_]+(?:\.[a-z0-9_]+)+)'/g)) {
        if (keys.has(m[1]) || !keys.has(`${m[1]}_one`)) continue;
        const line = text.slice(text.lastIndexOf('\n', m.index) + 1, m.index).trim();
        if (line.startsWith('*') || line.startsWith('//')) continue;
        // The call it is named in, to the end of its statement.
        const call = text.slice(m.index, m.index + 400).split(/;\n|\n\s*\n/)[0];
        if (!/\bcount\b/.test(call)) uncounted.push(`${file}: ${m[1]}`);
      }
    }
    expect(uncounted).toEqual([]);
  });

  it('counts and writes numbers as each language does', () => {
    const es = translator('es');
    expect(es('profiles.directory.count', { count: 1_000_000 })).toBe('1.000.000 miembros');
    expect(es('profiles.directory.count', { count: 1.5 })).toBe('1,5 miembros');
    expect(es('profiles.directory.count', { count: 1 })).toBe('1 miembro');
    expect(translator('en')('profiles.directory.count', { count: 1_000_000 })).toBe('1,000,000 members');
    expect(translator('en')('seeds.lots.harvest', { year: 2026 })).toBe('Harvest 2026');
  });

  it('says how long to wait in the unit people use, with its plural, rounded up', () => {
    const es = translator('es');
    expect(es('errors.too_many_requests', { seconds: 3513 })).toBe(
      'Demasiados intentos. Espera 59 minutos e inténtalo de nuevo.',
    );
    expect(es('errors.too_many_requests', { seconds: 1 })).toBe(
      'Demasiados intentos. Espera 1 segundo e inténtalo de nuevo.',
    );
    const en = translator('en');
    expect(en('errors.too_many_requests', { seconds: 45 })).toBe(
      'Too many attempts. Please wait 45 seconds and try again.',
    );
    expect(en('uploads.busy', { seconds: 10 })).toContain('wait 10 seconds');
    expect(formatDuration('en', 61 * 60 + 1)).toBe('62 minutes');
    expect(formatDuration('en', 3 * 3600 + 1)).toBe('4 hours');
    expect(formatDuration('es', 1)).toBe('1 segundo');
    expect(formatDuration('es', 3600 * 60)).toBe('3 días');
  });
});

describe('the translate function', () => {
  it('gives what i18next gives for every key, with and without values and counts', async () => {
    const { default: i18next } = await import('i18next');
    const reference = i18next.createInstance();
    await reference.init({
      ...i18nextOptions,
      resources: { en: { translation: catalog('en') }, es: { translation: catalog('es') } },
    });
    localizeNumbers(reference);
    const leaves = (obj: object, prefix = ''): [string, string][] =>
      Object.entries(obj).flatMap(([k, v]) =>
        v && typeof v === 'object' ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)]],
      );
    let compared = 0;
    for (const locale of ['en', 'es'] as const) {
      const t = translator(locale);
      for (const [leaf, text] of leaves(catalog(locale))) {
        const key = leaf.replace(/_(zero|one|two|few|many|other)$/, '');
        const names = [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);
        const values = Object.fromEntries(names.map((n, i) => [n, n === 'count' ? 3 : `v${i} ${n}`]));
        const calls: Record<string, unknown>[] = [
          values,
          { ...values, count: 1 },
          { ...values, count: 0 },
          { ...values, count: 1_000_000 },
          { ...values, count: 1.5 },
          { ...values, defaultValue: 'default' },
          { ...values, context: 'other' },
        ];
        expect(t(key)).toBe(reference.t(key, { lng: locale }));
        for (const options of calls) {
          expect(t(key, options as never)).toBe(reference.t(key, { ...options, lng: locale }));
          compared++;
        }
      }
      expect(t('no.such.key', { defaultValue: 'Fallback {{x}}', x: 1 })).toBe('Fallback 1');
      expect(t('errors.csrf', { ordinal: true })).toBe(
        reference.t('errors.csrf', { ordinal: true, lng: locale }),
      );
    }
    expect(compared).toBeGreaterThan(500);
  });
});
