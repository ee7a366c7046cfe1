/**
 * The words a search matches, worked out by Porch itself so that SQLite (FTS5) and PostgreSQL
 * (tsvector, `simple` configuration) index and match exactly the same terms:
 * - folding: lower case, accents removed ("Batería" → "bateria");
 * - stemming: each word is stored with its Snowball stem in every language the community may
 *   write in ("escaleras" → "escaler", "batteries" → "batteri"), so singular and plural meet;
 * - the glossary (`glossary.json`): a query word naming an everyday thing also looks for its
 *   names in the other languages ("taladro" → "drill", "ladders" → "escalera").
 * See docs/search.md.
 */
import { stemmer as arabic } from '@orama/stemmers/arabic';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as german } from '@orama/stemmers/german';
import { stemmer as italian } from '@orama/stemmers/italian';
import { stemmer as portuguese } from '@orama/stemmers/portuguese';
import { stemmer as russian } from '@orama/stemmers/russian';
import { stemmer as spanish } from '@orama/stemmers/spanish';
import { stemmer as ukrainian } from '@orama/stemmers/ukrainian';
import { locales } from '../i18n/index.ts';
import glossary from './glossary.json' with { type: 'json' };

/** Snowball stemmers by ISO 639-1 code, for the languages of `languageCodes` that have one. */
const stemmers: Record<string, (word: string) => string> = {
  ar: arabic,
  de: german,
  en: english,
  es: spanish,
  fr: french,
  it: italian,
  pt: portuguese,
  ru: russian,
  uk: ukrainian,
};

/** Most words of a query that are looked for (a pasted paragraph stays cheap). */
export const maxQueryWords = 8;

/** Text as it is indexed and searched: lower case, accents removed (Unicode NFD, marks dropped). */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** The folded words of `text`: runs of letters and digits. */
export function words(text: string): string[] {
  return fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * The languages words are stemmed in for a community writing in `communityLanguages`: every
 * language Porch speaks (neighbors search in them whatever the community names), then the
 * community's own that have a stemmer.
 */
export function stemLanguages(communityLanguages: readonly string[]): string[] {
  const languages: string[] = [...locales];
  for (const code of communityLanguages)
    if (stemmers[code] && !languages.includes(code)) languages.push(code);
  return languages;
}

/** The distinct stems of the folded `word` in `languages` (the word itself is not included). */
function stems(word: string, languages: readonly string[]): string[] {
  const found: string[] = [];
  for (const language of languages) {
    const stem = stemmers[language]?.(word);
    if (stem && stem !== word && !found.includes(stem)) found.push(stem);
  }
  return found;
}

/**
 * What is stored to be matched for `text`: each folded word followed by its stems in
 * `languages`, separated by spaces. Applying it to folded text gives the same as to the text.
 */
export function documentTerms(text: string, languages: readonly string[]): string {
  const out: string[] = [];
  for (const word of words(text)) out.push(word, ...stems(word, languages));
  return out.join(' ');
}

/** What one query word matches: a term starting with `prefix`, or equal to one of `exact`. */
export interface QueryTerm {
  prefix: string;
  exact: string[];
}

// The glossary by `language:stem` of each of its words (and `language:word`), to its groups.
type Group = Record<string, string[]>;
const groups = (glossary as { groups: Group[] }).groups;
const byKey = new Map<string, Group[]>();
for (const group of groups) {
  for (const [language, names] of Object.entries(group)) {
    for (const name of names) {
      const word = fold(name);
      for (const key of new Set([word, stemmers[language]?.(word) ?? word])) {
        const list = byKey.get(`${language}:${key}`) ?? [];
        if (!list.includes(group)) list.push(group);
        byKey.set(`${language}:${key}`, list);
      }
    }
  }
}

/**
 * The names in every language of the glossary's things that the folded `word` names in one of
 * the glossary's languages ("taladros" → drill, taladro), each with its stem in its language.
 */
export function glossaryTerms(word: string): string[] {
  const out = new Set<string>();
  for (const language of locales) {
    const stem = stemmers[language]?.(word) ?? word;
    for (const key of new Set([word, stem])) {
      for (const group of byKey.get(`${language}:${key}`) ?? []) {
        for (const [lang, names] of Object.entries(group)) {
          for (const name of names) {
            const w = fold(name);
            out.add(w);
            const s = stemmers[lang]?.(w);
            if (s) out.add(s);
          }
        }
      }
    }
  }
  return [...out];
}

/**
 * The terms of query `q`, at most `maxQueryWords`: each word matches as a prefix ("lad" finds
 * "ladder"), or by its stem in `languages`, or by a glossary name of the same thing. A document
 * matches when it matches every one of them.
 */
export function queryTerms(q: string, languages: readonly string[]): QueryTerm[] {
  return words(q)
    .slice(0, maxQueryWords)
    .map((word) => {
      const exact = new Set([...stems(word, languages), ...glossaryTerms(word)]);
      exact.delete(word);
      return { prefix: word, exact: [...exact] };
    });
}
