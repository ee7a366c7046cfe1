/**
 * Who may see and change what of a profile. Pure: no I/O. Every read of a contact detail goes
 * through `contactsFor`, so the visibility rule lives here and nowhere else.
 */
import { isMember, isSteward, type Who } from '../../platform/access.ts';
import type { Account, Visibility } from '../../platform/db/database.ts';

/** Who is looking: their account and their role in the community the subject is seen in. */
export type Viewer = Who;

/** The contact methods a profile can hold. */
export type ContactKind = 'email' | 'phone' | 'chat';

/** The parts of an account the visibility rule reads. */
export type ContactSubject = Pick<
  Account,
  'id' | 'email' | 'emailVisibility' | 'phone' | 'phoneVisibility' | 'chatHandle' | 'chatVisibility'
>;

/** The contact details a viewer may see; a missing key means hidden (or not given). */
export interface VisibleContacts {
  email?: string;
  phone?: string;
  chatHandle?: string;
}

/**
 * Whether `viewer` may see a detail with `visibility` on the profile of `subjectId`. The subject
 * always sees their own; `community` means any active member, `stewards` only stewards
 * (coordinators run rides, not the member list), `nobody` nobody else. The caller makes sure
 * the subject is an active member of the community `viewer.role` belongs to.
 */
export function maySee(viewer: Viewer, subjectId: string, visibility: Visibility): boolean {
  if (viewer.accountId !== null && viewer.accountId === subjectId) return true;
  switch (visibility) {
    case 'community':
      return isMember(viewer);
    case 'stewards':
      return isSteward(viewer);
    default:
      return false;
  }
}

/** Which contact methods of `subject` the viewer may see. */
export function visibleContacts(viewer: Viewer, subject: ContactSubject): Set<ContactKind> {
  const kinds = new Set<ContactKind>();
  if (maySee(viewer, subject.id, subject.emailVisibility)) kinds.add('email');
  if (maySee(viewer, subject.id, subject.phoneVisibility)) kinds.add('phone');
  if (maySee(viewer, subject.id, subject.chatVisibility)) kinds.add('chat');
  return kinds;
}

/** The contact details of `subject` the viewer may see, with the rest left out. */
export function contactsFor(viewer: Viewer, subject: ContactSubject): VisibleContacts {
  const kinds = visibleContacts(viewer, subject);
  const out: VisibleContacts = {};
  if (kinds.has('email') && subject.email) out.email = subject.email;
  if (kinds.has('phone') && subject.phone) out.phone = subject.phone;
  if (kinds.has('chat') && subject.chatHandle) out.chatHandle = subject.chatHandle;
  return out;
}

/** The parts of an account that decide whether someone else may edit it. */
export type EditSubject = Pick<Account, 'id' | 'email' | 'addedBy'>;

/** Whether the account is a "paper member": added by a steward, without an email address. */
export function isPaperMember(subject: Pick<Account, 'email' | 'addedBy'>): boolean {
  return subject.email === null && subject.addedBy !== null;
}

/** Permissions of profiles and the directory. */
export const can = {
  /** Any active member may browse the directory and member profiles. */
  seeMembers: isMember,
  /**
   * A steward may edit a paper member's profile: that neighbor cannot sign in to do it. The
   * service also checks that the paper member is an active member of the steward's community.
   */
  editProfileOf: (a: Viewer, subject: EditSubject) =>
    isSteward(a) && a.accountId !== subject.id && isPaperMember(subject),
  /** Stewards change roles and remove members, but not their own membership from here. */
  manageMember: (a: Viewer, subject: Pick<Account, 'id'>) => isSteward(a) && a.accountId !== subject.id,
  /**
   * Stewards make a one-time sign-in link for another member without an email address (joined
   * with a name only, or added on paper), who has no other way back in.
   */
  helpSignIn: (a: Viewer, subject: Pick<Account, 'id' | 'email'>) =>
    isSteward(a) && a.accountId !== subject.id && subject.email === null,
};
