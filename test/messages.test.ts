/**
 * Messages people understand: a refused answer says what is expected with an example, in the
 * reader's language, and a language is named, not coded.
 */
import { describe, expect, it } from 'vitest';
import { patternMessages } from '../src/platform/http/error-handler.ts';
import { translator } from '../src/platform/i18n/index.ts';
import { languageName } from '../src/platform/i18n/languages.ts';
import { useTestApp } from './support/app.ts';
import { makeItem } from './support/library.ts';

describe('messages people understand', () => {
  const t = useTestApp();

  it('says what kind of answer is expected, with an example, for each kind and form', async () => {
    const { community } = await t.community();
    const ana = await t.member(community, 'member', { locale: 'es' });
    const item = await makeItem(t, community);
    const client = await t.as(ana);
    const errorsOf = async (method: 'PATCH' | 'POST', url: string, body: unknown) =>
      (await client.api(method, url, body)).json().errors as {
        field: string;
        code: string;
        message: string;
      }[];

    const date = await errorsOf('POST', `/api/v1/communities/${community.slug}/items/${item.id}/loans`, {
      startsOn: 'mañana',
      dueOn: '2026-12-08',
    });
    expect(date[0]).toMatchObject({ field: 'startsOn', code: 'validation.format_date' });
    expect(date[0].message).toBe('Escribe una fecha como año-mes-día, por ejemplo 2026-12-08.');

    const number = await errorsOf('POST', `/api/v1/communities/${community.slug}/items`, {
      name: 'Taladro',
      category: 'tools',
      condition: 'good',
      valueBand: 'low',
      loanDays: 'cinco',
    });
    expect(number[0]).toMatchObject({ field: 'loanDays', code: 'validation.type_integer' });
    expect(number[0].message).toBe('Escribe un número entero, por ejemplo 3.');

    const phone = await errorsOf('PATCH', '/api/v1/me/profile', { phone: 'llámame' });
    expect(phone[0]).toMatchObject({ field: 'phone', code: 'validation.pattern_phone' });

    const text = await errorsOf('PATCH', '/api/v1/me/profile', { about: 12 });
    expect(text[0]).toMatchObject({ field: 'about', code: 'validation.type_string' });

    // Every kind and form with its own message has it in every catalog, with an example.
    for (const locale of ['en', 'es'] as const) {
      const tr = translator(locale);
      for (const key of [
        'type_integer',
        'type_number',
        'type_boolean',
        'type_string',
        'type_array',
        'type_object',
        'format_date',
        'format_date-time',
        'format_email',
        ...[...patternMessages].map((field) => `pattern_${field}`),
      ]) {
        expect(tr(`validation.${key}`), `${locale} ${key}`).toMatch(/for example|por ejemplo|true/);
      }
    }
  });

  it('names every language, also one the catalogs do not list', () => {
    expect(languageName(translator('en'), 'ig', 'en')).toBe('Igbo');
    expect(languageName(translator('es'), 'ig', 'es')).toBe('igbo');
    expect(languageName(translator('es'), 'qu', 'es')).toBe(translator('es')('languages.qu'));
    expect(languageName(translator('en'), 'not a code', 'en')).toBe('not a code');
  });
});
