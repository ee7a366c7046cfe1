import { describe, expect, it } from 'vitest';
import type { Who } from '../../platform/access.ts';
import { can, type PilotFacts } from './policy.ts';

const who = (role: Who['role'], accountId: string | null = 'me'): Who => ({ accountId, role });
const roles = ['visitor', 'member', 'coordinator', 'steward'] as const;
const others: PilotFacts = { team: ['other'] };
const mine: PilotFacts = { team: ['other', 'me'] };

describe('who may do what with pilots', () => {
  it.each([
    ['seePilots', (r: Who) => can.seePilots(r), [false, true, true, true]],
    ['startPilot', (r: Who) => can.startPilot(r), [false, false, false, true]],
    ['run another team’s', (r: Who) => can.runPilot(r, others), [false, false, false, true]],
    ['run my team’s', (r: Who) => can.runPilot(r, mine), [false, true, true, true]],
  ] as const)('%s: visitor, member, coordinator, steward', (_name, allowed, expected) => {
    expect(roles.map((r) => allowed(who(r)))).toEqual(expected);
  });

  it('a team member who is no longer a member runs nothing', () => {
    expect(can.runPilot(who('visitor', 'me'), mine)).toBe(false);
  });
});
