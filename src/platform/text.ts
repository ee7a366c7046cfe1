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

/**
 * Someone's words folded into one line to be quoted inside Porch's own text (a mail, a push):
 * every run of white space, line breaks included, becomes one space, and the result is cut to
 * `max` graphemes. Quoted on one line, a passer-by's note cannot pass for Porch's own paragraphs,
 * links or signature.
 */
export function oneLine(text: string, max: number): string {
  return truncate(text.replace(/\s+/gu, ' ').trim(), max);
}

// Letters of the right-to-left scripts (Unicode bidi classes R and AL).
const rtl =
  /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\p{Script=Yezidi}]/u;
/** First-strong isolate and pop directional isolate (Unicode UAX #9). */
export const FSI = '\u2068';
export const PDI = '\u2069';

/**
 * `text` (a name, a title, anything people wrote) made safe to place inside a sentence: wrapped
 * in FSI … PDI when it holds right-to-left letters, so "שרה is helping." does not pull the words
 * around it into its direction. Text without them cannot reorder a left-to-right sentence (the
 * only direction Porch's own languages have) and is left as it is, so copied text stays clean.
 */
export function isolate(text: string): string {
  return rtl.test(text) && !(text.startsWith(FSI) && text.endsWith(PDI)) ? FSI + text + PDI : text;
}

// A text node of a page: between two tags. Text areas, scripts and styles are skipped (a text
// area's text is sent back; marks added there would be saved).
const textNode = /(<(textarea|script|style)\b[^>]*>[\s\S]*?<\/\2>)|>([^<]+)</g;

/**
 * The HTML of a page with every text node that holds right-to-left letters outside an isolate
 * isolated as a whole (FSI … PDI, the plain-text equivalent of `<bdi>`): a name or title people
 * wrote, shown on its own in an element, cannot turn the text around it. Texts made by the
 * translator already isolate the names they hold (`isolate`). Cheap when the page has none.
 */
export function isolateHtml(html: string): string {
  if (!rtl.test(html)) return html;
  return html.replace(textNode, (whole, skipped: string | undefined, _tag, text: string | undefined) => {
    if (skipped || text === undefined || !rtl.test(text) || text.includes(FSI)) return whole;
    const start = text.length - text.trimStart().length;
    const end = text.trimEnd().length;
    return `>${text.slice(0, start)}${FSI}${text.slice(start, end)}${PDI}${text.slice(end)}<`;
  });
}

/**
 * The right-to-left text of page `html` that is not isolated (not inside FSI … PDI or `<bdi>`),
 * outside text areas, scripts and styles: empty when every such text is isolated.
 */
export function unisolatedRightToLeft(html: string): string[] {
  const found: string[] = [];
  const text = html
    .replace(/<(textarea|script|style)\b[^>]*>[\s\S]*?<\/\1>/g, '')
    .replace(/<bdi\b[^>]*>[\s\S]*?<\/bdi>/g, '')
    .replace(/<[^>]*>/g, '\n')
    .replace(/\u2068[^\u2068\u2069]*\u2069/g, '');
  for (const line of text.split('\n')) if (rtl.test(line)) found.push(line.trim());
  return found;
}
