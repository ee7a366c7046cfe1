/**
 * Shared steps of the library's services: its settings, recording history, telling members,
 * loading an item, the per-member limit and booked loans. Internal: other features use
 * `service.ts`. Who is acting is settled by the platform gate (`platform/access.ts`), and the
 * community with its calendar comes with the context.
 */
import { type Member, requireRole } from '../../platform/access.ts';
import type { CommunityContext, Ctx, Services } from '../../platform/context.ts';
import type { Db, LoanEventKind } from '../../platform/db/database.ts';
import { iso } from '../../platform/db/time.ts';
import { Conflict, NotFound } from '../../platform/errors.ts';
import { type NotificationKind, personal } from '../../platform/notify/kinds.ts';
import type { Param } from '../../platform/notify/render.ts';
import { notify, resolve } from '../../platform/notify/service.ts';
import { can } from './policy.ts';
import * as store from './store.ts';

/** Defaults until a steward saves the library settings. */
export const defaultSettings = { maxActivePerMember: 3, holdDays: 2, reminderDays: 2 };

/**
 * The acting steward, for the library's settings, import, export and desk: refuses outsiders
 * as the platform gate does, then other members with `Forbidden('library.errors.only_stewards')`.
 */
export function requireLibrarySteward(ctx: Ctx): Member {
  return requireRole(ctx, can.manageLibrary, 'library.errors.only_stewards');
}

/** The community's library settings (defaults if never saved). */
export async function settingsOf(db: Db, communityId: string) {
  const row = await store.findSettings(db, communityId);
  return row
    ? { maxActivePerMember: row.maxActivePerMember, holdDays: row.holdDays, reminderDays: row.reminderDays }
    : { ...defaultSettings };
}

/**
 * Adds a line to the item's history, now. A line about a loan is a change of the loan: what was
 * asked about it before (to answer, hand over, collect, bring back) is settled, for everyone, in
 * the same transaction; whatever the new state asks is told after (`notifyMember`).
 */
export async function record(
  s: Pick<Services, 'clock' | 'jobs'>,
  tx: Db,
  e: {
    communityId: string;
    itemId: string;
    loanId?: string | null;
    actorId: string | null;
    kind: LoanEventKind;
    note?: string;
  },
) {
  await store.insertEvent(tx, { ...e, loanId: e.loanId ?? null, createdAt: iso(s.clock.now()) });
  if (e.loanId) await resolve(s, tx, e.communityId, { type: 'loan', id: e.loanId });
}

/**
 * The library's kinds of notification: loans, and reminders to bring things back. A request
 * asks the lender to answer, an approval (or the item back, or a turn in line) the borrower to
 * collect and the lender to hand over, a reminder the borrower to bring it back and the lender
 * to chase it; the next change of the loan settles them (`record`).
 */
export const libraryKinds: NotificationKind[] = [
  {
    name: 'library.loans',
    defaults: personal,
    asks: {
      'library.mail.requested.subject': 'library.answer',
      'library.mail.approved.subject': 'library.collect',
      'library.mail.ready.subject': 'library.collect',
      'library.mail.hold_offered.subject': 'library.collect',
      'library.mail.hand_over.subject': 'library.hand_over',
      'library.mail.overdue_owner.subject': 'library.late',
    },
  },
  {
    name: 'library.reminders',
    defaults: personal,
    asks: {
      'library.mail.due_soon.subject': 'library.bring_back',
      'library.mail.overdue.subject': 'library.overdue',
    },
  },
];

/**
 * Who lends a loan's item, as its texts say it: `owner`, the owner's name; for the shed, the
 * `shed` context (`…_shed` texts say "the shed").
 */
export function lenderValues(ownerName: string | null): Record<string, string> {
  return ownerName ? { owner: ownerName } : { owner: '', context: 'shed' };
}

/** Who is asked to hand over or chase a loan of an item: its owner, or for the shed its stewards. */
export async function lendersOf(db: Db, communityId: string, ownerId: string | null, borrowerId: string) {
  if (ownerId) return [ownerId];
  return (await store.listStewards(db, communityId)).map((m) => m.id).filter((id) => id !== borrowerId);
}

/** Texts (`library.mail.<key>`) that remind a borrower, under `library.reminders`. */
const reminders = new Set(['due_soon', 'overdue']);

/**
 * Tells a member of `community` about a loan or an item (`path`, `/library/loans/<id>` or
 * `/library/items/<id>`): their inbox, and mail or push by their preferences, in their language,
 * subject and body from `library.mail.<key>` (`actor`: who caused it, see `Notice`). A `YYYY-MM-DD` value of `params` is a day, written
 * out in the reader's language. Members without an email address (paper members) see it in
 * their inbox; a steward reaches them in person.
 */
export async function notifyMember(
  s: Pick<Services, 'jobs' | 'clock'>,
  tx: Db,
  community: CommunityContext,
  accountId: string,
  key: string,
  params: Record<string, unknown>,
  path: string,
  actor?: string,
) {
  const values: Record<string, Param> = {};
  for (const [name, value] of Object.entries(params)) {
    values[name] =
      typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? { day: value }
        : (value as string | number);
  }
  const [, , type, id] = path.split('/');
  await notify(s, tx, {
    kind: reminders.has(key) ? 'library.reminders' : 'library.loans',
    community,
    to: [accountId],
    about: { type: type === 'items' ? 'item' : 'loan', id, title: String(params.item ?? '') },
    actor,
    path,
    text: { subject: `library.mail.${key}.subject`, body: `library.mail.${key}.body` },
    params: values,
  });
}

/**
 * Whether the actor may see an item's photo: a member may, while the item is live (an archived
 * item is gone). Undefined when no item shows the photo (for `registerPhotoOwner`).
 */
export async function itemPhotoVisible(ctx: Ctx, communityId: string, photoId: string) {
  const item = await store.findItemOfPhoto(ctx.db, communityId, photoId);
  return item ? item.archivedAt === null && ctx.actor.role !== 'visitor' : undefined;
}

/** A live (not archived) item of the community; `NotFound` otherwise (also for another community's). */
export async function loadItem(db: Db, communityId: string, itemId: string) {
  const item = await store.findItem(db, communityId, itemId);
  if (!item || item.archivedAt) throw new NotFound('library.errors.item_not_found');
  return item;
}

/**
 * Refuses a new request or waitlist place of `accountId` beyond the community's per-member
 * limit (`Conflict('library.errors.too_many_active')`). Atomic with the insert that follows only
 * when the transaction began with `store.lockBorrower` for the member: otherwise two requests at
 * once could both pass the count on PostgreSQL.
 */
export async function checkActiveLimit(db: Db, community: CommunityContext, accountId: string) {
  const { maxActivePerMember } = await settingsOf(db, community.id);
  if ((await store.countActive(db, community.id, accountId, community.today())) >= maxActivePerMember) {
    throw new Conflict('library.errors.too_many_active', { max: maxActivePerMember });
  }
}

/**
 * Creates a loan that is approved and picked up at once (desk mode, the waitlist), checking for
 * double booking under the item lock (`today`: the community's date). Returns the loan id.
 * Throws `Conflict` if the days are taken.
 */
export async function insertBookedLoan(
  s: Pick<Services, 'clock'>,
  tx: Db,
  today: string,
  l: {
    communityId: string;
    itemId: string;
    borrowerId: string;
    startsOn: string;
    dueOn: string;
    status: 'approved' | 'out';
    holdUntil?: string | null;
    actorId: string | null;
  },
) {
  if ((await store.countOverlappingLoans(tx, l.communityId, l.itemId, l.startsOn, l.dueOn, today)) > 0) {
    throw new Conflict('library.errors.item_already_lent');
  }
  const now = iso(s.clock.now());
  const { id } = await store.insertLoan(tx, {
    communityId: l.communityId,
    itemId: l.itemId,
    borrowerId: l.borrowerId,
    status: l.status,
    startsOn: l.startsOn,
    dueOn: l.dueOn,
    holdUntil: l.holdUntil ?? null,
    requestedAt: now,
    decidedAt: now,
    pickedUpAt: l.status === 'out' ? now : null,
    updatedAt: now,
  });
  return id;
}
