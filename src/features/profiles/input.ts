/**
 * Turning what a person typed into what a profile stores: trimmed text, skills without repeats,
 * a location rounded to the block. Pure, so the rules are easy to test and reuse.
 */
import type { Account, Visibility } from '../../platform/db/database.ts';
import { type FieldError, Invalid } from '../../platform/errors.ts';
import { isName } from '../../platform/names.ts';
import { graphemeCount } from '../../platform/text.ts';
import { availabilitySlots, limits, type ProfileFormBody, phonePattern } from './schema.ts';
import type { AccountProfileUpdate, SkillKind, SkillRow } from './store.ts';

/** A profile change: absent fields stay as they are; `null` clears. Skills are lists as typed. */
export interface ProfileChanges {
  displayName?: string;
  locale?: 'en' | 'es' | null;
  languages?: string[];
  about?: string;
  skillsToShare?: string[];
  skillsToLearn?: string[];
  availability?: string;
  /** Slots of the availability grid (`sat-morning`). */
  availableAt?: string[];
  emailVisibility?: Visibility;
  phone?: string | null;
  phoneVisibility?: Visibility;
  chatHandle?: string | null;
  chatVisibility?: Visibility;
  /** From a form both halves may not be given; the service refuses half a location. */
  location?: { lat?: number; lng?: number } | null;
}

/**
 * The form of a skill used for comparing: trimmed, single spaces, lower case, without accents
 * (people often type "jardineria" for "jardinería" on a phone).
 */
export function normalizeSkill(name: string): string {
  return tidy(name).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Trims, collapses runs of white space and composes accents (NFC). */
export function tidy(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Splits a form's skill text at commas, semicolons and line breaks. */
export function splitSkills(text: string | undefined): string[] {
  return (text ?? '').split(/[,;\n\r]+/);
}

/** Rounds a coordinate to 3 decimals, about 100 m: no profile is more precise than the block. */
export function roundCoordinate(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** The profile form as a full change: an empty input clears its field. */
export function changesFromForm(body: ProfileFormBody): ProfileChanges {
  const noLocation = body.locationLat === undefined && body.locationLng === undefined;
  return {
    displayName: body.displayName,
    locale: body.locale ?? null,
    languages: body.languages ?? [],
    about: body.about ?? '',
    skillsToShare: splitSkills(body.skillsToShare),
    skillsToLearn: splitSkills(body.skillsToLearn),
    availability: body.availability ?? '',
    availableAt: body.availableAt ?? [],
    emailVisibility: body.emailVisibility,
    phone: body.phone ?? null,
    phoneVisibility: body.phoneVisibility,
    chatHandle: body.chatHandle ?? null,
    chatVisibility: body.chatVisibility,
    location: noLocation ? null : { lat: body.locationLat, lng: body.locationLng },
  };
}

/** The profile form's values for an account and its skills (to prefill the form). */
export function formValues(account: Account, skills: SkillRow[]): Record<string, unknown> {
  const names = (kind: SkillKind) =>
    skills
      .filter((s) => s.kind === kind)
      .map((s) => s.name)
      .join(', ');
  return {
    displayName: account.displayName,
    locale: account.locale ?? '',
    languages: splitList(account.languages),
    about: account.about,
    skillsToShare: names('share'),
    skillsToLearn: names('learn'),
    availability: account.availability,
    availableAt: splitList(account.availabilitySlots),
    emailVisibility: account.emailVisibility,
    phone: account.phone ?? '',
    phoneVisibility: account.phoneVisibility,
    chatHandle: account.chatHandle ?? '',
    chatVisibility: account.chatVisibility,
    locationLat: account.locationLat ?? '',
    locationLng: account.locationLng ?? '',
  };
}

/** A stored comma-separated list as an array. */
export function splitList(text: string): string[] {
  return text ? text.split(',').filter(Boolean) : [];
}

// Trimmed, without repeats (the first spelling wins), within the limits; errors go to `errors`.
function cleanSkills(field: string, names: string[], errors: FieldError[]) {
  const seen = new Map<string, { name: string; normalized: string }>();
  for (const raw of names) {
    const name = tidy(raw);
    if (!name) continue;
    if (!isName(name)) {
      errors.push({ field, code: 'validation.name', params: { skill: name } });
      return [];
    }
    if (graphemeCount(name) > limits.skillLength) {
      errors.push({
        field,
        code: 'profiles.errors.skill_too_long',
        params: { skill: name, max: limits.skillLength },
      });
      return [];
    }
    const normalized = normalizeSkill(name);
    if (!seen.has(normalized)) seen.set(normalized, { name, normalized });
  }
  if (seen.size > limits.skills) {
    errors.push({ field, code: 'profiles.errors.too_many_skills', params: { max: limits.skills } });
    return [];
  }
  return [...seen.values()];
}

/** What to write for a valid change: account columns, and each skill list to replace (if given). */
export interface ValidChanges {
  values: AccountProfileUpdate;
  share?: { name: string; normalized: string }[];
  learn?: { name: string; normalized: string }[];
}

/**
 * Checks `changes` to `account`'s profile and returns what to write. Throws `Invalid` naming every
 * refused field at once.
 */
export function validateChanges(account: Pick<Account, 'email'>, changes: ProfileChanges): ValidChanges {
  const errors: FieldError[] = [];
  const values: AccountProfileUpdate = {};
  if (changes.displayName !== undefined) {
    const name = tidy(changes.displayName);
    if (!name) errors.push({ field: 'displayName', code: 'validation.required' });
    values.displayName = name;
  }
  // The schema checks lengths and ranges at the edge; the demo loader and the CLI call services directly.
  const bounded: [keyof ProfileChanges, number][] = [
    ['displayName', limits.displayName],
    ['about', limits.about],
    ['availability', limits.availability],
    ['chatHandle', limits.chatHandle],
  ];
  for (const [field, limit] of bounded) {
    const value = changes[field];
    const length = typeof value === 'string' ? graphemeCount(value.trim()) : 0;
    if (length > limit) errors.push({ field, code: 'validation.maxLength', params: { limit, length } });
  }
  if (changes.locale !== undefined) values.locale = changes.locale;
  if (changes.languages !== undefined) values.languages = [...new Set(changes.languages)].join(',');
  if (changes.about !== undefined) values.about = changes.about.trim();
  if (changes.availability !== undefined) values.availability = tidy(changes.availability);
  if (changes.availableAt !== undefined) {
    const chosen = new Set(changes.availableAt);
    if ([...chosen].some((slot) => !(availabilitySlots as readonly string[]).includes(slot)))
      errors.push({ field: 'availableAt', code: 'validation.choice' });
    // Stored in the grid's order, so the same choice is always the same text.
    values.availabilitySlots = availabilitySlots.filter((slot) => chosen.has(slot)).join(',');
  }
  // A paper member has no address to show; their setting would mean nothing.
  if (changes.emailVisibility !== undefined && account.email !== null)
    values.emailVisibility = changes.emailVisibility;
  if (changes.phone !== undefined) {
    const phone = changes.phone === null ? null : tidy(changes.phone) || null;
    if (phone !== null && !new RegExp(phonePattern, 'u').test(phone))
      errors.push({ field: 'phone', code: 'profiles.errors.phone_invalid' });
    values.phone = phone;
  }
  if (changes.phoneVisibility !== undefined) values.phoneVisibility = changes.phoneVisibility;
  if (changes.chatHandle !== undefined)
    values.chatHandle = changes.chatHandle === null ? null : tidy(changes.chatHandle) || null;
  if (changes.chatVisibility !== undefined) values.chatVisibility = changes.chatVisibility;
  if (changes.location === null) {
    values.locationLat = null;
    values.locationLng = null;
  } else if (changes.location !== undefined) {
    const { lat, lng } = changes.location;
    if (lat === undefined) errors.push({ field: 'locationLat', code: 'profiles.errors.location_incomplete' });
    if (lng === undefined) errors.push({ field: 'locationLng', code: 'profiles.errors.location_incomplete' });
    if (lat !== undefined && Math.abs(lat) > 90)
      errors.push({ field: 'locationLat', code: 'validation.maximum', params: { limit: 90 } });
    if (lng !== undefined && Math.abs(lng) > 180)
      errors.push({ field: 'locationLng', code: 'validation.maximum', params: { limit: 180 } });
    if (lat !== undefined && lng !== undefined) {
      values.locationLat = roundCoordinate(lat);
      values.locationLng = roundCoordinate(lng);
    }
  }
  const share = changes.skillsToShare && cleanSkills('skillsToShare', changes.skillsToShare, errors);
  const learn = changes.skillsToLearn && cleanSkills('skillsToLearn', changes.skillsToLearn, errors);
  if (errors.length) throw new Invalid(errors);
  return { values, share: share || undefined, learn: learn || undefined };
}
