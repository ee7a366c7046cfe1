import { describe, expect, it } from 'vitest';
import { isName } from './names.ts';

describe('names', () => {
  it('takes names in any script, with accents, punctuation and emoji', () => {
    for (const name of [
      'Rosa Díaz',
      "José-María O'Neill",
      '李小龍',
      'Nguyễn Văn An',
      'שרה לוי',
      'Ngozi Okonkwo-Adébáyọ̀',
      'Rosa 🌻',
      'Tía ❤️',
      'Familia 👩‍👩‍👧',
      // Persian: the zero-width non-joiner keeps two letters apart, as the spelling needs.
      'علی‌رضا',
      // Devanagari: a joiner after a virama chooses the half form.
      'क्‍ष',
    ]) {
      expect(isName(name), name).toBe(true);
    }
  });

  it('refuses direction overrides and isolates, invisible and zero-width characters, and controls', () => {
    for (const name of [
      'Rosa\u202E',
      '\u202Enimda',
      'a\u2066b\u2069',
      'Rosa\u200E',
      'Rosa\u061C',
      'Ro\u200Bsa',
      // A joiner between Latin letters changes nothing visible: it could only disguise a name.
      'Ro\u200Csa',
      'Ro\u200Dsa',
      '\u200C',
      'Rosa\u2060',
      '\uFEFFRosa',
      'Ro\u00ADsa',
      'Rosa\tDíaz',
      'Rosa\nDíaz',
      'Rosa\u2028Díaz',
      'Rosa\u0085',
      '\u3164',
      'Rosa\u{E0041}',
      'Rosa\uE000',
      'Rosa\uD800',
    ]) {
      expect(isName(name), JSON.stringify(name)).toBe(false);
    }
  });
});
