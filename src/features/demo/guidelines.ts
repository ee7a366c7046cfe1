/**
 * Maple Street's guidelines, agreed by consent: version 1, set by Rosa when the community started
 * (three months back), and version 2, made by the tool-shed proposal the pilot led to (passed
 * with one disagreement and an abstention; Rosa wrote its outcome). One proposal is open now,
 * about quiet hours, with positions and a comment. Loaded through the guidelines' service, each
 * step at the day it happened (a context whose clock and calendar are set back).
 */
import { type Ctx, communityContext, type Services } from '../../platform/context.ts';
import {
  addComment,
  closeIfDue,
  propose,
  startGuidelines,
  takePosition,
  writeOutcome,
} from '../guidelines/service.ts';

/** The demo's guidelines and proposals, with the days back each step happened. */
export const demoGuidelines = {
  first: {
    daysAgo: 95,
    body: [
      'Maple Street guidelines',
      'Be kind and patient: many of us are new to this, and some of us are not online.',
      'Ask, offer and say thank you: nobody keeps score.',
      'What you borrow comes back on time, as clean as you found it.',
      'Contact details stay in the community: never pass them on.',
    ].join('\n\n'),
  },
  shed: {
    daysAgo: 30,
    days: 7,
    title: 'Tool shed rules',
    body: 'Add what the pilot taught us about the shed to our guidelines.',
    rationale:
      'During the six-week pilot, two tools came back late and the ladder came back muddy. Simple rules everyone has read will help the shed volunteers.',
    amendment: [
      'The tool shed',
      'Borrow for up to a week; the ladder and the pressure washer for two days.',
      'Clean a tool before it comes back, and say so if it broke: breaking is no shame, hiding it is.',
    ].join('\n\n'),
    positions: {
      rosa: { stance: 'agree' },
      walter: { stance: 'agree', reason: 'This is what we did anyway.' },
      amara: { stance: 'agree' },
      minh: { stance: 'disagree', reason: 'Two days for the ladder is short, but I can live with it.' },
      george: { stance: 'abstain' },
    },
    comment: { by: 'lucia', body: 'Could we put these rules on the shed door too?' },
    outcome:
      'Passed: the shed rules are now part of our guidelines (version 2). Walter prints them for the shed door.',
  },
  open: {
    title: 'Quiet hours for shared tools',
    body: 'No power tools from the shed before 9:00 or after 20:00, and not on Sunday mornings.',
    rationale: 'Neighbors on night shifts asked for it at the last potluck.',
    days: 6,
    positions: {
      amara: { stance: 'agree' },
      sam: { stance: 'agree', reason: 'Good for the babies on our floor too.' },
    },
    comment: { by: 'walter', body: 'Should hand tools count? I think not.' },
  },
} as const;

/** `ctx` with its clock and calendar `daysAgo` days back. */
function daysBack(ctx: Ctx, daysAgo: number): Ctx {
  const at = new Date(ctx.clock.now().getTime() - daysAgo * 86_400_000);
  const clock = { now: () => at };
  return { ...ctx, clock, community: ctx.community && communityContext(ctx.community, null, clock) };
}

/** A local `YYYY-MM-DDTHH:mm` `days` days after `ctx`'s today, at 20:00. */
const deadlineAfter = (ctx: Ctx, days: number) => {
  const day = new Date(`${ctx.community!.today()}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return `${day.toISOString().slice(0, 10)}T20:00`;
};

/** Loads Maple Street's guidelines and proposals, as `steward`, each neighbor with `member(key)`. */
export async function loadGuidelines(
  s: Services,
  steward: Ctx,
  member: (key: string) => Promise<Ctx>,
): Promise<void> {
  const d = demoGuidelines;
  await startGuidelines(daysBack(steward, d.first.daysAgo), { body: d.first.body });

  const proposedAt = daysBack(steward, d.shed.daysAgo);
  const shed = await propose(proposedAt, {
    title: d.shed.title,
    body: d.shed.body,
    rationale: d.shed.rationale,
    change: 'amend',
    guidelineText: d.shed.amendment,
    deadline: deadlineAfter(proposedAt, d.shed.days),
  });
  for (const [key, position] of Object.entries(d.shed.positions))
    await takePosition(daysBack(await member(key), d.shed.daysAgo - 1), shed.id, position);
  await addComment(
    daysBack(await member(d.shed.comment.by), d.shed.daysAgo - 2),
    shed.id,
    d.shed.comment.body,
  );
  // Its deadline came: the close job, run on that day.
  const closed = daysBack(steward, d.shed.daysAgo - d.shed.days - 1);
  await closeIfDue({ ...s, clock: closed.clock }, closed.community!, shed.id);
  await writeOutcome(closed, shed.id, d.shed.outcome);

  const open = await propose(await member('fatima'), {
    title: d.open.title,
    body: d.open.body,
    rationale: d.open.rationale,
    deadline: deadlineAfter(steward, d.open.days),
  });
  for (const [key, position] of Object.entries(d.open.positions))
    await takePosition(await member(key), open.id, position);
  await addComment(await member(d.open.comment.by), open.id, d.open.comment.body);
}
