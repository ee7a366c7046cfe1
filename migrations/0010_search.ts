import { type Kysely, sql } from 'kysely';
import { columns, type Dialect } from './_columns.ts';

/**
 * One search index across features: each searchable thing (a post, an item, a seed variety, a
 * member's skills) keeps one `search_document` row. SQLite searches it with FTS5 (kept in sync by
 * triggers); PostgreSQL with a generated tsvector and a GIN index. Both index `title_terms` and
 * `body_terms`, the text folded by the app (lower case, accents removed) so both dialects match
 * "cafe" to "Café" alike.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  await db.schema
    .createTable('search_document')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('community_id', c.id, (col) => col.notNull().references('community.id').onDelete('cascade'))
    .addColumn('kind', c.text, (col) =>
      col.notNull().check(sql`kind in ('post', 'item', 'variety', 'member')`),
    )
    .addColumn('subject_id', c.id, (col) => col.notNull())
    .addColumn('title', c.text, (col) => col.notNull())
    .addColumn('title_terms', c.text, (col) => col.notNull())
    .addColumn('body_terms', c.text, (col) => col.notNull())
    .addColumn('url', c.text, (col) => col.notNull())
    .addColumn('updated_at', c.instant, (col) => col.notNull())
    .addUniqueConstraint('search_document_subject_uq', ['community_id', 'kind', 'subject_id'])
    .execute();
  if (dialect === 'postgres') {
    await sql`ALTER TABLE search_document ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('simple', title_terms), 'A') || setweight(to_tsvector('simple', body_terms), 'B')) STORED`.execute(
      db,
    );
    await sql`CREATE INDEX search_document_tsv_idx ON search_document USING gin (tsv)`.execute(db);
    return;
  }
  // External-content FTS5 over the table's rowid.
  await sql`CREATE VIRTUAL TABLE search_fts USING fts5(title_terms, body_terms, content='search_document',
    content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')`.execute(db);
  await sql`CREATE TRIGGER search_document_ai AFTER INSERT ON search_document BEGIN
    INSERT INTO search_fts(rowid, title_terms, body_terms) VALUES (new.rowid, new.title_terms, new.body_terms); END`.execute(
    db,
  );
  await sql`CREATE TRIGGER search_document_ad AFTER DELETE ON search_document BEGIN
    INSERT INTO search_fts(search_fts, rowid, title_terms, body_terms)
      VALUES ('delete', old.rowid, old.title_terms, old.body_terms); END`.execute(db);
  await sql`CREATE TRIGGER search_document_au AFTER UPDATE ON search_document BEGIN
    INSERT INTO search_fts(search_fts, rowid, title_terms, body_terms)
      VALUES ('delete', old.rowid, old.title_terms, old.body_terms);
    INSERT INTO search_fts(rowid, title_terms, body_terms) VALUES (new.rowid, new.title_terms, new.body_terms); END`.execute(
    db,
  );
}
