import { describe, expect, it } from 'vitest';
import type { Who } from '../../platform/access.ts';
import { can } from './policy.ts';

const who = (role: Who['role'], accountId: string | null = 'me'): Who => ({ accountId, role });

describe('who may read the six steps guide', () => {
  it('stewards only: visitor, member, coordinator, steward', () => {
    expect(
      (['visitor', 'member', 'coordinator', 'steward'] as const).map((r) => can.seeSteps(who(r))),
    ).toEqual([false, false, false, true]);
  });
});
