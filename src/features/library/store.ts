/**
 * SQL of the lending library, and only SQL: items, their photos, the export and the import here;
 * loans and an item's history in `store-loans.ts`, the waitlist and settings in
 * `store-waitlist.ts`, both re-exported from here. Every function takes the community id and
 * filters by it.
 */
import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db, Item, ItemCategory, ItemTable } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { likePattern, padded, prepared } from '../../platform/db/prepared.ts';
import { fold } from '../../platform/search/terms.ts';

// ── items ────────────────────────────────────────────────────────────────────────────────

/** The item, archived or not. */
export function findItem(db: Db, communityId: string, itemId: string) {
  return db
    .selectFrom('item')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('id', '=', itemId)
    .executeTakeFirst();
}

/**
 * The item, locked for the rest of the transaction (`platform/db/locking.ts`), so two approvals
 * of the same item run one after the other.
 */
export function lockItem(db: Db, communityId: string, itemId: string) {
  return db
    .selectFrom('item')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('id', '=', itemId)
    .forUpdate()
    .executeTakeFirst();
}

/** Filters of the catalog. */
export interface ItemFilter {
  q?: string;
  category?: ItemCategory;
  /** Only items with no booking covering `today`. */
  availableOn?: string;
  ownerId?: string | null;
  offset?: number;
  limit?: number;
}

/** What picks a page of the catalog (see `listItems`). */
interface ItemsQuery {
  communityId: string;
  /** A LIKE pattern of the folded name. */
  namePattern?: string;
  category?: ItemCategory;
  availableOn?: string;
  ownerId?: string;
  /** Only the shed's items (no owner). */
  shed?: boolean;
  offset: number;
  limit: number;
}

const items = prepared<ItemsQuery, Item & { ownerName: string | null }>(
  (db, slot, f) => {
    let q = db
      .selectFrom('item')
      .leftJoin('account', 'account.id', 'item.ownerId')
      .selectAll('item')
      .select('account.displayName as ownerName')
      .where('item.communityId', '=', slot('communityId'))
      .where('item.archivedAt', 'is', null);
    if (f.namePattern)
      q = q.where(sql<boolean>`item.name_key like ${likePattern(slot('namePattern'))} escape '\\'`);
    if (f.category) q = q.where('item.category', '=', slot('category'));
    if (f.shed) q = q.where('item.ownerId', 'is', null);
    else if (f.ownerId) q = q.where('item.ownerId', '=', slot('ownerId'));
    if (f.availableOn) {
      q = q.where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('loan')
              .select('loan.id')
              .where('loan.communityId', '=', slot('communityId'))
              .whereRef('loan.itemId', '=', 'item.id')
              .where((eb) => coversDay(eb, slot('availableOn'))),
          ),
        ),
      );
    }
    return q.orderBy('item.name').orderBy('item.id').limit(slot('limit')).offset(slot('offset'));
  },
  (f) => [f.namePattern, f.category, f.availableOn, f.ownerId, f.shed].map(Boolean).join(' '),
);

/** Items of the catalog (not archived), by name, with the owner's name. */
export function listItems(db: Db, communityId: string, f: ItemFilter) {
  // The folded name, so accents and case match alike on both databases; \ escapes the
  // wildcards a name may hold.
  const namePattern = f.q ? `%${fold(f.q).replace(/[\\%_]/g, '\\$&')}%` : undefined;
  return items(db, {
    communityId,
    namePattern,
    category: f.category || undefined,
    availableOn: f.availableOn || undefined,
    ownerId: f.ownerId || undefined,
    shed: f.ownerId === null,
    offset: f.offset ?? 0,
    limit: f.limit ?? 500,
  });
}

/** The live items of `itemIds` (not archived) with the owner's name, in no order. */
export function listItemsByIds(db: Db, communityId: string, itemIds: string[]) {
  return itemsByIds(db, { communityId, itemIds: itemIds.length ? padded(itemIds) : [''] });
}

// Compiled once per number of ids (platform/db/prepared.ts), as the queries below: search pages.
const itemsByIds = prepared<{ communityId: string; itemIds: string[] }, Item & { ownerName: string | null }>(
  (db, slot) =>
    db
      .selectFrom('item')
      .leftJoin('account', 'account.id', 'item.ownerId')
      .selectAll('item')
      .select('account.displayName as ownerName')
      .where('item.communityId', '=', slot('communityId'))
      .where('item.id', 'in', slot('itemIds'))
      .where('item.archivedAt', 'is', null),
);

// A booked loan covering `day`; a loan still out past its due day keeps covering today.
function coversDay(eb: any, day: string) {
  return eb.or([
    eb.and([eb('loan.status', '=', 'approved'), eb('loan.startsOn', '<=', day), eb('loan.dueOn', '>=', day)]),
    eb.and([eb('loan.status', '=', 'out'), eb('loan.startsOn', '<=', day)]),
  ]);
}

/** Ids of the given items that are booked on `day`. */
export async function listBookedItemIds(db: Db, communityId: string, itemIds: string[], day: string) {
  if (itemIds.length === 0) return new Set<string>();
  const rows = await bookedItemIds(db, { communityId, itemIds: padded(itemIds), day });
  return new Set(rows.map((r) => r.itemId));
}

// Compiled once per number of ids (platform/db/prepared.ts): every catalog page shows what is free.
const bookedItemIds = prepared<{ communityId: string; itemIds: string[]; day: string }, { itemId: string }>(
  (db, slot) =>
    db
      .selectFrom('loan')
      .select('loan.itemId')
      .where('loan.communityId', '=', slot('communityId'))
      .where('loan.itemId', 'in', slot('itemIds'))
      .where((eb) => coversDay(eb, slot('day'))),
);

/** Adds an item. */
export function insertItem(db: Db, values: Omit<Insertable<ItemTable>, 'id' | 'nameKey'>) {
  return db
    .insertInto('item')
    .values({ id: newId(), ...values, nameKey: fold(values.name) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Changes an item. */
export function updateItem(
  db: Db,
  communityId: string,
  itemId: string,
  patch: Omit<Updateable<ItemTable>, 'nameKey'>,
) {
  return db
    .updateTable('item')
    .set(patch.name === undefined ? patch : { ...patch, nameKey: fold(patch.name) })
    .where('communityId', '=', communityId)
    .where('id', '=', itemId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Photo ids of the given items, in display order. */
export function listItemPhotos(db: Db, communityId: string, itemIds: string[]) {
  if (itemIds.length === 0) return Promise.resolve([]);
  return itemPhotos(db, { communityId, itemIds: padded(itemIds) });
}

// Compiled once per number of ids (platform/db/prepared.ts): every catalog page shows photos.
const itemPhotos = prepared<
  { communityId: string; itemIds: string[] },
  { itemId: string; photoId: string; position: number }
>((db, slot) =>
  db
    .selectFrom('itemPhoto')
    .select(['itemId', 'photoId', 'position'])
    .where('communityId', '=', slot('communityId'))
    .where('itemId', 'in', slot('itemIds'))
    .orderBy('position'),
);

/** The item showing the photo `photoId`, if any (archived or not). */
export function findItemOfPhoto(db: Db, communityId: string, photoId: string) {
  return db
    .selectFrom('itemPhoto')
    .innerJoin('item', (join) =>
      join.onRef('item.communityId', '=', 'itemPhoto.communityId').onRef('item.id', '=', 'itemPhoto.itemId'),
    )
    .select(['item.id', 'item.archivedAt'])
    .where('itemPhoto.communityId', '=', communityId)
    .where('itemPhoto.photoId', '=', photoId)
    .executeTakeFirst();
}

/** Attaches photos to an item after its last one. */
export async function insertItemPhotos(db: Db, communityId: string, itemId: string, photoIds: string[]) {
  if (photoIds.length === 0) return;
  const { last } = await db
    .selectFrom('itemPhoto')
    .select((eb) => eb.fn.max('position').as('last'))
    .where('communityId', '=', communityId)
    .where('itemId', '=', itemId)
    .executeTakeFirstOrThrow();
  const start = last === null ? 0 : Number(last) + 1;
  await db
    .insertInto('itemPhoto')
    .values(photoIds.map((photoId, i) => ({ communityId, itemId, photoId, position: start + i })))
    .execute();
}

/** Detaches a photo from an item; returns whether it was attached. */
export async function deleteItemPhoto(db: Db, communityId: string, itemId: string, photoId: string) {
  const r = await db
    .deleteFrom('itemPhoto')
    .where('communityId', '=', communityId)
    .where('itemId', '=', itemId)
    .where('photoId', '=', photoId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Every live item with its owner's name, by name (for the stewards' export). */
export function listItemsForExport(db: Db, communityId: string) {
  return db
    .selectFrom('item')
    .leftJoin('account', 'account.id', 'item.ownerId')
    .leftJoin('place', (j) =>
      j.onRef('place.communityId', '=', 'item.communityId').onRef('place.id', '=', 'item.placeId'),
    )
    .selectAll('item')
    .select(['account.displayName as ownerName', 'place.name as placeName'])
    .where('item.communityId', '=', communityId)
    .where('item.archivedAt', 'is', null)
    .orderBy('item.name')
    .execute();
}

/** Adds many items at once (the spreadsheet import). */
export async function insertItems(db: Db, rows: Omit<Insertable<ItemTable>, 'nameKey'>[]) {
  // Chunks keep each statement under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 50) {
    await db
      .insertInto('item')
      .values(rows.slice(i, i + 50).map((r) => ({ ...r, nameKey: fold(r.name) })))
      .execute();
  }
}

export * from './store-loans.ts';
export * from './store-waitlist.ts';

/** The address and language to mail a person in; undefined once their account is erased. */
export function findMailContact(db: Db, accountId: string) {
  return db
    .selectFrom('account')
    .select(['email', 'locale', 'displayName'])
    .where('id', '=', accountId)
    .where('erasedAt', 'is', null)
    .executeTakeFirst();
}

/** The live items added last (at most `limit`), with their owners' names. */
export function listNewItems(db: Db, communityId: string, limit: number) {
  return db
    .selectFrom('item')
    .leftJoin('account as owner', 'owner.id', 'item.ownerId')
    .select(['item.id', 'item.name', 'item.createdAt', 'owner.displayName as ownerName'])
    .where('item.communityId', '=', communityId)
    .where('item.archivedAt', 'is', null)
    .orderBy('item.createdAt', 'desc')
    .limit(limit)
    .execute();
}
