/**
 * Who may do what in the evacuation ride network. Pure: no I/O. Services enforce these; pages call
 * the same predicates to decide which links to show.
 *
 * The rule (PRODUCT.md capability 9, issue 16), by least privilege:
 * - a household's needs and exact address, a driver's home, the plans and route cards: the
 *   community's **coordinators** only, and each read is logged;
 * - **stewards** do not read that data: they run the community (invites, settings, roles) and read
 *   the log of who read it. A membership has one role, so whoever reads the data is not whoever
 *   audits the reads; a steward who wants to read must make themselves coordinator, in the open;
 * - a **household** (the member it is) sees and changes everything stored about itself, and
 *   withdraws it; likewise a **driver** for their own registration, and, once a plan gives them a
 *   route, what its pickups need (address, people, needs, phone, the shelter) — logged too;
 * - a coordinator registers a **paper member** (no email, cannot sign in) after asking them, and
 *   records that consent; members with an account register themselves (consent first);
 * - everyone else sees no household's or driver's location at all — stricter than "never more
 *   precise than the block" — and no needs.
 */
import { isSelf, isMember as member, type Who } from '../../platform/access.ts';

const coordinator = (a: Who) => member(a) && a.role === 'coordinator';

/** What the predicates need to know of a registration (a household or a driver). */
export interface RegistrationFacts {
  /** The member it is. */
  accountId: string;
  /** Whether that member is a paper member (no email address: cannot sign in to do it). */
  paper: boolean;
}

/** Permission predicates, each `(actor, …facts) => boolean`. */
export const can = {
  /** The overview page, their own household and driver registration: every active member. */
  useNetwork: member,
  /** Households' needs and addresses, drivers' homes and phones, plans, route cards. */
  seeNetwork: coordinator,
  /** Shelters' capacity, accessibility and pets. */
  manageShelters: coordinator,
  /** Make a plan, lock or move a household. */
  plan: coordinator,
  /** Start, close or cancel a drill, read its report, record a paper member's answer. */
  runDrills: coordinator,
  /** Who read the data and when. */
  readLog: (a: Who) => member(a) && a.role === 'steward',
  /** Register, change or withdraw a household or driver: the member it is, or a coordinator for a paper member. */
  register: (a: Who, r: RegistrationFacts) => isSelf(a, r.accountId) || (coordinator(a) && r.paper),
  /** Raise and end an alert, see the live board, the timeline and the feedback. */
  activate: coordinator,
  /**
   * Mark a household safe or needing help on the day: the member it is, its buddy or backup
   * buddy who accepted (who checks on it; one only named, or who declined, may not), a coordinator
   * (from a phone call).
   */
  markHousehold: (
    a: Who,
    h: {
      accountId: string;
      buddyId: string | null;
      buddyStatus: string | null;
      backupBuddyId: string | null;
      backupBuddyStatus: string | null;
    },
  ) =>
    isSelf(a, h.accountId) ||
    (isSelf(a, h.buddyId) && h.buddyStatus === 'accepted') ||
    (isSelf(a, h.backupBuddyId) && h.backupBuddyStatus === 'accepted') ||
    coordinator(a),
  /** Read a registration in full: the member it is, coordinators. */
  seeRegistration: (a: Who, r: Pick<RegistrationFacts, 'accountId'>) =>
    isSelf(a, r.accountId) || coordinator(a),
};
