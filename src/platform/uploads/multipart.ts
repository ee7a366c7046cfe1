/**
 * File uploads from plain HTML forms (`enctype="multipart/form-data"`, no JavaScript needed).
 * Files are read into memory within strict limits and attached to `req.body` with the other
 * fields, before the CSRF check of `http/forms.ts` reads `req.body._csrf` — so this must be
 * registered before `registerForms` (preValidation hooks run in the order they were added).
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { Unauthenticated } from '../errors.ts';

/** Largest accepted file, in bytes (a phone photo is 2–6 MB). */
export const maxFileBytes = 8 * 1024 * 1024;
/** Most files in one form post. */
export const maxFiles = 4;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** This route accepts multipart uploads from visitors who are not signed in. */
    publicUpload?: boolean;
  }
}

/** A file from a multipart form, as it appears in `req.body`. */
export interface UploadedFile {
  /** The bytes read; when `truncated`, only the first `maxFileBytes`. */
  data: Buffer;
  filename: string;
  mimetype: string;
  /** The file was larger than `maxFileBytes` and was cut off. */
  truncated: boolean;
}

/** Registers multipart parsing; `await` it before `registerForms(app)`. */
export async function registerUploads(app: FastifyInstance): Promise<void> {
  // Upload forms are for signed-in people: refuse others before reading megabytes of files
  // (a route open to visitors says so with `config: { publicUpload: true }`, and a rate limit).
  app.addHook('preValidation', async (req) => {
    if (req.isMultipart() && !req.account && req.routeOptions.config?.publicUpload !== true) {
      throw new Unauthenticated();
    }
  });
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    // Refuse beyond the limit with a message beside the field, not a bare 413.
    throwFileSizeLimit: false,
    limits: { fileSize: maxFileBytes, files: maxFiles, fields: 50, fieldSize: 1024 * 1024, parts: 60 },
    async onFile(part) {
      const data = await part.toBuffer();
      const file: UploadedFile = {
        data,
        filename: part.filename,
        mimetype: part.mimetype,
        truncated: part.file.truncated,
      };
      (part as unknown as { value: UploadedFile }).value = file;
    },
  });
}

function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && Buffer.isBuffer((value as UploadedFile).data);
}

/**
 * The files given in a form field (one or several), leaving out the empty part a browser sends
 * when no file was chosen.
 */
export function filesOf(value: unknown): UploadedFile[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter(isUploadedFile).filter((f) => f.data.length > 0 || f.truncated);
}
