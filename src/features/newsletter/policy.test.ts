import { describe, expect, it } from 'vitest';
import type { Who } from '../../platform/access.ts';
import { can, type NewsletterFacts } from './policy.ts';

const who = (role: Who['role'], accountId: string | null = 'me'): Who => ({ accountId, role });
const roles = ['visitor', 'member', 'coordinator', 'steward'] as const;
const draft: NewsletterFacts = { published: false, isPublic: false };
const published: NewsletterFacts = { published: true, isPublic: false };
const open: NewsletterFacts = { published: true, isPublic: true };

describe('who may do what with the newsletter', () => {
  it.each([
    ['edit', (r: Who) => can.edit(r), [false, false, false, true]],
    ['seeList', (r: Who) => can.seeList(r), [false, true, true, true]],
    ['read a draft', (r: Who) => can.read(r, draft), [false, false, false, true]],
    ['read a published issue', (r: Who) => can.read(r, published), [false, true, true, true]],
    ['read a public issue', (r: Who) => can.read(r, open), [true, true, true, true]],
    [
      'read a draft marked public',
      (r: Who) => can.read(r, { ...draft, isPublic: true }),
      [false, false, false, true],
    ],
  ] as const)('%s: visitor, member, coordinator, steward', (_name, allowed, expected) => {
    expect(roles.map((r) => allowed(who(r)))).toEqual(expected);
  });
});
