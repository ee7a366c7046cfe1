/**
 * Translations: i18next with one JSON catalog per locale in `locales/`. Plurals follow CLDR
 * (`Intl.PluralRules`) via i18next's suffixes: every category the locale has (`_one`, `_other`;
 * Spanish also `_many`, for a million), checked by a test. Numbers placed in a text are written
 * as the locale writes them (`Intl.NumberFormat`: "1,5", "1.000.000"). A missing key falls back
 * to English, then to the key.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import i18next, { type TFunction } from 'i18next';
import { projectFile } from '../files.ts';
import { isolate } from '../text.ts';

/** Locales with a catalog, in the order they are offered. */
export const locales = ['en', 'es'] as const;
/** A supported locale code. */
export type Locale = (typeof locales)[number];
/** A translate function bound to one locale. */
export type T = TFunction;

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * `n` as `locale` writes it ("1,5" and "1.000.000" in Spanish). Four digits stay ungrouped in
 * every locale ("2026", not "2,026"), so a year reads as a year.
 */
export function formatNumber(locale: string, n: number): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { useGrouping: 'min2', maximumFractionDigits: 2 });
    numberFormats.set(locale, format);
  }
  return format.format(n);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A calendar day (`YYYY-MM-DD`) written out as `locale` writes it, with the weekday ("Tuesday,
 * December 8, 2026"; "martes, 8 de diciembre de 2026"): for mails, where no page shows a
 * calendar beside it.
 */
export function formatDay(locale: string, day: string): string {
  let format = dayFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' });
    dayFormats.set(locale, format);
  }
  return format.format(new Date(`${day}T00:00:00Z`));
}

const durationFormats = new Map<string, Intl.NumberFormat>();

/**
 * A wait of `seconds` as `locale` says it, in the largest unit that reads naturally, rounded up
 * so that nobody comes back too early: "45 seconds", "59 minutes", "2 hours", "3 days" ("59
 * minutos"), with each language's plural forms (`Intl.NumberFormat`'s long units, CLDR). Under
 * 90 seconds in seconds, under 90 minutes in minutes, under 48 hours in hours, else days.
 */
export function formatDuration(locale: string, seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  const [unit, size] =
    s < 90 ? ['second', 1] : s < 90 * 60 ? ['minute', 60] : s < 48 * 3600 ? ['hour', 3600] : ['day', 86_400];
  const key = `${locale} ${unit}`;
  let format = durationFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'unit', unit: unit as string, unitDisplay: 'long' });
    durationFormats.set(key, format);
  }
  return format.format(Math.ceil(s / (size as number)));
}

/** The i18next options Porch uses (also for a reference instance in tests). */
export const i18nextOptions = {
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...locales],
  initAsync: false,
  returnNull: false,
  // Preact escapes what it renders; escaping here too would show "&amp;". Every value goes
  // through the formatter, so numbers are localized (`localizeNumbers`).
  interpolation: { escapeValue: false, alwaysFormat: true },
};

/**
 * Makes `i18n` (initialized with `i18nextOptions`) write every number it places in a text with
 * `formatNumber`, and isolate every text it places (`isolate`: a right-to-left name cannot turn
 * the sentence around); values with an explicit format (`{{n, number}}`) keep i18next's, and
 * `{{seconds, duration}}` writes a wait with `formatDuration`.
 */
export function localizeNumbers(i18n: typeof i18next): void {
  i18n.services.formatter?.add('duration', (value, lng) =>
    typeof value === 'number' && Number.isFinite(value) ? formatDuration(lng ?? 'en', value) : value,
  );
  const interpolator = i18n.services.interpolator as unknown as {
    format: (value: unknown, format: string | undefined, lng: string, options: object) => unknown;
  };
  const format = interpolator.format;
  interpolator.format = (value, f, lng, options) => {
    if (f !== undefined) return format(value, f, lng, options);
    if (typeof value === 'number' && Number.isFinite(value)) return formatNumber(lng, value);
    return typeof value === 'string' ? isolate(value) : value;
  };
}

const instance = i18next.createInstance();
await instance.init({
  ...i18nextOptions,
  resources: Object.fromEntries(locales.map((l) => [l, { translation: catalog(l) }])),
});
localizeNumbers(instance);

/**
 * The catalog of `locale`: `locales/<locale>.json` (the platform's strings) merged with each
 * feature's `locales/<locale>/<feature>.json` under the key `<feature>`, so each feature's
 * strings can be translated and edited on their own.
 */
export function catalog(locale: Locale): Record<string, unknown> {
  const dir = projectFile(`locales/${locale}/`);
  const read = (url: URL) => JSON.parse(readFileSync(url, 'utf8'));
  const merged: Record<string, unknown> = read(projectFile(`locales/${locale}.json`));
  if (existsSync(dir)) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      merged[file.slice(0, -5)] = read(new URL(file, dir));
    }
  }
  return merged;
}

const translators = new Map<Locale, T>();

/**
 * A translate function for `locale`, the same for every call. A page calls it a few hundred
 * times, and i18next's own bound function copies all of its options on every call (tens of µs).
 * So a key alone is looked up once per locale and remembered (the catalogs never change while
 * running); a key whose text has only plain `{{name}}` places, called with just those values
 * (and `count`, `defaultValue`), is filled in here from the catalog text, as i18next would;
 * anything else goes to i18next with the language set.
 */
export function translator(locale: Locale): T {
  let t = translators.get(locale);
  if (!t) {
    t = fastTranslator(locale);
    translators.set(locale, t);
  }
  return t;
}

/** A catalog text cut at its `{{name}}` places: text, name, text, name, …, text. */
type Template = string[];

// Texts i18next must handle itself: nesting, formats, unescaped or spaced places.
const plainPlaces = /\{\{(\w+)\}\}/g;
const special = /\$t\(|\{\{(?!\w+\}\})/;

function fastTranslator(locale: Locale): T {
  const fixed = instance.getFixedT(locale);
  const known = new Map<string, string>();
  const templates = new Map<string, Template | null>();
  const plural = new Intl.PluralRules(locale);
  const zero = new Map<string, boolean>();
  const hasZero = (key: string): boolean => {
    let found = zero.get(key);
    if (found === undefined) {
      found = instance.getResource(locale, 'translation', `${key}_zero`) !== undefined;
      zero.set(key, found);
    }
    return found;
  };
  const template = (key: string): Template | null => {
    let parts = templates.get(key);
    if (parts === undefined) {
      const text: unknown = instance.getResource(locale, 'translation', key);
      parts = typeof text === 'string' && !special.test(text) ? text.split(plainPlaces) : null;
      templates.set(key, parts);
    }
    return parts;
  };
  // The text of `key` filled with `values`, or undefined when i18next should decide.
  const fill = (key: string, values: Record<string, unknown>): string | undefined => {
    const count = values.count;
    let parts: Template | null;
    if (count === undefined) parts = template(key);
    else if (typeof count !== 'number') return undefined;
    // For 0, i18next takes a `_zero` text when the catalog has one (every menu count is 0 mostly).
    else if (count === 0 && hasZero(key)) parts = template(`${key}_zero`);
    else parts = template(`${key}_${plural.select(count)}`);
    // Values the text does not use may be options for i18next (context, ordinal…).
    if (!parts || !allUsed(parts, values)) return undefined;
    let text = parts[0];
    for (let i = 1; i < parts.length; i += 2) {
      const value = values[parts[i]];
      if (typeof value === 'string') text += isolate(value) + parts[i + 1];
      else if (typeof value === 'number' && Number.isFinite(value))
        text += formatNumber(locale, value) + parts[i + 1];
      else return undefined;
    }
    return text;
  };
  const t = (key: unknown, options?: unknown, ...rest: unknown[]) => {
    if (typeof key === 'string' && rest.length === 0) {
      if (options === undefined) {
        let text = known.get(key);
        if (text === undefined) {
          text = fixed(key) as string;
          known.set(key, text);
        }
        return text;
      }
      if (typeof options === 'object' && options !== null) {
        const values = options as Record<string, unknown>;
        return fill(key, values) ?? instance.t(key, { ...values, lng: locale });
      }
    }
    return (fixed as unknown as (...args: unknown[]) => string)(key, options, ...rest);
  };
  return t as unknown as T;
}

// Whether every value but `count` and `defaultValue` has a place in `parts` (a name may repeat).
function allUsed(parts: Template, values: Record<string, unknown>): boolean {
  for (const name in values) {
    if (name === 'count' || name === 'defaultValue') continue;
    let found = false;
    for (let i = 1; i < parts.length; i += 2) if (parts[i] === name) found = true;
    if (!found) return false;
  }
  return true;
}

/** Whether `value` is a supported locale code. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/**
 * Picks the locale: the member's own choice, then the browser's `Accept-Language` (RFC 9110
 * §12.5.4, by q-value), then the community's first language, then English.
 */
export function negotiateLocale(
  choice: string | null | undefined,
  acceptLanguage: string | undefined,
  community?: string[],
): Locale {
  if (isLocale(choice)) return choice;
  const accepted = acceptLanguage ? acceptedLocale(acceptLanguage) : null;
  if (accepted) return accepted;
  for (const lang of community ?? []) if (isLocale(lang)) return lang;
  return 'en';
}

// Browsers send few distinct Accept-Language headers; each is read once (a page asks on every
// request). Emptied when full, so no header sent can grow it without bound.
const acceptedLocales = new Map<string, Locale | null>();

/** The supported locale `acceptLanguage` ranks highest by q-value, or null for none. */
function acceptedLocale(acceptLanguage: string): Locale | null {
  let found = acceptedLocales.get(acceptLanguage);
  if (found !== undefined) return found;
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((x) => x.lang && x.q > 0)
    .sort((a, b) => b.q - a.q);
  found = (ranked.find(({ lang }) => isLocale(lang))?.lang as Locale | undefined) ?? null;
  if (acceptedLocales.size >= 1000) acceptedLocales.clear();
  acceptedLocales.set(acceptLanguage, found);
  return found;
}

/**
 * The translator for a message to one person of a community, mail above all: their own
 * language (`choice`), else the community's first supported one (`communityLanguages`), else
 * English. No browser is there to ask.
 */
export function translatorFor(choice: string | null | undefined, communityLanguages: readonly string[]): T {
  return translator(negotiateLocale(choice, undefined, [...communityLanguages]));
}
