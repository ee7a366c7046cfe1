import { describe, expect, it } from 'vitest';
import { Invalid } from '../../platform/errors.ts';
import { changesFromForm, normalizeSkill, roundCoordinate, splitSkills, validateChanges } from './input.ts';

const someone = { email: 'rosa@example.org' };

function refusedFields(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof Invalid) return e.fields.map((f) => f.field);
    throw e;
  }
  throw new Error('expected Invalid');
}

describe('normalizing skills', () => {
  it('trims, collapses spaces, lower-cases and drops accents', () => {
    expect(normalizeSkill('  Jardinería   Urbana ')).toBe('jardineria urbana');
    expect(normalizeSkill('COSTURA')).toBe('costura');
  });

  it('splits form text at commas, semicolons and line breaks', () => {
    expect(splitSkills('a, b;c\nd')).toEqual(['a', ' b', 'c', 'd']);
    expect(splitSkills(undefined)).toEqual(['']);
  });

  it('keeps the first spelling of a repeated skill and drops empty ones', () => {
    const { share } = validateChanges(someone, {
      skillsToShare: ['Sewing', ' sewing ', '', 'SEWING', 'Bikes'],
    });
    expect(share).toEqual([
      { name: 'Sewing', normalized: 'sewing' },
      { name: 'Bikes', normalized: 'bikes' },
    ]);
  });

  it('counts repeats once against the limit of 20', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => `skill ${i}`);
    expect(validateChanges(someone, { skillsToLearn: [...twenty, 'Skill 0'] }).learn).toHaveLength(20);
    expect(refusedFields(() => validateChanges(someone, { skillsToLearn: [...twenty, 'one more'] }))).toEqual(
      ['skillsToLearn'],
    );
  });
});

describe('validating a profile change', () => {
  it('rounds the location to 3 decimals', () => {
    expect(roundCoordinate(41.8781136)).toBe(41.878);
    expect(roundCoordinate(-87.6297982)).toBe(-87.63);
    const { values } = validateChanges(someone, { location: { lat: 19.4326077, lng: -99.133208 } });
    expect(values).toEqual({ locationLat: 19.433, locationLng: -99.133 });
  });

  it('names every refused field at once', () => {
    expect(
      refusedFields(() =>
        validateChanges(someone, {
          displayName: '   ',
          about: 'x'.repeat(501),
          phone: '<b>555</b>',
          location: { lat: 95 },
          skillsToShare: ['x'.repeat(41)],
        }),
      ).sort(),
    ).toEqual(['about', 'displayName', 'locationLat', 'locationLng', 'phone', 'skillsToShare']);
  });

  it('ignores the email visibility of a paper member, who has no address', () => {
    expect(validateChanges({ email: null }, { emailVisibility: 'community' }).values).toEqual({});
  });

  it('turns an empty form into cleared fields, not unchanged ones', () => {
    const changes = changesFromForm({
      displayName: 'Rosa',
      phoneVisibility: 'nobody',
      chatVisibility: 'nobody',
    });
    expect(changes).toMatchObject({
      phone: null,
      chatHandle: null,
      location: null,
      about: '',
      languages: [],
    });
    expect(validateChanges(someone, changes).share).toEqual([]);
  });
});
