/**
 * The shared calendar (capability 6): in one place, the community's gatherings, its shifts and the
 * reader's own loans due back, as a list of the coming weeks or a month; for the whole community
 * or "mine" (the gatherings one said yes or maybe to, the shifts one is on, and one's loans). Each
 * feature keeps its own rules: this only reads them through their services.
 */
import { requireMember } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import { addDays, addMonths } from '../../platform/db/time.ts';
import { listMyLoans } from '../library/service.ts';
import { listShifts, monthShifts } from '../shifts/service.ts';
import { checkHorizon, occurrenceViews } from './service.ts';

/** One line of the calendar. */
export interface CalendarEntry {
  type: 'gathering' | 'shift' | 'loan';
  title: string;
  /** The local day it is on, `YYYY-MM-DD`. */
  day: string;
  /** Its instants; null for a loan (a day, not a time). */
  startsAt: string | null;
  endsAt: string | null;
  /** Where, when known. */
  where: string | null;
  /** The path of its page under the community (`/gatherings/…`). */
  path: string;
  /** The reader's: a yes or maybe, a shift they are on, their loan. */
  mine: boolean;
  cancelled: boolean;
  /** A loan overdue. */
  overdue: boolean;
}

/** How many weeks the list view shows. */
export const listWeeks = 4;

/**
 * The entries of [`from`, `until`) (local days), ordered by day and time; only the reader's when
 * `mine`. Shifts are read by `shifts` (its month or its coming weeks), as that feature decides.
 */
async function entries(
  ctx: Ctx,
  from: string,
  until: string,
  mine: boolean,
  shifts: Awaited<ReturnType<typeof listShifts>>['shifts'],
): Promise<CalendarEntry[]> {
  const member = requireMember(ctx);
  const { community } = member;
  const start = from === community.today() ? ctx.clock.now() : community.instant(from);
  const out: CalendarEntry[] = [];
  for (const o of await occurrenceViews(
    ctx.db,
    community,
    member.accountId,
    start,
    community.instant(until),
  )) {
    const isMine = o.myAnswer === 'yes' || o.myAnswer === 'maybe';
    if (mine && !isMine) continue;
    out.push({
      type: 'gathering',
      title: o.title,
      day: o.local.slice(0, 10),
      startsAt: o.startsAt,
      endsAt: o.endsAt,
      where: o.placeName ?? (o.address || null),
      path: `/gatherings/${o.gatheringId}/${o.occurrence}`,
      mine: isMine,
      cancelled: o.cancelled,
      overdue: false,
    });
  }
  for (const s of shifts) {
    if (mine && !s.mine) continue;
    out.push({
      type: 'shift',
      title: s.title,
      day: s.local.slice(0, 10),
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      where: s.placeName,
      path: `/shifts/${s.seriesId}/${s.occurrence}`,
      mine: s.mine,
      cancelled: s.cancelled,
      overdue: false,
    });
  }
  const { borrowing } = await listMyLoans(ctx);
  for (const loan of borrowing) {
    if (loan.status !== 'approved' && loan.status !== 'out') continue;
    if (loan.dueOn < from || loan.dueOn >= until) continue;
    out.push({
      type: 'loan',
      title: loan.itemName,
      day: loan.dueOn,
      startsAt: null,
      endsAt: null,
      where: null,
      path: `/library/loans/${loan.id}`,
      mine: true,
      cancelled: false,
      overdue: loan.overdue,
    });
  }
  return out.sort(
    (a, b) =>
      a.day.localeCompare(b.day) ||
      (a.startsAt ?? '').localeCompare(b.startsAt ?? '') ||
      a.title.localeCompare(b.title),
  );
}

/** The coming `listWeeks` weeks from today (active members). */
export async function comingEntries(
  ctx: Ctx,
  mine: boolean,
): Promise<{ entries: CalendarEntry[]; until: string }> {
  const { community } = requireMember(ctx);
  const from = community.today();
  const until = addDays(from, 7 * listWeeks);
  const { shifts } = await listShifts(ctx, { from, weeks: listWeeks });
  return { entries: await entries(ctx, from, until, mine, shifts), until };
}

/** A local month `YYYY-MM` (active members), up to the horizon gatherings and shifts are shown to. */
export async function monthEntries(ctx: Ctx, month: string, mine: boolean): Promise<CalendarEntry[]> {
  const { community } = requireMember(ctx);
  checkHorizon(community, 'month', `${month}-01`);
  const { shifts } = await monthShifts(ctx, month);
  return entries(ctx, `${month}-01`, `${addMonths(month, 1)}-01`, mine, shifts);
}
