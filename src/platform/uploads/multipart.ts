/**
 * File uploads from plain HTML forms (`enctype="multipart/form-data"`, no JavaScript needed) and
 * from the API. A body of files costs memory and time to read, so nothing of it is read until the
 * request may send it:
 * - the route takes files (`config: { upload: true }`); any other route refuses a multipart body
 *   with 415;
 * - the sender is signed in (401);
 * - an API upload comes from this site, by its `Origin` (403 `errors.csrf`); a page form's CSRF
 *   token — its first field, where every upload form puts it, or an `x-csrf-token` header — is
 *   valid before the first file is read (403 `errors.csrf`);
 * - at most `maxConcurrentUploads` bodies are read at once, `maxUploadsPerAccount` per person
 *   (429 `uploads.busy`, with the seconds to wait).
 * A refused request's connection is closed, so its unread body is never read. Files are read
 * into memory within `maxFileBytes` each, `maxFiles` per request, and attached to `req.body`
 * with the other fields (a repeated name gives a list). Register this before `registerForms`
 * (preValidation hooks run in the order they were added).
 */
import multipart from '@fastify/multipart';
import { errorCodes, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { Forbidden, TooManyRequests, Unauthenticated } from '../errors.ts';
import { sameOrigin } from '../http/forms.ts';

/** Largest accepted file, in bytes (a phone photo is 2–6 MB). */
export const maxFileBytes = 8 * 1024 * 1024;
/** Most files in one form post. */
export const maxFiles = 4;
/** Most upload bodies read at once by this process (each holds up to `maxFiles` × `maxFileBytes`). */
export const maxConcurrentUploads = 4;
/** Most upload bodies read at once for one person. */
export const maxUploadsPerAccount = 2;
/** The wait suggested when every upload slot is taken, in seconds. */
const busyRetrySeconds = 10;

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * This route takes files (multipart/form-data); every other route refuses them unread. Only
     * from a signed-in account, unless `'anyone'` (a fridge's report form): then someone without
     * one is counted by their address.
     */
    upload?: boolean | 'anyone';
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

/**
 * Checks the form's CSRF token with the same check `registerForms` applies to every form, now,
 * before a file is read. `csrfProtection` answers a refusal itself (`reply.send(error)`); here
 * the refusal is thrown instead, so that reading stops.
 */
function checkCsrf(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  return new Promise((resolve, reject) => {
    const refusing = new Proxy(reply, {
      get: (target, key) => (key === 'send' ? reject : Reflect.get(target, key, target)),
    });
    app.csrfProtection(req, refusing, () => resolve());
  });
}

/** Registers multipart parsing and the checks above; `await` it before `registerForms(app)`. */
export async function registerUploads(app: FastifyInstance): Promise<void> {
  await app.register(multipart, {
    // Refuse beyond the limit with a message beside the field, not a bare 413.
    throwFileSizeLimit: false,
    limits: { fileSize: maxFileBytes, files: maxFiles, fields: 50, fieldSize: 1024 * 1024, parts: 60 },
  });

  let reading = 0;
  const readingFor = new Map<string, number>();
  /** The requests holding an upload slot, with the account each was counted for. */
  const slots = new WeakMap<FastifyRequest, string>();
  const release = async (req: FastifyRequest) => {
    const account = slots.get(req);
    if (account === undefined) return;
    slots.delete(req);
    reading--;
    const left = (readingFor.get(account) ?? 1) - 1;
    if (left > 0) readingFor.set(account, left);
    else readingFor.delete(account);
  };
  app.addHook('onResponse', release);
  app.addHook('onRequestAbort', release);

  app.addHook('preValidation', async (req, reply) => {
    if (!req.isMultipart()) return;
    try {
      const upload = req.routeOptions.config?.upload;
      if (upload !== true && upload !== 'anyone') {
        throw new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(req.headers['content-type']);
      }
      if (!req.account && upload !== 'anyone') throw new Unauthenticated();
      const api = req.url.startsWith('/api/');
      if (api && !sameOrigin(req)) throw new Forbidden('errors.csrf');
      const account = req.account?.id ?? `address ${req.ip}`;
      if (reading >= maxConcurrentUploads || (readingFor.get(account) ?? 0) >= maxUploadsPerAccount) {
        throw new TooManyRequests('uploads.busy', busyRetrySeconds);
      }
      reading++;
      readingFor.set(account, (readingFor.get(account) ?? 0) + 1);
      slots.set(req, account);

      // An API upload has no token (its Origin was checked). A page form's token is checked here
      // before its first file is read; registerForms checks it again, as for any form.
      let checked = api;
      if (!checked && req.headers['x-csrf-token'] !== undefined) {
        await checkCsrf(app, req, reply);
        checked = true;
      }
      const fields = new Map<string, unknown>();
      const add = (name: string, value: unknown) => {
        const before = fields.get(name);
        fields.set(
          name,
          before === undefined ? value : Array.isArray(before) ? [...before, value] : [before, value],
        );
      };
      for await (const part of req.parts()) {
        if (part.type === 'field') {
          add(part.fieldname, part.value);
          continue;
        }
        if (!checked) {
          req.body = Object.fromEntries(fields);
          await checkCsrf(app, req, reply);
          checked = true;
        }
        const data = await part.toBuffer();
        const file: UploadedFile = {
          data,
          filename: part.filename,
          mimetype: part.mimetype,
          truncated: part.file.truncated,
        };
        add(part.fieldname, file);
      }
      req.body = Object.fromEntries(fields);
    } catch (error) {
      // Whatever of the body is unread stays so: Node would otherwise read it to its end to keep
      // the connection for another request.
      reply.header('connection', 'close');
      throw error;
    }
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
