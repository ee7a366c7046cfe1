/**
 * The key the members directory sorts names by (stored beside the display name, migration 0030):
 * the name decomposed (Unicode NFKD), without its combining marks, case-folded (upper then lower,
 * so "ß" sorts as "ss"). So "Ángela", "angela" and "Angela" sort together in every language, and
 * ties are broken by account id. The database compares keys by code point: one order on SQLite
 * and PostgreSQL, and pages that SQL can walk. It is not any one language's alphabet (Spanish's
 * "ñ" sorts as "n"): one rule for a community whose members speak several.
 */
export function sortName(displayName: string): string {
  return displayName.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase().toLowerCase();
}
