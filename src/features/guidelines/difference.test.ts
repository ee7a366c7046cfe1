import { describe, expect, it } from 'vitest';
import { maxGuidelines } from './schema.ts';
import { type DiffPart, differenceOf } from './service.ts';

/** The two texts a difference stands for: the kept and removed parts, and the kept and added ones. */
const sides = (parts: DiffPart[]) => ({
  before: parts
    .filter((p) => p.kind !== 'added')
    .map((p) => p.text)
    .join(''),
  after: parts
    .filter((p) => p.kind !== 'removed')
    .map((p) => p.text)
    .join(''),
});

/** `n` characters of words drawn from `seed` (a tiny linear congruential generator: the same each run). */
function words(n: number, seed: number): string {
  let x = seed;
  let text = '';
  while (text.length < n) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    text += `w${x % 100000} `;
    if (x % 7 === 0) text += '\n';
  }
  return text.slice(0, n);
}

describe('the difference between two versions', () => {
  it('says word by word what changed in a small edit', () => {
    const parts = differenceOf(
      'Be kind.\nReturn tools within a week.',
      'Be kind.\nReturn tools clean within a week.',
    );
    expect(parts.filter((p) => p.kind !== 'same')).toEqual([{ kind: 'added', text: 'clean ' }]);
  });

  it('still answers, and stands for both texts, when two of the longest share almost nothing', () => {
    // Unbounded, two such texts held the server's only thread for tens of seconds (an attack).
    const before = words(maxGuidelines, 1);
    const after = words(maxGuidelines, 2);
    const parts = differenceOf(before, after);
    expect(sides(parts)).toEqual({ before, after });
    // A long text with a few changes keeps its word-by-word answer.
    const edited = before.replace('w', 'v').slice(0, -50);
    const small = differenceOf(before, edited);
    expect(sides(small)).toEqual({ before, after: edited });
    expect(small.filter((p) => p.kind !== 'same').length).toBeLessThan(6);
  });
});
