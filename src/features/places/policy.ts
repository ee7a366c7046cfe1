/**
 * Who may do what with places. Pure: no I/O. Services enforce these; pages call the same
 * predicates to decide which links and buttons to show.
 *
 * The rule (PRODUCT.md, capability 5): stewards add places, name their volunteers and archive
 * them; a place's volunteers keep it — they edit its details, photos and stock and hide reports,
 * as stewards may for any place. Members see every place and report on it. Coordinators are
 * members here (their role is the ride network). Anyone, with an account or not, reads the public
 * page of a fridge or pantry and reports on it there.
 */
import { isMember as member, isSteward as steward, type Who } from '../../platform/access.ts';
import type { AddressVisibility, PlaceKind } from '../../platform/db/database.ts';

/** What the predicates need to know of a place. */
export interface PlaceFacts {
  kind: PlaceKind;
  addressVisibility: AddressVisibility;
  /** The account ids of its volunteers. */
  volunteerIds: readonly string[];
}

const volunteers = (a: Who, place: PlaceFacts) =>
  member(a) && a.accountId !== null && place.volunteerIds.includes(a.accountId);
const keeps = (a: Who, place: PlaceFacts) => steward(a) || volunteers(a, place);

/** Places with a public page, readable and reportable without an account. */
export const publicKinds: readonly PlaceKind[] = ['fridge', 'pantry'];

/** Permission predicates, each `(actor, …facts) => boolean`. */
export const can = {
  /** The list, the map and each place's page: active members. */
  seePlaces: member,
  /** Report on a place from its members' page. */
  report: member,
  addPlace: steward,
  /** Name the place's volunteers, archive it. */
  managePlace: (a: Who) => steward(a),
  /** Its details, photos and stock; hiding reports. */
  editPlace: keeps,
  hideReport: keeps,
  /** The hidden reports too (the others see only the visible ones). */
  seeHiddenReports: keeps,
  /** Who the volunteers are: members (the public page shows only what the place published). */
  seeVolunteers: (a: Who) => member(a),
  /** The exact address and point: members, or anyone when the place made them public. */
  seeAddress: (a: Who, place: Pick<PlaceFacts, 'addressVisibility'>) =>
    member(a) || place.addressVisibility === 'public',
};

/** Places that hold food and so have a stock level (stocked, empty, how full): fridges and pantries. */
export const stockKinds: readonly PlaceKind[] = ['fridge', 'pantry'];

/** Whether reports on the place may say how full it is (fridges and pantries). */
export function keepsStock(place: Pick<PlaceFacts, 'kind'>): boolean {
  return stockKinds.includes(place.kind);
}

/** Whether the place has a public page (and a sign to print): fridges and pantries. */
export function hasPublicPage(place: Pick<PlaceFacts, 'kind'>): boolean {
  return publicKinds.includes(place.kind);
}
