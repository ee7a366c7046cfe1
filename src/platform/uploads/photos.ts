/**
 * Photos: every upload is decoded (so a file that is not really an image is refused, whatever
 * its name says), turned upright, shrunk to at most 1600 px (and a 400 px thumbnail) and
 * re-encoded as JPEG. Re-encoding drops all metadata, EXIF GPS included: a photo taken at home
 * must not reveal where home is.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type sharpModule from 'sharp';
import type { Services } from '../context.ts';
import type { Db, Photo } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { iso } from '../db/time.ts';
import { type FieldError, Invalid } from '../errors.ts';
import { maxFileBytes, maxFiles, type UploadedFile } from './multipart.ts';

/** Longest side of a stored photo, in pixels. */
export const fullSize = 1600;
/** Longest side of a thumbnail, in pixels. */
export const thumbSize = 400;
/** Formats we decode; SVG and PDF are refused (scripts, external references). */
const acceptedFormats = new Set(['jpeg', 'png', 'webp', 'gif', 'avif', 'heif', 'tiff']);
/**
 * The most pixels a photo may have: decoding costs time in proportion (a 49-megapixel PNG took
 * 0.7 s of CPU), and a decompression bomb is a small file of very many pixels. Phone cameras
 * save 12 megapixels by default; 24 leaves room for their large mode and most cameras.
 */
export const maxPixels = 24_000_000;

/** A photo decoded and re-encoded, not yet stored. */
export interface PreparedPhoto {
  full: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
}

/** Which of the two stored sizes. */
export type PhotoSize = 'full' | 'thumb';

/**
 * sharp, loaded on the first photo: the library and libvips behind it hold about 10 MB of a
 * server's memory from the moment they are loaded, and most servers go days without a photo.
 */
let loadedSharp: Promise<typeof sharpModule> | undefined;
const loadSharp = () => (loadedSharp ??= import('sharp').then((m) => m.default));

async function encode(file: UploadedFile, field: string): Promise<PreparedPhoto> {
  if (file.truncated || file.data.length > maxFileBytes) {
    throw new Invalid([{ field, code: 'uploads.too_large', params: { mb: maxFileBytes / 1024 / 1024 } }]);
  }
  const sharp = await loadSharp();
  // The header alone tells the format and size: a file refused here is never decoded.
  const meta = await sharp(file.data)
    .metadata()
    .catch(() => undefined);
  if (!meta?.format || !acceptedFormats.has(meta.format) || !meta.width || !meta.height) {
    throw new Invalid([{ field, code: 'uploads.not_an_image' }]);
  }
  if (meta.width * meta.height > maxPixels) {
    const megapixels = Math.round((meta.width * meta.height) / 1_000_000);
    throw new Invalid([
      { field, code: 'uploads.too_many_pixels', params: { megapixels, max: maxPixels / 1_000_000 } },
    ]);
  }
  try {
    // rotate() applies the EXIF orientation before the metadata is dropped.
    const full = await sharp(file.data, { limitInputPixels: maxPixels, failOn: 'error' })
      .rotate()
      .resize({ width: fullSize, height: fullSize, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    // From the stored size, not the original: the upload is decoded once.
    const thumb = await sharp(full.data)
      .resize({ width: thumbSize, height: thumbSize, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 78, mozjpeg: true })
      .toBuffer();
    return { full: full.data, thumb, width: full.info.width, height: full.info.height };
  } catch {
    throw new Invalid([{ field, code: 'uploads.not_an_image' }]);
  }
}

/**
 * Decodes and re-encodes `files` from form field `field`. Throws `Invalid` naming the field
 * (`uploads.too_many`, `uploads.too_large`, `uploads.too_many_pixels`, `uploads.not_an_image`)
 * if any is refused.
 */
export async function preparePhotos(
  files: UploadedFile[],
  field: string,
  max = maxFiles,
): Promise<PreparedPhoto[]> {
  if (files.length > max)
    throw new Invalid([{ field, code: 'uploads.too_many', params: { max, count: max } }]);
  const prepared: PreparedPhoto[] = [];
  const errors: FieldError[] = [];
  for (const file of files) {
    try {
      prepared.push(await encode(file, field));
    } catch (e) {
      if (e instanceof Invalid) errors.push(...e.fields);
      else throw e;
    }
  }
  if (errors.length) throw new Invalid([errors[0]]);
  return prepared;
}

/** The directory holding `communityId`'s photos. */
export function uploadsDir(services: Pick<Services, 'config'>, communityId: string): string {
  return join(services.config.dataDir, 'uploads', communityId);
}

/** The file of one size of a photo. */
export function photoFile(
  services: Pick<Services, 'config'>,
  photo: Pick<Photo, 'communityId' | 'id' | 'ext'>,
  size: PhotoSize,
): string {
  const name = size === 'thumb' ? `${photo.id}.thumb.${photo.ext}` : `${photo.id}.${photo.ext}`;
  return join(uploadsDir(services, photo.communityId), name);
}

/**
 * Writes prepared photos to disk and records them in `tx`. If the transaction later fails, the
 * caller's `onRollback` cleanup (`removePhotoFiles`) deletes the files; a file without a row is
 * never served.
 */
export async function savePhotos(
  services: Pick<Services, 'config' | 'clock'>,
  tx: Db,
  communityId: string,
  uploadedBy: string | null,
  photos: PreparedPhoto[],
): Promise<Photo[]> {
  const saved: Photo[] = [];
  mkdirSync(uploadsDir(services, communityId), { recursive: true });
  for (const p of photos) {
    const row: Photo = {
      id: newId(),
      communityId,
      uploadedBy,
      ext: 'jpg',
      width: p.width,
      height: p.height,
      bytes: p.full.length,
      createdAt: iso(services.clock.now()),
    };
    writeFileSync(photoFile(services, row, 'full'), p.full);
    writeFileSync(photoFile(services, row, 'thumb'), p.thumb);
    saved.push(await tx.insertInto('photo').values(row).returningAll().executeTakeFirstOrThrow());
  }
  return saved;
}

/** Deletes the files of `photos` (after their rows are gone, or when their transaction failed). */
export function removePhotoFiles(
  services: Pick<Services, 'config'>,
  photos: Pick<Photo, 'communityId' | 'id' | 'ext'>[],
): void {
  for (const photo of photos) {
    rmSync(photoFile(services, photo, 'full'), { force: true });
    rmSync(photoFile(services, photo, 'thumb'), { force: true });
  }
}

/** The photo row, if it belongs to `communityId`. */
export function findPhoto(db: Db, communityId: string, photoId: string): Promise<Photo | undefined> {
  return db
    .selectFrom('photo')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('id', '=', photoId)
    .executeTakeFirst();
}

/** Deletes photo rows of `communityId` (the caller removes the files after commit). */
export async function deletePhotos(db: Db, communityId: string, photoIds: string[]): Promise<void> {
  if (photoIds.length === 0) return;
  await db.deleteFrom('photo').where('communityId', '=', communityId).where('id', 'in', photoIds).execute();
}
