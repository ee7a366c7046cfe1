/**
 * A same-site path to go to after a form, or `/`. Refuses absolute and protocol-relative URLs
 * (`//evil.example`, `/\evil.example`) so `next=` cannot become an open redirect.
 */
export function safeNext(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return fallback;
  }
  return next;
}
