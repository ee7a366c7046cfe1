import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/context.ts';
import { can } from './policy.ts';
import { planLimits } from './service.ts';

const actor = (accountId: string | null, role: Actor['role']) => ({ accountId, role });
const member = actor('member', 'member');
const coordinator = actor('coord', 'coordinator');
const steward = actor('steward', 'steward');
const outsider = actor('outsider', 'visitor');
const nobody = actor(null, 'visitor');
const everyone = [member, coordinator, steward, outsider, nobody];

describe('evacuation permissions by role', () => {
  it('only coordinators see needs, addresses, plans and route cards, manage shelters, plan and run drills', () => {
    for (const check of [can.seeNetwork, can.manageShelters, can.plan, can.runDrills]) {
      expect(everyone.map((a) => check(a))).toEqual([false, true, false, false, false]);
    }
  });

  it('only stewards read the log of reads', () => {
    expect(everyone.map((a) => can.readLog(a))).toEqual([false, false, true, false, false]);
  });

  it('every active member uses the network for themselves', () => {
    expect(everyone.map((a) => can.useNetwork(a))).toEqual([true, true, true, false, false]);
  });

  it('a member registers only themselves; a coordinator also a paper member, never one who can sign in', () => {
    const own = { accountId: 'member', paper: false };
    expect(everyone.map((a) => can.register(a, own))).toEqual([true, false, false, false, false]);
    const paper = { accountId: 'paper', paper: true };
    expect(everyone.map((a) => can.register(a, paper))).toEqual([false, true, false, false, false]);
    const other = { accountId: 'someone', paper: false };
    expect(everyone.map((a) => can.register(a, other))).toEqual([false, false, false, false, false]);
  });

  it('a registration is read in full by the member it is and by coordinators; not by stewards', () => {
    const own = { accountId: 'member' };
    expect(everyone.map((a) => can.seeRegistration(a, own))).toEqual([true, true, false, false, false]);
    expect(can.seeRegistration(actor('member', 'visitor'), own)).toBe(false);
  });
});

describe('how long a plan may take', () => {
  it('grows with the network from 2 s and 4,000 iterations to 8 s and 200,000 from 300 households', () => {
    expect(planLimits(0)).toEqual({ timeLimitMs: 2000, maxIterations: 4000 });
    expect(planLimits(100)).toEqual({ timeLimitMs: 2000, maxIterations: 4000 });
    expect(planLimits(200)).toEqual({ timeLimitMs: 5000, maxIterations: 102_000 });
    expect(planLimits(300)).toEqual({ timeLimitMs: 8000, maxIterations: 200_000 });
    expect(planLimits(5000)).toEqual(planLimits(300));
  });
});
