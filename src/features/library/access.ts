/**
 * Shared steps of the library's services: who is acting, today's date in the community, its
 * settings, recording history and mailing members. Internal: other features use `service.ts`.
 */
import type { Ctx, Services } from '../../platform/context.ts';
import type { Db, LoanEventKind } from '../../platform/db/database.ts';
import { iso, localDate } from '../../platform/db/time.ts';
import { authorize, Conflict, NotFound, Unauthenticated } from '../../platform/errors.ts';
import { isLocale, translator } from '../../platform/i18n/index.ts';
import { enqueueMail } from '../../platform/mail/jobs.ts';
import { can } from './policy.ts';
import * as store from './store.ts';

/** Defaults until a steward saves the library settings. */
export const defaultSettings = { maxActivePerMember: 3, holdDays: 2, reminderDays: 2 };

/**
 * The acting member's account id and community id. Throws `Unauthenticated` when nobody is
 * signed in, `Forbidden('errors.members_only')` for non-members, `NotFound` outside a community.
 */
export function memberOf(ctx: Ctx): { accountId: string; communityId: string } {
  if (!ctx.actor.communityId) throw new NotFound('communities.not_found');
  if (!ctx.actor.accountId) throw new Unauthenticated();
  authorize(can.seeLibrary(ctx.actor), 'errors.members_only');
  return { accountId: ctx.actor.accountId, communityId: ctx.actor.communityId };
}

/** Today in the community's time zone. */
export async function todayIn(s: Pick<Services, 'clock'>, db: Db, communityId: string): Promise<string> {
  const community = await store.findCommunity(db, communityId);
  return localDate(s.clock.now(), community.timeZone);
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
 * Queues a mail to a member in their language (their choice, else the community's first
 * language): subject and body from `library.mail.<key>`, then a link to `path`. Members without
 * an email address (paper members) get nothing; a steward reaches them in person.
 */
export async function mailMember(
  s: Pick<Services, 'jobs' | 'config'>,
  tx: Db,
  communityId: string,
  accountId: string,
  key: string,
  params: Record<string, unknown>,
  path: string,
) {
  const account = await tx
    .selectFrom('account')
    .select(['email', 'locale'])
    .where('id', '=', accountId)
    .where('erasedAt', 'is', null)
    .executeTakeFirst();
  if (!account?.email) return;
  const community = await store.findCommunity(tx, communityId);
  const fallback = community.languages.split(',').find(isLocale) ?? 'en';
  const t = translator(isLocale(account.locale) ? account.locale : fallback);
  const all = { ...params, community: community.name };
  await enqueueMail(s, tx, {
    to: account.email,
    subject: t(`library.mail.${key}.subject`, all),
    text: `${t(`library.mail.${key}.body`, all)}\n\n${s.config.baseUrl}/c/${community.slug}${path}\n`,
  });
}

/** A live (not archived) item of the community; `NotFound` otherwise (also for another community's). */
export async function loadItem(db: Db, communityId: string, itemId: string) {
  const item = await store.findItem(db, communityId, itemId);
  if (!item || item.archivedAt) throw new NotFound('library.errors.item_not_found');
  return item;
}

/**
 * Refuses a new request or waitlist place beyond the community's per-member limit
 * (`Conflict('library.errors.too_many_active')`). Atomic with the insert that follows only
 * when the transaction began with `store.lockBorrower` for the member: otherwise two requests at
 * once could both pass the count on PostgreSQL.
 */
export async function checkActiveLimit(
  s: Pick<Services, 'clock'>,
  db: Db,
  communityId: string,
  accountId: string,
) {
  const { maxActivePerMember } = await settingsOf(db, communityId);
  const today = await todayIn(s, db, communityId);
  if ((await store.countActive(db, communityId, accountId, today)) >= maxActivePerMember) {
    throw new Conflict('library.errors.too_many_active', { max: maxActivePerMember });
  }
}

/**
 * Creates a loan that is approved and picked up at once (desk mode, the waitlist), checking for
 * double booking under the item lock. Returns the loan id. Throws `Conflict` if the days are taken.
 */
export async function insertBookedLoan(
  s: Services,
  tx: Db,
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
  const today = await todayIn(s, tx, l.communityId);
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
