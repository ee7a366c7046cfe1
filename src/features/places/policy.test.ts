import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/context.ts';
import { can, hasPublicPage, type PlaceFacts } from './policy.ts';

const actor = (accountId: string | null, role: Actor['role']) => ({ accountId, role });
const member = actor('member', 'member');
const volunteer = actor('vol', 'member');
const coordinator = actor('coord', 'coordinator');
const steward = actor('steward', 'steward');
const outsider = actor('outsider', 'visitor');
const nobody = actor(null, 'visitor');
const everyone = [member, volunteer, coordinator, steward, outsider, nobody];
const fridge: PlaceFacts = { kind: 'fridge', addressVisibility: 'members', volunteerIds: ['vol'] };

describe('places permissions by role', () => {
  it('active members see places and report; outsiders and signed-out people do not', () => {
    expect(everyone.map(can.seePlaces)).toEqual([true, true, true, true, false, false]);
    expect(everyone.map(can.report)).toEqual([true, true, true, true, false, false]);
  });

  it('only stewards add places, name volunteers and archive', () => {
    expect(everyone.map((a) => can.addPlace(a))).toEqual([false, false, false, true, false, false]);
    expect(everyone.map((a) => can.managePlace(a))).toEqual([false, false, false, true, false, false]);
  });

  it("a place's volunteers and stewards edit it and hide its reports; nobody else", () => {
    for (const check of [can.editPlace, can.hideReport, can.seeHiddenReports]) {
      expect(everyone.map((a) => check(a, fridge))).toEqual([false, true, false, true, false, false]);
    }
  });

  it('a volunteer who is no longer an active member keeps nothing', () => {
    expect(can.editPlace(actor('vol', 'visitor'), fridge)).toBe(false);
  });

  it('the exact address: members always; anyone when the place made it public', () => {
    expect(everyone.map((a) => can.seeAddress(a, fridge))).toEqual([true, true, true, true, false, false]);
    const open = { ...fridge, addressVisibility: 'public' as const };
    expect(everyone.map((a) => can.seeAddress(a, open))).toEqual([true, true, true, true, true, true]);
  });

  it('volunteers are named to members only', () => {
    expect(everyone.map((a) => can.seeVolunteers(a))).toEqual([true, true, true, true, false, false]);
  });

  it('fridges and pantries have a public page; the shed, gardens and the rest do not', () => {
    expect(hasPublicPage({ kind: 'fridge' })).toBe(true);
    expect(hasPublicPage({ kind: 'pantry' })).toBe(true);
    for (const kind of ['tool_shed', 'garden', 'meeting_spot', 'shelter', 'other'] as const) {
      expect(hasPublicPage({ kind })).toBe(false);
    }
  });
});
