/**
 * Shared steps of the library's services: its settings, recording history, mailing members,
 * loading an item, the per-member limit and booked loans. Internal: other features use
 * `service.ts`. Who is acting is settled by the platform gate (`platform/access.ts`), and the
 * community with its calendar comes with the context.
 */
import { type Member, requireRole } from '../../platform/access.ts';
import type { CommunityContext, Ctx, Services } from '../../platform/context.ts';
import type { Db, LoanEventKind } from '../../platform/db/database.ts';
import { iso } from '../../platform/db/time.ts';
import { Conflict, NotFound } from '../../platform/errors.ts';
import { tellMembers } from '../../platform/events/live.ts';
import { formatDay, negotiateLocale, translator } from '../../platform/i18n/index.ts';
import { enqueueMail } from '../../platform/mail/jobs.ts';
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

/** Adds a line to the item's history, now. */
export function record(
  s: Pick<Services, 'clock'>,
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
  return store.insertEvent(tx, { ...e, loanId: e.loanId ?? null, createdAt: iso(s.clock.now()) });
}

/**
 * Queues a mail to a member of `community` in their language (their choice, else the
 * community's first language): subject and body from `library.mail.<key>`, then a link to
 * `path`. A `YYYY-MM-DD` value of `params` is a day, written out in that language. Members without an email address (paper members) get nothing; a steward reaches them
 * in person.
 */
export async function mailMember(
  s: Pick<Services, 'jobs' | 'config'>,
  tx: Db,
  community: CommunityContext,
  accountId: string,
  key: string,
  params: Record<string, unknown>,
  path: string,
) {
  // Their open pages update too (the porch, the loan), mail or not.
  await tellMembers(s, tx, community.id, [accountId]);
  const account = await store.findMailContact(tx, accountId);
  if (!account?.email) return;
  const locale = negotiateLocale(account.locale, undefined, community.languageList);
  const t = translator(locale);
  // Days (the community's calendar days) are written out in the reader's language.
  const all: Record<string, unknown> = { community: community.name };
  for (const [key, value] of Object.entries(params)) {
    all[key] =
      typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDay(locale, value) : value;
  }
  await enqueueMail(s, tx, {
    to: account.email,
    subject: t(`library.mail.${key}.subject`, all),
    text: `${t(`library.mail.${key}.body`, all)}\n\n${s.config.baseUrl}/c/${community.slug}${path}\n`,
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
