import { stemmer as arabic } from '@orama/stemmers/arabic';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as german } from '@orama/stemmers/german';
import { stemmer as italian } from '@orama/stemmers/italian';
import { stemmer as portuguese } from '@orama/stemmers/portuguese';
import { stemmer as russian } from '@orama/stemmers/russian';
import { stemmer as spanish } from '@orama/stemmers/spanish';
import { stemmer as ukrainian } from '@orama/stemmers/ukrainian';
import type { Kysely } from 'kysely';
import { camelRows, columns, type Dialect } from './_columns.ts';

// The rules of src/platform/search/terms.ts as they are when this migration is written, frozen
// here (migrations import no app code, so a later change to the rules cannot change what this
// migration did).
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
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
const stemLanguages = (community: string[]) => [
  ...new Set(['en', 'es', ...community.filter((code) => stemmers[code])]),
];
function documentTerms(text: string, languages: string[]): string {
  const out: string[] = [];
  for (const word of fold(text).match(/[\p{L}\p{N}]+/gu) ?? []) {
    out.push(word);
    for (const language of languages) {
      const stem = stemmers[language](word);
      if (stem !== word && !out.includes(stem, out.lastIndexOf(word))) out.push(stem);
    }
  }
  return out.join(' ');
}

/**
 * Search finds words in every language the same way on both databases:
 * - `item.name_key`: the item's name folded by Porch (lower case, accents removed), which the
 *   catalog's name filter matches, so "bateria" finds "Batería para taladro" on SQLite and
 *   PostgreSQL alike (lower() and LIKE differ between them on accented letters);
 * - the search index's terms gain each word's stems (`documentTerms`): the stored terms were the
 *   folded text, so they are re-worked from it with the community's languages.
 * The rules are frozen above; a later change to them brings its own migration.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  await db.schema
    .alterTable('item')
    .addColumn('name_key', c.text, (col) => col.notNull().defaultTo(''))
    .execute();
  // Community by community: every statement on a community's rows names it.
  const communities: { id: string; languages: string }[] = await db
    .selectFrom('community')
    .select(['id', 'languages'])
    .execute();
  for (const community of communities) {
    const items: { id: string; name: string }[] = await db
      .selectFrom('item')
      .select(['id', 'name'])
      .where('community_id', '=', community.id)
      .execute();
    for (const item of items) {
      await db
        .updateTable('item')
        .set({ name_key: fold(item.name) })
        .where('community_id', '=', community.id)
        .where('id', '=', item.id)
        .execute();
    }
    const languages = stemLanguages(community.languages.split(',').filter(Boolean));
    const docs: { id: string; titleTerms: string; bodyTerms: string }[] = await db
      .selectFrom('search_document')
      .select(['id', 'title_terms', 'body_terms'])
      .where('community_id', '=', community.id)
      .execute()
      .then(camelRows);
    for (const doc of docs) {
      await db
        .updateTable('search_document')
        .set({
          title_terms: documentTerms(doc.titleTerms, languages),
          body_terms: documentTerms(doc.bodyTerms, languages),
        })
        .where('community_id', '=', community.id)
        .where('id', '=', doc.id)
        .execute();
    }
  }
}
