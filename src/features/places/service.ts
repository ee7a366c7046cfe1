/**
 * Places: a community's fridges, pantries, shed, gardens, meeting spots and shelters, what anyone
 * reports about them, and their public pages — the only file of this feature other features may
 * import (shifts happen at a place and mark it cleaned).
 * Each write follows the same order: validate, load, authorize, check state, write in one
 * transaction, enqueue side effects.
 */
import type { Static } from 'typebox';
import { requireCommunity, requireMember } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db, Place, PlaceReport, StockLevel } from '../../platform/db/database.ts';
import { iso } from '../../platform/db/time.ts';
import { authorize, Conflict, type FieldError, Invalid, NotFound } from '../../platform/errors.ts';
import { pointErrors } from '../../platform/geo/point.ts';
import type { NotificationKind } from '../../platform/notify/kinds.ts';
import { personal } from '../../platform/notify/kinds.ts';
import type { UploadedFile } from '../../platform/uploads/multipart.ts';
import {
  deletePhotos,
  findPhoto,
  type PhotoSize,
  photoFile,
  preparePhotos,
  removePhotoFiles,
  savePhotos,
} from '../../platform/uploads/photos.ts';
import { photoUrl } from '../../platform/uploads/routes.ts';
import { geocode, geocodeBudget } from './geocode.ts';
import { can, hasPublicPage } from './policy.ts';
import {
  type OpeningHoursValue,
  type PlaceDetailOut,
  type PlaceInput,
  type PlaceOut,
  type ReportOut,
  type Weekday,
  weekdays,
} from './schema.ts';
import * as store from './store.ts';

export { keepsStock, type PlaceFacts, publicKinds } from './policy.ts';
export type { PlaceInput, ReportInput } from './schema.ts';

/** A place as members see it (the API's `PlaceOut`). */
export type PlaceView = Static<typeof PlaceOut>;
/** A report as the place page shows it (the API's `ReportOut`). */
export type ReportView = Static<typeof ReportOut>;

/** Most photos a place shows. */
export const maxPlacePhotos = 4;
/** Reports a place page lists, newest first. */
export const reportsShown = 20;

/**
 * The kinds of notification places send. A problem at a place (broken, dirty, unsafe food) is
 * for its volunteers at once, by mail and push; it is urgent, not an emergency, so it waits for
 * a volunteer's quiet hours.
 */
export const placeKinds: NotificationKind[] = [{ name: 'places.problems', defaults: personal }];

// ── for shifts ───────────────────────────────────────────────────────────────────────────

/** The place of the community, archived or not; undefined when it has none of that id. */
export function findPlace(db: Db, communityId: string, placeId: string): Promise<Place | undefined> {
  return store.findPlace(db, communityId, placeId);
}

/** The community's live places, by name (where a shift series may happen). */
export function livePlaces(db: Db, communityId: string): Promise<Place[]> {
  return store.listPlaces(db, communityId);
}

/** The account ids of the place's volunteers who are active members (whom its alerts reach). */
export function placeVolunteerIds(db: Db, communityId: string, placeId: string): Promise<string[]> {
  return store.volunteerIds(db, communityId, placeId);
}

/**
 * Records that the place was cleaned at instant `at` (ISO text), as a completed cleaning shift
 * says; call it inside the shift's transaction.
 */
export function recordCleaned(db: Db, communityId: string, placeId: string, at: string): Promise<void> {
  return store.markCleaned(db, communityId, placeId, at);
}

// ── reading ──────────────────────────────────────────────────────────────────────────────

/** The stored opening hours, or null when none were said. */
export function parseHours(text: string): OpeningHoursValue | null {
  if (!text) return null;
  return JSON.parse(text) as OpeningHoursValue;
}

/** The place's public page path (fridges and pantries), under the community. */
export function publicPath(slug: string, place: Pick<Place, 'id' | 'kind'>): string | null {
  return hasPublicPage(place) ? `/c/${slug}/p/${place.id}` : null;
}

async function views(ctx: Ctx, communityId: string, slug: string, rows: Place[]): Promise<PlaceView[]> {
  const ids = rows.map((r) => r.id);
  const [volunteers, photos] = await Promise.all([
    store.listVolunteersOf(ctx.db, communityId, ids),
    store.listPlacePhotos(ctx.db, communityId, ids),
  ]);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    name: r.name,
    description: r.description,
    address: r.address,
    addressVisibility: r.addressVisibility,
    latitude: r.latitude,
    longitude: r.longitude,
    openingHours: parseHours(r.openingHours),
    rules: r.rules,
    foodAccepted: r.foodAccepted,
    foodLabels: r.foodLabels,
    foodRefused: r.foodRefused,
    contact: r.contact,
    checkHours: r.checkHours,
    stockLevel: r.stockLevel,
    stockReportedAt: r.stockReportedAt,
    cleanedAt: r.cleanedAt,
    publicUrl: publicPath(slug, r),
    volunteers: volunteers
      .filter((v) => v.placeId === r.id)
      .map((v) => ({ accountId: v.accountId, displayName: v.displayName })),
    photos: photos
      .filter((p) => p.placeId === r.id)
      .map((p) => ({
        id: p.photoId,
        url: photoUrl(slug, p.photoId),
        thumbUrl: photoUrl(slug, p.photoId, 'thumb'),
      })),
  }));
}

/** The community's live places, by name. Active members. */
export async function listPlaces(ctx: Ctx): Promise<PlaceView[]> {
  const { communityId, community } = requireMember(ctx);
  authorize(can.seePlaces(ctx.actor), 'errors.members_only');
  return views(ctx, communityId, community.slug, await store.listPlaces(ctx.db, communityId));
}

/** The live place, or `NotFound('places.errors.not_found')` (archived, or another community's). */
export async function loadPlace(db: Db, communityId: string, placeId: string): Promise<Place> {
  const place = await store.findPlace(db, communityId, placeId);
  if (!place || place.archivedAt) throw new NotFound('places.errors.not_found');
  return place;
}

/** What the predicates need of a place. */
export async function factsOf(db: Db, place: Place) {
  return { ...place, volunteerIds: await store.volunteerIds(db, place.communityId, place.id) };
}

function reportView(
  slug: string,
  r: PlaceReport & { reporterName: string | null },
  names: boolean,
): ReportView {
  return {
    id: r.id,
    kind: r.kind,
    stockLevel: r.stockLevel,
    problem: r.problem,
    note: r.note,
    photo: r.photoId
      ? { id: r.photoId, url: photoUrl(slug, r.photoId), thumbUrl: photoUrl(slug, r.photoId, 'thumb') }
      : null,
    reporterName: names ? r.reporterName : null,
    createdAt: r.createdAt,
    hidden: r.hiddenAt !== null,
  };
}

/** Everything a place's page shows a member. */
export interface PlaceDetail extends Static<typeof PlaceDetailOut> {
  mayEdit: boolean;
  mayManage: boolean;
  mayHide: boolean;
}

/**
 * A place with its latest reports (hidden ones too, and who reported, for those who keep it).
 * Active members; `NotFound` for an archived place or another community's.
 */
export async function getPlace(ctx: Ctx, placeId: string): Promise<PlaceDetail> {
  const { communityId, community } = requireMember(ctx);
  const row = await loadPlace(ctx.db, communityId, placeId);
  const facts = await factsOf(ctx.db, row);
  const keeps = can.seeHiddenReports(ctx.actor, facts);
  const [place] = await views(ctx, communityId, community.slug, [row]);
  const reports = await store.listReports(ctx.db, communityId, placeId, {
    withHidden: keeps,
    limit: reportsShown,
  });
  return {
    place,
    reports: reports.map((r) => reportView(community.slug, r, keeps)),
    mayEdit: can.editPlace(ctx.actor, facts),
    mayManage: can.managePlace(ctx.actor),
    mayHide: can.hideReport(ctx.actor, facts),
  };
}

/** What the public page of a fridge or pantry shows anyone: never who its volunteers are. */
export interface PublicPlace {
  id: string;
  kind: Place['kind'];
  name: string;
  description: string;
  /** Empty unless the place made its address public (or a member looks). */
  address: string;
  openingHours: OpeningHoursValue | null;
  rules: string;
  foodAccepted: string;
  foodLabels: string;
  foodRefused: string;
  contact: string;
  stockLevel: StockLevel | null;
  stockReportedAt: string | null;
  cleanedAt: string | null;
  /** The community's name and languages (the page is said in them). */
  communityName: string;
  languages: string[];
  /** The place's photos, at its public photo route (the sign stays text-only). */
  photos: { id: string; url: string; thumbUrl: string }[];
  /** The latest visible reports, without who made them. */
  reports: {
    kind: ReportView['kind'];
    stockLevel: StockLevel | null;
    problem: ReportView['problem'];
    createdAt: string;
  }[];
}

/**
 * The public page of a live fridge or pantry, for anyone (signed in or not, member or not):
 * `NotFound('places.errors.not_found')` for other kinds, archived places and other communities'.
 */
export async function getPublicPlace(ctx: Ctx, placeId: string): Promise<PublicPlace> {
  const community = requireCommunity(ctx);
  const place = await loadPlace(ctx.db, community.id, placeId);
  if (!hasPublicPage(place)) throw new NotFound('places.errors.not_found');
  const reports = await store.listReports(ctx.db, community.id, placeId, { withHidden: false, limit: 5 });
  const photos = await store.listPlacePhotos(ctx.db, community.id, [place.id]);
  const photoPath = (id: string, size: string) => `${publicPath(community.slug, place)}/photos/${id}/${size}`;
  return {
    photos: photos.map((p) => ({
      id: p.photoId,
      url: photoPath(p.photoId, 'full'),
      thumbUrl: photoPath(p.photoId, 'thumb'),
    })),
    id: place.id,
    kind: place.kind,
    name: place.name,
    description: place.description,
    address: can.seeAddress(ctx.actor, place) ? place.address : '',
    openingHours: parseHours(place.openingHours),
    rules: place.rules,
    foodAccepted: place.foodAccepted,
    foodLabels: place.foodLabels,
    foodRefused: place.foodRefused,
    contact: place.contact,
    stockLevel: place.stockLevel,
    stockReportedAt: place.stockReportedAt,
    cleanedAt: place.cleanedAt,
    communityName: community.name,
    languages: community.languageList,
    reports: reports.map((r) => ({
      kind: r.kind,
      stockLevel: r.stockLevel,
      problem: r.problem,
      createdAt: r.createdAt,
    })),
  };
}

/**
 * The file of one of a public place's photos, for anyone (its public page shows it): undefined
 * when the photo is not one of the place's. `NotFound` as `getPublicPlace`.
 */
export async function publicPlacePhoto(
  ctx: Ctx,
  placeId: string,
  photoId: string,
  size: PhotoSize,
): Promise<string | undefined> {
  const place = await getPublicPlace(ctx, placeId);
  if (!place.photos.some((p) => p.id === photoId)) return undefined;
  const photo = await findPhoto(ctx.db, requireCommunity(ctx).id, photoId);
  return photo ? photoFile(ctx, photo, size) : undefined;
}

/**
 * The point of `address` as the geocoder finds it (stewards and volunteers filling a place's
 * form). Throws `Invalid` on `address` when no geocoder is set, nothing was found, or it failed:
 * the form then asks for the point typed or a pin dropped; `TooManyRequests` past the geocoding
 * budgets (`geocodeLimits`).
 */
export async function findPoint(
  ctx: Ctx,
  address: string | undefined,
  placeId: string | null,
): Promise<{ latitude: number; longitude: number }> {
  const { communityId, accountId } = requireMember(ctx);
  // Only who may write the place asks the geocoder for it: its answer fills that form.
  if (placeId === null) assertMayAddPlace(ctx);
  else {
    const place = await loadPlace(ctx.db, communityId, placeId);
    authorize(can.editPlace(ctx.actor, await factsOf(ctx.db, place)), 'places.errors.only_keepers');
  }
  if (!address?.trim()) invalid('address', 'places.errors.address_required_to_find');
  if (canFindPoints(ctx)) await geocodeBudget(ctx, accountId);
  const point = await geocode(ctx, address);
  if (!point) invalid('address', 'places.errors.point_not_found');
  return point;
}

/** Whether the point can be found from an address here (a geocoder is set). */
export function canFindPoints(ctx: Ctx): boolean {
  return Boolean(ctx.config.geocoderUrl);
}

// ── writing places ───────────────────────────────────────────────────────────────────────

/**
 * The refused days of `hours`: a day whose closing time is not after its opening time, named by
 * `field(day)` (the API's `openingHours.mon`, the form's `monCloses`).
 */
export function hoursErrors(
  hours: OpeningHoursValue | undefined,
  field: (day: Weekday) => string,
): FieldError[] {
  if (!hours) return [];
  return weekdays.flatMap((d) => {
    const h = hours[d];
    return h && h.closes <= h.opens ? [{ field: field(d), code: 'places.errors.closes_before_opens' }] : [];
  });
}

function fields(ctx: Ctx, input: PlaceInput) {
  const errors = hoursErrors(input.openingHours, (d) => `openingHours.${d}`);
  errors.push(...pointErrors(input, ctx.community, 'places.errors.point_needs_both'));
  if (errors.length) throw new Invalid(errors);
  const text = (s?: string) => s?.trim() ?? '';
  return {
    kind: input.kind,
    name: input.name.trim(),
    description: text(input.description),
    address: text(input.address),
    addressVisibility: input.addressVisibility ?? ('members' as const),
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    openingHours: input.openingHours ? JSON.stringify(input.openingHours) : '',
    rules: text(input.rules),
    foodAccepted: text(input.foodAccepted),
    foodLabels: text(input.foodLabels),
    foodRefused: text(input.foodRefused),
    contact: text(input.contact),
    checkHours: input.checkHours ?? null,
  };
}

/** Throws unless the actor may add a place (stewards). */
export function assertMayAddPlace(ctx: Ctx): void {
  requireMember(ctx);
  authorize(can.addPlace(ctx.actor), 'places.errors.only_stewards_add');
}

/** Refuses account ids that are not active members of the community (field `field`). */
async function checkVolunteers(ctx: Ctx, communityId: string, accountIds: readonly string[], field: string) {
  const members = new Set((await store.listActiveMembers(ctx.db, communityId)).map((m) => m.accountId));
  if (accountIds.some((id) => !members.has(id))) invalid(field, 'places.errors.volunteer_not_member');
}

function invalid(field: string, code: string): never {
  throw new Invalid([{ field, code }]);
}

/**
 * Adds a place (stewards), with its volunteers (active members; `Invalid` otherwise) and up to
 * four photos. Returns its id.
 */
export async function addPlace(
  ctx: Ctx,
  input: PlaceInput,
  options: { volunteers?: readonly string[]; files?: UploadedFile[]; volunteersField?: string } = {},
): Promise<string> {
  const { communityId, accountId } = requireMember(ctx);
  authorize(can.addPlace(ctx.actor), 'places.errors.only_stewards_add');
  const values = fields(ctx, input);
  const volunteers = [...new Set(options.volunteers ?? [])];
  await checkVolunteers(ctx, communityId, volunteers, options.volunteersField ?? 'volunteers');
  const prepared = await preparePhotos(options.files ?? [], 'photos', maxPlacePhotos);
  const now = iso(ctx.clock.now());
  const saved: { communityId: string; id: string; ext: string }[] = [];
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const id = await store.insertPlace(tx, communityId, { ...values, createdBy: accountId }, now);
      await store.setVolunteers(tx, communityId, id, volunteers, now);
      const photos = await savePhotos(ctx, tx, communityId, accountId, prepared);
      saved.push(...photos);
      await store.addPlacePhotos(
        tx,
        communityId,
        id,
        photos.map((p) => p.id),
      );
      return id;
    });
  } catch (e) {
    removePhotoFiles(ctx, saved);
    throw e;
  }
}

/** The place's fields as the edit form shows them (flat opening hours). Those who keep it. */
export async function getPlaceForm(ctx: Ctx, placeId: string): Promise<Record<string, unknown>> {
  const { communityId } = requireMember(ctx);
  const place = await loadPlace(ctx.db, communityId, placeId);
  authorize(can.editPlace(ctx.actor, await factsOf(ctx.db, place)), 'places.errors.only_keepers');
  const hours = parseHours(place.openingHours);
  const values: Record<string, unknown> = {
    ...place,
    latitude: place.latitude ?? undefined,
    longitude: place.longitude ?? undefined,
    checkHours: place.checkHours ?? undefined,
    alwaysOpen: hours?.alwaysOpen ? '1' : undefined,
    volunteers: await store.volunteerIds(ctx.db, communityId, placeId),
  };
  for (const d of weekdays) {
    values[`${d}Opens`] = hours?.[d]?.opens;
    values[`${d}Closes`] = hours?.[d]?.closes;
  }
  return values;
}

/**
 * Replaces a place's fields (those who keep it: its volunteers, stewards); with `volunteers`,
 * also who they are (stewards only).
 */
export async function editPlace(
  ctx: Ctx,
  placeId: string,
  input: PlaceInput,
  options: { volunteers?: readonly string[] } = {},
): Promise<void> {
  const { communityId } = requireMember(ctx);
  const values = fields(ctx, input);
  const place = await loadPlace(ctx.db, communityId, placeId);
  authorize(can.editPlace(ctx.actor, await factsOf(ctx.db, place)), 'places.errors.only_keepers');
  // What a place is decides whether it has a public page, which printed signs point to.
  if (values.kind !== place.kind) authorize(can.managePlace(ctx.actor), 'places.errors.only_stewards_kind');
  const volunteers = options.volunteers && [...new Set(options.volunteers)];
  if (volunteers) {
    authorize(can.managePlace(ctx.actor), 'places.errors.only_stewards_manage');
    await checkVolunteers(ctx, communityId, volunteers, 'volunteers');
  }
  const now = iso(ctx.clock.now());
  await ctx.db.transaction().execute(async (tx) => {
    await store.updatePlace(tx, communityId, placeId, values, now);
    if (volunteers) await store.setVolunteers(tx, communityId, placeId, volunteers, now);
  });
}

/** Names the place's volunteers (stewards; active members only). */
export async function setPlaceVolunteers(
  ctx: Ctx,
  placeId: string,
  accountIds: readonly string[],
): Promise<void> {
  const { communityId } = requireMember(ctx);
  await loadPlace(ctx.db, communityId, placeId);
  authorize(can.managePlace(ctx.actor), 'places.errors.only_stewards_manage');
  const ids = [...new Set(accountIds)];
  await checkVolunteers(ctx, communityId, ids, 'accountIds');
  await store.setVolunteers(ctx.db, communityId, placeId, ids, iso(ctx.clock.now()));
}

/** The active members a steward may name volunteers, by name. */
export async function volunteerChoices(ctx: Ctx): Promise<{ accountId: string; displayName: string }[]> {
  const { communityId } = requireMember(ctx);
  return store.listActiveMembers(ctx.db, communityId);
}

/** Archives a place (stewards): it leaves the list, the map and its public page. */
export async function archivePlace(ctx: Ctx, placeId: string): Promise<void> {
  const { communityId } = requireMember(ctx);
  await loadPlace(ctx.db, communityId, placeId);
  authorize(can.managePlace(ctx.actor), 'places.errors.only_stewards_manage');
  const now = iso(ctx.clock.now());
  await store.updatePlace(ctx.db, communityId, placeId, { archivedAt: now }, now);
}

/**
 * Adds photos to a place after its last ones (those who keep it). `Invalid` naming `field` when
 * none is given or one is refused; `Conflict('places.errors.photos_full')` beyond four in all.
 */
export async function addPlacePhotos(ctx: Ctx, placeId: string, files: UploadedFile[], field = 'photos') {
  const { communityId, accountId } = requireMember(ctx);
  if (files.length === 0) invalid(field, 'places.errors.photo_required');
  const place = await loadPlace(ctx.db, communityId, placeId);
  authorize(can.editPlace(ctx.actor, await factsOf(ctx.db, place)), 'places.errors.only_keepers');
  const full = () => new Conflict('places.errors.photos_full', { max: maxPlacePhotos });
  const room = maxPlacePhotos - (await store.listPlacePhotos(ctx.db, communityId, [placeId])).length;
  if (room <= 0) throw full();
  const prepared = await preparePhotos(files, field, room);
  const saved: { communityId: string; id: string; ext: string }[] = [];
  try {
    await ctx.db.transaction().execute(async (tx) => {
      const photos = await savePhotos(ctx, tx, communityId, accountId, prepared);
      saved.push(...photos);
      await store.addPlacePhotos(
        tx,
        communityId,
        placeId,
        photos.map((p) => p.id),
      );
      if ((await store.listPlacePhotos(tx, communityId, [placeId])).length > maxPlacePhotos) throw full();
    });
  } catch (e) {
    removePhotoFiles(ctx, saved);
    throw e;
  }
}

/** Removes a photo of a place (those who keep it); `NotFound` when the place does not show it. */
export async function removePlacePhoto(ctx: Ctx, placeId: string, photoId: string): Promise<void> {
  const { communityId } = requireMember(ctx);
  const place = await loadPlace(ctx.db, communityId, placeId);
  authorize(can.editPlace(ctx.actor, await factsOf(ctx.db, place)), 'places.errors.only_keepers');
  const removed = await ctx.db.transaction().execute(async (tx) => {
    if (!(await store.removePlacePhoto(tx, communityId, placeId, photoId))) return false;
    await deletePhotos(tx, communityId, [photoId]);
    return true;
  });
  if (!removed) throw new NotFound('places.errors.photo_not_found');
}

/**
 * Whether the actor may see a photo of a place or of a report: members, while the place is live
 * and the report not hidden (hidden: those who keep the place). Undefined when neither shows it
 * (for `registerPhotoOwner`).
 */
export async function placePhotoVisible(ctx: Ctx, communityId: string, photoId: string) {
  const shown = await store.findPhotoPlace(ctx.db, communityId, photoId);
  if (shown) return can.seePlaces(ctx.actor) && shown.archivedAt === null;
  const report = await store.findPhotoReport(ctx.db, communityId, photoId);
  if (!report) return undefined;
  const place = await store.findPlace(ctx.db, communityId, report.placeId);
  if (!place || place.archivedAt || !can.seePlaces(ctx.actor)) return false;
  return report.hiddenAt === null || can.seeHiddenReports(ctx.actor, await factsOf(ctx.db, place));
}

export { hideReport, reportPlace, stockAfter } from './reports.ts';

/**
 * The live places of every community that allow a longest time between checks (shifts' alert
 * when none was logged for longer).
 */
export function placesWithCheckHours(db: Db): Promise<Place[]> {
  return store.listPlacesWithCheckHours(db);
}

/** Whether the place has a public page (fridges and pantries): its shifts feed is public too. */
export { hasPublicPage } from './policy.ts';
