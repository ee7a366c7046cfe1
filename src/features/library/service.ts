/**
 * The lending library: items, the catalog, photos and settings here; loans in `loans.ts`,
 * waitlists in `waitlist.ts`, desk mode in `desk.ts`, spreadsheets in `csv.ts` — all
 * re-exported from this file, the only one other features may import.
 * Each write follows the same order: validate, load, authorize, check state, write in one
 * transaction, enqueue side effects.
 */
import type { Static } from 'typebox';
import { requireMember } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db, Item, ItemCategory } from '../../platform/db/database.ts';
import { iso } from '../../platform/db/time.ts';
import { authorize, Conflict, Invalid, NotFound } from '../../platform/errors.ts';
import { removeDocument } from '../../platform/search/index.ts';
import type { UploadedFile } from '../../platform/uploads/multipart.ts';
import { deletePhotos, preparePhotos, removePhotoFiles, savePhotos } from '../../platform/uploads/photos.ts';
import { photoUrl } from '../../platform/uploads/routes.ts';
import { findPlace, livePlaces } from '../places/service.ts';
import { loadItem, record, requireLibrarySteward, settingsOf } from './access.ts';

export { loadItem } from './access.ts';

import { can } from './policy.ts';
import type { ItemIn, ItemOut, SettingsIn } from './schema.ts';
import { indexItem } from './searchable.ts';
import * as store from './store.ts';

export {
  exportItemsCsv,
  exportLoansCsv,
  exportOverdueCsv,
  type ImportPreview,
  importItems,
  previewImport,
} from './csv.ts';
export { checkIn, checkOut, deskMember, deskSearch, listOverdue } from './desk.ts';

import { findOverdueLoan } from './loans.ts';

export {
  getLoan,
  type LoanView,
  listMyLoans,
  requestLoan,
  transitionLoan,
} from './loans.ts';
export { can, type LoanAction, loanActions, loanMachine } from './policy.ts';
export { joinWaitlist, leaveWaitlist, myWaitlistPlace } from './waitlist.ts';

/**
 * The newest `limit` thank-yous left on loans of the community, newest first, for the gratitude
 * wall: the borrower's words, the lender (null for the shed's) and the item. The borrower's
 * thanks are theirs to show: the thank form says they go on the wall.
 */
export function listLoanThanks(db: Db, communityId: string, limit: number) {
  return store.listLoanThanks(db, communityId, limit);
}

/** Most photos per item. */
export const maxItemPhotos = 4;

/** An item as members see it (the API's `ItemOut`). */
export type ItemView = Static<typeof ItemOut>;

async function views(
  db: Db,
  communityId: string,
  slug: string,
  rows: (Item & { ownerName: string | null })[],
  today: string,
) {
  const ids = rows.map((r) => r.id);
  const photos = await store.listItemPhotos(db, communityId, ids);
  const placeIds = [...new Set(rows.flatMap((r) => (r.placeId ? [r.placeId] : [])))];
  const places = new Map(
    (await Promise.all(placeIds.map((id) => findPlace(db, communityId, id))))
      .filter((p) => p && !p.archivedAt)
      .map((p) => [p!.id, { id: p!.id, name: p!.name }]),
  );
  const booked = await store.listBookedItemIds(db, communityId, ids, today);
  return rows.map(
    (r): ItemView => ({
      id: r.id,
      name: r.name,
      category: r.category,
      condition: r.condition,
      valueBand: r.valueBand,
      pickupPlace: r.pickupPlace,
      rules: r.rules,
      loanDays: r.loanDays,
      place: (r.placeId && places.get(r.placeId)) || null,
      shed: r.ownerId === null,
      ownerId: r.ownerId,
      ownerName: r.ownerName,
      availableToday: !booked.has(r.id),
      photos: photos
        .filter((p) => p.itemId === r.id)
        .map((p) => ({
          id: p.photoId,
          url: photoUrl(slug, p.photoId),
          thumbUrl: photoUrl(slug, p.photoId, 'thumb'),
        })),
    }),
  );
}

/** Items per catalog page: enough to browse, light enough for a cheap phone on a slow network. */
export const catalogPageSize = 40;

/**
 * One page (1-based) of the catalog: items by name, searched by name, filtered by category and
 * availability today; `hasMore` when a next page exists.
 */
export async function listCatalog(
  ctx: Ctx,
  f: {
    q?: string;
    category?: ItemCategory;
    available?: boolean;
    ownerId?: string | null;
    page?: number;
  } = {},
): Promise<{ items: ItemView[]; page: number; hasMore: boolean }> {
  const { communityId, community } = requireMember(ctx);
  const today = community.today();
  const page = f.page ?? 1;
  const rows = await store.listItems(ctx.db, communityId, {
    q: f.q?.trim() || undefined,
    category: f.category,
    availableOn: f.available ? today : undefined,
    ownerId: f.ownerId,
    offset: (page - 1) * catalogPageSize,
    limit: catalogPageSize + 1,
  });
  const items = await views(ctx.db, communityId, community.slug, rows.slice(0, catalogPageSize), today);
  return { items, page, hasMore: rows.length > catalogPageSize };
}

/**
 * The live items among `itemIds` as the catalog shows them (owner, category, available today),
 * in the order of `itemIds`; for an active member (search results).
 */
export async function itemsByIds(ctx: Ctx, itemIds: string[]): Promise<ItemView[]> {
  const { communityId, community } = requireMember(ctx);
  if (itemIds.length === 0) return [];
  const rows = await store.listItemsByIds(ctx.db, communityId, itemIds);
  const items = await views(ctx.db, communityId, community.slug, rows, community.today());
  return itemIds.flatMap((id) => items.find((i) => i.id === id) ?? []);
}

/** Everything the item page shows. */
export interface ItemDetail {
  item: ItemView;
  today: string;
  bookings: { id: string; startsOn: string; dueOn: string; status: string; mine: boolean }[];
  waiting: number;
  /** The actor's place in line (1 = next), 0 if not waiting; 'held' if it is their turn. */
  myPlace: number | 'held';
  history: {
    kind: string;
    loanId: string | null;
    actorName: string | null;
    note: string;
    createdAt: string;
  }[];
  mayEdit: boolean;
  mayRequest: boolean;
  /** The due day of the loan still out past it, if any: no booking is taken until it is back. */
  overdueSince: string | null;
}

/** An item with its calendar, waitlist and history. */
export async function getItem(ctx: Ctx, itemId: string): Promise<ItemDetail> {
  const { communityId, accountId, community } = requireMember(ctx);
  const row = await loadItem(ctx.db, communityId, itemId);
  const today = community.today();
  const owner = row.ownerId ? await store.findMember(ctx.db, communityId, row.ownerId) : undefined;
  const [item] = await views(
    ctx.db,
    communityId,
    community.slug,
    [{ ...row, ownerName: owner?.displayName ?? null }],
    today,
  );
  const bookings = await store.listBookings(ctx.db, communityId, itemId, today);
  const entries = await store.listOpenEntries(ctx.db, communityId, itemId);
  const mine = entries.findIndex((e) => e.accountId === accountId);
  const history = await store.listEvents(ctx.db, communityId, itemId);
  const overdue = await findOverdueLoan(ctx.db, communityId, itemId, today);
  return {
    item,
    today,
    bookings: bookings.map((b) => ({ ...b, mine: b.borrowerId === accountId })),
    waiting: entries.length,
    myPlace:
      mine < 0
        ? 0
        : entries[mine].status === 'held'
          ? 'held'
          : entries.filter((e, i) => i <= mine && e.status === 'waiting').length,
    // Who borrowed what is for the lender and stewards; others see what happened, not who.
    // A loan's page is linked only for those who may open it (its borrower, the lender, stewards).
    history: history.map(({ actorId, borrowerId, ...e }) => ({
      ...e,
      loanId: e.loanId && borrowerId && can.seeLoan(ctx.actor, row, { borrowerId }) ? e.loanId : null,
      actorName: !e.loanId || actorId === accountId || can.editItem(ctx.actor, row) ? e.actorName : null,
    })),
    mayEdit: can.editItem(ctx.actor, row),
    mayRequest: can.requestLoan(ctx.actor, row),
    overdueSince: overdue?.dueOn ?? null,
  };
}

type ItemInput = Static<typeof ItemIn>;

/** The community's live places an item may be kept at, by name (the item form's choices). */
export async function itemPlaceChoices(ctx: Ctx): Promise<{ id: string; name: string }[]> {
  const { communityId } = requireMember(ctx);
  return (await livePlaces(ctx.db, communityId)).map((p) => ({ id: p.id, name: p.name }));
}

/** Throws unless the actor may add an item (an active member; 401 when signed out). */
export function assertMayAddItem(ctx: Ctx): void {
  requireMember(ctx);
  authorize(can.addItem(ctx.actor), 'errors.members_only');
}

/**
 * Throws `Invalid` on `placeId` unless it names a live place of the community (a place of
 * another community, or archived, is no place here).
 */
async function checkPlace(db: Db, communityId: string, placeId: string | undefined): Promise<void> {
  if (!placeId) return;
  const place = await findPlace(db, communityId, placeId);
  if (!place || place.archivedAt)
    throw new Invalid([{ field: 'placeId', code: 'library.errors.place_not_found' }]);
}

function fields(input: ItemInput) {
  return {
    placeId: input.placeId ?? null,
    name: input.name.trim(),
    category: input.category,
    condition: input.condition,
    valueBand: input.valueBand,
    pickupPlace: input.pickupPlace?.trim() ?? '',
    rules: input.rules?.trim() ?? '',
    loanDays: input.loanDays,
  };
}

/**
 * Adds an item lent by the actor, or by the community (`owner: 'shed'`, stewards only), with
 * up to four photos. Throws `Invalid` for refused photos, `Forbidden` for a non-steward's shed item.
 */
export async function addItem(ctx: Ctx, input: ItemInput, files: UploadedFile[] = []): Promise<ItemView> {
  const { communityId, accountId, community } = requireMember(ctx);
  const shed = input.owner === 'shed';
  authorize(
    shed ? can.addShedItem(ctx.actor) : can.addItem(ctx.actor),
    'library.errors.only_stewards_add_shed_items',
  );
  await checkPlace(ctx.db, communityId, input.placeId);
  const prepared = await preparePhotos(files, 'photos', maxItemPhotos);
  const now = iso(ctx.clock.now());
  const saved: { communityId: string; id: string; ext: string }[] = [];
  try {
    const itemId = await ctx.db.transaction().execute(async (tx) => {
      const item = await store.insertItem(tx, {
        communityId,
        ownerId: shed ? null : accountId,
        ...fields(input),
        createdBy: accountId,
        createdAt: now,
        updatedAt: now,
      });
      const photos = await savePhotos(ctx, tx, communityId, accountId, prepared);
      saved.push(...photos);
      await store.insertItemPhotos(
        tx,
        communityId,
        item.id,
        photos.map((p) => p.id),
      );
      await record(ctx, tx, { communityId, itemId: item.id, actorId: accountId, kind: 'added' });
      await indexItem(tx, community.slug, item);
      return item.id;
    });
    return (await getItem(ctx, itemId)).item;
  } catch (e) {
    removePhotoFiles(ctx, saved);
    throw e;
  }
}

/** The item's fields as the edit form shows them. Throws `Forbidden` unless the actor may edit it. */
export async function getItemForm(ctx: Ctx, itemId: string) {
  const { communityId } = requireMember(ctx);
  const item = await loadItem(ctx.db, communityId, itemId);
  authorize(can.editItem(ctx.actor, item), 'library.errors.only_owner_or_steward');
  return { ...item, owner: item.ownerId === null ? 'shed' : 'me' };
}

/** Changes an item's fields (its owner stays). Owner, or steward. */
export async function editItem(ctx: Ctx, itemId: string, input: ItemInput): Promise<ItemView> {
  const { communityId, accountId, community } = requireMember(ctx);
  await checkPlace(ctx.db, communityId, input.placeId);
  await ctx.db.transaction().execute(async (tx) => {
    const item = await loadItem(tx, communityId, itemId);
    authorize(can.editItem(ctx.actor, item), 'library.errors.only_owner_or_steward');
    const updated = await store.updateItem(tx, communityId, itemId, {
      ...fields(input),
      updatedAt: iso(ctx.clock.now()),
    });
    await record(ctx, tx, { communityId, itemId, actorId: accountId, kind: 'edited' });
    await indexItem(tx, community.slug, updated);
  });
  return (await getItem(ctx, itemId)).item;
}

/**
 * Adds photos to an item, after its last ones, and returns the item with its photos. The item's
 * owner, or a steward (`Forbidden` otherwise; `NotFound` for an archived item or another
 * community's). Throws `Invalid` naming `field` (the form's or the API's file field) when no file
 * is given or one is refused (`uploads.too_many`, `uploads.too_large`, `uploads.not_an_image`),
 * and `Conflict('library.errors.photos_full')` beyond `maxItemPhotos` in all.
 */
export async function addItemPhotos(
  ctx: Ctx,
  itemId: string,
  files: UploadedFile[],
  field = 'photos',
): Promise<ItemView> {
  const { communityId, accountId } = requireMember(ctx);
  if (files.length === 0) throw new Invalid([{ field, code: 'library.errors.photo_required' }]);
  const item = await loadItem(ctx.db, communityId, itemId);
  authorize(can.editItem(ctx.actor, item), 'library.errors.only_owner_or_steward');
  const full = () => new Conflict('library.errors.photos_full', { max: maxItemPhotos });
  // Refused before decoding anything: decoding and re-encoding is the costly part.
  const room = maxItemPhotos - (await store.listItemPhotos(ctx.db, communityId, [itemId])).length;
  if (room <= 0) throw full();
  const prepared = await preparePhotos(files, field, room);
  const saved: { communityId: string; id: string; ext: string }[] = [];
  try {
    await ctx.db.transaction().execute(async (tx) => {
      // Counted again under the item's lock: two uploads at once must not pass the limit together.
      const locked = await store.lockItem(tx, communityId, itemId);
      if (!locked || locked.archivedAt) throw new NotFound('library.errors.item_not_found');
      const count = (await store.listItemPhotos(tx, communityId, [itemId])).length;
      if (count + prepared.length > maxItemPhotos) throw full();
      const photos = await savePhotos(ctx, tx, communityId, accountId, prepared);
      saved.push(...photos);
      await store.insertItemPhotos(
        tx,
        communityId,
        itemId,
        photos.map((p) => p.id),
      );
    });
  } catch (e) {
    removePhotoFiles(ctx, saved);
    throw e;
  }
  return (await getItem(ctx, itemId)).item;
}

/**
 * Takes an item out of the library (the owner moved, it wore out): open requests are cancelled,
 * the waitlist closed, and it leaves the catalog and search; its history stays. Owner or
 * steward; `Conflict('library.errors.item_in_use')` while it is lent out or a loan is approved.
 */
export async function archiveItem(ctx: Ctx, itemId: string): Promise<void> {
  const { communityId, accountId } = requireMember(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    const item = await store.lockItem(tx, communityId, itemId);
    if (!item || item.archivedAt) throw new NotFound('library.errors.item_not_found');
    authorize(can.editItem(ctx.actor, item), 'library.errors.only_owner_or_steward');
    const open = await store.listLoans(tx, communityId, {
      itemId,
      statuses: ['requested', 'approved', 'out'],
    });
    if (open.some((l) => l.status !== 'requested')) throw new Conflict('library.errors.item_in_use');
    const now = iso(ctx.clock.now());
    for (const loan of open) {
      await store.updateLoan(tx, communityId, loan.id, { status: 'cancelled', updatedAt: now });
      await record(ctx, tx, { communityId, itemId, loanId: loan.id, actorId: accountId, kind: 'cancelled' });
    }
    for (const entry of await store.listOpenEntries(tx, communityId, itemId)) {
      await store.updateEntry(tx, communityId, entry.id, { status: 'left', endedAt: now });
    }
    await store.updateItem(tx, communityId, itemId, { archivedAt: now, updatedAt: now });
    await record(ctx, tx, { communityId, itemId, actorId: accountId, kind: 'edited', note: 'archived' });
    await removeDocument(tx, communityId, 'item', itemId);
  });
}

/**
 * Removes one photo of an item, and its files (after commit). The item's owner, or a steward;
 * `NotFound` for another community's item or a photo that is not this item's.
 */
export async function removeItemPhoto(ctx: Ctx, itemId: string, photoId: string): Promise<void> {
  const { communityId } = requireMember(ctx);
  const item = await loadItem(ctx.db, communityId, itemId);
  authorize(can.editItem(ctx.actor, item), 'library.errors.only_owner_or_steward');
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await store.deleteItemPhoto(tx, communityId, itemId, photoId))) {
      throw new NotFound('library.errors.photo_not_found');
    }
    await deletePhotos(tx, communityId, [photoId]);
  });
  removePhotoFiles(ctx, [{ communityId, id: photoId, ext: 'jpg' }]);
}

/** The library settings (stewards). */
export async function getSettings(ctx: Ctx) {
  const { communityId } = requireLibrarySteward(ctx);
  return settingsOf(ctx.db, communityId);
}

/** Saves the library settings (stewards). */
export async function saveSettings(ctx: Ctx, input: Static<typeof SettingsIn>) {
  const { communityId } = requireLibrarySteward(ctx);
  const { maxActivePerMember, holdDays, reminderDays } = input;
  await store.upsertSettings(ctx.db, communityId, {
    maxActivePerMember,
    holdDays,
    reminderDays,
    updatedAt: iso(ctx.clock.now()),
  });
  return settingsOf(ctx.db, communityId);
}
