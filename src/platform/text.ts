/**
 * Lengths and cuts of text in the characters people see: grapheme clusters (Unicode UAX #29,
 * through `Intl.Segmenter`), so "🏳️‍🌈" (4 code points, 6 UTF-16 units) and "é" written as
 * e + U+0301 each count as one, and a cut never leaves half a flag, a bare accent or a lone
 * surrogate. Every limit on what people write (names, titles, messages) counts this way, in the
 * form, the API and the service alike; every cut of user text goes through `truncate`.
 */

const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });
// Only ASCII letters, digits and punctuation without CR: one unit is one grapheme.
const simple = /^[\x20-\x7e]*$/;

/** The number of characters people see in `text` (grapheme clusters). */
export function graphemeCount(text: string): number {
  if (simple.test(text)) return text.length;
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

/**
 * `text` cut to at most `max` graphemes, ending with `ellipsis` (counted in `max`) when it was
 * cut; never inside a grapheme. `max` ≥ 1.
 */
export function truncate(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  const keep = Math.max(0, max - graphemeCount(ellipsis));
  let end = 0;
  let n = 0;
  for (const { index, segment } of segmenter.segment(text)) {
    if (n === keep) {
      // More than `max` in all? Only then is it cut.
      return graphemeCount(text.slice(index)) + n > max ? text.slice(0, end) + ellipsis : text;
    }
    end = index + segment.length;
    n++;
  }
  return text;
}
