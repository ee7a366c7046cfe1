/**
 * `GET /c/:community/photos/:photoId/:size`: a community's photos, for its active members only
 * (photos show homes, porches and belongings), and each only to those who may see the row that
 * shows it: the feature owning that row (an item, a story) says so. A photo no row vouches for is
 * not served. Ids are UUIDv7 and files never change, so browsers may keep them, privately.
 */
import { createReadStream, existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireMember } from '../access.ts';
import type { Ctx } from '../context.ts';
import { NotFound } from '../errors.ts';
import { findPhoto, type PhotoSize, photoFile } from './photos.ts';

const PhotoParams = Type.Object({
  community: Type.String({ maxLength: 100 }),
  photoId: Type.String({ format: 'uuid' }),
  size: Type.Union([Type.Literal('full'), Type.Literal('thumb')]),
});

/** The URL of one size of a photo of the community with `slug`. */
export function photoUrl(slug: string, photoId: string, size: PhotoSize = 'full'): string {
  return `/c/${slug}/photos/${photoId}/${size}`;
}

/**
 * Whether `ctx`'s actor may see the photo `photoId` of `communityId`, by the rule of the row that
 * shows it; undefined when no row of this owner shows it.
 */
export type PhotoOwner = (ctx: Ctx, communityId: string, photoId: string) => Promise<boolean | undefined>;

const owners = new Map<string, PhotoOwner>();

/** Lets a feature vouch for the photos its rows show (`registerPhotoOwner('item', …)`). */
export function registerPhotoOwner(kind: string, owner: PhotoOwner): void {
  owners.set(kind, owner);
}

/** Whether some owner shows the photo to the actor; false when none shows it at all. */
async function maySee(ctx: Ctx, communityId: string, photoId: string): Promise<boolean> {
  for (const owner of owners.values()) {
    const verdict = await owner(ctx, communityId, photoId);
    if (verdict !== undefined) return verdict;
  }
  return false;
}

/** Registers the photo route. */
export function photoRoutes(app: FastifyInstance): void {
  app.get<{ Params: { community: string; photoId: string; size: PhotoSize } }>(
    '/c/:community/photos/:photoId/:size',
    { schema: { hide: true, params: PhotoParams } },
    async (req, reply) => {
      const { communityId } = requireMember(req.ctx);
      const photo = await findPhoto(req.ctx.db, communityId, req.params.photoId);
      // Hidden or gone as its row is: the same 404 as a photo that does not exist.
      const visible = photo && (await maySee(req.ctx, communityId, photo.id));
      const file = visible && photoFile(req.ctx, photo, req.params.size);
      if (!file || !existsSync(file)) throw new NotFound('errors.not_found');
      return reply
        .type('image/jpeg')
        .header('cache-control', 'private, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .send(createReadStream(file));
    },
  );
}
