import { describe, expect, it } from 'vitest';
import type { Who } from '../../platform/access.ts';
import { can } from './policy.ts';

const who = (role: Who['role'], accountId: string | null = 'me'): Who => ({ accountId, role });
const roles = ['visitor', 'member', 'coordinator', 'steward'] as const;

describe('who may do what with feedback', () => {
  it.each([
    [
      'give about a thing I took part in',
      (r: Who) => can.give(r, ['other', 'me']),
      [false, true, true, true],
    ],
    [
      'give about a thing I did not take part in',
      (r: Who) => can.give(r, ['other']),
      [false, false, false, false],
    ],
    ['see the summaries and comments', (r: Who) => can.seeSummaries(r), [false, false, false, true]],
  ] as const)('%s: visitor, member, coordinator, steward', (_name, allowed, expected) => {
    expect(roles.map((r) => allowed(who(r)))).toEqual(expected);
  });

  it('nobody signed in takes part in anything', () => {
    expect(can.give(who('member', null), ['me'])).toBe(false);
  });
});
