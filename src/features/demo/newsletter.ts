/**
 * The demo's newsletter: last month's issue, compiled from what the demo holds and published by
 * the steward (members only), so the newsletter page, its sheet and its feed have an issue to show.
 */
import type { Ctx } from '../../platform/context.ts';
import { addMonths } from '../../platform/db/time.ts';
import { compileIssue, publish } from '../newsletter/service.ts';

/** Compiles and publishes last month's newsletter as the steward `stewardCtx`. */
export async function loadNewsletter(stewardCtx: Ctx): Promise<void> {
  const community = stewardCtx.community;
  if (!community) throw new Error('the demo newsletter needs the community');
  const { newsletter } = await compileIssue(stewardCtx, community, addMonths(community.month(), -1));
  await publish(stewardCtx, newsletter.id, { isPublic: false });
}
