/** The newsletter's SQL. Every function takes the community's id and filters by it. */
import type { Insertable, Updateable } from 'kysely';
import type {
  Db,
  Newsletter,
  NewsletterEdition,
  NewsletterSection,
  NewsletterSectionTable,
  NewsletterTable,
} from '../../platform/db/database.ts';

/** The issue `id`, or undefined. */
export function findNewsletter(db: Db, communityId: string, id: string): Promise<Newsletter | undefined> {
  return db
    .selectFrom('newsletter')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The issue of `month` (`YYYY-MM`), or undefined. */
export function findByMonth(db: Db, communityId: string, month: string): Promise<Newsletter | undefined> {
  return db
    .selectFrom('newsletter')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('month', '=', month)
    .executeTakeFirst();
}

/** The latest issue of a month before `month`, or undefined. */
export function findBefore(db: Db, communityId: string, month: string): Promise<Newsletter | undefined> {
  return db
    .selectFrom('newsletter')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('month', '<', month)
    .orderBy('month', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The issues, newest month first; only published ones (public ones only) when asked. */
export function listNewsletters(
  db: Db,
  communityId: string,
  only: { published?: boolean; public?: boolean } = {},
  limit = 60,
): Promise<Newsletter[]> {
  let q = db.selectFrom('newsletter').selectAll().where('communityId', '=', communityId);
  if (only.published) q = q.where('publishedAt', 'is not', null);
  if (only.public) q = q.where('isPublic', '=', 1);
  return q.orderBy('month', 'desc').limit(limit).execute();
}

/**
 * Inserts the issue unless its month has one (the unique key decides, on both databases: two
 * jobs compiling at once make one). Returns whether it was inserted.
 */
export async function insertNewsletter(db: Db, row: Insertable<NewsletterTable>): Promise<boolean> {
  const result = await db
    .insertInto('newsletter')
    .values(row)
    .onConflict((oc) => oc.columns(['communityId', 'month']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Changes the issue. */
export async function updateNewsletter(
  db: Db,
  communityId: string,
  id: string,
  changes: Updateable<NewsletterTable>,
): Promise<void> {
  await db
    .updateTable('newsletter')
    .set(changes)
    .where('communityId', '=', communityId)
    .where('id', '=', id)
    .execute();
}

/**
 * Marks a draft published and sent at `now`, unless it was already: one conditional statement,
 * so of two requests (or processes) at once exactly one gets true.
 */
export async function markSent(
  db: Db,
  communityId: string,
  id: string,
  values: { now: string; by: string; isPublic: number },
): Promise<boolean> {
  const result = await db
    .updateTable('newsletter')
    .set({
      publishedAt: values.now,
      sentAt: values.now,
      publishedBy: values.by,
      isPublic: values.isPublic,
      updatedAt: values.now,
    })
    .where('communityId', '=', communityId)
    .where('id', '=', id)
    .where('sentAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The editions (one per language). */
export function listEditions(
  db: Db,
  communityId: string,
  newsletterId: string,
): Promise<NewsletterEdition[]> {
  return db
    .selectFrom('newsletterEdition')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('newsletterId', '=', newsletterId)
    .execute();
}

/** The sections in every language, in order. */
export function listSections(
  db: Db,
  communityId: string,
  newsletterId: string,
): Promise<NewsletterSection[]> {
  return db
    .selectFrom('newsletterSection')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('newsletterId', '=', newsletterId)
    .orderBy('locale')
    .orderBy('position')
    .execute();
}

/** Removes the editions and their sections (before compiling it again). */
export async function deleteEditions(db: Db, communityId: string, newsletterId: string): Promise<void> {
  await db
    .deleteFrom('newsletterSection')
    .where('communityId', '=', communityId)
    .where('newsletterId', '=', newsletterId)
    .execute();
  await db
    .deleteFrom('newsletterEdition')
    .where('communityId', '=', communityId)
    .where('newsletterId', '=', newsletterId)
    .execute();
}

/** Writes an edition and its sections. */
export async function insertEdition(
  db: Db,
  edition: Insertable<NewsletterEdition>,
  sections: readonly Insertable<NewsletterSectionTable>[],
): Promise<void> {
  await db.insertInto('newsletterEdition').values(edition).execute();
  if (sections.length > 0)
    await db
      .insertInto('newsletterSection')
      .values([...sections])
      .execute();
}

/** Changes an edition's title and introduction. */
export async function updateEdition(
  db: Db,
  communityId: string,
  newsletterId: string,
  locale: string,
  changes: { title: string; intro: string },
): Promise<void> {
  await db
    .updateTable('newsletterEdition')
    .set(changes)
    .where('communityId', '=', communityId)
    .where('newsletterId', '=', newsletterId)
    .where('locale', '=', locale)
    .execute();
}

/** Changes a section's heading and text. */
export async function updateSection(
  db: Db,
  communityId: string,
  id: string,
  changes: { heading: string; body: string },
): Promise<void> {
  await db
    .updateTable('newsletterSection')
    .set(changes)
    .where('communityId', '=', communityId)
    .where('id', '=', id)
    .execute();
}

/** Removes sections. */
export async function deleteSections(db: Db, communityId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .deleteFrom('newsletterSection')
    .where('communityId', '=', communityId)
    .where('id', 'in', [...ids])
    .execute();
}

/** The ids of the communities that are live (not archived), for the monthly job. */
export async function listLiveCommunityIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('community').select('id').where('archivedAt', 'is', null).execute();
  return rows.map((r) => r.id);
}

/** The active members of the community: ids. */
export async function listActiveMemberIds(db: Db, communityId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('membership')
    .select('accountId')
    .where('communityId', '=', communityId)
    .where('status', '=', 'active')
    .execute();
  return rows.map((r) => r.accountId);
}
