/**
 * Photo tables (migration 0007): uploaded photos, re-encoded without metadata, whose files live under
 * the community's upload folder; other areas (library items, seed stories) link to them by id.
 */
import type { Selectable } from 'kysely';

/** An uploaded photo, re-encoded without metadata; files under `uploads/<communityId>/` (migration 0007). */
export interface PhotoTable {
  id: string;
  communityId: string;
  uploadedBy: string | null;
  /** File extension of the stored full-size and thumbnail files (`jpg`). */
  ext: string;
  width: number;
  height: number;
  bytes: number;
  createdAt: string;
}

/** The photos area's tables, by name (part of `Database`). */
export interface PhotosDatabase {
  photo: PhotoTable;
}

/** Tables of this area whose rows belong to one community (checked by the tenant guard). */
export const photosCommunityTables: readonly string[] = ['photo'];

/** A photo row as read. */
export type Photo = Selectable<PhotoTable>;
