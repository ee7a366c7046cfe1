/**
 * Drills, the monthly check-in (issue 16): a coordinator starts one with a deadline for answers
 * and the escalation's delays; every household and driver in the registry is asked through their
 * personal link (a notification and its mail for members with an address; a printed sheet or a
 * coordinator's call for paper members); the drill is closed or cancelled, and its links stop
 * working with it. Drills are kept as history; the report says who confirmed, what changed, who
 * could not be reached and who was escalated to whom (`drill-report.ts`). Answers are in
 * `check-in.ts`, the escalation job in `escalation.ts`.
 */
import { requireRole } from '../../platform/access.ts';
import type { Ctx, Services } from '../../platform/context.ts';
import type { Db, EvacuationDrill, EvacuationDrillAnswerTable } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { addSeconds, iso, localDate, localDateTime, zonedInstant } from '../../platform/db/time.ts';
import { Conflict, type FieldError, Invalid, NotFound } from '../../platform/errors.ts';
import { type NotificationKind, personal } from '../../platform/notify/kinds.ts';
import { notify, resolve } from '../../platform/notify/service.ts';
import { askBuddiesNeverAsked } from './buddies.ts';
import type { DrillInput } from './drills-schema.ts';
import { maxDeadlineDays } from './drills-schema.ts';
import { endLinks, issueLinks } from './links.ts';
import { can } from './policy.ts';
import { logRead } from './service.ts';
import * as store from './store.ts';
import { findActiveAlert } from './store-activation.ts';
import * as drills from './store-drills.ts';

/** The drills' notifications: the check-in asked, a buddy asked to check on someone, coordinators told. */
export const drillKind: NotificationKind = {
  name: 'evacuation.drills',
  defaults: personal,
  asks: {
    'evacuation.drill.mail.check_in.subject': 'evacuation.check_in',
    'evacuation.drill.mail.driver_check_in.subject': 'evacuation.check_in',
  },
};

/** Hours after the deadline the buddy is asked, and the coordinators told, unless the drill says. */
export const defaultDelays = { buddyAfterHours: 0, coordinatorsAfterHours: 24 } as const;
/** Links of a drill stop working this long after its last escalation step, if it is never closed (days). */
export const linkGraceDays = 14;
/** Drills the history shows. */
export const historyShown = 24;

/** The `about` of a check-in's notification: the answer row, so answering settles only its own task. */
export const answerAbout = (answerId: string) => ({ type: answerType, id: answerId });
const answerType = 'evacuation_drill_answer';

/**
 * The drill's deadline and escalation instants from the input at `now`: `Invalid` for a deadline
 * not in the future (`evacuation.errors.deadline_past`) or more than 31 days ahead
 * (`deadline_too_far`), and coordinators told no later than the buddy (`escalation_order`).
 */
export function drillTimes(input: DrillInput, now: Date) {
  const errors: FieldError[] = [];
  const deadline = new Date(input.deadline);
  if (deadline.getTime() <= now.getTime())
    errors.push({ field: 'deadline', code: 'evacuation.errors.deadline_past' });
  else if (deadline.getTime() > addSeconds(now, maxDeadlineDays * 86400).getTime())
    errors.push({
      field: 'deadline',
      code: 'evacuation.errors.deadline_too_far',
      params: { days: maxDeadlineDays },
    });
  const buddy = input.buddyAfterHours ?? defaultDelays.buddyAfterHours;
  const coordinators = input.coordinatorsAfterHours ?? defaultDelays.coordinatorsAfterHours;
  if (coordinators <= buddy)
    errors.push({ field: 'coordinatorsAfterHours', code: 'evacuation.errors.escalation_order' });
  if (errors.length) throw new Invalid(errors);
  const after = (hours: number) => iso(addSeconds(deadline, hours * 3600));
  return {
    deadline: iso(deadline),
    buddyAt: after(buddy),
    // Half-way: the backup buddy is asked when the buddy has had as long again as the household had.
    backupAt: after((buddy + coordinators) / 2),
    coordinatorsAt: after(coordinators),
  };
}

/** The deadline a page form gives (a local date-time in the community's zone) as an instant. */
export function deadlineFromForm(local: string, timeZone: string): string {
  return iso(zonedInstant(local, timeZone));
}

/** A drill's deadline as the start form shows it by default: two days from `now`, at 18:00 local. */
export function suggestedDeadline(now: Date, timeZone: string): string {
  return `${localDate(addSeconds(now, 2 * 86400), timeZone)}T18:00`;
}

/** `instant` as the community's local date-time (for a form's value). */
export function localOf(instant: string, timeZone: string): string {
  return localDateTime(new Date(instant), timeZone);
}

/**
 * Starts a drill (coordinators): every household and driver of active members is asked; each
 * gets a personal link. Members with an email address are told (inbox, mail, push, in their own
 * language) with their link; paper members are reached by the printed sheet or a call. One drill
 * at a time: `Conflict('evacuation.errors.drill_open')`; none while an alert is on:
 * `Conflict('evacuation.errors.drill_during_alert')`; nobody registered:
 * `Conflict('evacuation.errors.drill_nobody')`; bad times: `Invalid` (`drillTimes`). Returns its id.
 */
export async function startDrill(ctx: Ctx, input: DrillInput): Promise<string> {
  const { communityId, accountId, community } = requireRole(
    ctx,
    can.runDrills,
    'evacuation.errors.only_coordinators',
  );
  const now = ctx.clock.now();
  const times = drillTimes(input, now);
  const at = iso(now);
  return ctx.db.transaction().execute(async (tx) => {
    await drills.lockCommunity(tx, communityId);
    if (await drills.findOpenDrill(tx, communityId)) throw new Conflict('evacuation.errors.drill_open');
    // A drill's "please check in" in the middle of an evacuation would confuse, and its answers change the registry the day runs on.
    if (await findActiveAlert(tx, communityId)) throw new Conflict('evacuation.errors.drill_during_alert');
    const [households, drivers, members] = await Promise.all([
      store.listHouseholds(tx, communityId),
      store.listDrivers(tx, communityId),
      store.listActiveMembers(tx, communityId),
    ]);
    if (households.length + drivers.length === 0) throw new Conflict('evacuation.errors.drill_nobody');
    // Buddies named before they were asked (migration 0043) are asked now: else never.
    await askBuddiesNeverAsked(ctx, tx, households);
    const id = newId();
    await drills.insertDrill(tx, {
      id,
      communityId,
      message: input.message?.trim() ?? '',
      status: 'open',
      ...times,
      startedBy: accountId,
      startedAt: at,
      endedBy: null,
      endedAt: null,
    });
    const row = (s: { householdId: string | null; driverId: string | null; accountId: string }) =>
      ({
        id: newId(),
        communityId,
        drillId: id,
        ...s,
        status: 'waiting',
        answeredAt: null,
        answeredBy: null,
        changes: '[]',
        note: '',
        seats: null,
        testDriveAt: null,
        buddyAskedAt: null,
        buddyAskedId: null,
        backupAskedAt: null,
        backupAskedId: null,
        coordinatorsToldAt: null,
        buddyFound: null,
        buddyFoundAt: null,
        buddyFoundBy: null,
      }) satisfies EvacuationDrillAnswerTable;
    const rows = [
      ...households.map((h) => row({ householdId: h.id, driverId: null, accountId: h.accountId })),
      ...drivers.map((d) => row({ householdId: null, driverId: d.id, accountId: d.accountId })),
    ];
    await drills.insertAnswers(tx, rows);
    const expiresAt = iso(addSeconds(new Date(times.coordinatorsAt), linkGraceDays * 86400));
    const paper = new Set(members.filter((m) => m.paper).map((m) => m.accountId));
    // Paper members' links are made when their sheet is printed: a link nobody can see is no use.
    const reachable = rows.filter((r) => !paper.has(r.accountId));
    const links = await issueLinks(
      tx,
      communityId,
      { kind: 'drill', id },
      reachable.map((r) =>
        r.householdId ? { householdId: r.householdId } : { driverId: r.driverId as string },
      ),
      expiresAt,
      at,
      ctx.config.secretKey,
    );
    const answerOf = new Map(rows.map((r) => [r.householdId ?? r.driverId, r.id]));
    const deadline = localOf(times.deadline, community.timeZone);
    for (const link of links) {
      const key = link.householdId ? 'check_in' : 'driver_check_in';
      await notify(ctx, tx, {
        kind: drillKind.name,
        community,
        to: [link.accountId],
        about: answerAbout(answerOf.get(link.householdId ?? link.driverId) as string),
        // The link's reference, never its token: the mail and push carry the link itself.
        path: link.ref,
        text: { subject: `evacuation.drill.mail.${key}.subject`, body: `evacuation.drill.mail.${key}.body` },
        params: {
          day: { day: deadline.slice(0, 10) },
          time: { time: deadline.slice(11, 16) },
          message: input.message?.trim() ?? '',
        },
      });
    }
    return id;
  });
}

/** The drill `drillId` of the actor's community (coordinators), or `NotFound`. */
export async function loadDrill(ctx: Ctx, drillId: string): Promise<EvacuationDrill> {
  const { communityId } = requireRole(ctx, can.runDrills, 'evacuation.errors.only_coordinators');
  const drill = await drills.findDrill(ctx.db, communityId, drillId);
  if (!drill) throw new NotFound('evacuation.errors.drill_not_found');
  return drill;
}

/**
 * Closes (answers are in) or cancels (started by mistake) the open drill `drillId`
 * (coordinators): its links stop working, its open check-in tasks are settled. A drill already
 * ended: `Conflict('evacuation.errors.drill_ended')`; another community's: `NotFound`.
 */
export async function endDrill(ctx: Ctx, drillId: string, as: 'closed' | 'cancelled'): Promise<void> {
  const { communityId, accountId } = requireRole(ctx, can.runDrills, 'evacuation.errors.only_coordinators');
  const now = iso(ctx.clock.now());
  await ctx.db.transaction().execute(async (tx) => {
    const drill = await drills.lockDrill(tx, communityId, drillId);
    if (!drill) throw new NotFound('evacuation.errors.drill_not_found');
    if (!(await finishDrill(ctx, tx, communityId, drillId, as, accountId, now)))
      throw new Conflict('evacuation.errors.drill_ended');
  });
}

/** When an open drill closes by itself: its links' last day, `linkGraceDays` after the coordinators' time. */
export function drillEndsAt(drill: Pick<EvacuationDrill, 'coordinatorsAt'>): string {
  return iso(addSeconds(new Date(drill.coordinatorsAt), linkGraceDays * 86400));
}

/**
 * In `tx`, with the drill held: ends the open drill `drillId` as `as` at `now`, by `by` (null:
 * Porch, closing it at its end time) — its links stop working, its open check-in tasks are
 * settled; the report stays. Returns false when it was not open.
 */
export async function finishDrill(
  s: Pick<Services, 'jobs' | 'clock'>,
  tx: Db,
  communityId: string,
  drillId: string,
  as: 'closed' | 'cancelled',
  by: string | null,
  now: string,
): Promise<boolean> {
  if (!(await drills.endDrill(tx, communityId, drillId, as, by, now))) return false;
  await endLinks(tx, communityId, { kind: 'drill', id: drillId }, now);
  const answers = await drills.listAnswers(tx, communityId, [drillId]);
  if (answers.length) await resolve(s, tx, communityId, { type: answerType, ids: answers.map((a) => a.id) });
  return true;
}

/** A paper member's line of the printed sheet: whose link, for what, and its address. */
export interface SheetLine {
  name: string;
  kind: 'household' | 'driver';
  url: string;
}

/**
 * The printed sheet for paper members (coordinators; the open drill only,
 * `Conflict('evacuation.errors.drill_ended')` otherwise): a new link for each paper member's
 * household or driver in the drill — printing again makes new links, and the earlier sheet's stop
 * working. Logged (`drill_sheet`). Returns the lines by name.
 */
export async function paperSheet(ctx: Ctx, drillId: string): Promise<SheetLine[]> {
  const drill = await loadDrill(ctx, drillId);
  const { communityId } = drill;
  if (drill.status !== 'open') throw new Conflict('evacuation.errors.drill_ended');
  await logRead(ctx, 'drill_sheet');
  const members = await store.listActiveMembers(ctx.db, communityId);
  const paper = new Map(members.filter((m) => m.paper).map((m) => [m.accountId, m.displayName]));
  const now = iso(ctx.clock.now());
  const links = await ctx.db.transaction().execute(async (tx) => {
    const answers = (await drills.listAnswers(tx, communityId, [drillId])).filter((a) =>
      paper.has(a.accountId),
    );
    const expiresAt = iso(addSeconds(new Date(drill.coordinatorsAt), linkGraceDays * 86400));
    return issueLinks(
      tx,
      communityId,
      { kind: 'drill', id: drillId },
      answers.map((a) =>
        a.householdId ? { householdId: a.householdId } : { driverId: a.driverId as string },
      ),
      expiresAt,
      now,
      ctx.config.secretKey,
    );
  });
  const base = `${ctx.config.baseUrl}/c/${ctx.community?.slug}`;
  return links
    .map((l) => ({
      name: paper.get(l.accountId) ?? '',
      kind: (l.householdId ? 'household' : 'driver') as SheetLine['kind'],
      url: `${base}${l.path}`,
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.kind.localeCompare(b.kind));
}
