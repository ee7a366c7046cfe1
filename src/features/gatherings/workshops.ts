/**
 * Workshops and skill swaps: a gathering with a skill and a host chosen from the members who list
 * that skill to share (the directory's "who could teach me" leads here). The proposer asks, the
 * host accepts — only then is it on the calendar — or declines, and the proposer is told either
 * way. A member who proposes to host themselves is accepted at once. Until the host answers, the
 * proposer (or a steward) may withdraw it.
 */
import { requireMember } from '../../platform/access.ts';
import type { CommunityContext, Ctx, Services } from '../../platform/context.ts';
import type { Db, Gathering } from '../../platform/db/database.ts';
import { iso } from '../../platform/db/time.ts';
import { authorize, Conflict, invalid, NotFound } from '../../platform/errors.ts';
import { notify, resolve } from '../../platform/notify/service.ts';
import { membersWithSkill } from '../profiles/service.ts';
import { can } from './policy.ts';
import { addGatheringIn, type GatheringInput } from './service.ts';
import * as store from './store.ts';

/** A workshop as given: a gathering, its skill and its host. */
export interface WorkshopInput extends GatheringInput {
  skill: string;
  hostId: string;
}

/** Who could host a workshop on `skill`: active members who list it to share, by name. */
export async function hostsFor(
  ctx: Ctx,
  skill: string,
): Promise<{ id: string; name: string; skill: string }[]> {
  const member = requireMember(ctx);
  return (await membersWithSkill(ctx.db, member.communityId, skill, 'share')).map((m) => ({
    id: m.id,
    name: m.displayName,
    skill: m.name,
  }));
}

/**
 * Proposes a workshop (any active member) to `hostId`, who must list `skill` to share
 * (`Invalid` on `hostId`: `gatherings.host_lacks_skill`). The host is asked (their "needs me");
 * it is on the calendar once they accept — at once when the proposer is the host. The gathering
 * and the host's question are one transaction: never a proposal nobody was asked about.
 */
export async function proposeWorkshop(ctx: Ctx, input: WorkshopInput): Promise<Gathering> {
  const member = requireMember(ctx);
  const { skill, hostId, ...gathering } = input;
  return ctx.db.transaction().execute(async (tx) => {
    const hosts = await membersWithSkill(tx, member.communityId, skill, 'share');
    if (!hosts.some((h) => h.id === hostId)) invalid('hostId', 'gatherings.host_lacks_skill', { skill });
    const self = hostId === member.accountId;
    const g = await addGatheringIn(
      ctx,
      tx,
      { ...gathering, kind: 'workshop' },
      { skill: skill.trim(), hostId, hostStatus: self ? 'accepted' : 'proposed' },
    );
    if (!self) {
      await notify(ctx, tx, {
        kind: 'gatherings.hosting',
        community: member.community,
        to: [hostId],
        about: { type: 'gathering', id: g.id, title: g.title },
        path: `/gatherings/workshops/${g.id}`,
        text: { subject: 'gatherings.mail.host_asked.subject', body: 'gatherings.mail.host_asked.body' },
        params: {
          title: g.title,
          skill: g.skill,
          name: ctx.account?.displayName ?? '',
          day: { day: g.startLocal.slice(0, 10) },
          time: g.startLocal.slice(11),
        },
      });
    }
    return g;
  });
}

/**
 * The caller's workshop proposals still waiting for their host's answer, oldest first: not on
 * the calendar yet, so this is where their proposer finds them (to see or withdraw).
 */
export async function myProposals(ctx: Ctx): Promise<Proposal[]> {
  const member = requireMember(ctx);
  const rows = await store.listProposedBy(ctx.db, member.communityId, member.accountId);
  return rows.map((r) => ({
    gathering: r,
    hostName: r.hostName ?? '',
    status: 'proposed' as const,
    mayAnswer: can.answerHosting(ctx.actor, r.hostId),
    mayWithdraw: true,
  }));
}

/**
 * Withdraws a workshop proposal still waiting for its host: its proposer or a steward
 * (`Forbidden('gatherings.only_proposer')`); answered already: `Conflict('gatherings.already_answered')`.
 * It was never on the calendar and nobody could answer it, so it is deleted; the host's question
 * is settled in their "needs me" and they are told. Returns it as it was. 404 for another community's.
 */
export async function withdrawProposal(ctx: Ctx, gatheringId: string): Promise<Gathering> {
  const member = requireMember(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const g = await store.findGathering(tx, member.communityId, gatheringId);
    if (g?.kind !== 'workshop' || !g.hostStatus) throw new NotFound('gatherings.not_found');
    authorize(mayWithdraw(ctx, g), 'gatherings.only_proposer');
    if (g.hostStatus !== 'proposed' || g.cancelledAt) throw new Conflict('gatherings.already_answered');
    await resolve(ctx, tx, member.communityId, { type: 'gathering', id: g.id });
    await store.deleteGathering(tx, member.communityId, g.id);
    if (g.hostId && g.hostId !== member.accountId) {
      await notify(ctx, tx, {
        kind: 'gatherings.hosting',
        community: member.community,
        to: [g.hostId],
        about: { type: 'gathering', id: g.id, title: g.title },
        path: '/gatherings',
        text: {
          subject: 'gatherings.mail.host_withdrawn.subject',
          body: 'gatherings.mail.host_withdrawn.body',
        },
        params: { title: g.title, name: ctx.account?.displayName ?? '' },
      });
    }
    return g;
  });
}

/** Who may withdraw a proposal: who proposed it, and stewards. */
const mayWithdraw = (ctx: Ctx, g: Gathering) =>
  g.createdBy === ctx.actor.accountId || ctx.actor.role === 'steward';

/** A workshop proposal as its host and its proposer see it. */
export interface Proposal {
  gathering: Gathering;
  /** The host's name ('' once their account is gone). */
  hostName: string;
  status: 'proposed' | 'accepted' | 'declined';
  mayAnswer: boolean;
  /** Whether the actor may withdraw it (`withdrawProposal`): proposed still, and theirs or a steward's. */
  mayWithdraw: boolean;
}

/**
 * A workshop of the community, proposed or answered, for its host, its proposer and stewards
 * (`Forbidden('gatherings.only_host')` to others while proposed); 404 for another community's.
 */
export async function getProposal(ctx: Ctx, gatheringId: string): Promise<Proposal> {
  const member = requireMember(ctx);
  const g = await store.findGathering(ctx.db, member.communityId, gatheringId);
  if (g?.kind !== 'workshop' || !g.hostStatus) throw new NotFound('gatherings.not_found');
  const status = g.cancelledAt && g.hostStatus === 'proposed' ? 'declined' : g.hostStatus;
  authorize(
    status !== 'proposed' ||
      can.answerHosting(ctx.actor, g.hostId) ||
      g.createdBy === member.accountId ||
      ctx.actor.role === 'steward',
    'gatherings.only_host',
  );
  return {
    gathering: g,
    hostName: g.hostId ? ((await store.accountName(ctx.db, g.hostId)) ?? '') : '',
    status,
    mayAnswer: status === 'proposed' && can.answerHosting(ctx.actor, g.hostId),
    mayWithdraw: status === 'proposed' && mayWithdraw(ctx, g),
  };
}

/**
 * The host accepts (it goes on the calendar) or declines (it is withdrawn) a proposed workshop;
 * the proposer is told. Only the host (`Forbidden('gatherings.only_host')`); answered already:
 * `Conflict('gatherings.already_answered')`.
 */
export async function answerHosting(ctx: Ctx, gatheringId: string, accept: boolean): Promise<Gathering> {
  const member = requireMember(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const g = await store.findGathering(tx, member.communityId, gatheringId);
    if (g?.kind !== 'workshop' || !g.hostStatus) throw new NotFound('gatherings.not_found');
    authorize(can.answerHosting(ctx.actor, g.hostId), 'gatherings.only_host');
    if (g.hostStatus !== 'proposed' || g.cancelledAt) throw new Conflict('gatherings.already_answered');
    const now = iso(ctx.clock.now());
    await store.updateGathering(
      tx,
      member.communityId,
      g.id,
      accept ? { hostStatus: 'accepted', updatedAt: now } : { cancelledAt: now, updatedAt: now },
    );
    await resolve(
      ctx,
      tx,
      member.communityId,
      { type: 'gathering', id: g.id },
      { accountId: member.accountId },
    );
    const key = accept ? 'host_accepted' : 'host_declined';
    await notify(ctx, tx, {
      kind: 'gatherings.hosting',
      community: member.community,
      to: [g.createdBy],
      about: { type: 'gathering', id: g.id, title: g.title },
      path: accept ? `/gatherings/workshops/${g.id}` : '/gatherings',
      text: { subject: `gatherings.mail.${key}.subject`, body: `gatherings.mail.${key}.body` },
      params: { title: g.title, name: ctx.account?.displayName ?? '' },
    });
    return (await store.findGathering(tx, member.communityId, g.id)) as Gathering;
  });
}

/**
 * When `accountId`'s membership of `community` ends, in the caller's transaction: the workshop
 * proposals still waiting that they host or proposed are withdrawn (deleted, never having been on
 * the calendar; the host's question settled), and the other one is told — a host who left can no
 * longer answer, and a question from someone who left is no longer asked. Called with `endAnswers`.
 */
export async function endProposals(
  s: Pick<Services, 'jobs' | 'clock' | 'config'>,
  tx: Db,
  community: CommunityContext,
  accountId: string,
): Promise<void> {
  const name = (await store.accountName(tx, accountId)) ?? '';
  for (const g of await store.listGatherings(tx, community.id)) {
    if (g.kind !== 'workshop' || g.hostStatus !== 'proposed') continue;
    if (g.hostId !== accountId && g.createdBy !== accountId) continue;
    await resolve(s, tx, community.id, { type: 'gathering', id: g.id });
    await store.deleteGathering(tx, community.id, g.id);
    const [to, key] = g.hostId === accountId ? [g.createdBy, 'host_left'] : [g.hostId, 'host_withdrawn'];
    if (!to || to === accountId) continue;
    await notify(s, tx, {
      kind: 'gatherings.hosting',
      community,
      to: [to],
      about: { type: 'gathering', id: g.id, title: g.title },
      path: '/gatherings',
      text: { subject: `gatherings.mail.${key}.subject`, body: `gatherings.mail.${key}.body` },
      params: { title: g.title, name },
    });
  }
}
