// A path of printable ASCII (browsers percent-encode the rest) that does not start a second
// slash or backslash: browsers drop tabs and line breaks, so `/\t/evil.example` would read as
// `//evil.example`, an address on another site (OWASP, unvalidated redirects and forwards).
const samePath = /^\/(?![/\\])[\x21-\x7e]*$/;

/**
 * A same-site path to go to after a form, or `fallback`. Refuses absolute and protocol-relative
 * URLs (`//evil.example`, `/\evil.example`, and those hidden by control characters or spaces)
 * so `next=` cannot become an open redirect, and nothing that cannot go in a Location header.
 */
export function safeNext(next: unknown, fallback = '/'): string {
  return typeof next === 'string' && samePath.test(next) ? next : fallback;
}
