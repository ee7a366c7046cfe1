import { describe, expect, it } from 'vitest';
import type { Visibility } from '../../platform/db/database.ts';
import { type ContactSubject, can, contactsFor, maySee, type Viewer, visibleContacts } from './policy.ts';

const subjectId = 'subject';
const viewers: Record<string, Viewer> = {
  herself: { accountId: subjectId, role: 'member' },
  member: { accountId: 'm', role: 'member' },
  coordinator: { accountId: 'c', role: 'coordinator' },
  steward: { accountId: 's', role: 'steward' },
  'signed-in non-member': { accountId: 'x', role: 'visitor' },
  visitor: { accountId: null, role: 'visitor' },
};

// Who sees a detail with each visibility: the whole rule in one table.
const matrix: Record<Visibility, string[]> = {
  community: ['herself', 'member', 'coordinator', 'steward'],
  stewards: ['herself', 'steward'],
  nobody: ['herself'],
};

describe('contact visibility', () => {
  for (const [visibility, allowed] of Object.entries(matrix) as [Visibility, string[]][]) {
    for (const [name, viewer] of Object.entries(viewers)) {
      const sees = allowed.includes(name);
      it(`"${visibility}": ${name} ${sees ? 'sees' : 'does not see'} it`, () => {
        expect(maySee(viewer, subjectId, visibility)).toBe(sees);
      });
    }
  }

  it('applies each method its own visibility and leaves out what is hidden or not given', () => {
    const subject: ContactSubject = {
      id: subjectId,
      email: 'ana@example.org',
      emailVisibility: 'community',
      phone: '555 0101',
      phoneVisibility: 'stewards',
      chatHandle: null,
      chatVisibility: 'community',
    };
    expect([...visibleContacts(viewers.member, subject)].sort()).toEqual(['chat', 'email']);
    expect(contactsFor(viewers.member, subject)).toEqual({ email: 'ana@example.org' });
    expect(contactsFor(viewers.steward, subject)).toEqual({ email: 'ana@example.org', phone: '555 0101' });
    expect(contactsFor(viewers.visitor, subject)).toEqual({});
  });
});

describe('editing a paper member', () => {
  const paper = { id: 'p', email: null, addedBy: 's' };
  it.each([
    ['steward', true],
    ['coordinator', false],
    ['member', false],
    ['signed-in non-member', false],
  ] as const)('a %s may edit: %s', (name, allowed) => {
    expect(can.editProfileOf(viewers[name], paper)).toBe(allowed);
  });

  it('a steward may not edit a member who signs in by email', () => {
    expect(can.editProfileOf(viewers.steward, { id: 'e', email: 'e@example.org', addedBy: 's' })).toBe(false);
    expect(can.editProfileOf(viewers.steward, { id: 'e', email: null, addedBy: null })).toBe(false);
  });
});

describe('managing members', () => {
  it('only stewards, and not on their own page', () => {
    expect(can.manageMember(viewers.steward, { id: 'm' })).toBe(true);
    expect(can.manageMember(viewers.steward, { id: 's' })).toBe(false);
    expect(can.manageMember(viewers.coordinator, { id: 'm' })).toBe(false);
    expect(can.seeMembers(viewers['signed-in non-member'])).toBe(false);
    expect(can.seeMembers(viewers.member)).toBe(true);
  });
});
