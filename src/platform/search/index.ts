/**
 * Full-text search across features (SQLite FTS5 / PostgreSQL tsvector). A feature calls
 * `indexDocument` in the same transaction as the write it describes, and `removeDocument` when the
 * thing is gone or no longer listed; `search` finds documents of one community. The terms stored
 * and looked for are Porch's own (`terms.ts`: folded, stemmed, with the glossary's names), so
 * both databases find the same documents.
 */
import { type Compilable, sql } from 'kysely';
import type { Dialect } from '../../../migrations/_columns.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { prepared } from '../db/prepared.ts';
import { documentTerms, maxQueryWords, type QueryTerm, queryTerms, stemLanguages, words } from './terms.ts';

export { fold } from './terms.ts';

/** What can be found. */
export type SearchKind = 'post' | 'item' | 'variety' | 'member';

/** One searchable thing: its title and text, and the page that shows it. */
export interface SearchDocument {
  communityId: string;
  kind: SearchKind;
  subjectId: string;
  title: string;
  body: string;
  /** Path of the page showing it, e.g. `/c/maple/posts/<id>`. */
  url: string;
  /** ISO instant. */
  updatedAt: string;
}

/** A search result, best first. */
export interface SearchHit {
  kind: SearchKind;
  subjectId: string;
  title: string;
  url: string;
}

/** The languages the documents of `communityId` are stemmed in (`stemLanguages`). */
async function languagesOf(db: Db, communityId: string): Promise<string[]> {
  const row = await db
    .selectFrom('community')
    .select('languages')
    .where('id', '=', communityId)
    .executeTakeFirst();
  return stemLanguages(row?.languages.split(',').filter(Boolean) ?? []);
}

/** Adds or replaces the document for (`communityId`, `kind`, `subjectId`). */
export async function indexDocument(db: Db, doc: SearchDocument): Promise<void> {
  const { communityId, kind, subjectId, title, url, updatedAt } = doc;
  const languages = await languagesOf(db, communityId);
  const fields = {
    title,
    url,
    updatedAt,
    titleTerms: documentTerms(title, languages),
    bodyTerms: documentTerms(doc.body, languages),
  };
  await db
    .insertInto('searchDocument')
    .values({ id: newId(), communityId, kind, subjectId, ...fields })
    .onConflict((oc) => oc.columns(['communityId', 'kind', 'subjectId']).doUpdateSet(fields))
    .execute();
}

/** Removes the document for (`communityId`, `kind`, `subjectId`), if any. */
export async function removeDocument(
  db: Db,
  communityId: string,
  kind: SearchKind,
  subjectId: string,
): Promise<void> {
  await db
    .deleteFrom('searchDocument')
    .where('communityId', '=', communityId)
    .where('kind', '=', kind)
    .where('subjectId', '=', subjectId)
    .execute();
}

/**
 * Removes the documents of `kind` for `subjects` (of any communities) in one statement: for a job
 * that works on every community at once.
 */
export async function removeDocuments(
  db: Db,
  kind: SearchKind,
  subjects: readonly { communityId: string; subjectId: string }[],
): Promise<void> {
  if (subjects.length === 0) return;
  await db
    .deleteFrom('searchDocument')
    .where('communityId', 'in', [...new Set(subjects.map((s) => s.communityId))])
    .where('kind', '=', kind)
    .where(
      'subjectId',
      'in',
      subjects.map((s) => s.subjectId),
    )
    .execute();
}

/** The folded words of a query that are looked for, at most `maxQueryWords`. */
export function queryWords(q: string): string[] {
  return words(q).slice(0, maxQueryWords);
}

/** `terms` as a PostgreSQL tsquery: every term, each its prefix or one of its exact words. */
function tsquery(terms: QueryTerm[]): string {
  return terms.map((t) => `(${[`${t.prefix}:*`, ...t.exact].join(' | ')})`).join(' & ');
}

/** `terms` as an FTS5 query: each word quoted (no operators from the user), the prefix starred. */
function ftsQuery(terms: QueryTerm[]): string {
  return terms
    .map((t) => `(${[`"${t.prefix}"*`, ...t.exact.map((e) => `"${e}"`)].join(' OR ')})`)
    .join(' AND ');
}

/**
 * Documents of `communityId` matching every word of `q` (`queryTerms`: as a prefix, by its stem
 * in the community's languages, or by the glossary's names of the thing in other languages),
 * best match first, at most `limit`; `kinds` narrows the search. `languages` are the community's
 * (its `languages` split), when the caller read them with the request; else they are read here.
 */
export async function search(
  db: Db,
  dialect: Dialect,
  communityId: string,
  q: string,
  options: { limit?: number; kinds?: SearchKind[]; languages?: readonly string[] } = {},
): Promise<SearchHit[]> {
  if (queryWords(q).length === 0) return [];
  const languages = options.languages ? stemLanguages(options.languages) : await languagesOf(db, communityId);
  const terms = queryTerms(q, languages);
  const values = {
    communityId,
    // The terms as the database's full-text syntax writes them.
    match: dialect === 'postgres' ? tsquery(terms) : ftsQuery(terms),
    limit: Math.min(options.limit ?? 50, 200),
    kinds: options.kinds?.length ? options.kinds : undefined,
  };
  return dialect === 'postgres' ? searchPostgres(db, values) : searchSqlite(db, values);
}

/** The values of a search statement (see `search`). */
interface SearchValues {
  communityId: string;
  match: string;
  limit: number;
  kinds?: SearchKind[];
}

// Compiled once per database and number of kinds (platform/db/prepared.ts): the search page runs
// one of these for each query.
const searchPostgres = prepared<SearchValues, SearchHit>((db, slot, { kinds }) => {
  // No full-text index on purpose (migration 0015): the community's documents are found first
  // (search_document_subject_uq) and each one's stored tsvector matched, so a search costs what
  // the community holds; a GIN index would collect every community's prefix matches.
  let query = db
    .selectFrom('searchDocument')
    .select(['kind', 'subjectId', 'title', 'url'])
    .where('communityId', '=', slot('communityId'))
    .where(sql<boolean>`tsv @@ to_tsquery('simple', ${slot('match')})`)
    .orderBy(sql`ts_rank(tsv, to_tsquery('simple', ${slot('match')}))`, 'desc')
    .orderBy('updatedAt', 'desc')
    .limit(slot('limit'));
  if (kinds) query = query.where('kind', 'in', slot('kinds'));
  return query;
});

const searchSqlite = prepared<SearchValues, SearchHit>((db, slot, { kinds }) => {
  // CROSS JOIN makes SQLite run the full-text match first and look documents up by rowid; with an
  // inner join it may scan the community's documents and run the match once for each of them.
  let query = db
    .selectFrom(sql`search_fts`.as('f'))
    .crossJoin('searchDocument as d')
    .where(sql`d.rowid`, '=', sql`f.rowid`)
    .select(['d.kind', 'd.subjectId', 'd.title', 'd.url'])
    .where(sql<boolean>`search_fts MATCH ${slot('match')}`)
    .where('d.communityId', '=', slot('communityId'))
    .orderBy(sql`bm25(search_fts, 10.0, 1.0)`)
    .orderBy('d.updatedAt', 'desc')
    .limit(slot('limit'));
  if (kinds) query = query.where('d.kind', 'in', slot('kinds'));
  return query as unknown as Compilable<SearchHit>;
});
