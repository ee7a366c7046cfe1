/**
 * Guidelines agreed by consent (capability 7; issue 18, step 2): proposals with a discussion and
 * a deadline, members' positions (agree, abstain, disagree, block; `outcome.ts` decides), an
 * outcome statement; the guidelines' versions (a passed proposal that changes them makes the next
 * one), their history with a readable difference, a review date that reminds the stewards; and
 * members' acknowledgements ("I have read these", not a signature). Each write follows the same
 * order: validate, load, authorize, check state, write in one transaction, tell who should know
 * (`notify`, inside it).
 */
import { type Change, diffLines, diffWords } from 'diff';
import { type Member, requireMember } from '../../platform/access.ts';
import {
  type CommunityContext,
  type Ctx,
  findCommunityContext,
  type Services,
} from '../../platform/context.ts';
import type {
  Db,
  GuidelineChange,
  GuidelineVersion,
  Proposal,
  ProposalOutcome,
  Stance,
} from '../../platform/db/database.ts';
import { addMonths, iso, localDate, localDateTime, zonedInstant } from '../../platform/db/time.ts';
import { authorize, Conflict, type FieldError, Invalid, invalid, NotFound } from '../../platform/errors.ts';
import { type NotificationKind, personal } from '../../platform/notify/kinds.ts';
import type { Param } from '../../platform/notify/render.ts';
import { notify, resolve, resolveTasksOf } from '../../platform/notify/service.ts';
import { consentOutcome, type Tally, tallyOf } from './outcome.ts';
import { can } from './policy.ts';
import * as store from './store.ts';

/** The kinds of notification guidelines send. */
export const guidelineKinds: NotificationKind[] = [
  /**
   * A proposal opened or was revised (asks for a position), and how one taken part in ended.
   * News for everyone, rarely urgent: a daily digest by mail, no push.
   */
  {
    name: 'guidelines.proposals',
    defaults: { mail: 'daily', push: 'off' },
    asks: {
      'guidelines.mail.opened.subject': 'guidelines.respond',
      'guidelines.mail.revised.subject': 'guidelines.respond',
    },
  },
  /** A new version of the guidelines to read (asks until acknowledged; nobody is blocked meanwhile). */
  {
    name: 'guidelines.versions',
    defaults: { mail: 'daily', push: 'off' },
    asks: { 'guidelines.mail.new_version.subject': 'guidelines.read' },
  },
  /** Stewards: the guidelines' review date came. */
  { name: 'guidelines.reviews', defaults: personal, stewards: true },
];

/** The job that closes one proposal at its deadline (payload `{ communityId, proposalId }`). */
export const closeJob = 'guidelines.close';
/** The job that reminds the stewards of a version's review date (payload `{ communityId, versionId }`). */
export const reviewJob = 'guidelines.review';
/** The latest a deadline may be set, in days from now. */
export const longestDays = 90;
/**
 * The soonest a new or revised proposal's deadline may be, in hours from now: time for every member
 * to hear of it (daily mail summaries included) and answer, so one member's agree cannot change the
 * guidelines before anyone else could see it (Loomio likewise asks for days, not minutes).
 */
export const shortestHours = 48;
/** The hour (local) the stewards are reminded on the review date. */
export const reviewHour = 9;
/** How many proposals the list shows. */
export const listLimit = 200;

// ---- views

/** One part of a difference between two texts, word by word. */
export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/**
 * The most edits (tokens added or removed) a difference is searched for, word by word and then line
 * by line. Myers' algorithm costs about (tokens × edits): unbounded, two long texts that share
 * little held a server's only thread for many seconds; bounded, it answers in milliseconds.
 */
export const maxEdits = 2000;

/**
 * The difference from `before` to `after` (jsdiff, an implementation of Myers' O(ND) difference
 * algorithm), as parts kept, added and removed in reading order: word by word; line by line when
 * that takes more than `maxEdits` edits; else all of `before` removed and all of `after` added.
 */
export function differenceOf(before: string, after: string): DiffPart[] {
  const changes: Change[] = diffWords(before, after, { maxEditLength: maxEdits }) ??
    diffLines(before, after, { maxEditLength: maxEdits }) ?? [
      { value: before, removed: true, added: false, count: 1 },
      { value: after, added: true, removed: false, count: 1 },
    ];
  return changes
    .filter((c) => c.value !== '')
    .map((c) => ({
      kind: c.added ? 'added' : c.removed ? 'removed' : 'same',
      text: c.value,
    }));
}

/** A position as pages and the API show it. */
export interface PositionView {
  accountId: string;
  name: string;
  stance: Stance;
  reason: string;
  at: string;
}

/** A proposal as its page and the API show it. */
export interface ProposalView {
  proposal: Proposal;
  proposerName: string | null;
  tally: Tally;
  /** How it ends (closed), or would end if its deadline were now (open). */
  standing: ProposalOutcome;
  /** Still takes positions: open and its deadline not passed. */
  takingPositions: boolean;
  positions: PositionView[];
  comments: { id: string; authorName: string | null; body: string; at: string }[];
  mine: { stance: Stance; reason: string } | null;
  /** The guidelines' current version, and what the proposal would make of it (null: no change). */
  currentVersion: number | null;
  difference: DiffPart[] | null;
  /** The version it made, once passed. */
  versionMade: number | null;
  /**
   * It passed, but the guidelines had moved past the version it was written against, so it was not
   * applied: it waits for a revision against the current version.
   */
  needsRevision: boolean;
  may: { takePart: boolean; revise: boolean; extend: boolean; writeOutcome: boolean };
}

/** A proposal in the list. */
export interface ProposalLine {
  id: string;
  title: string;
  status: Proposal['status'];
  outcome: ProposalOutcome | null;
  closesAt: string;
  proposerName: string | null;
}

/** The guidelines page: the current version, the reader's acknowledgement, the history. */
export interface GuidelinesView {
  current: (GuidelineVersion & { madeByName: string | null; proposalTitle: string | null }) | null;
  /** The latest version the reader acknowledged, and when. */
  acknowledged: { number: number; at: string } | null;
  /** The reader has not acknowledged the current version. */
  needsReading: boolean;
  /** How many active members acknowledged the current version. */
  acknowledgedCount: number;
  versions: Awaited<ReturnType<typeof store.listVersions>>;
  may: { steward: boolean; propose: boolean };
}

// ---- loading

/** A proposal of the actor's community: `NotFound('guidelines.proposal_not_found')` for another community's. */
async function loadProposal(db: Db, member: Member, proposalId: string, lock = false): Promise<Proposal> {
  const p = lock
    ? await store.lockProposal(db, member.communityId, proposalId)
    : await store.findProposal(db, member.communityId, proposalId);
  if (!p) throw new NotFound('guidelines.proposal_not_found');
  return p;
}

/** The member the context acts as, when they may see the guidelines (any active member). */
function seer(ctx: Ctx): Member {
  return requireMember(ctx);
}

/** The text version `current` would become by `change` (`replace`: the new text; `amend`: added at the end). */
export function textAfter(current: string | null, change: GuidelineChange, text: string): string | null {
  if (change === 'none') return null;
  if (change === 'replace' || !current) return text;
  return `${current.trimEnd()}\n\n${text}`;
}

// ---- input

/** A proposal as a form or the API gives it (`ProposalIn`). */
export interface ProposalInput {
  title: string;
  body?: string;
  rationale?: string;
  change?: GuidelineChange;
  guidelineText?: string;
  /** Local wall time `YYYY-MM-DDTHH:mm` in the community's zone. */
  deadline: string;
}

/**
 * Checks a deadline (local `YYYY-MM-DDTHH:mm`): a real date and time (`guidelines.deadline_format`),
 * after now (`guidelines.deadline_past`), at most `longestDays` ahead (`guidelines.deadline_too_far`);
 * for a new or revised proposal (no `after`) at least `shortestHours` ahead
 * (`guidelines.deadline_too_soon`); when extending, after the old deadline `after`
 * (`guidelines.deadline_not_later`). Returns it as an instant.
 */
function checkDeadline(ctx: Ctx, community: CommunityContext, deadline: string, after?: string): string {
  const day = deadline.slice(0, 10);
  const real =
    /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/.test(deadline) &&
    !Number.isNaN(Date.parse(`${day}T00:00:00Z`));
  if (!real || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day)
    invalid('deadline', 'guidelines.deadline_format');
  const at = community.instant(deadline);
  const now = ctx.clock.now();
  if (at <= now) invalid('deadline', 'guidelines.deadline_past');
  if (!after && at.getTime() - now.getTime() < shortestHours * 3_600_000)
    invalid('deadline', 'guidelines.deadline_too_soon', { count: shortestHours });
  if (at.getTime() - now.getTime() > longestDays * 86_400_000)
    invalid('deadline', 'guidelines.deadline_too_far', { count: longestDays });
  if (after && iso(at) <= after) invalid('deadline', 'guidelines.deadline_not_later');
  return iso(at);
}

/** Checks what a proposal would change: a text for a change (`guidelineText`), none without one. */
function checkChange(input: ProposalInput, current: GuidelineVersion | undefined): FieldError[] {
  const change = input.change ?? 'none';
  const errors: FieldError[] = [];
  if (change !== 'none' && !input.guidelineText)
    errors.push({ field: 'guidelineText', code: 'guidelines.text_required' });
  if (change === 'none' && input.guidelineText)
    errors.push({ field: 'change', code: 'guidelines.choose_change' });
  if (change === 'amend' && !current)
    errors.push({ field: 'change', code: 'guidelines.amend_needs_version' });
  return errors;
}

// ---- proposals

/** The community's proposals, open ones first. Active members. */
export async function listProposals(ctx: Ctx): Promise<{ proposals: ProposalLine[]; mayPropose: boolean }> {
  const member = seer(ctx);
  const rows = await store.listProposals(ctx.db, member.communityId, listLimit);
  return {
    proposals: rows.map((r) => ({
      id: r.id,
      title: r.title,
      status: r.status,
      outcome: r.outcome,
      closesAt: r.closesAt,
      proposerName: r.proposerName,
    })),
    mayPropose: can.propose(ctx.actor),
  };
}

/** One proposal with its positions, discussion and difference. Active members; another community's is 404. */
export async function getProposal(ctx: Ctx, proposalId: string): Promise<ProposalView> {
  const member = seer(ctx);
  const p = await loadProposal(ctx.db, member, proposalId);
  const [positions, comments, current, versions, proposerName] = await Promise.all([
    store.listPositions(ctx.db, member.communityId, p.id, p.status === 'open'),
    store.listComments(ctx.db, member.communityId, p.id),
    store.currentVersion(ctx.db, member.communityId),
    store.listVersions(ctx.db, member.communityId),
    store.accountName(ctx.db, p.proposedBy),
  ]);
  const tally = tallyOf(positions);
  const made = versions.find((v) => v.proposalId === p.id);
  const after =
    p.status === 'open' || !made ? textAfter(current?.body ?? null, p.change, p.guidelineText) : null;
  const mine = positions.find((x) => x.accountId === member.accountId);
  const open = p.status === 'open';
  const needsRevision = unapplied(p, Boolean(made));
  return {
    proposal: p,
    proposerName,
    tally,
    standing: p.outcome ?? consentOutcome(tally),
    takingPositions: open && p.closesAt > iso(ctx.clock.now()),
    positions: positions.map((x) => ({
      accountId: x.accountId,
      name: x.name,
      stance: x.stance,
      reason: x.reason,
      at: x.updatedAt,
    })),
    comments: comments.map((c) => ({ id: c.id, authorName: c.authorName, body: c.body, at: c.createdAt })),
    mine: mine ? { stance: mine.stance, reason: mine.reason } : null,
    currentVersion: current?.number ?? null,
    difference: after === null ? null : differenceOf(current?.body ?? '', after),
    versionMade: made?.number ?? null,
    needsRevision,
    may: {
      takePart: can.takePart(ctx.actor),
      revise: (open || p.outcome === 'blocked' || needsRevision) && can.revise(ctx.actor, p.proposedBy),
      extend: open && can.extend(ctx.actor),
      writeOutcome: !open && can.writeOutcome(ctx.actor, p.proposedBy),
    },
  };
}

/** Whether closed proposal `p` passed a change that was not applied (`made`: it made a version). */
function unapplied(p: Proposal, made: boolean): boolean {
  return p.status === 'closed' && p.outcome === 'passed' && p.change !== 'none' && !made;
}

/**
 * Whether a passed change written against version `p.baseVersion` may be applied to `current`:
 * only when the guidelines did not move since. A `replace` written against an older version would
 * silently undo what passed after it; an `amend` would be added to a text its members did not see.
 */
export function appliesTo(p: Pick<Proposal, 'change' | 'baseVersion'>, current: number | null): boolean {
  return p.change === 'none' || p.baseVersion === current;
}

/** Queues the closing of `p` at its deadline (the job does nothing if the deadline moved since). */
async function queueClose(
  s: Pick<Services, 'jobs'>,
  tx: Db,
  communityId: string,
  proposalId: string,
  at: string,
) {
  await s.jobs.enqueue(tx, closeJob, { communityId, proposalId }, new Date(at));
}

/**
 * Puts a proposal to the community (any active member) and asks every other member for their
 * position. Refuses a deadline in the past or more than `longestDays` ahead, a change without its
 * text, a text without a change, and an amendment when there are no guidelines yet (`Invalid`).
 */
export async function propose(ctx: Ctx, input: ProposalInput): Promise<Proposal> {
  const member = requireMember(ctx);
  authorize(can.propose(ctx.actor), 'errors.members_only');
  return ctx.db.transaction().execute(async (tx) => {
    const current = await store.currentVersion(tx, member.communityId);
    const errors = checkChange(input, current);
    let closesAt = '';
    try {
      closesAt = checkDeadline(ctx, member.community, input.deadline);
    } catch (e) {
      if (!(e instanceof Invalid)) throw e;
      errors.push(...e.fields);
    }
    if (errors.length) throw new Invalid(errors);
    const now = iso(ctx.clock.now());
    const id = await store.insertProposal(tx, {
      communityId: member.communityId,
      title: input.title,
      body: input.body ?? '',
      rationale: input.rationale ?? '',
      change: input.change ?? 'none',
      guidelineText: input.guidelineText ?? '',
      baseVersion: current?.number ?? null,
      proposedBy: member.accountId,
      createdAt: now,
      updatedAt: now,
      closesAt,
    });
    const p = (await store.findProposal(tx, member.communityId, id)) as Proposal;
    await queueClose(ctx, tx, member.communityId, id, closesAt);
    const others = (await store.memberIds(tx, member.communityId)).filter((a) => a !== member.accountId);
    await tellProposal(ctx, tx, member.community, others, 'opened', p);
    return p;
  });
}

/**
 * Revises a proposal (its proposer, or a steward): open, closed by a block, or passed but not
 * applied because the guidelines moved since it was written (`needsRevision`); the revision is
 * then against the current version. A revision asks
 * everyone again: every position is cleared and their holders told; a blocked proposal reopens,
 * with the new deadline (required then: `guidelines.deadline_required`).
 */
export async function revise(ctx: Ctx, proposalId: string, input: Partial<ProposalInput>): Promise<Proposal> {
  const member = requireMember(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const p = await loadProposal(tx, member, proposalId, true);
    authorize(can.revise(ctx.actor, p.proposedBy), 'guidelines.only_proposer_revises');
    const current = await store.currentVersion(tx, member.communityId);
    if (p.status === 'closed' && p.outcome !== 'blocked') {
      const made = (await store.listVersions(tx, member.communityId)).some((v) => v.proposalId === p.id);
      if (!unapplied(p, made)) throw new Conflict('guidelines.proposal_closed');
    }
    const merged: ProposalInput = {
      title: input.title ?? p.title,
      body: input.body ?? p.body,
      rationale: input.rationale ?? p.rationale,
      change: input.change ?? p.change,
      guidelineText: input.change === 'none' ? '' : (input.guidelineText ?? p.guidelineText),
      deadline: input.deadline ?? '',
    };
    const errors = checkChange(merged, current);
    let closesAt = p.closesAt;
    if (input.deadline) {
      try {
        closesAt = checkDeadline(ctx, member.community, input.deadline);
      } catch (e) {
        if (!(e instanceof Invalid)) throw e;
        errors.push(...e.fields);
      }
    } else if (p.status === 'closed' || p.closesAt <= iso(ctx.clock.now())) {
      errors.push({ field: 'deadline', code: 'guidelines.deadline_required' });
    }
    if (errors.length) throw new Invalid(errors);
    const asked = await store.deletePositions(tx, member.communityId, p.id);
    await store.updateProposal(tx, member.communityId, p.id, {
      title: merged.title,
      body: merged.body,
      rationale: merged.rationale,
      change: merged.change,
      guidelineText: merged.guidelineText,
      baseVersion: current?.number ?? null,
      revision: p.revision + 1,
      closesAt,
      status: 'open',
      outcome: null,
      closedAt: null,
      outcomeStatement: '',
      outcomeBy: null,
      outcomeAt: null,
      updatedAt: iso(ctx.clock.now()),
    });
    if (closesAt !== p.closesAt || p.status === 'closed')
      await queueClose(ctx, tx, member.communityId, p.id, closesAt);
    const changed = (await store.findProposal(tx, member.communityId, p.id)) as Proposal;
    await tellProposal(
      ctx,
      tx,
      member.community,
      asked.filter((a) => a !== member.accountId),
      'revised',
      changed,
    );
    return changed;
  });
}

/**
 * Sets the actor's position on a proposal: one per member, so a second replaces the first (also
 * when two arrive at once: the unique key). A block must give its reason (`Invalid` on `reason`:
 * `guidelines.block_needs_reason`). After the deadline: `Conflict('guidelines.voting_closed')`.
 */
export async function takePosition(
  ctx: Ctx,
  proposalId: string,
  input: { stance: Stance; reason?: string },
): Promise<ProposalView> {
  const member = requireMember(ctx);
  authorize(can.takePart(ctx.actor), 'errors.members_only');
  const reason = input.reason ?? '';
  if (input.stance === 'block' && !reason) invalid('reason', 'guidelines.block_needs_reason');
  await ctx.db.transaction().execute(async (tx) => {
    // Locked: the closing counts the positions once every one taken before the deadline is in.
    const p = await loadProposal(tx, member, proposalId, true);
    const now = iso(ctx.clock.now());
    if (p.status !== 'open' || p.closesAt <= now) throw new Conflict('guidelines.voting_closed');
    await store.upsertPosition(tx, {
      communityId: member.communityId,
      proposalId: p.id,
      accountId: member.accountId,
      stance: input.stance,
      reason,
      at: now,
    });
    await resolve(
      ctx,
      tx,
      member.communityId,
      { type: 'proposal', id: p.id },
      { accountId: member.accountId },
    );
  });
  return getProposal(ctx, proposalId);
}

/** Adds a comment to a proposal's discussion (any active member, open or closed). */
export async function addComment(ctx: Ctx, proposalId: string, body: string): Promise<void> {
  const member = requireMember(ctx);
  authorize(can.takePart(ctx.actor), 'errors.members_only');
  await ctx.db.transaction().execute(async (tx) => {
    const p = await loadProposal(tx, member, proposalId);
    await store.insertComment(tx, {
      communityId: member.communityId,
      proposalId: p.id,
      authorId: member.accountId,
      body,
      createdAt: iso(ctx.clock.now()),
    });
  });
}

/**
 * Moves an open proposal's deadline later (stewards: `guidelines.only_stewards_extend`). The new
 * deadline is checked as a new one and must be later than the old (`guidelines.deadline_not_later`).
 */
export async function extend(ctx: Ctx, proposalId: string, deadline: string): Promise<Proposal> {
  const member = requireMember(ctx);
  authorize(can.extend(ctx.actor), 'guidelines.only_stewards_extend');
  return ctx.db.transaction().execute(async (tx) => {
    const p = await loadProposal(tx, member, proposalId, true);
    if (p.status !== 'open') throw new Conflict('guidelines.proposal_closed');
    const closesAt = checkDeadline(ctx, member.community, deadline, p.closesAt);
    await store.updateProposal(tx, member.communityId, p.id, { closesAt, updatedAt: iso(ctx.clock.now()) });
    await queueClose(ctx, tx, member.communityId, p.id, closesAt);
    return (await store.findProposal(tx, member.communityId, p.id)) as Proposal;
  });
}

/** Writes (or rewrites) a closed proposal's outcome statement: its proposer or a steward. */
export async function writeOutcome(ctx: Ctx, proposalId: string, statement: string): Promise<Proposal> {
  const member = requireMember(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const p = await loadProposal(tx, member, proposalId, true);
    authorize(can.writeOutcome(ctx.actor, p.proposedBy), 'guidelines.only_proposer_outcome');
    if (p.status !== 'closed') throw new Conflict('guidelines.not_closed_yet');
    const now = iso(ctx.clock.now());
    await store.updateProposal(tx, member.communityId, p.id, {
      outcomeStatement: statement,
      outcomeBy: member.accountId,
      outcomeAt: now,
      updatedAt: now,
    });
    return (await store.findProposal(tx, member.communityId, p.id)) as Proposal;
  });
}

/**
 * Closes proposal `proposalId` if it is open and its deadline has come: its outcome by
 * `consentOutcome`; a passed one that changes the guidelines makes their next version (every
 * member is asked to read it); those who took part are told how it ended. Returns the outcome,
 * or null when there was nothing to close. Run by the close job; safe to run twice.
 */
export async function closeIfDue(
  s: Pick<Services, 'db' | 'jobs' | 'clock'>,
  community: CommunityContext,
  proposalId: string,
): Promise<ProposalOutcome | null> {
  return s.db.transaction().execute(async (tx) => {
    const p = await store.lockProposal(tx, community.id, proposalId);
    const now = iso(s.clock.now());
    if (p?.status !== 'open' || p.closesAt > now) return null;
    const outcome = consentOutcome(tallyOf(await store.listPositions(tx, community.id, p.id, true)));
    await store.updateProposal(tx, community.id, p.id, {
      status: 'closed',
      outcome,
      closedAt: now,
      updatedAt: now,
    });
    const closed = (await store.findProposal(tx, community.id, p.id)) as Proposal;
    let key: string = `closed_${outcome}`;
    let to = await store.participantIds(tx, community.id, p.id);
    if (outcome === 'passed' && p.change !== 'none') {
      const current = await store.currentVersion(tx, community.id);
      if (appliesTo(p, current?.number ?? null)) {
        const body = textAfter(current?.body ?? null, p.change, p.guidelineText) as string;
        await makeVersion(s, tx, community, { body, proposalId: p.id, madeBy: p.proposedBy, at: now });
      } else {
        // The guidelines moved since it was written: not applied; its proposer revises it against
        // the current version (or a steward merges), and the stewards hear of it too.
        key = 'closed_needs_revision';
        to = [...new Set([...to, ...(await store.memberIds(tx, community.id, true))])];
      }
    }
    await resolve(s, tx, community.id, { type: 'proposal', id: p.id });
    await tellProposal(s, tx, community, to, key, closed, { base: p.baseVersion ?? 0 });
    return outcome;
  });
}

// ---- versions

/**
 * Writes the next version of the guidelines (number: the latest + 1, kept unique by the database)
 * and asks every active member but its maker to read it.
 */
async function makeVersion(
  s: Pick<Services, 'jobs' | 'clock'>,
  tx: Db,
  community: CommunityContext,
  v: { body: string; proposalId: string | null; madeBy: string | null; at: string; reviewOn?: string | null },
): Promise<GuidelineVersion> {
  const current = await store.currentVersion(tx, community.id);
  const number = (current?.number ?? 0) + 1;
  await store.insertVersion(tx, {
    communityId: community.id,
    number,
    body: v.body,
    proposalId: v.proposalId,
    madeBy: v.madeBy,
    madeAt: v.at,
    reviewOn: v.reviewOn ?? current?.reviewOn ?? null,
  });
  const made = (await store.findVersion(tx, community.id, number)) as GuidelineVersion;
  if (made.reviewOn && made.reviewOn > localDate(s.clock.now(), community.timeZone))
    await queueReview(s, tx, community, made);
  const to = (await store.memberIds(tx, community.id)).filter((a) => a !== v.madeBy);
  await notify(s, tx, {
    kind: 'guidelines.versions',
    community,
    to,
    about: { type: 'guideline_version', id: made.id, title: String(number) },
    path: '/guidelines',
    text: { subject: 'guidelines.mail.new_version.subject', body: 'guidelines.mail.new_version.body' },
    params: { number },
  });
  if (v.madeBy) {
    // Its maker has read it.
    await store.insertAcknowledgement(tx, {
      communityId: community.id,
      accountId: v.madeBy,
      versionId: made.id,
      acknowledgedAt: v.at,
    });
  }
  return made;
}

/** Queues the stewards' reminder of `v`'s review date, that morning in the community's zone. */
async function queueReview(
  s: Pick<Services, 'jobs'>,
  tx: Db,
  community: CommunityContext,
  v: GuidelineVersion,
) {
  const at = zonedInstant(`${v.reviewOn}T${String(reviewHour).padStart(2, '0')}:00`, community.timeZone);
  await s.jobs.enqueue(tx, reviewJob, { communityId: community.id, versionId: v.id }, at);
}

/**
 * Sets version 1 of the guidelines directly when a community starts (stewards:
 * `guidelines.only_stewards`); once there is a version, changes go through proposals
 * (`Conflict('guidelines.already_started')`). A review date, if given, must be after today.
 */
export async function startGuidelines(
  ctx: Ctx,
  input: { body: string; reviewOn?: string },
): Promise<GuidelineVersion> {
  const member = requireMember(ctx);
  authorize(can.steward(ctx.actor), 'guidelines.only_stewards');
  if (input.reviewOn && input.reviewOn <= member.community.today())
    invalid('reviewOn', 'guidelines.review_not_future');
  return ctx.db.transaction().execute(async (tx) => {
    if (await store.currentVersion(tx, member.communityId)) throw new Conflict('guidelines.already_started');
    return makeVersion(ctx, tx, member.community, {
      body: input.body,
      proposalId: null,
      madeBy: member.accountId,
      at: iso(ctx.clock.now()),
      reviewOn: input.reviewOn ?? null,
    });
  });
}

/** Sets (or clears, with null) the current version's review date (stewards); a date after today. */
export async function setReviewDate(ctx: Ctx, reviewOn: string | null): Promise<GuidelineVersion> {
  const member = requireMember(ctx);
  authorize(can.steward(ctx.actor), 'guidelines.only_stewards');
  if (reviewOn && reviewOn <= member.community.today()) invalid('reviewOn', 'guidelines.review_not_future');
  return ctx.db.transaction().execute(async (tx) => {
    const current = await store.currentVersion(tx, member.communityId);
    if (!current) throw new NotFound('guidelines.none_yet');
    await store.updateVersion(tx, member.communityId, current.id, { reviewOn, reviewRemindedAt: null });
    const changed = (await store.findVersion(tx, member.communityId, current.number)) as GuidelineVersion;
    if (reviewOn) await queueReview(ctx, tx, member.community, changed);
    return changed;
  });
}

/**
 * Reminds the stewards that version `versionId` is due for review, if it is still the current
 * version, its review date has come and they were not reminded of it yet. Run by the review job.
 */
export async function remindReview(
  s: Pick<Services, 'db' | 'jobs' | 'clock'>,
  community: CommunityContext,
  versionId: string,
): Promise<boolean> {
  return s.db.transaction().execute(async (tx) => {
    const current = await store.currentVersion(tx, community.id);
    const today = localDate(s.clock.now(), community.timeZone);
    if (!current || current.id !== versionId || !current.reviewOn || current.reviewRemindedAt) return false;
    if (current.reviewOn > today) return false;
    await store.updateVersion(tx, community.id, current.id, { reviewRemindedAt: iso(s.clock.now()) });
    await notify(s, tx, {
      kind: 'guidelines.reviews',
      community,
      to: await store.memberIds(tx, community.id, true),
      about: { type: 'guideline_version', id: current.id },
      path: '/guidelines',
      text: { subject: 'guidelines.mail.review.subject', body: 'guidelines.mail.review.body' },
      params: { number: current.number, day: { day: current.reviewOn } },
    });
    return true;
  });
}

/** Whether community `communityId` has guidelines (a version 1): joining then shows them first. */
export async function hasGuidelines(s: Pick<Services, 'db'>, communityId: string): Promise<boolean> {
  return Boolean(await store.currentVersion(s.db, communityId));
}

/** The guidelines page's model (active members). */
export async function guidelines(ctx: Ctx): Promise<GuidelinesView> {
  const member = seer(ctx);
  const [current, versions, acknowledged] = await Promise.all([
    store.currentVersion(ctx.db, member.communityId),
    store.listVersions(ctx.db, member.communityId),
    store.lastAcknowledged(ctx.db, member.communityId, member.accountId),
  ]);
  const line = current && versions.find((v) => v.id === current.id);
  return {
    current: current
      ? { ...current, madeByName: line?.madeByName ?? null, proposalTitle: line?.proposalTitle ?? null }
      : null,
    acknowledged: acknowledged ? { number: acknowledged.number, at: acknowledged.acknowledgedAt } : null,
    needsReading: Boolean(current) && acknowledged?.number !== current?.number,
    acknowledgedCount: current ? await store.countAcknowledged(ctx.db, member.communityId, current.id) : 0,
    versions,
    may: { steward: can.steward(ctx.actor), propose: can.propose(ctx.actor) },
  };
}

/** Version `number` of the guidelines (404 `guidelines.version_not_found`). Active members. */
export async function getVersion(ctx: Ctx, number: number): Promise<GuidelineVersion> {
  const member = seer(ctx);
  const v = await store.findVersion(ctx.db, member.communityId, number);
  if (!v) throw new NotFound('guidelines.version_not_found');
  return v;
}

/** The difference from version `from` to version `to`, word by word (either missing: 404). */
export async function compareVersions(
  ctx: Ctx,
  from: number,
  to: number,
): Promise<{ from: GuidelineVersion; to: GuidelineVersion; parts: DiffPart[] }> {
  const [a, b] = await Promise.all([getVersion(ctx, from), getVersion(ctx, to)]);
  return { from: a, to: b, parts: differenceOf(a.body, b.body) };
}

/**
 * The actor has read version `number` ("I have read these"): only the current version may be
 * acknowledged (`Conflict('guidelines.not_current')`); again is no change. Settles their
 * "read the new guidelines" task.
 */
export async function acknowledge(ctx: Ctx, number: number): Promise<{ number: number; at: string }> {
  const member = requireMember(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const v = await store.findVersion(tx, member.communityId, number);
    if (!v) throw new NotFound('guidelines.version_not_found');
    const current = await store.currentVersion(tx, member.communityId);
    if (current?.id !== v.id) throw new Conflict('guidelines.not_current', { number: current?.number ?? 0 });
    await store.insertAcknowledgement(tx, {
      communityId: member.communityId,
      accountId: member.accountId,
      versionId: v.id,
      acknowledgedAt: iso(ctx.clock.now()),
    });
    // Reading the current version is reading the guidelines: every earlier version's request too.
    await resolveTasksOf(ctx, tx, member.communityId, member.accountId, ['guidelines.read']);
    const last = await store.lastAcknowledged(tx, member.communityId, member.accountId);
    return { number: v.number, at: last?.acknowledgedAt ?? iso(ctx.clock.now()) };
  });
}

// ---- memberships ending

/**
 * When `accountId`'s membership of `communityId` ends (they left or were removed), in the caller's
 * transaction: their positions on open proposals are withdrawn (each standing is recomputed from
 * the rest, and their name is no longer listed), and their "take a position" and "read the
 * guidelines" tasks are settled. Closed proposals keep their positions (what was decided, by whom).
 * Called by the communities feature.
 */
export async function endPositions(
  s: Pick<Services, 'jobs' | 'clock'>,
  tx: Db,
  communityId: string,
  accountId: string,
): Promise<void> {
  await store.deleteOpenPositionsOf(tx, communityId, accountId);
  await resolveTasksOf(s, tx, communityId, accountId, ['guidelines.respond', 'guidelines.read']);
}

// ---- telling

async function tellProposal(
  s: Pick<Services, 'jobs' | 'clock'>,
  tx: Db,
  community: CommunityContext,
  to: readonly string[],
  key: string,
  p: Proposal,
  params: Record<string, Param> = {},
): Promise<void> {
  const local = localDateTime(new Date(p.closesAt), community.timeZone);
  await notify(s, tx, {
    kind: 'guidelines.proposals',
    community,
    to,
    about: { type: 'proposal', id: p.id, title: p.title },
    path: `/proposals/${p.id}`,
    text: { subject: `guidelines.mail.${key}.subject`, body: `guidelines.mail.${key}.body` },
    params: {
      title: p.title,
      day: { day: local.slice(0, 10) },
      time: { time: local.slice(11, 16) },
      ...params,
    },
  });
}

// ---- jobs

/** Registers the closing and review jobs. */
export function registerGuidelineJobs(s: Services): void {
  s.jobs.register(closeJob, async (p: { communityId: string; proposalId: string }) => {
    // Read before the transaction: on SQLite it holds the only connection.
    const community = await findCommunityContext(s, p.communityId);
    if (community) await closeIfDue(s, community, p.proposalId);
  });
  s.jobs.register(reviewJob, async (p: { communityId: string; versionId: string }) => {
    const community = await findCommunityContext(s, p.communityId);
    if (community) await remindReview(s, community, p.versionId);
  });
}

// ---- for the newsletter

/** A proposal decided in a month, as the newsletter lists it. */
export interface DecidedProposal {
  id: string;
  title: string;
  outcome: ProposalOutcome;
  /** What the proposer or a steward wrote when it closed ('' if nothing yet). */
  outcomeStatement: string;
  /** When it closed, an instant. */
  closedAt: string;
  /** The guidelines' version it made (passed and changing them); null otherwise. */
  versionNumber: number | null;
}

/**
 * The proposals of `community` decided (closed) during month `month` (`YYYY-MM`, in the
 * community's time zone), in the order they closed, with their outcome, the outcome statement and
 * the guidelines' version each made. For the newsletter's compiler: it reads, it does not
 * authorize — the caller decides who sees the result (everything here is visible to members).
 */
export async function decidedInMonth(
  s: Pick<Services, 'db'>,
  community: { id: string; timeZone: string },
  month: string,
): Promise<DecidedProposal[]> {
  const from = iso(zonedInstant(`${month}-01T00:00`, community.timeZone));
  const to = iso(zonedInstant(`${addMonths(month, 1)}-01T00:00`, community.timeZone));
  const rows = await store.listClosedBetween(s.db, community.id, from, to);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    outcome: r.outcome as ProposalOutcome,
    outcomeStatement: r.outcomeStatement,
    closedAt: r.closedAt as string,
    versionNumber: r.versionNumber ?? null,
  }));
}
