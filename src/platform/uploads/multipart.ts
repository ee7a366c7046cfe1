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
 * - at most `maxConcurrentUploads` files' bodies are read at once, `maxUploadsPerAccount` per
 *   person (429 `uploads.busy`, with the seconds to wait). Someone without an account (a fridge's
 *   report form) draws on a pool of its own, `maxAnonymousUploads`, one per address, so strangers
 *   holding slow bodies open can never keep members' photos out.
 * The slot is taken when the first file arrives, not before: a form's few short fields are read
 * without one (`maxFieldBytes` each), and a file input left empty — a part with no file name,
 * which every browser sends — needs none. A body the client trickles ends at `requestTimeoutMs`
 * (set on the server in app.ts), so a slot is never held for longer.
 * A refused request's connection is closed, so its unread body is never read. Files are read
 * into memory within `maxFileBytes` each, `maxFiles` per request, and attached to `req.body`
 * with the other fields (a repeated name gives a list). Register this before `registerForms`
 * (preValidation hooks run in the order they were added).
 */
import multipart from '@fastify/multipart';
import { errorCodes, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { Forbidden, invalid, TooManyRequests, Unauthenticated } from '../errors.ts';
import { sameOrigin } from '../http/forms.ts';

/** Largest accepted file, in bytes (a phone photo is 2–6 MB). */
export const maxFileBytes = 8 * 1024 * 1024;
/** Most files in one form post. */
export const maxFiles = 4;
/** Most upload bodies read at once by this process (each holds up to `maxFiles` × `maxFileBytes`). */
export const maxConcurrentUploads = 4;
/** Most upload bodies read at once for one person. */
export const maxUploadsPerAccount = 2;
/** Most upload bodies read at once from people without an account (one per address), apart. */
export const maxAnonymousUploads = 2;
/** Largest text field of a multipart form, in bytes (the longest text Porch keeps is far less). */
export const maxFieldBytes = 64 * 1024;
/**
 * The longest a request may take to arrive, in ms: Node's own default, which Fastify turns off.
 * Four phone photos at 1 Mbit/s take about 4 minutes.
 */
export const requestTimeoutMs = 300_000;
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
    limits: { fileSize: maxFileBytes, files: maxFiles, fields: 50, fieldSize: maxFieldBytes, parts: 60 },
  });

  /** The slots of one pool: how many are taken, and by whom. */
  const pool = (size: number, perSender: number) => ({
    size,
    perSender,
    taken: 0,
    by: new Map<string, number>(),
  });
  const members = pool(maxConcurrentUploads, maxUploadsPerAccount);
  const strangers = pool(maxAnonymousUploads, 1);
  /** The requests holding an upload slot, with the pool and the sender it was counted for. */
  const slots = new WeakMap<FastifyRequest, { from: ReturnType<typeof pool>; sender: string }>();
  const take = (req: FastifyRequest) => {
    const from = req.account ? members : strangers;
    const sender = req.account?.id ?? `address ${req.ip}`;
    if (from.taken >= from.size || (from.by.get(sender) ?? 0) >= from.perSender) {
      throw new TooManyRequests('uploads.busy', busyRetrySeconds);
    }
    from.taken++;
    from.by.set(sender, (from.by.get(sender) ?? 0) + 1);
    slots.set(req, { from, sender });
  };
  const release = async (req: FastifyRequest) => {
    const slot = slots.get(req);
    if (slot === undefined) return;
    slots.delete(req);
    const { from, sender } = slot;
    from.taken--;
    const left = (from.by.get(sender) ?? 1) - 1;
    if (left > 0) from.by.set(sender, left);
    else from.by.delete(sender);
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
        if (part.filename === '') {
          // A file input left empty: no slot, and nothing in it.
          const data = await part.toBuffer();
          if (data.length > 0) invalid(part.fieldname, 'uploads.unnamed_file');
          add(part.fieldname, { data, filename: '', mimetype: part.mimetype, truncated: false });
          continue;
        }
        if (!slots.has(req)) take(req);
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
