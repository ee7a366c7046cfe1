/**
 * Pilots (issue 18, step 3: run a pilot): a small project a community tries for a few weeks — the
 * need it answers, a hypothesis, a measure of success, a team, a first and a last day, and the
 * shifts, gatherings and items it uses. A steward starts one (in one click from a needs survey's
 * suggestion, prefilled, or from scratch) as a draft; its team launches it; halfway the team is
 * reminded (`halfway.ts`) and writes how it is going; at the end, a retrospective: what worked,
 * what did not, and whether to continue, adapt or stop. `pilotsOfMonth` gives the newsletter what
 * the pilots found in a month.
 *
 * Each write follows the same order: validate, load, authorize, check state, write in one
 * transaction, tell who should know (inside it).
 */
import { type Member, requireMember, requireRole } from '../../platform/access.ts';
import type { CommunityContext, Ctx, Services } from '../../platform/context.ts';
import type { Db, Pilot, PilotDecision } from '../../platform/db/database.ts';
import { addDays, addMonths, daysBetween, iso, onDayAt, zonedInstant } from '../../platform/db/time.ts';
import { authorize, Conflict, type FieldError, Invalid, NotFound } from '../../platform/errors.ts';
import { listGatherings, loadGathering } from '../gatherings/service.ts';
import { itemsByIds, listCatalog } from '../library/service.ts';
import { listMembers } from '../posts/service.ts';
import { listShifts, loadSeries } from '../shifts/service.ts';
import { surveySummary } from '../surveys/service.ts';
import { can, type PilotFacts } from './policy.ts';
import * as store from './store.ts';

/** The job that reminds a pilot's team halfway. */
export const halfwayJob = 'pilots.halfway';
/** The hour of the halfway day (local) the team is reminded at. */
export const halfwayHour = 9;
/** How long a pilot started from a suggestion runs unless changed, in days (six weeks), from a week on. */
export const suggestedDays = 42;
export const suggestedLeadDays = 7;

/** Where a pilot is: a draft, launched and running, or finished with its retrospective. */
export type PilotStatus = 'draft' | 'running' | 'finished';

/** A pilot's status. */
export function statusOf(p: Pick<Pilot, 'launchedAt' | 'finishedAt'>): PilotStatus {
  return p.finishedAt ? 'finished' : p.launchedAt ? 'running' : 'draft';
}

/** The day halfway through a pilot (rounded down): when its team is asked how it goes. */
export function halfwayOn(p: Pick<Pilot, 'startsOn' | 'endsOn'>): string {
  return addDays(p.startsOn, Math.floor(daysBetween(p.startsOn, p.endsOn) / 2));
}

/** The instant a pilot's team is reminded: the halfway day at `halfwayHour`, in `timeZone`. */
export function halfwayAt(p: Pick<Pilot, 'startsOn' | 'endsOn'>, timeZone: string): Date {
  return zonedInstant(onDayAt(halfwayOn(p), halfwayHour), timeZone);
}

/** A pilot of the community, or `NotFound('pilots.not_found')` (another community's too). */
async function loadPilot(db: Db, communityId: string, pilotId: string, lock = false): Promise<Pilot> {
  const p = lock
    ? await store.lockPilot(db, communityId, pilotId)
    : await store.findPilot(db, communityId, pilotId);
  if (!p) throw new NotFound('pilots.not_found');
  return p;
}

async function factsOf(db: Db, communityId: string, pilotId: string): Promise<PilotFacts> {
  return { team: (await store.listTeam(db, communityId, pilotId)).map((m) => m.id) };
}

/** A pilot the actor runs (its team or a steward): 403 `pilots.only_team` otherwise. */
async function loadRun(ctx: Ctx, db: Db, member: Member, pilotId: string, lock = true): Promise<Pilot> {
  const p = await loadPilot(db, member.communityId, pilotId, lock);
  authorize(can.runPilot(ctx.actor, await factsOf(db, member.communityId, p.id)), 'pilots.only_team');
  return p;
}

/** A pilot as a form or the API gives it (`PilotIn`; every field optional when changing). */
export interface PilotInput {
  title: string;
  need: string;
  hypothesis: string;
  measure: string;
  startsOn: string;
  endsOn: string;
  team?: string[];
  shiftSeriesIds?: string[];
  gatheringIds?: string[];
  itemIds?: string[];
}

/** Whether `e` is a "not found" error (of another feature's thing). */
const isNotFound = (e: unknown) => e instanceof NotFound;

/**
 * Checks the team and links of a pilot: each team member an active member of the community
 * (`team`: `pilots.not_a_member`), each shift series, gathering and item one of the community's
 * (`pilots.link_not_found` on the field): another community's id is refused as one that does not
 * exist. Pushes the errors found.
 */
async function checkPeopleAndLinks(
  ctx: Ctx,
  tx: Db,
  member: Member,
  input: Partial<PilotInput>,
  errors: FieldError[],
) {
  if (input.team?.length) {
    const members = new Set((await listMembers({ ...ctx, db: tx })).map((m) => m.id));
    if (input.team.some((id) => !members.has(id)))
      errors.push({ field: 'team', code: 'pilots.not_a_member' });
  }
  const check = async (
    field: string,
    ids: readonly string[] | undefined,
    load: (id: string) => Promise<unknown>,
  ) => {
    for (const id of ids ?? []) {
      try {
        await load(id);
      } catch (e) {
        if (!isNotFound(e)) throw e;
        errors.push({ field, code: 'pilots.link_not_found' });
        return;
      }
    }
  };
  await check('shiftSeriesIds', input.shiftSeriesIds, (id) => loadSeries(tx, member.communityId, id));
  await check('gatheringIds', input.gatheringIds, (id) => loadGathering(tx, member.communityId, id));
  if (input.itemIds?.length) {
    const found = new Set((await itemsByIds({ ...ctx, db: tx }, [...input.itemIds])).map((i) => i.id));
    if (input.itemIds.some((id) => !found.has(id)))
      errors.push({ field: 'itemIds', code: 'pilots.link_not_found' });
  }
}

/** The longest a pilot may run, in days (its first to its last day): a trial, not a programme. */
export const longestPilotDays = 366;
/** How far ahead a pilot may start, in days. */
export const startsWithinDays = 366;

/**
 * Refuses a first day more than `startsWithinDays` after today (`startsOn`: `pilots.starts_too_far`),
 * a last day before the first (`endsOn`: `pilots.ends_before_start`) or more than
 * `longestPilotDays` after it (`endsOn`: `pilots.too_long`). Bounded, day + 1 always stays an instant.
 */
function checkDates(today: string, startsOn: string, endsOn: string, errors: FieldError[]) {
  if (startsOn > addDays(today, startsWithinDays))
    errors.push({ field: 'startsOn', code: 'pilots.starts_too_far', params: { count: startsWithinDays } });
  if (endsOn < startsOn) errors.push({ field: 'endsOn', code: 'pilots.ends_before_start' });
  else if (daysBetween(startsOn, endsOn) >= longestPilotDays)
    errors.push({ field: 'endsOn', code: 'pilots.too_long', params: { count: longestPilotDays } });
}

async function writeTeamAndLinks(
  tx: Db,
  communityId: string,
  pilotId: string,
  input: Partial<PilotInput>,
  creating: boolean,
) {
  if (input.team !== undefined) await store.setTeam(tx, communityId, pilotId, input.team);
  const linksGiven =
    input.shiftSeriesIds !== undefined || input.gatheringIds !== undefined || input.itemIds !== undefined;
  if (!linksGiven && !creating) return;
  const before = creating ? [] : await store.listLinks(tx, communityId, pilotId);
  const kept = (k: 'shiftSeriesId' | 'gatheringId' | 'itemId') =>
    before.map((l) => l[k]).filter((v): v is string => v !== null);
  await store.setLinks(tx, communityId, pilotId, {
    shiftSeriesIds: input.shiftSeriesIds ?? kept('shiftSeriesId'),
    gatheringIds: input.gatheringIds ?? kept('gatheringId'),
    itemIds: input.itemIds ?? kept('itemId'),
  });
}

/**
 * Starts a pilot as a draft (stewards: `Forbidden('pilots.only_stewards')`), with its team and
 * links. Refuses, naming each field, a last day before the first, a team member who is not an
 * active member, and a link to a thing not of this community. `from`: the survey suggestion it
 * comes from.
 */
export async function startPilot(
  ctx: Ctx,
  input: PilotInput,
  from?: { surveyId: string; project: string; needCount: number; offerCount: number },
): Promise<Pilot> {
  const member = requireRole(ctx, can.startPilot, 'pilots.only_stewards');
  return ctx.db.transaction().execute(async (tx) => {
    // Starting from a suggestion again (a double tap) while its draft exists gives that draft.
    if (from) {
      const draft = await store.findSuggestedDraft(tx, member.communityId, from.surveyId, from.project);
      if (draft) return (await store.findPilot(tx, member.communityId, draft)) as Pilot;
    }
    const errors: FieldError[] = [];
    checkDates(member.community.today(), input.startsOn, input.endsOn, errors);
    await checkPeopleAndLinks(ctx, tx, member, input, errors);
    if (errors.length) throw new Invalid(errors);
    const now = iso(ctx.clock.now());
    const id = await store.insertPilot(tx, {
      communityId: member.communityId,
      title: input.title,
      need: input.need,
      hypothesis: input.hypothesis,
      measure: input.measure,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      surveyId: from?.surveyId ?? null,
      project: from?.project ?? null,
      needCount: from?.needCount ?? null,
      offerCount: from?.offerCount ?? null,
      createdBy: member.accountId,
      createdAt: now,
      updatedAt: now,
      launchedAt: null,
      halfwayRemindedAt: null,
      halfwayAt: null,
      halfwayBy: null,
      decision: null,
      finishedAt: null,
      finishedBy: null,
    });
    await writeTeamAndLinks(tx, member.communityId, id, input, true);
    return (await store.findPilot(tx, member.communityId, id)) as Pilot;
  });
}

/**
 * Starts a draft pilot from a needs survey's suggestion in one click (stewards): the suggestion
 * must still hold (`Conflict('pilots.not_suggested')` otherwise); the draft is prefilled in the
 * steward's language with the need, the counts and the hypothesis, a measure, and six weeks from
 * a week on, the steward on its team. Again while a draft from that survey and project exists:
 * that draft (a double tap makes no duplicate). Another community's survey: `NotFound('surveys.not_found')`.
 */
export async function startSuggestedPilot(ctx: Ctx, surveyId: string, project: string): Promise<Pilot> {
  const member = requireRole(ctx, can.startPilot, 'pilots.only_stewards');
  const summary = await surveySummary(ctx, surveyId);
  const s = summary.suggestions.find((x) => x.project === project);
  if (!s) throw new Conflict('pilots.not_suggested');
  const needLabel = summary.needs.find((n) => n.key === s.topic)?.label ?? s.topic;
  const startsOn = addDays(member.community.today(), suggestedLeadDays);
  const values = { needs: s.needs, offers: s.offers, count: s.needs };
  return startPilot(
    ctx,
    {
      title: ctx.t(`surveys.project.${project}.name`),
      need: ctx.t('pilots.suggested.need', {
        need: needLabel,
        needs: s.needs,
        offers: s.offers,
        count: s.needs,
      }),
      hypothesis: ctx.t(`surveys.project.${project}.hypothesis`, values),
      measure: ctx.t('pilots.suggested.measure', { count: s.needs }),
      startsOn,
      endsOn: addDays(startsOn, suggestedDays - 1),
      team: [member.accountId],
    },
    { surveyId, project, needCount: s.needs, offerCount: s.offers },
  );
}

/**
 * Changes a pilot (its team or a steward: `Forbidden('pilots.only_team')`), not once finished
 * (`Conflict('pilots.finished')`). Each field given replaces what it had; the same checks as
 * starting one. A launched pilot whose dates move has its halfway reminder queued for the new day.
 */
export async function changePilot(ctx: Ctx, pilotId: string, input: Partial<PilotInput>): Promise<Pilot> {
  const member = requireMember(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const p = await loadRun(ctx, tx, member, pilotId);
    if (p.finishedAt) throw new Conflict('pilots.finished');
    const errors: FieldError[] = [];
    const startsOn = input.startsOn ?? p.startsOn;
    const endsOn = input.endsOn ?? p.endsOn;
    checkDates(member.community.today(), startsOn, endsOn, errors);
    await checkPeopleAndLinks(ctx, tx, member, input, errors);
    if (input.team !== undefined && input.team.length === 0 && p.launchedAt) {
      errors.push({ field: 'team', code: 'pilots.team_needed' });
    }
    if (errors.length) throw new Invalid(errors);
    const { team: _t, shiftSeriesIds: _s, gatheringIds: _g, itemIds: _i, ...columns } = input;
    await store.updatePilot(tx, member.communityId, p.id, { ...columns, updatedAt: iso(ctx.clock.now()) });
    await writeTeamAndLinks(tx, member.communityId, p.id, input, false);
    const changed = (await store.findPilot(tx, member.communityId, p.id)) as Pilot;
    if (p.launchedAt && !p.halfwayRemindedAt && halfwayOn(changed) !== halfwayOn(p)) {
      await queueHalfway(ctx, tx, member.community, changed);
    }
    return changed;
  });
}

async function queueHalfway(
  s: Pick<Services, 'jobs' | 'clock'>,
  tx: Db,
  community: CommunityContext,
  p: Pilot,
) {
  const at = halfwayAt(p, community.timeZone);
  const now = s.clock.now();
  await s.jobs.enqueue(
    tx,
    halfwayJob,
    { communityId: community.id, pilotId: p.id },
    new Date(Math.max(at.getTime(), now.getTime())),
  );
}

/**
 * Launches a draft (its team or a steward): it needs someone on its team
 * (`Conflict('pilots.team_needed')`); launched already: `Conflict('pilots.already_launched')`.
 * Queues the halfway reminder to its team.
 */
export async function launchPilot(ctx: Ctx, pilotId: string): Promise<Pilot> {
  const member = requireMember(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const p = await loadRun(ctx, tx, member, pilotId);
    if (p.launchedAt) throw new Conflict('pilots.already_launched');
    if ((await store.listTeam(tx, member.communityId, p.id)).length === 0)
      throw new Conflict('pilots.team_needed');
    const now = iso(ctx.clock.now());
    await store.updatePilot(tx, member.communityId, p.id, { launchedAt: now, updatedAt: now });
    const launched = (await store.findPilot(tx, member.communityId, p.id)) as Pilot;
    await queueHalfway(ctx, tx, member.community, launched);
    return launched;
  });
}

/** A launched pilot not finished: `Conflict('pilots.not_launched')` or `Conflict('pilots.finished')`. */
function checkRunning(p: Pilot): void {
  if (!p.launchedAt) throw new Conflict('pilots.not_launched');
  if (p.finishedAt) throw new Conflict('pilots.finished');
}

/** Writes (or rewrites) the halfway note of a running pilot (its team or a steward). */
export async function writeHalfway(ctx: Ctx, pilotId: string, input: { note: string }): Promise<Pilot> {
  const member = requireMember(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const p = await loadRun(ctx, tx, member, pilotId);
    checkRunning(p);
    const now = iso(ctx.clock.now());
    await store.updatePilot(tx, member.communityId, p.id, {
      halfwayNote: input.note,
      halfwayAt: now,
      halfwayBy: member.accountId,
      updatedAt: now,
    });
    return (await store.findPilot(tx, member.communityId, p.id)) as Pilot;
  });
}

/**
 * Writes the retrospective of a running pilot and finishes it (its team or a steward): what
 * worked, what did not, and the decision. Finished already: `Conflict('pilots.finished')`; before
 * its first day: `Conflict('pilots.not_started')`.
 */
export async function writeRetrospective(
  ctx: Ctx,
  pilotId: string,
  input: { worked: string; didNotWork: string; decision: PilotDecision },
): Promise<Pilot> {
  const member = requireMember(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const p = await loadRun(ctx, tx, member, pilotId);
    checkRunning(p);
    // What worked can only be said once it has run: from its first day on.
    if (member.community.today() < p.startsOn) throw new Conflict('pilots.not_started', { date: p.startsOn });
    const now = iso(ctx.clock.now());
    await store.updatePilot(tx, member.communityId, p.id, {
      worked: input.worked,
      didNotWork: input.didNotWork,
      decision: input.decision,
      finishedAt: now,
      finishedBy: member.accountId,
      updatedAt: now,
    });
    return (await store.findPilot(tx, member.communityId, p.id)) as Pilot;
  });
}

/** A thing a pilot links, or a team member: its id and name. */
export interface Named {
  id: string;
  name: string;
}

/** A pilot as the pages and the API show it (`PilotOut`). */
export interface PilotView {
  id: string;
  title: string;
  need: string;
  hypothesis: string;
  measure: string;
  startsOn: string;
  endsOn: string;
  halfwayOn: string;
  status: PilotStatus;
  surveyId: string | null;
  project: string | null;
  needCount: number | null;
  offerCount: number | null;
  team: Named[];
  shiftSeries: Named[];
  gatherings: Named[];
  items: Named[];
  halfway: { note: string; at: string; by: string | null } | null;
  retrospective: { worked: string; didNotWork: string; decision: PilotDecision; at: string } | null;
}

/** Names of the things of `ids` that `load` finds (one gone since, or called off, is left out). */
async function namesOf(ids: readonly string[], load: (id: string) => Promise<{ id: string; title: string }>) {
  const out: Named[] = [];
  for (const id of ids) {
    try {
      const found = await load(id);
      out.push({ id: found.id, name: found.title });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
  return out;
}

/** A pilot of the community with its team and links (active members), and whether the reader runs it. */
export async function getPilot(ctx: Ctx, pilotId: string): Promise<{ pilot: PilotView; mayRun: boolean }> {
  const member = requireRole(ctx, can.seePilots, 'errors.members_only');
  const p = await loadPilot(ctx.db, member.communityId, pilotId);
  const team = await store.listTeam(ctx.db, member.communityId, p.id);
  const links = await store.listLinks(ctx.db, member.communityId, p.id);
  const ids = (k: 'shiftSeriesId' | 'gatheringId' | 'itemId') =>
    links.map((l) => l[k]).filter((v): v is string => v !== null);
  const halfwayBy = p.halfwayBy ? (team.find((m) => m.id === p.halfwayBy)?.name ?? null) : null;
  return {
    mayRun: can.runPilot(ctx.actor, { team: team.map((m) => m.id) }),
    pilot: {
      id: p.id,
      title: p.title,
      need: p.need,
      hypothesis: p.hypothesis,
      measure: p.measure,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      halfwayOn: halfwayOn(p),
      status: statusOf(p),
      surveyId: p.surveyId,
      project: p.project,
      needCount: p.needCount,
      offerCount: p.offerCount,
      team,
      shiftSeries: await namesOf(ids('shiftSeriesId'), (id) => loadSeries(ctx.db, member.communityId, id)),
      gatherings: await namesOf(ids('gatheringId'), (id) => loadGathering(ctx.db, member.communityId, id)),
      items: (await itemsByIds(ctx, ids('itemId'))).map((i) => ({ id: i.id, name: i.name })),
      halfway: p.halfwayAt ? { note: p.halfwayNote, at: p.halfwayAt, by: halfwayBy } : null,
      retrospective:
        p.finishedAt && p.decision
          ? { worked: p.worked, didNotWork: p.didNotWork, decision: p.decision, at: p.finishedAt }
          : null,
    },
  };
}

/** A pilot in a list. */
export interface PilotLine {
  id: string;
  title: string;
  startsOn: string;
  endsOn: string;
  status: PilotStatus;
  decision: PilotDecision | null;
}

/** The community's pilots, latest start first (active members). */
export async function listPilots(ctx: Ctx): Promise<PilotLine[]> {
  const member = requireRole(ctx, can.seePilots, 'errors.members_only');
  return (await store.listPilots(ctx.db, member.communityId)).map((p) => ({
    id: p.id,
    title: p.title,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    status: statusOf(p),
    decision: p.decision,
  }));
}

/** Whether the actor may start a pilot; for the pages' links. */
export function mayStart(ctx: Ctx): boolean {
  return can.startPilot(ctx.actor);
}

/** Refuses the new pilot form to anyone but a steward (`Forbidden('pilots.only_stewards')`). */
export function checkMayStart(ctx: Ctx): void {
  requireRole(ctx, can.startPilot, 'pilots.only_stewards');
}

/**
 * What the pilot forms offer: the active members (for the team), the coming eight weeks' shift
 * series and gatherings, and the library's items (its first 120 by name), each once.
 */
export async function formChoices(ctx: Ctx): Promise<{
  members: Named[];
  shiftSeries: Named[];
  gatherings: Named[];
  items: Named[];
}> {
  requireRole(ctx, can.seePilots, 'errors.members_only');
  const once = (list: Named[]) => [...new Map(list.map((n) => [n.id, n])).values()];
  const items: Named[] = [];
  for (let page = 1; page <= 3; page++) {
    const got = await listCatalog(ctx, { page });
    items.push(...got.items.map((i) => ({ id: i.id, name: i.name })));
    if (!got.hasMore) break;
  }
  return {
    members: (await listMembers(ctx)).map((m) => ({ id: m.id, name: m.displayName })),
    shiftSeries: once(
      (await listShifts(ctx, { weeks: 8 })).shifts.map((s) => ({ id: s.seriesId, name: s.title })),
    ),
    gatherings: once(
      (await listGatherings(ctx, { weeks: 8 })).gatherings.map((g) => ({ id: g.gatheringId, name: g.title })),
    ),
    items,
  };
}

/** What the newsletter shows of a pilot: the pilot, and what it found (its halfway note, its retrospective). */
export interface PilotNews {
  id: string;
  title: string;
  need: string;
  hypothesis: string;
  measure: string;
  startsOn: string;
  endsOn: string;
  /** The path of its page under the community: `/pilots/<id>`. */
  path: string;
  /** Its halfway note, when written in the month. */
  halfway: { note: string; at: string } | null;
  /** Its retrospective, when it finished in the month. */
  retrospective: { worked: string; didNotWork: string; decision: PilotDecision; at: string } | null;
}

/**
 * For the newsletter: the community's pilots that finished, or whose halfway note was written,
 * during local month `month` (`YYYY-MM`, in `community.timeZone`), earliest start first; each with
 * its retrospective when it finished in the month and its halfway note when written in it. No
 * actor: the caller (a newsletter compiled by a job) decides who reads it — pilots are seen by
 * every member.
 */
export async function pilotsOfMonth(
  db: Db,
  community: { id: string; timeZone: string },
  month: string,
): Promise<PilotNews[]> {
  const from = iso(zonedInstant(`${month}-01`, community.timeZone));
  const until = iso(zonedInstant(`${addMonths(month, 1)}-01`, community.timeZone));
  const within = (at: string | null) => at !== null && at >= from && at < until;
  return (await store.listPilotsNoted(db, community.id, from, until)).map((p) => ({
    id: p.id,
    title: p.title,
    need: p.need,
    hypothesis: p.hypothesis,
    measure: p.measure,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    path: `/pilots/${p.id}`,
    halfway: within(p.halfwayAt) ? { note: p.halfwayNote, at: p.halfwayAt as string } : null,
    retrospective:
      within(p.finishedAt) && p.decision
        ? { worked: p.worked, didNotWork: p.didNotWork, decision: p.decision, at: p.finishedAt as string }
        : null,
  }));
}
