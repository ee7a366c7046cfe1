/**
 * Places tables (migration 0028): a community's fridges, pantries, shed, gardens, meeting spots and
 * shelters, their volunteers and photos, and what anyone reported about them. Also the place, stock
 * and report vocabularies the places code, its pages and shifts share.
 */
import type { Generated, Selectable } from 'kysely';

/** What a place is. */
export type PlaceKind = 'fridge' | 'pantry' | 'tool_shed' | 'garden' | 'meeting_spot' | 'shelter' | 'other';
/** How full a fridge or pantry is, as last reported. */
export type StockLevel = 'empty' | 'low' | 'some' | 'full';
/** Who may see a place's exact address and point: its members, or anyone (its public page). */
export type AddressVisibility = 'members' | 'public';
/** What a report says. */
export type PlaceReportKind = 'stocked' | 'empty' | 'problem' | 'cleaned';
/** What is wrong, in a problem report. */
export type PlaceProblem = 'broken' | 'dirty' | 'unsafe_food' | 'other';

/** A place of a community (migration 0028). */
export interface PlaceTable {
  id: string;
  communityId: string;
  kind: PlaceKind;
  name: string;
  description: Generated<string>;
  address: Generated<string>;
  addressVisibility: Generated<AddressVisibility>;
  /** WGS 84 degrees; both null or both set. */
  latitude: number | null;
  longitude: number | null;
  /** The weekly opening hours as JSON (`OpeningHours` of the places feature); '' when not said. */
  openingHours: Generated<string>;
  rules: Generated<string>;
  /** For food (fridge, pantry): what may be left, how to label and date it, what not to leave. */
  foodAccepted: Generated<string>;
  foodLabels: Generated<string>;
  foodRefused: Generated<string>;
  /** How to reach a volunteer, as the place chooses to publish it (shown on its public page). */
  contact: Generated<string>;
  /** Longest allowed time between two checks, in hours (shifts' stale-check alert); null: none. */
  checkHours: number | null;
  stockLevel: StockLevel | null;
  stockReportedAt: string | null;
  cleanedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}

/** A member responsible for a place (migration 0028). */
export interface PlaceVolunteerTable {
  communityId: string;
  placeId: string;
  accountId: string;
  createdAt: string;
}

/** A photo of a place, in display order (migration 0028). */
export interface PlacePhotoTable {
  communityId: string;
  placeId: string;
  photoId: string;
  position: number;
}

/** What someone reported about a place; `accountId` null when they had no account (0028). */
export interface PlaceReportTable {
  id: string;
  communityId: string;
  placeId: string;
  kind: PlaceReportKind;
  /** The stock level the report leaves the place at; null when it says nothing of it. */
  stockLevel: StockLevel | null;
  /** Set exactly when `kind` is `problem`. */
  problem: PlaceProblem | null;
  note: Generated<string>;
  photoId: string | null;
  accountId: string | null;
  createdAt: string;
  hiddenAt: string | null;
  hiddenBy: string | null;
}

/** The places tables, by name (part of `Database`). */
export interface PlacesDatabase {
  place: PlaceTable;
  placeVolunteer: PlaceVolunteerTable;
  placePhoto: PlacePhotoTable;
  placeReport: PlaceReportTable;
}

/** Tables of this area whose rows belong to one community (checked by the tenant guard). */
export const placesCommunityTables: readonly string[] = [
  'place',
  'place_volunteer',
  'place_photo',
  'place_report',
];

/** A place row as read. */
export type Place = Selectable<PlaceTable>;
/** A report row as read. */
export type PlaceReport = Selectable<PlaceReportTable>;
