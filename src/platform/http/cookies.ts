import type { FastifyReply } from 'fastify';
import { sessionCookie, sessionSeconds } from '../auth/sessions.ts';

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure when the site is served over HTTPS. */
export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(sessionCookie, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: sessionSeconds,
  });
}

/** Removes the session cookie. */
export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(sessionCookie, { path: '/' });
}
