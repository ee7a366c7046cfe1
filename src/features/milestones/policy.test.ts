import { describe, expect, it } from 'vitest';
import type { Who } from '../../platform/access.ts';
import { can } from './policy.ts';

const who = (role: Who['role'], accountId: string | null = 'me'): Who => ({ accountId, role });
const roles = ['visitor', 'member', 'coordinator', 'steward'] as const;

describe('who may do what with milestones', () => {
  it.each([
    ['see milestones', (r: Who) => can.seeMilestones(r), [false, true, true, true]],
    [
      'choose to be named with one that thanks me',
      (r: Who) => can.chooseNamed(r, ['me']),
      [false, true, true, true],
    ],
    [
      'choose for one that thanks others',
      (r: Who) => can.chooseNamed(r, ['other']),
      [false, false, false, false],
    ],
    ['set the thresholds', (r: Who) => can.setThresholds(r), [false, false, false, true]],
  ] as const)('%s: visitor, member, coordinator, steward', (_name, allowed, expected) => {
    expect(roles.map((r) => allowed(who(r)))).toEqual(expected);
  });
});
