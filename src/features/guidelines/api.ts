/**
 * Proposals' and the guidelines' JSON API under `/api/v1/communities/:community/`. Active members
 * only (401 signed out, 403 otherwise); another community's proposal is 404, as is a version that
 * does not exist; a state that refuses the action (a position after the deadline, a revision of a
 * passed proposal, guidelines started twice) is 409 with a `code`; input that cannot be (a
 * deadline in the past, a block without a reason, a change without its text) is 422 naming the
 * field, and writes nothing.
 */
import type { GuidelineVersion } from '../../platform/db/database.ts';
import type { App } from '../../platform/module.ts';
import {
  AcknowledgedOut,
  AcknowledgeIn,
  CommentIn,
  CommunityParams,
  CompareOut,
  CompareQuery,
  DeadlineIn,
  GuidelinesIn,
  GuidelinesOut,
  OutcomeIn,
  PositionIn,
  ProposalChangeIn,
  ProposalIn,
  ProposalListOut,
  ProposalOut,
  ProposalParams,
  proposeLimit,
  ReviewIn,
  takePartLimit,
  VersionOut,
  VersionParams,
} from './schema.ts';
import * as guidelines from './service.ts';

const tags = ['guidelines'];
const access = 'Active members only (403 otherwise); another community’s proposal is 404.';

/** A proposal as the API gives it. */
function proposalOut(v: guidelines.ProposalView) {
  const p = v.proposal;
  return {
    id: p.id,
    title: p.title,
    body: p.body,
    rationale: p.rationale,
    change: p.change,
    guidelineText: p.guidelineText,
    revision: p.revision,
    proposerName: v.proposerName,
    closesAt: p.closesAt,
    status: p.status,
    outcome: p.outcome,
    standing: v.standing,
    takingPositions: v.takingPositions,
    outcomeStatement: p.outcomeStatement,
    tally: v.tally,
    positions: v.positions,
    comments: v.comments,
    mine: v.mine,
    versionMade: v.versionMade,
    baseVersion: p.baseVersion,
    needsRevision: v.needsRevision,
  };
}

/** A version as the API gives it. */
function versionOut(v: GuidelineVersion) {
  return { number: v.number, body: v.body, proposalId: v.proposalId, madeAt: v.madeAt, reviewOn: v.reviewOn };
}

/** Registers the proposals' and guidelines' API routes. */
export function guidelinesApi(app: App): void {
  const root = '/api/v1/communities/:community';

  app.get(
    `${root}/proposals`,
    {
      schema: {
        tags,
        summary: 'The proposals',
        description: `Open ones first, then those closed. ${access}`,
        params: CommunityParams,
        response: { 200: ProposalListOut },
      },
    },
    async (req) => ({ proposals: (await guidelines.listProposals(req.ctx)).proposals }),
  );

  app.post(
    `${root}/proposals`,
    {
      schema: {
        tags,
        summary: 'Put a proposal',
        description: `Any active member; every other member is asked for their position. A deadline in the past or more than 90 days ahead, a change without its text, a text without a change, an amendment when there are no guidelines yet: 422. ${access}`,
        params: CommunityParams,
        body: ProposalIn,
        response: { 201: ProposalOut },
      },
      config: proposeLimit,
    },
    async (req, reply) => {
      const p = await guidelines.propose(req.ctx, req.body);
      return reply.code(201).send(proposalOut(await guidelines.getProposal(req.ctx, p.id)));
    },
  );

  app.get(
    `${root}/proposals/:proposalId`,
    {
      schema: {
        tags,
        summary: 'One proposal',
        description: `With its positions, discussion, where it stands and the caller’s own position. ${access}`,
        params: ProposalParams,
        response: { 200: ProposalOut },
      },
    },
    async (req) => proposalOut(await guidelines.getProposal(req.ctx, req.params.proposalId)),
  );

  app.patch(
    `${root}/proposals/:proposalId`,
    {
      schema: {
        tags,
        summary: 'Revise a proposal',
        description: `Its proposer or a steward (403 otherwise), while open or once blocked (409 otherwise). Every position is cleared and its holder asked again; a blocked proposal reopens and needs a new deadline (422 without). ${access}`,
        params: ProposalParams,
        body: ProposalChangeIn,
        response: { 200: ProposalOut },
      },
      config: proposeLimit,
    },
    async (req) => {
      await guidelines.revise(req.ctx, req.params.proposalId, req.body);
      return proposalOut(await guidelines.getProposal(req.ctx, req.params.proposalId));
    },
  );

  app.put(
    `${root}/proposals/:proposalId/position`,
    {
      schema: {
        tags,
        summary: 'Take a position',
        description: `One per member: a second replaces the first. A block without a reason: 422. After the deadline: 409 \`guidelines.voting_closed\`. ${access}`,
        params: ProposalParams,
        body: PositionIn,
        response: { 200: ProposalOut },
      },
      config: takePartLimit,
    },
    async (req) => proposalOut(await guidelines.takePosition(req.ctx, req.params.proposalId, req.body)),
  );

  app.post(
    `${root}/proposals/:proposalId/comments`,
    {
      schema: {
        tags,
        summary: 'Comment on a proposal',
        description: `Any active member, in the discussion’s order. ${access}`,
        params: ProposalParams,
        body: CommentIn,
        response: { 201: ProposalOut },
      },
      config: takePartLimit,
    },
    async (req, reply) => {
      await guidelines.addComment(req.ctx, req.params.proposalId, req.body.body);
      return reply.code(201).send(proposalOut(await guidelines.getProposal(req.ctx, req.params.proposalId)));
    },
  );

  app.put(
    `${root}/proposals/:proposalId/deadline`,
    {
      schema: {
        tags,
        summary: 'Extend a proposal’s deadline',
        description: `Stewards (403 otherwise), while it is open (409 otherwise); later than the current deadline (422 otherwise). ${access}`,
        params: ProposalParams,
        body: DeadlineIn,
        response: { 200: ProposalOut },
      },
      config: proposeLimit,
    },
    async (req) => {
      await guidelines.extend(req.ctx, req.params.proposalId, req.body.deadline);
      return proposalOut(await guidelines.getProposal(req.ctx, req.params.proposalId));
    },
  );

  app.put(
    `${root}/proposals/:proposalId/outcome`,
    {
      schema: {
        tags,
        summary: 'Write the outcome statement',
        description: `Its proposer or a steward (403 otherwise), once it closed (409 before). ${access}`,
        params: ProposalParams,
        body: OutcomeIn,
        response: { 200: ProposalOut },
      },
      config: proposeLimit,
    },
    async (req) => {
      await guidelines.writeOutcome(req.ctx, req.params.proposalId, req.body.statement);
      return proposalOut(await guidelines.getProposal(req.ctx, req.params.proposalId));
    },
  );

  app.get(
    `${root}/guidelines`,
    {
      schema: {
        tags,
        summary: 'The guidelines',
        description: `The current version (null before the first), the latest version the caller acknowledged, and every version. ${access}`,
        params: CommunityParams,
        response: { 200: GuidelinesOut },
      },
    },
    async (req) => {
      const g = await guidelines.guidelines(req.ctx);
      return {
        current: g.current && versionOut(g.current),
        acknowledged: g.acknowledged,
        needsReading: g.needsReading,
        versions: g.versions,
      };
    },
  );

  app.post(
    `${root}/guidelines`,
    {
      schema: {
        tags,
        summary: 'Set the first version of the guidelines',
        description: `Stewards (403 otherwise), when there is none yet (409 after: later versions come from passed proposals). ${access}`,
        params: CommunityParams,
        body: GuidelinesIn,
        response: { 201: VersionOut },
      },
      config: proposeLimit,
    },
    async (req, reply) =>
      reply.code(201).send(versionOut(await guidelines.startGuidelines(req.ctx, req.body))),
  );

  app.put(
    `${root}/guidelines/review`,
    {
      schema: {
        tags,
        summary: 'Set the review date',
        description: `Stewards (403 otherwise); after today (422 otherwise). The stewards are reminded that morning. ${access}`,
        params: CommunityParams,
        body: ReviewIn,
        response: { 200: VersionOut },
      },
      config: proposeLimit,
    },
    async (req) => versionOut(await guidelines.setReviewDate(req.ctx, req.body.reviewOn)),
  );

  app.post(
    `${root}/guidelines/acknowledgements`,
    {
      schema: {
        tags,
        summary: 'I have read these',
        description: `Acknowledges version \`number\`, which must be the current one (409 otherwise); again changes nothing. ${access}`,
        params: CommunityParams,
        body: AcknowledgeIn,
        response: { 200: AcknowledgedOut },
      },
      config: takePartLimit,
    },
    async (req) => guidelines.acknowledge(req.ctx, req.body.number),
  );

  app.get(
    `${root}/guidelines/versions/:number`,
    {
      schema: {
        tags,
        summary: 'One version of the guidelines',
        description: `404 for a version that does not exist. ${access}`,
        params: VersionParams,
        response: { 200: VersionOut },
      },
    },
    async (req) => versionOut(await guidelines.getVersion(req.ctx, req.params.number)),
  );

  app.get(
    `${root}/guidelines/compare`,
    {
      schema: {
        tags,
        summary: 'The difference between two versions',
        description: `Word by word, as parts kept, added and removed. Either version missing: 404. ${access}`,
        params: CommunityParams,
        querystring: CompareQuery,
        response: { 200: CompareOut },
      },
    },
    async (req) => {
      const d = await guidelines.compareVersions(req.ctx, req.query.from, req.query.to);
      return { from: d.from.number, to: d.to.number, parts: d.parts };
    },
  );
}
