import { describe, expect, it } from 'vitest';
import type { Who } from '../../platform/access.ts';
import { can } from './policy.ts';

const who = (role: Who['role'], accountId: string | null = 'me'): Who => ({ accountId, role });
const roles = ['visitor', 'member', 'coordinator', 'steward'] as const;

describe('who may do what with proposals and the guidelines', () => {
  it.each([
    ['see', (r: Who) => can.see(r), [false, true, true, true]],
    ['propose', (r: Who) => can.propose(r), [false, true, true, true]],
    ['takePart', (r: Who) => can.takePart(r), [false, true, true, true]],
    ['revise my own', (r: Who) => can.revise(r, 'me'), [false, true, true, true]],
    ['revise another’s', (r: Who) => can.revise(r, 'other'), [false, false, false, true]],
    ['revise one whose proposer left', (r: Who) => can.revise(r, null), [false, false, false, true]],
    ['write the outcome of my own', (r: Who) => can.writeOutcome(r, 'me'), [false, true, true, true]],
    ['write the outcome of another’s', (r: Who) => can.writeOutcome(r, 'other'), [false, false, false, true]],
    ['extend', (r: Who) => can.extend(r), [false, false, false, true]],
    ['steward the guidelines', (r: Who) => can.steward(r), [false, false, false, true]],
  ] as const)('%s: visitor, member, coordinator, steward', (_name, allowed, expected) => {
    expect(roles.map((r) => allowed(who(r)))).toEqual(expected);
  });

  it('a proposer who is not signed in is nobody', () => {
    expect(can.revise(who('visitor', null), null)).toBe(false);
  });
});
