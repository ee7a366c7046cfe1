/**
 * Requests as the log records them, without the secrets some URLs carry: a sign-in link's token
 * (`/login/<token>`), a calendar feed's (`/calendar/<token>.ics`), an unsubscribe link's
 * signature, and `token` or `invite` in a query (`/setup?token=…`, `/c/…/join?invite=…`). A log is
 * read by more people, and kept longer, than the secrets are meant to be.
 */
import type { FastifyRequest } from 'fastify';

const secretSegments: [RegExp, string][] = [
  [/^\/login\/[^/?#]+/, '/login/…'],
  [/^\/calendar\/[^/?#]+/, '/calendar/…'],
  [/^(\/unsubscribe\/[^/?#]+\/[^/?#]+\/)[^/?#]+/, '$1…'],
];

/** `url` with its secrets replaced by `…`. */
export function redactUrl(url: string): string {
  let out = url;
  for (const [pattern, replacement] of secretSegments) out = out.replace(pattern, replacement);
  return out.replace(/([?&](?:token|invite)=)[^&#]*/g, '$1…');
}

/** Fastify's request log fields (its default serializer's), with the URL redacted. */
export function requestForLog(req: FastifyRequest) {
  return {
    method: req.method,
    url: redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}
