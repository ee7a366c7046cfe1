import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/support/app.ts';
import { graphemeCount, truncate } from './text.ts';

const flags = '🏳️‍🌈🏳️‍⚧️';
const accent = 'e\u0301';

describe('characters people see', () => {
  it('counts graphemes: a flag, an accent written as a mark and a family are one each', () => {
    expect(graphemeCount(flags)).toBe(2);
    expect(graphemeCount(`Jos${accent}`)).toBe(4);
    expect(graphemeCount('👩‍👩‍👧')).toBe(1);
    expect(graphemeCount('plain text')).toBe(10);
  });

  it('never cuts inside a grapheme, and cuts only what is longer than the limit', () => {
    expect(truncate(`${'a'.repeat(78)}${flags}`, 80)).toBe(`${'a'.repeat(78)}${flags}`);
    expect(truncate(`${'a'.repeat(79)}${flags}`, 80)).toBe(`${'a'.repeat(79)}…`);
    expect(truncate(`${'a'.repeat(78)}${flags}x`, 80)).toBe(`${'a'.repeat(78)}🏳️‍🌈…`);
    expect(truncate(`Jos${accent}${'x'.repeat(10)}`, 5)).toBe(`Jos${accent}…`);
    expect(truncate(`Jos${accent}`, 4)).toBe(`Jos${accent}`);
    const cut = truncate('😀'.repeat(600), 500);
    expect(graphemeCount(cut)).toBe(500);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(truncate('abcdef', 3, '')).toBe('abc');
  });
});

describe('length limits on what people write', () => {
  const t = useTestApp();

  it('counts a name in graphemes in the API and the form, keeps it whole, and says the limit and the length', async () => {
    const rosa = await t.account({ displayName: 'Rosa' });
    const browser = await t.as(rosa);
    const full = `${'a'.repeat(76)}R${accent}${flags}`; // 80 graphemes, 84 code points
    const saved = await browser.api('PATCH', '/api/v1/me/profile', { displayName: full });
    expect(saved.statusCode).toBe(200);
    // Stored composed (NFC): the accent stays on its letter.
    expect((await browser.api('GET', '/api/v1/me/profile')).json().displayName).toBe(full.normalize('NFC'));

    const refused = await browser.api('PATCH', '/api/v1/me/profile', { displayName: `${full}x` });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0]).toMatchObject({ field: 'displayName', code: 'validation.maxLength' });
    expect(refused.json().errors[0].message).toBe('Please write at most 80 characters (this has 81).');

    const page = await browser.get('/account');
    expect(page.body).not.toMatch(/\smaxlength=/i);
    expect(page.body).toMatch(/id="f-displayName"[^>]*data-maxlength="80"/);
  });
});

describe('forms', () => {
  it('never give an input or text area the browser’s maxlength, which cuts inside graphemes', () => {
    const root = join(import.meta.dirname, '..');
    const tsx = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.tsx'));
    const offending = tsx.filter((f) =>
      /<(input|textarea)\b[^>]*\smaxLength=/s.test(readFileSync(join(root, f), 'utf8').replace(/=>/g, '')),
    );
    expect(tsx.length).toBeGreaterThan(20);
    expect(offending).toEqual([]);
  });
});
