/**
 * Requests as the log records them, without the secrets some URLs carry: a sign-in link's token
 * (`/login/<token>`, a steward's `/c/<slug>/back/<token>`), a calendar feed's
 * (`/calendar/<token>.ics`), an unsubscribe link's signature, an emergency ride network's personal
 * link (`/c/<slug>/evacuation/check-in/<token>`, `…/safe/<token>`, and their API forms under
 * `/api/v1/communities/<slug>/evacuation/`), `token` or `invite` in a query (`/setup?token=…`,
 * `/c/…/join?invite=…`), and a `next` query that holds such a path. A log is read by more
 * people, and kept longer, than the secrets are meant to be.
 */
import type { FastifyRequest } from 'fastify';

const secretSegments: [RegExp, string][] = [
  [/^\/login\/[^/?#]+/, '/login/…'],
  [/^\/calendar\/[^/?#]+/, '/calendar/…'],
  [/^(\/unsubscribe\/[^/?#]+\/[^/?#]+\/)[^/?#]+/, '$1…'],
  [/^(\/c\/[^/?#]+\/back\/)[^/?#]+/, '$1…'],
  [/^((?:\/c|\/api\/v1\/communities)\/[^/?#]+\/evacuation\/(?:check-in|safe)\/)[^/?#]+/, '$1…'],
];

/** `url` with its secrets replaced by `…`. */
export function redactUrl(url: string): string {
  let out = url;
  for (const [pattern, replacement] of secretSegments) out = out.replace(pattern, replacement);
  return out
    .replace(/([?&](?:token|invite)=)[^&#]*/g, '$1…')
    .replace(/([?&]next=)([^&#]*)/g, (all, key: string, next: string) =>
      holdsSecret(decodeQuery(next)) ? `${key}…` : all,
    );
}

/** Whether path `url` carries a secret the log would redact (a page's "Sign in" keeps it out of `next=`). */
export function holdsSecret(url: string): boolean {
  return secretSegments.some(([pattern]) => pattern.test(url)) || /[?&](?:token|invite)=/.test(url);
}

function decodeQuery(value: string): string {
  try {
    return decodeURIComponent(value.replaceAll('+', ' '));
  } catch {
    return value;
  }
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
