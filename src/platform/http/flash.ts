/**
 * One-time notices carried through a form's 303 redirect ("Your post is on the board."), so a
 * page says what just happened without JavaScript: the handler calls `flash(reply, key, values)`
 * before redirecting, and the next page rendered for that browser shows the notice once (see
 * `web/view.ts`) and clears it. The notice travels in a short-lived signed cookie holding only a
 * catalog key and its values; a page with a notice to show is never served from, nor stored in,
 * the page cache (it reads and clears the cookie).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The cookie a notice waits in between the redirect and the page. */
export const flashCookie = 'porch_notice';
/** A notice not shown within this many seconds (a redirect not followed) is dropped. */
const flashSeconds = 120;

/** A notice to show once: a catalog key and the values it names. */
export interface Flash {
  key: string;
  values: Record<string, string | number>;
}

/** Leaves a notice (`key` in the catalogs, with `values`) for the next page this browser renders. */
export function flash(reply: FastifyReply, key: string, values: Flash['values'] = {}): void {
  reply.setCookie(flashCookie, JSON.stringify({ key, values }), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    signed: true,
    maxAge: flashSeconds,
  });
}

/**
 * The notice waiting for `req`, once: clears it on `reply`. Undefined when there is none, or when
 * the cookie was not signed by this server or does not hold a notice.
 */
export function takeFlash(req: FastifyRequest, reply: FastifyReply): Flash | undefined {
  const raw = req.cookies[flashCookie];
  if (raw === undefined) return undefined;
  reply.clearCookie(flashCookie, { path: '/' });
  const unsigned = req.unsignCookie(raw);
  if (!unsigned.valid || unsigned.value === null) return undefined;
  try {
    const parsed = JSON.parse(unsigned.value) as Partial<Flash>;
    if (typeof parsed.key !== 'string' || typeof parsed.values !== 'object' || parsed.values === null)
      return undefined;
    const values: Flash['values'] = {};
    for (const [name, value] of Object.entries(parsed.values)) {
      if (typeof value === 'string' || typeof value === 'number') values[name] = value;
    }
    return { key: parsed.key, values };
  } catch {
    return undefined;
  }
}
