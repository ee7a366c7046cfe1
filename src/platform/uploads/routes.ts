/**
 * `GET /c/:community/photos/:photoId/:size`: a community's photos, for its active members only
 * (photos show homes, porches and belongings). Ids are UUIDv7 and files never change, so
 * browsers may keep them, privately.
 */
import { createReadStream, existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireMember } from '../access.ts';
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

/** Registers the photo route. */
export function photoRoutes(app: FastifyInstance): void {
  app.get<{ Params: { community: string; photoId: string; size: PhotoSize } }>(
    '/c/:community/photos/:photoId/:size',
    { schema: { hide: true, params: PhotoParams } },
    async (req, reply) => {
      const { communityId } = requireMember(req.ctx);
      const photo = await findPhoto(req.ctx.db, communityId, req.params.photoId);
      const file = photo && photoFile(req.ctx, photo, req.params.size);
      if (!file || !existsSync(file)) throw new NotFound('errors.not_found');
      return reply
        .type('image/jpeg')
        .header('cache-control', 'private, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .send(createReadStream(file));
    },
  );
}
