/**
 * SQL of the lending library, and only SQL. Every function takes the community id and filters
 * by it. Loan days are `YYYY-MM-DD` text; ranges are inclusive on both ends.
 */
import { type Insertable, sql, type Updateable } from 'kysely';
import type {
  Db,
  Item,
  ItemCategory,
  ItemTable,
  Loan,
  LoanEventKind,
  LoanStatus,
  LoanTable,
} from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { likePattern, padded, prepared } from '../../platform/db/prepared.ts';
import { fold } from '../../platform/search/terms.ts';
import { bookedStatuses, pendingStatuses } from './policy.ts';

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

// ── loans ────────────────────────────────────────────────────────────────────────────────

const loanColumns = (db: Db) =>
  db
    .selectFrom('loan')
    .innerJoin('item', (j) =>
      j.onRef('item.id', '=', 'loan.itemId').onRef('item.communityId', '=', 'loan.communityId'),
    )
    .innerJoin('account', 'account.id', 'loan.borrowerId')
    .leftJoin('account as lender', 'lender.id', 'item.ownerId')
    .selectAll('loan')
    .select([
      'item.name as itemName',
      'item.ownerId as ownerId',
      'item.pickupPlace as pickupPlace',
      'item.loanDays as loanDays',
      'account.displayName as borrowerName',
      'lender.displayName as ownerName',
    ]);

/** The loan with its item's name, owner, pick-up place and loan length, and both people's names. */
export function findLoan(db: Db, communityId: string, loanId: string) {
  return loanColumns(db)
    .where('loan.communityId', '=', communityId)
    .where('loan.id', '=', loanId)
    .executeTakeFirst();
}

/** A loan as `findLoan` returns it. */
export type LoanRow = NonNullable<Awaited<ReturnType<typeof findLoan>>>;

/** Loans matching a filter, newest first. */
export function listLoans(
  db: Db,
  communityId: string,
  f: {
    itemId?: string;
    borrowerId?: string;
    ownerId?: string;
    statuses?: readonly LoanStatus[];
    limit?: number;
  },
) {
  let q = loanColumns(db).where('loan.communityId', '=', communityId);
  if (f.itemId) q = q.where('loan.itemId', '=', f.itemId);
  if (f.borrowerId) q = q.where('loan.borrowerId', '=', f.borrowerId);
  if (f.ownerId) q = q.where('item.ownerId', '=', f.ownerId);
  if (f.statuses) q = q.where('loan.status', 'in', [...f.statuses]);
  return q
    .orderBy('loan.startsOn', 'desc')
    .orderBy('loan.id', 'desc')
    .limit(f.limit ?? 200)
    .execute();
}

/** Loans waiting for a steward's decision on the shed's items. */
export function listShedRequests(db: Db, communityId: string) {
  return loanColumns(db)
    .where('loan.communityId', '=', communityId)
    .where('item.ownerId', 'is', null)
    .where('loan.status', '=', 'requested')
    .orderBy('loan.requestedAt')
    .execute();
}

/**
 * Booked (approved or out) loans of the item overlapping the days [from, until], leaving out
 * `exceptLoanId`. Availability follows whether a loan has ended, not its due day: a loan still
 * out past its due day (overdue on `today`) keeps the item until it comes back, so it overlaps
 * every day from its start on, however far ahead.
 */
export async function countOverlappingLoans(
  db: Db,
  communityId: string,
  itemId: string,
  from: string,
  until: string,
  today: string,
  exceptLoanId?: string,
) {
  let q = db
    .selectFrom('loan')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('communityId', '=', communityId)
    .where('itemId', '=', itemId)
    .where('status', 'in', [...bookedStatuses])
    .where('startsOn', '<=', until)
    .where((eb) =>
      eb.or([eb('dueOn', '>=', from), eb.and([eb('status', '=', 'out'), eb('dueOn', '<', today)])]),
    );
  if (exceptLoanId) q = q.where('id', '!=', exceptLoanId);
  const { n } = await q.executeTakeFirstOrThrow();
  return Number(n); // pg returns counts as strings
}

/** Bookings and open requests of an item ending on or after `from`, by start. */
export function listBookings(db: Db, communityId: string, itemId: string, from: string) {
  return db
    .selectFrom('loan')
    .select(['id', 'startsOn', 'dueOn', 'status', 'borrowerId'])
    .where('communityId', '=', communityId)
    .where('itemId', '=', itemId)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', 'in', ['requested', 'approved']), eb('dueOn', '>=', from)]),
        eb('status', '=', 'out'),
      ]),
    )
    .orderBy('startsOn')
    .execute();
}

/** The first day on or after `from` that an approved loan of the item starts, if any. */
export async function nextBookingStart(db: Db, communityId: string, itemId: string, from: string) {
  const row = await db
    .selectFrom('loan')
    .select('startsOn')
    .where('communityId', '=', communityId)
    .where('itemId', '=', itemId)
    .where('status', '=', 'approved')
    .where('startsOn', '>=', from)
    .orderBy('startsOn')
    .limit(1)
    .executeTakeFirst();
  return row?.startsOn;
}

/** Adds a loan. */
export function insertLoan(db: Db, values: Omit<Insertable<LoanTable>, 'id'>) {
  return db
    .insertInto('loan')
    .values({ id: newId(), ...values })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Changes a loan. */
export async function updateLoan(db: Db, communityId: string, loanId: string, patch: Updateable<LoanTable>) {
  await db
    .updateTable('loan')
    .set(patch)
    .where('communityId', '=', communityId)
    .where('id', '=', loanId)
    .execute();
}

/**
 * A member's requests and holds not yet picked up (leaving out those whose days have passed
 * before `today`: nobody acted on them), plus their waitlist places.
 */
export async function countActive(db: Db, communityId: string, accountId: string, today: string) {
  const loans = await db
    .selectFrom('loan')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('communityId', '=', communityId)
    .where('borrowerId', '=', accountId)
    .where('status', 'in', [...pendingStatuses])
    .where('dueOn', '>=', today)
    .executeTakeFirstOrThrow();
  const waiting = await db
    .selectFrom('waitlistEntry')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('communityId', '=', communityId)
    .where('accountId', '=', accountId)
    .where('status', '=', 'waiting')
    .executeTakeFirstOrThrow();
  return Number(loans.n) + Number(waiting.n);
}

/** Loans out whose due day is before `today`, most overdue first, with the borrower's name. */
export function listOverdue(db: Db, communityId: string, today: string) {
  return db
    .selectFrom('loan')
    .innerJoin('item', (j) =>
      j.onRef('item.id', '=', 'loan.itemId').onRef('item.communityId', '=', 'loan.communityId'),
    )
    .innerJoin('account', 'account.id', 'loan.borrowerId')
    .select([
      'loan.id',
      'loan.itemId',
      'loan.dueOn',
      'loan.startsOn',
      'item.name as itemName',
      'item.ownerId',
      'account.id as borrowerId',
      'account.displayName as borrowerName',
    ])
    .where('loan.communityId', '=', communityId)
    .where('loan.status', '=', 'out')
    .where('loan.dueOn', '<', today)
    .orderBy('loan.dueOn')
    .execute();
}

// ── history ──────────────────────────────────────────────────────────────────────────────

/** Records one line of an item's history. */
export async function insertEvent(
  db: Db,
  e: {
    communityId: string;
    itemId: string;
    loanId: string | null;
    actorId: string | null;
    kind: LoanEventKind;
    note?: string;
    createdAt: string;
  },
) {
  await db
    .insertInto('loanEvent')
    .values({ id: newId(), note: '', ...e })
    .execute();
}

/** An item's history, newest first, with who did it. */
export function listEvents(db: Db, communityId: string, itemId: string, limit = 100) {
  return db
    .selectFrom('loanEvent')
    .leftJoin('account', 'account.id', 'loanEvent.actorId')
    .leftJoin('loan', (j) =>
      j.onRef('loan.id', '=', 'loanEvent.loanId').onRef('loan.communityId', '=', 'loanEvent.communityId'),
    )
    .select([
      'loanEvent.kind',
      'loanEvent.loanId',
      'loanEvent.note',
      'loanEvent.createdAt',
      'loanEvent.actorId',
      'account.displayName as actorName',
      'loan.borrowerId',
    ])
    .where('loanEvent.communityId', '=', communityId)
    .where('loanEvent.itemId', '=', itemId)
    .orderBy('loanEvent.createdAt', 'desc')
    .orderBy('loanEvent.id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * The newest `limit` thank-yous left on loans (a `thanked` history line with words), newest
 * first: who thanked (the borrower), who lent (null for the shed's) and the item.
 */
export function listLoanThanks(db: Db, communityId: string, limit: number) {
  return db
    .selectFrom('loanEvent')
    .innerJoin('loan', (j) =>
      j.onRef('loan.id', '=', 'loanEvent.loanId').onRef('loan.communityId', '=', 'loanEvent.communityId'),
    )
    .innerJoin('item', (j) =>
      j.onRef('item.id', '=', 'loan.itemId').onRef('item.communityId', '=', 'loan.communityId'),
    )
    .innerJoin('account as borrower', 'borrower.id', 'loan.borrowerId')
    .leftJoin('account as lender', 'lender.id', 'item.ownerId')
    .select([
      'loanEvent.id',
      'item.id as itemId',
      'item.name as itemName',
      'borrower.id as authorId',
      'borrower.displayName as authorName',
      'item.ownerId as helperId',
      'lender.displayName as helperName',
      'loanEvent.note as body',
      'loanEvent.createdAt',
    ])
    .where('loanEvent.communityId', '=', communityId)
    .where('loanEvent.kind', '=', 'thanked')
    .where('loanEvent.note', '!=', '')
    .orderBy('loanEvent.createdAt', 'desc')
    .orderBy('loanEvent.id', 'desc')
    .limit(limit)
    .execute();
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

/**
 * Loans in `statuses` that concern `accountId`, as the borrower or the item's owner; with the
 * item's name and pick-up place and both people's names. Through the community's loans in those
 * statuses; at most 200.
 */
export function listLoansConcerning(
  db: Db,
  communityId: string,
  accountId: string,
  statuses: readonly LoanStatus[],
): Promise<LoanConcerning[]> {
  return loansConcerning(db, { communityId, accountId, statuses: [...statuses] });
}

/** A loan with its item's name, owner and pickup place, and its people's names. */
export type LoanConcerning = Pick<
  Loan,
  'id' | 'itemId' | 'borrowerId' | 'status' | 'startsOn' | 'dueOn' | 'requestedAt' | 'updatedAt'
> &
  Pick<Item, 'ownerId' | 'pickupPlace'> & {
    itemName: string;
    borrowerName: string;
    ownerName: string | null;
  };

// Compiled once (platform/db/prepared.ts): "My things" lists them.
const loansConcerning = prepared<
  { communityId: string; accountId: string; statuses: LoanStatus[] },
  LoanConcerning
>((db, slot) =>
  db
    .selectFrom('loan')
    .innerJoin('item', (j) =>
      j.onRef('item.id', '=', 'loan.itemId').onRef('item.communityId', '=', 'loan.communityId'),
    )
    .innerJoin('account as borrower', 'borrower.id', 'loan.borrowerId')
    .leftJoin('account as owner', 'owner.id', 'item.ownerId')
    .select([
      'loan.id',
      'loan.itemId',
      'loan.borrowerId',
      'loan.status',
      'loan.startsOn',
      'loan.dueOn',
      'loan.requestedAt',
      'loan.updatedAt',
      'item.name as itemName',
      'item.ownerId',
      'item.pickupPlace',
      'borrower.displayName as borrowerName',
      'owner.displayName as ownerName',
    ])
    .where('loan.communityId', '=', slot('communityId'))
    .where('loan.status', 'in', slot('statuses'))
    .where((eb) =>
      eb.or([eb('loan.borrowerId', '=', slot('accountId')), eb('item.ownerId', '=', slot('accountId'))]),
    )
    .orderBy('loan.startsOn')
    .limit(200),
);

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
