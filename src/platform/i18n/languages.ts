/**
 * The languages a neighbor can say they speak and a community can name as its own: one list
 * for the whole site, in the order forms offer them. Codes are ISO 639 (`sgn`: a sign
 * language); their names come from the catalogs (`languages.<code>`), so translators name them.
 */
import type { Locale, T } from './index.ts';

/** Every language code Porch offers; the ones Porch speaks first. */
export const languageCodes = [
  'en',
  'es',
  'pt',
  'fr',
  'ht',
  'qu',
  'zap',
  'zh',
  'vi',
  'tl',
  'ko',
  'ar',
  'ru',
  'uk',
  'pl',
  'de',
  'it',
  'hi',
  'so',
  'am',
  'sgn',
] as const;
/** A code from `languageCodes`. */
export type LanguageCode = (typeof languageCodes)[number];

const displayNames = new Map<string, Intl.DisplayNames>();

/**
 * The name of language `code` in the reader's language (`t`'s, whose locale is `locale`): the
 * catalog's name, else the one `Intl.DisplayNames` knows (a code a profile kept from before, or
 * from the API: "ig" reads "Igbo"), else the code itself.
 */
export function languageName(t: T, code: string, locale: string = 'en'): string {
  const named = t(`languages.${code}`, { defaultValue: '' });
  if (named) return named;
  let names = displayNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' });
    displayNames.set(locale, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code; // not a well-formed language code
  }
}

/**
 * `[code, name]` for every language, for a form: English and Spanish first (Porch speaks them),
 * the others by name as `locale` sorts them.
 */
export function languageChoices(t: T, locale: Locale): [string, string][] {
  const named = (codes: readonly string[]) =>
    codes.map((c): [string, string] => [c, languageName(t, c, locale)]);
  return [
    ...named(languageCodes.slice(0, 2)),
    ...named(languageCodes.slice(2)).sort((a, b) => a[1].localeCompare(b[1], locale)),
  ];
}
