/**
 * SQL of the seed library. Every function takes `(db, communityId, …)` and names the community
 * in its WHERE clause; names of members come from `account` by join.
 */
import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type {
  Db,
  Season,
  SeedLotTable,
  SeedPledgeTable,
  SeedStoryTable,
  SeedVarietyTable,
} from '../../platform/db/database.ts';
import { likePattern, prepared } from '../../platform/db/prepared.ts';

export type VarietyRow = Selectable<SeedVarietyTable>;
export type StoryRow = Selectable<SeedStoryTable> & { authorName: string | null };
export type LotRow = Selectable<SeedLotTable> & { grownByName: string | null };
export type PledgeRow = Selectable<SeedPledgeTable> & {
  memberName: string | null;
  memberEmail: string | null;
  memberLocale: string | null;
};
/** A catalog line: the variety and the packets on the shelf over all its lots. */
export type VarietySummaryRow = VarietyRow & { packetsAvailable: number };

/** Catalog filters: only the varieties `ids` (from a text search), when given; sown in `season`. */
export interface CatalogFilter {
  ids?: string[];
  season?: Season;
}

/** Varieties matching `filter`, by crop then variety name, with packets available. */
export async function listVarieties(db: Db, communityId: string, filter: CatalogFilter) {
  let query = db
    .selectFrom('seedVariety as v')
    .selectAll('v')
    .select((eb) =>
      eb
        .selectFrom('seedLot as l')
        .select(sql<number>`coalesce(sum(${sql.ref('l.packets')}), 0)`.as('n'))
        .whereRef('l.communityId', '=', 'v.communityId')
        .whereRef('l.varietyId', '=', 'v.id')
        .as('packetsAvailable'),
    )
    .where('v.communityId', '=', communityId);
  if (filter.ids) query = query.where('v.id', 'in', filter.ids.length ? filter.ids : ['']);
  if (filter.season) {
    // Seasons are stored as "spring,summer"; framing both sides with commas matches whole names.
    query = query.where(
      sql`',' || ${sql.ref('v.sowingSeasons')} || ','`,
      'like',
      likePattern(`%,${filter.season},%`),
    );
  }
  const rows = await query
    .orderBy(sql`lower(${sql.ref('v.crop')})`)
    .orderBy(sql`lower(${sql.ref('v.name')})`)
    .limit(500)
    .execute();
  return rows.map((r) => ({ ...r, packetsAvailable: Number(r.packetsAvailable ?? 0) }));
}

/** The variety, or undefined. */
export function findVariety(db: Db, communityId: string, id: string) {
  return db
    .selectFrom('seedVariety')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Inserts a variety; returns it. */
export function insertVariety(db: Db, values: Insertable<SeedVarietyTable>) {
  return db.insertInto('seedVariety').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Updates a variety; returns it. */
export function updateVariety(
  db: Db,
  communityId: string,
  id: string,
  values: Omit<Updateable<SeedVarietyTable>, 'id' | 'communityId'>,
) {
  return db
    .updateTable('seedVariety')
    .set(values)
    .where('communityId', '=', communityId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

const storyColumns = [
  's.id',
  's.communityId',
  's.varietyId',
  's.authorId',
  's.kind',
  's.body',
  's.memoryYear',
  's.photoId',
  's.hiddenAt',
  's.hiddenBy',
  's.createdAt',
  's.updatedAt',
] as const;

/**
 * The stories of a variety as a thread over the years: by the year the memory is from, then by
 * when they were added; stories without a year (most tips) come last. NULLs sort differently on
 * the two dialects, hence the explicit first key.
 */
export function listStories(db: Db, communityId: string, varietyId: string): Promise<StoryRow[]> {
  return db
    .selectFrom('seedStory as s')
    .leftJoin('account as a', 'a.id', 's.authorId')
    .select([...storyColumns, 'a.displayName as authorName'])
    .where('s.communityId', '=', communityId)
    .where('s.varietyId', '=', varietyId)
    .orderBy(sql`case when ${sql.ref('s.memoryYear')} is null then 1 else 0 end`)
    .orderBy('s.memoryYear')
    .orderBy('s.createdAt')
    .orderBy('s.id')
    .execute();
}

/** The story of the variety, with its author's name, or undefined. */
export function findStory(db: Db, communityId: string, varietyId: string, id: string) {
  return db
    .selectFrom('seedStory as s')
    .leftJoin('account as a', 'a.id', 's.authorId')
    .select([...storyColumns, 'a.displayName as authorName'])
    .where('s.communityId', '=', communityId)
    .where('s.varietyId', '=', varietyId)
    .where('s.id', '=', id)
    .executeTakeFirst();
}

/** The story showing the photo `photoId`, if any. */
export function findStoryOfPhoto(db: Db, communityId: string, photoId: string) {
  return db
    .selectFrom('seedStory')
    .select(['authorId', 'hiddenAt'])
    .where('communityId', '=', communityId)
    .where('photoId', '=', photoId)
    .executeTakeFirst();
}

/** Inserts a story. */
export async function insertStory(db: Db, values: Insertable<SeedStoryTable>) {
  await db.insertInto('seedStory').values(values).execute();
}

/** Updates a story's text, kind, year or hidden state. */
export async function updateStory(
  db: Db,
  communityId: string,
  id: string,
  values: Omit<Updateable<SeedStoryTable>, 'id' | 'communityId' | 'varietyId'>,
) {
  await db
    .updateTable('seedStory')
    .set(values)
    .where('communityId', '=', communityId)
    .where('id', '=', id)
    .execute();
}

/**
 * The story's photo id (null when it has none), or undefined when the story is gone; the row
 * stays locked until the transaction ends (`platform/db/locking.ts`).
 */
export function lockStoryPhoto(db: Db, communityId: string, id: string) {
  return db
    .selectFrom('seedStory')
    .select('photoId')
    .where('communityId', '=', communityId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** Deletes a story. */
export async function deleteStory(db: Db, communityId: string, id: string) {
  await db.deleteFrom('seedStory').where('communityId', '=', communityId).where('id', '=', id).execute();
}

const lotColumns = [
  'l.id',
  'l.communityId',
  'l.varietyId',
  'l.packets',
  'l.harvestYear',
  'l.germinationRate',
  'l.grownBy',
  'l.notes',
  'l.source',
  'l.addedBy',
  'l.createdAt',
] as const;

/** Lots of the variety that still have packets, newest harvest first. */
export function listLots(db: Db, communityId: string, varietyId: string): Promise<LotRow[]> {
  return db
    .selectFrom('seedLot as l')
    .leftJoin('account as a', 'a.id', 'l.grownBy')
    .select([...lotColumns, 'a.displayName as grownByName'])
    .where('l.communityId', '=', communityId)
    .where('l.varietyId', '=', varietyId)
    .where('l.packets', '>', 0)
    .orderBy('l.harvestYear', 'desc')
    .orderBy('l.createdAt', 'desc')
    .execute();
}

/** The lot of the variety, with the grower's name, or undefined. */
export function findLot(db: Db, communityId: string, varietyId: string, id: string) {
  return db
    .selectFrom('seedLot as l')
    .leftJoin('account as a', 'a.id', 'l.grownBy')
    .select([...lotColumns, 'a.displayName as grownByName'])
    .where('l.communityId', '=', communityId)
    .where('l.varietyId', '=', varietyId)
    .where('l.id', '=', id)
    .executeTakeFirst();
}

/** Inserts a lot. */
export async function insertLot(db: Db, values: Insertable<SeedLotTable>) {
  await db.insertInto('seedLot').values(values).execute();
}

/**
 * Takes `packets` from the lot in one conditional statement, so two members taking the last
 * packet at once cannot both get it. Returns the updated lot, or undefined when the lot has
 * fewer packets (or does not exist).
 */
export function takePackets(db: Db, communityId: string, varietyId: string, id: string, packets: number) {
  return db
    .updateTable('seedLot')
    .set((eb) => ({ packets: eb('packets', '-', packets) }))
    .where('communityId', '=', communityId)
    .where('varietyId', '=', varietyId)
    .where('id', '=', id)
    .where('packets', '>=', packets)
    .returning('id')
    .executeTakeFirst();
}

const pledgeColumns = [
  'p.id',
  'p.communityId',
  'p.varietyId',
  'p.lotId',
  'p.accountId',
  'p.packetsTaken',
  'p.expectedMonth',
  'p.status',
  'p.returnedLotId',
  'p.remindedAt',
  'p.createdAt',
  'p.closedAt',
] as const;

/** Inserts a pledge. */
export async function insertPledge(db: Db, values: Insertable<SeedPledgeTable>) {
  await db.insertInto('seedPledge').values(values).execute();
}

/** The pledge (of the variety, when given), with the member's name, or undefined. */
export function findPledge(
  db: Db,
  communityId: string,
  id: string,
  varietyId?: string,
): Promise<PledgeRow | undefined> {
  let query = db
    .selectFrom('seedPledge as p')
    .innerJoin('account as a', 'a.id', 'p.accountId')
    .select([
      ...pledgeColumns,
      'a.displayName as memberName',
      'a.email as memberEmail',
      'a.locale as memberLocale',
    ])
    .where('p.communityId', '=', communityId)
    .where('p.id', '=', id);
  if (varietyId) query = query.where('p.varietyId', '=', varietyId);
  return query.executeTakeFirst();
}

/** Open pledges, of one variety and/or one member, by expected month. */
export function listOpenPledges(
  db: Db,
  communityId: string,
  filter: { varietyId?: string; accountId?: string },
): Promise<OpenPledge[]> {
  return openPledges(db, {
    communityId,
    varietyId: filter.varietyId || undefined,
    accountId: filter.accountId || undefined,
  });
}

/** An open pledge with its member's name and its variety's crop and name. */
export type OpenPledge = Selectable<SeedPledgeTable> & {
  memberName: string;
  crop: string;
  varietyName: string;
};

// Compiled once (platform/db/prepared.ts): every page of a member counts the seed they owe.
const openPledges = prepared<{ communityId: string; varietyId?: string; accountId?: string }, OpenPledge>(
  (db, slot, { varietyId, accountId }) => {
    let query = db
      .selectFrom('seedPledge as p')
      .innerJoin('account as a', 'a.id', 'p.accountId')
      .innerJoin('seedVariety as v', (join) =>
        join.onRef('v.communityId', '=', 'p.communityId').onRef('v.id', '=', 'p.varietyId'),
      )
      .select([...pledgeColumns, 'a.displayName as memberName', 'v.crop', 'v.name as varietyName'])
      .where('p.communityId', '=', slot('communityId'))
      .where('p.status', '=', 'open');
    if (varietyId) query = query.where('p.varietyId', '=', slot('varietyId'));
    if (accountId) query = query.where('p.accountId', '=', slot('accountId'));
    return query.orderBy('p.expectedMonth').orderBy('p.createdAt').limit(500);
  },
  ({ varietyId, accountId }) => `${Boolean(varietyId)} ${Boolean(accountId)}`,
);

/**
 * Closes an open pledge as `status` in one conditional statement (so a return and a cancel
 * cannot both close it). Returns false when it was not open any more.
 */
export async function closePledge(
  db: Db,
  communityId: string,
  id: string,
  status: 'returned' | 'done' | 'cancelled',
  now: string,
  returnedLotId: string | null = null,
): Promise<boolean> {
  const result = await db
    .updateTable('seedPledge')
    .set({ status, closedAt: now, returnedLotId })
    .where('communityId', '=', communityId)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records that the reminder of the pledge was sent. */
export async function markReminded(db: Db, communityId: string, id: string, now: string) {
  await db
    .updateTable('seedPledge')
    .set({ remindedAt: now })
    .where('communityId', '=', communityId)
    .where('id', '=', id)
    .execute();
}
