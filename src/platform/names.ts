/**
 * Names and titles: what people call themselves, their communities and their things. Any script
 * and emoji, but nothing invisible and nothing that turns the text around: a right-to-left
 * override makes "Rosa" read as someone else, a zero-width space makes a second "Rosa" that looks
 * the same. One rule for every name and title field, through the `Name` schema (forms and API)
 * or `isName` (other input, such as a spreadsheet).
 */
import { type TString, Type } from 'typebox';

// Refused: controls (Cc: tab, line breaks, C1), format characters (Cf: bidirectional marks,
// embeddings, overrides and isolates, zero-width space, word joiner, byte-order mark, soft hyphen,
// tags), line and paragraph separators, private use, lone surrogates, unassigned code points, and
// the other default-ignorable characters, which render as nothing (Unicode UAX #44, e.g. the
// Hangul fillers).
const invisible = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}\p{Cn}\p{Default_Ignorable_Code_Point}]/u;
// Kept: variation selectors choose how a character looks (❤️ is U+2764 U+FE0F).
const variationSelector = /[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/u;
const joiners = new Set(['\u200C', '\u200D']);
const letterOrMark = /[\p{L}\p{M}]/u;
const mark = /\p{M}/u;
// Scripts in which a joiner changes nothing visible: there it could only disguise a name.
const joinerless = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u;
const pictograph = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\uFE0F/u;

/**
 * Whether the joiner at `chars[i]` (ZWNJ or ZWJ) is where writing needs it: between letters of a
 * script where it changes the shapes (Persian "علی‌رضا", Devanagari after a virama; RFC 5892
 * appendix A, which the PRECIS nickname profile, RFC 8266, applies), or a ZWJ inside an emoji
 * sequence (👩‍👧, Unicode UTS #51).
 */
function joinerNeeded(chars: string[], i: number): boolean {
  const before = chars[i - 1];
  const after = chars[i + 1];
  if (before === undefined || after === undefined) return false;
  if (chars[i] === '\u200D' && pictograph.test(before) && /\p{Extended_Pictographic}/u.test(after))
    return true;
  if (!letterOrMark.test(before) || !letterOrMark.test(after)) return false;
  let base = i - 1;
  while (base > 0 && mark.test(chars[base])) base--;
  return !mark.test(chars[base]) && !joinerless.test(chars[base]) && !joinerless.test(after);
}

/** Whether `text` may be a name or a title (its length is the schema's business). */
export function isName(text: string): boolean {
  const chars = Array.from(text);
  return chars.every((c, i) =>
    joiners.has(c) ? joinerNeeded(chars, i) : variationSelector.test(c) || !invisible.test(c),
  );
}

/** The JSON-schema format of names (registered with the validators; errors `validation.name`). */
export const nameFormat = 'name';

/**
 * A name or title field of a schema: a string of `minLength` to `maxLength` characters that
 * `isName` accepts.
 */
export function Name(options: { minLength?: number; maxLength: number; description?: string }): TString {
  return Type.String({ ...options, format: nameFormat });
}
