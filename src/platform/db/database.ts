/**
 * The database as Kysely sees it (camelCase; `CamelCasePlugin` maps to snake_case columns).
 * Instants are ISO-8601 UTC strings; flags are 0/1; `languages` are comma-separated codes.
 *
 * The tables are declared by capability in `./tables/<area>.ts`, following the migrations' grouping;
 * this file composes them into `Database` and re-exports every table, row and vocabulary type, so code
 * imports them from here. A new table goes into its area's file (and its area's list of community
 * tables when its rows belong to one community).
 */
import type { Kysely } from 'kysely';
import { type CommunitiesDatabase, communitiesCommunityTables } from './tables/communities.ts';
import { type ConversationsDatabase, conversationsCommunityTables } from './tables/conversations.ts';
import { type EvacuationDatabase, evacuationCommunityTables } from './tables/evacuation.ts';
import {
  type EvacuationDrillsDatabase,
  evacuationDrillsCommunityTables,
} from './tables/evacuation-drills.ts';
import { type FeedbackDatabase, feedbackCommunityTables } from './tables/feedback.ts';
import { type GatheringsDatabase, gatheringsCommunityTables } from './tables/gatherings.ts';
import { type GuidelinesDatabase, guidelinesCommunityTables } from './tables/guidelines.ts';
import { type LibraryDatabase, libraryCommunityTables } from './tables/library.ts';
import { type MilestonesDatabase, milestonesCommunityTables } from './tables/milestones.ts';
import { type NewsletterDatabase, newsletterCommunityTables } from './tables/newsletter.ts';
import { type NotifyDatabase, notifyCommunityTables } from './tables/notify.ts';
import { type PhotosDatabase, photosCommunityTables } from './tables/photos.ts';
import { type PilotsDatabase, pilotsCommunityTables } from './tables/pilots.ts';
import { type PlacesDatabase, placesCommunityTables } from './tables/places.ts';
import type { PlatformDatabase } from './tables/platform.ts';
import { type PostsDatabase, postsCommunityTables } from './tables/posts.ts';
import type { PushDatabase } from './tables/push.ts';
import { type SearchDatabase, searchCommunityTables } from './tables/search.ts';
import { type SeedsDatabase, seedsCommunityTables } from './tables/seeds.ts';
import { type ShiftsDatabase, shiftsCommunityTables } from './tables/shifts.ts';
import { type SurveysDatabase, surveysCommunityTables } from './tables/surveys.ts';

export type * from './tables/communities.ts';
export type * from './tables/conversations.ts';
export type * from './tables/evacuation.ts';
export type * from './tables/evacuation-drills.ts';
export type * from './tables/feedback.ts';
export type * from './tables/gatherings.ts';
export type * from './tables/guidelines.ts';
export type * from './tables/library.ts';
export type * from './tables/milestones.ts';
export type * from './tables/newsletter.ts';
export type * from './tables/notify.ts';
export type * from './tables/photos.ts';
export type * from './tables/pilots.ts';
export type * from './tables/places.ts';
export type * from './tables/platform.ts';
export type * from './tables/posts.ts';
export type * from './tables/push.ts';
export type * from './tables/search.ts';
export type * from './tables/seeds.ts';
export type * from './tables/shifts.ts';
export type * from './tables/surveys.ts';

/** Every table, by name. */
export interface Database
  extends PlatformDatabase,
    CommunitiesDatabase,
    SeedsDatabase,
    SearchDatabase,
    PostsDatabase,
    ConversationsDatabase,
    PhotosDatabase,
    LibraryDatabase,
    PushDatabase,
    NotifyDatabase,
    PlacesDatabase,
    ShiftsDatabase,
    EvacuationDatabase,
    EvacuationDrillsDatabase,
    GatheringsDatabase,
    SurveysDatabase,
    FeedbackDatabase,
    MilestonesDatabase,
    GuidelinesDatabase,
    NewsletterDatabase,
    PilotsDatabase {}

/** Tables whose rows belong to one community: every query on them must name `community_id`. */
export const communityTables: readonly string[] = [
  ...communitiesCommunityTables,
  ...searchCommunityTables,
  ...seedsCommunityTables,
  ...postsCommunityTables,
  ...conversationsCommunityTables,
  ...photosCommunityTables,
  ...libraryCommunityTables,
  ...notifyCommunityTables,
  ...placesCommunityTables,
  ...shiftsCommunityTables,
  ...evacuationCommunityTables,
  ...evacuationDrillsCommunityTables,
  ...gatheringsCommunityTables,
  ...surveysCommunityTables,
  ...feedbackCommunityTables,
  ...milestonesCommunityTables,
  ...guidelinesCommunityTables,
  ...newsletterCommunityTables,
  ...pilotsCommunityTables,
];

/** A database handle or an open transaction. */
export type Db = Kysely<Database>;
