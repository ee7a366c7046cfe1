import { describe, expect, it } from 'vitest';
import { catalog, negotiateLocale } from './index.ts';

describe('choosing the language', () => {
  it("prefers the member's choice, then the browser's, then the community's", () => {
    expect(negotiateLocale('es', 'en-US', ['en'])).toBe('es');
    expect(negotiateLocale(null, 'fr-FR, es;q=0.8, en;q=0.5', ['en'])).toBe('es');
    expect(negotiateLocale(undefined, 'fr', ['es', 'en'])).toBe('es');
    expect(negotiateLocale(undefined, undefined, undefined)).toBe('en');
    expect(negotiateLocale('xx', 'en;q=0', ['de'])).toBe('en');
  });

  it('has every English key in Spanish too, and no Spanish key that English lacks', () => {
    const keys = (obj: object, prefix = ''): string[] =>
      Object.entries(obj).flatMap(([k, v]) =>
        v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
      );
    const en = keys(catalog('en')).sort();
    const es = keys(catalog('es')).sort();
    expect(en.length).toBeGreaterThan(50);
    expect(es).toEqual(en);
  });
});
