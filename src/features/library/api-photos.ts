/**
 * An item's photos in the library's JSON API: added as `multipart/form-data`, removed one by
 * one, by the item's owner or a steward (the same service calls as the item's page).
 */
import { Type } from 'typebox';
import { photoLimit } from '../../platform/http/rate-limit.ts';
import type { App } from '../../platform/module.ts';
import { filesOf, maxFileBytes } from '../../platform/uploads/multipart.ts';
import { ItemOut, ItemParams, ItemPhotoIn, PhotoParams } from './schema.ts';
import * as library from './service.ts';

/**
 * Registers the photo routes under `root` (`/api/v1/communities/:community`), with the library
 * API's OpenAPI `tags` and its sentence on who may call (`access`).
 */
export function libraryPhotoApi(app: App, root: string, tags: string[], access: string): void {
  app.post(
    `${root}/items/:itemId/photos`,
    {
      config: photoLimit,
      schema: {
        tags,
        summary: 'Add a photo to an item',
        description: `The item’s owner, or a steward (403 otherwise). A \`multipart/form-data\` body with an image file in \`photo\` (repeat the part to add several), without a CSRF token (a browser's upload must come from this site: a foreign \`Origin\` is 403 \`errors.csrf\`). Each file is decoded and re-encoded as JPEG (at most 1600 px, and a 400 px thumbnail), which drops all its metadata, the GPS position included. Refused with 422 naming the field \`photo\`: no file (\`library.errors.photo_required\`), larger than ${maxFileBytes / 1024 / 1024} MB (\`uploads.too_large\`), not an image we can read (\`uploads.not_an_image\`; SVG and PDF included), more files than the item has room for (\`uploads.too_many\`); 409 \`library.errors.photos_full\` when it has its ${library.maxItemPhotos} photos already. Answers the item with its photos, the new ones last, served to members at their \`url\` and \`thumbUrl\`. ${access}`,
        consumes: ['multipart/form-data'],
        params: ItemParams,
        body: ItemPhotoIn,
        response: { 201: ItemOut },
      },
    },
    async (req, reply) => {
      const files = filesOf(req.body.photo);
      return reply.code(201).send(await library.addItemPhotos(req.ctx, req.params.itemId, files, 'photo'));
    },
  );

  app.delete(
    `${root}/items/:itemId/photos/:photoId`,
    {
      schema: {
        tags,
        summary: 'Remove a photo of an item',
        description: `The item’s owner, or a steward (403 otherwise). The photo and its files are deleted; 404 \`library.errors.photo_not_found\` when it is not this item’s. ${access}`,
        params: PhotoParams,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await library.removeItemPhoto(req.ctx, req.params.itemId, req.params.photoId);
      return reply.code(204).send(null);
    },
  );
}
