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
import { padded, prepared } from '../db/prepared.ts';
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

/** What `search` and `rankByKind` are given: the query and the community's languages. */
interface SearchOptions {
  kinds?: SearchKind[];
  /** The community's languages (its `languages` split), when the caller read them with the request. */
  languages?: readonly string[];
}

/** The values of a search statement, or undefined when `q` has no word to look for. */
async function valuesOf(
  db: Db,
  dialect: Dialect,
  communityId: string,
  q: string,
  options: SearchOptions,
): Promise<MatchValues | undefined> {
  if (queryWords(q).length === 0) return undefined;
  const languages = options.languages ? stemLanguages(options.languages) : await languagesOf(db, communityId);
  const terms = queryTerms(q, languages);
  return {
    communityId,
    // The terms as the database's full-text syntax writes them.
    match: dialect === 'postgres' ? tsquery(terms) : ftsQuery(terms),
    kinds: options.kinds?.length ? options.kinds : undefined,
  };
}

/**
 * Documents of `communityId` matching every word of `q` (`queryTerms`: as a prefix, by its stem
 * in the community's languages, or by the glossary's names of the thing in other languages),
 * best match first (ties: the newest first), at most `limit` (50 unless given, at most 200);
 * `kinds` narrows the search; `languages` are read here unless given.
 */
export async function search(
  db: Db,
  dialect: Dialect,
  communityId: string,
  q: string,
  options: SearchOptions & { limit?: number } = {},
): Promise<SearchHit[]> {
  const values = await valuesOf(db, dialect, communityId, q, options);
  if (!values) return [];
  const limited = { ...values, limit: Math.min(options.limit ?? 50, 200) };
  return dialect === 'postgres' ? searchPostgres(db, limited) : searchSqlite(db, limited);
}

/**
 * The ids (`search_document.id`) of every document of `communityId` matching `q`, by kind, each
 * kind's best first: what `search` finds, for a page that shows part of each kind. Only ids:
 * every match is read and ranked, so what a page shows of the few it keeps is read by
 * `documents`; one row per kind, as a row per match cost more to hand over than to rank.
 */
export async function rankByKind(
  db: Db,
  dialect: Dialect,
  communityId: string,
  q: string,
  options: SearchOptions = {},
): Promise<Map<SearchKind, string[]>> {
  const values = await valuesOf(db, dialect, communityId, q, options);
  if (!values) return new Map();
  const rows = await (dialect === 'postgres' ? rankPostgres(db, values) : rankSqlite(db, values));
  return new Map(rows.map((r) => [r.kind, r.ids.split(' ')]));
}

/** The documents `ids` of `communityId` (from `rankByKind`), in the order of `ids`. */
export async function documents(db: Db, communityId: string, ids: readonly string[]): Promise<SearchHit[]> {
  if (ids.length === 0) return [];
  const rows = await documentsByIds(db, { communityId, ids: padded(ids) });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [{ kind: row.kind, subjectId: row.subjectId, title: row.title, url: row.url }] : [];
  });
}

/** The values of a search statement (see `search`). */
interface MatchValues {
  communityId: string;
  match: string;
  kinds?: SearchKind[];
}

type Slot = <K extends keyof MatchValues & string>(name: K) => NonNullable<MatchValues[K]>;

// No full-text index on PostgreSQL on purpose (migration 0015): the community's documents are
// found first (search_document_subject_uq) and each one's stored tsvector matched, so a search
// costs what the community holds; a GIN index would collect every community's prefix matches.
function matchesPostgres(db: Db, slot: Slot, { kinds }: MatchValues) {
  let query = db
    .selectFrom('searchDocument')
    .where('communityId', '=', slot('communityId'))
    .where(sql<boolean>`tsv @@ to_tsquery('simple', ${slot('match')})`);
  if (kinds) query = query.where('kind', 'in', slot('kinds'));
  return query;
}
const rankPostgresOf = (slot: Slot) => sql`ts_rank(tsv, to_tsquery('simple', ${slot('match')}))`;

// CROSS JOIN makes SQLite run the full-text match first and look documents up by rowid; with an
// inner join it may scan the community's documents and run the match once for each of them.
function matchesSqlite(db: Db, slot: Slot, { kinds }: MatchValues) {
  let query = db
    .selectFrom(sql`search_fts`.as('f'))
    .crossJoin('searchDocument as d')
    .where(sql`d.rowid`, '=', sql`f.rowid`)
    .where(sql<boolean>`search_fts MATCH ${slot('match')}`)
    .where('d.communityId', '=', slot('communityId'));
  if (kinds) query = query.where('d.kind', 'in', slot('kinds'));
  return query;
}
const bm25 = sql`bm25(search_fts, 10.0, 1.0)`;

// Compiled once per database and number of kinds (platform/db/prepared.ts): the search page runs
// one of these for each query.
const searchPostgres = prepared<MatchValues & { limit: number }, SearchHit>((db, slot, values) =>
  matchesPostgres(db, slot as Slot, values)
    .select(['kind', 'subjectId', 'title', 'url'])
    .orderBy(rankPostgresOf(slot as Slot), 'desc')
    .orderBy('updatedAt', 'desc')
    .limit(slot('limit')),
);

const searchSqlite = prepared<MatchValues & { limit: number }, SearchHit>(
  (db, slot, values) =>
    matchesSqlite(db, slot as Slot, values)
      .select(['d.kind', 'd.subjectId', 'd.title', 'd.url'])
      .orderBy(bm25)
      .orderBy('d.updatedAt', 'desc')
      .limit(slot('limit')) as unknown as Compilable<SearchHit>,
);

/** A row of the ranking statements: a kind and its documents' ids, best first, space-separated. */
interface RankRow {
  kind: SearchKind;
  ids: string;
}

const rankPostgres = prepared<MatchValues, RankRow>((db, slot, values) =>
  matchesPostgres(db, slot as Slot, values)
    .select([
      'kind',
      sql<string>`string_agg(id::text, ' ' order by ${rankPostgresOf(slot as Slot)} desc, updated_at desc)`.as(
        'ids',
      ),
    ])
    .groupBy('kind'),
);

const rankSqlite = prepared<MatchValues, RankRow>((db, slot, values) => {
  // bm25() is only for the full-text statement itself, so its score is taken there; `limit -1`
  // (no limit) keeps SQLite from merging that statement into the grouping one.
  const scored = matchesSqlite(db, slot as Slot, values)
    .select(['d.id', 'd.kind', 'd.updatedAt', bm25.as('score')])
    .limit(sql.lit(-1));
  return db
    .selectFrom(scored.as('m'))
    .select(['m.kind', sql<string>`group_concat(m.id, ' ' order by m.score, m.updated_at desc)`.as('ids')])
    .groupBy('m.kind') as unknown as Compilable<RankRow>;
});

const documentsByIds = prepared<{ communityId: string; ids: string[] }, SearchHit & { id: string }>(
  (db, slot) =>
    db
      .selectFrom('searchDocument')
      .select(['id', 'kind', 'subjectId', 'title', 'url'])
      .where('communityId', '=', slot('communityId'))
      .where('id', 'in', slot('ids')),
);
