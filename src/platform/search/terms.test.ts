import { describe, expect, it } from 'vitest';
import { locales } from '../i18n/index.ts';
import glossary from './glossary.json' with { type: 'json' };
import { documentTerms, fold, glossaryTerms, queryTerms, stemLanguages } from './terms.ts';

describe('search terms', () => {
  it('stores each folded word with its stems in the languages Porch speaks and the community’s', () => {
    expect(stemLanguages(['fr', 'qu', 'en'])).toEqual(['en', 'es', 'fr']);
    expect(documentTerms('Escaleras y BATERÍAS', ['en', 'es'])).toBe(
      'escaleras escalera escaler y baterias bateria bateri',
    );
    // Folded text gives the same terms as the text (the migration re-works stored folded text).
    const text = 'Café grinder — Molinillo de café, 2 baterías';
    expect(documentTerms(fold(text), ['en', 'es'])).toBe(documentTerms(text, ['en', 'es']));
  });

  it('looks for each query word as a prefix, by its stems, and by the glossary’s names', () => {
    const [term] = queryTerms('Taladros', ['en', 'es']);
    expect(term.prefix).toBe('taladros');
    expect(term.exact).toEqual(expect.arrayContaining(['taladr', 'taladro', 'drill']));
    expect(glossaryTerms('ladders')).toEqual(expect.arrayContaining(['ladder', 'escalera', 'escaler']));
    expect(glossaryTerms('lad')).toEqual([]);
    expect(queryTerms('one two three four five six seven eight nine', ['en'])).toHaveLength(8);
  });

  it('has one word per name, and a name in every language Porch speaks for every thing', () => {
    for (const group of glossary.groups as Record<string, string[]>[]) {
      for (const locale of locales) expect(group[locale]?.length, JSON.stringify(group)).toBeGreaterThan(0);
      for (const names of Object.values(group)) {
        for (const name of names) expect(name).toMatch(/^[\p{L}\p{N}]+$/u);
      }
    }
  });
});
