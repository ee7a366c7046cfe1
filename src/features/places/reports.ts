/**
 * What anyone reports about a place (stocked, empty, cleaned, a problem) and hiding a report.
 * Other features import these through `service.ts`.
 */
import { requireCommunity, requireMember } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { StockLevel } from '../../platform/db/database.ts';
import { iso } from '../../platform/db/time.ts';
import { authorize, type FieldError, Invalid, NotFound } from '../../platform/errors.ts';
import { notify } from '../../platform/notify/service.ts';
import { oneLine } from '../../platform/text.ts';
import type { UploadedFile } from '../../platform/uploads/multipart.ts';
import { preparePhotos, removePhotoFiles, savePhotos } from '../../platform/uploads/photos.ts';
import { can, hasPublicPage, keepsStock } from './policy.ts';
import type { ReportInput } from './schema.ts';
import { factsOf, loadPlace } from './service.ts';
import * as store from './store.ts';

/** The stock level a report leaves its place at; null when it says nothing of the stock. */
export function stockAfter(input: ReportInput): StockLevel | null {
  if (input.kind === 'empty') return 'empty';
  if (input.kind === 'stocked') return input.stockLevel ?? null;
  return null;
}

/**
 * Reports on a place: anyone on a fridge or pantry (its public page), members on any place.
 * `stocked` (with how full: a guessed level would hide an empty fridge) and `empty` set a fridge's
 * or pantry's stock level and when it was reported; `cleaned` (members) when it was cleaned;
 * `problem` (with what is wrong) tells its volunteers at once, except the reporter. An optional
 * photo (EXIF stripped, re-encoded). Throws `Invalid` for a problem without what, `stocked`
 * without a level, a stock level on another report, stock on a place that holds no food, or a
 * refused photo; `NotFound` for a place that has no public page, to an outsider.
 * Returns the report's id.
 */
export async function reportPlace(
  ctx: Ctx,
  placeId: string,
  input: ReportInput,
  files: UploadedFile[] = [],
): Promise<string> {
  const community = requireCommunity(ctx);
  const place = await loadPlace(ctx.db, community.id, placeId);
  const member = can.report(ctx.actor);
  if (!member) {
    // A place without a public page does not exist for outsiders; a cleaning is a member's word.
    if (!hasPublicPage(place)) throw new NotFound('places.errors.not_found');
    if (input.kind === 'cleaned') requireMember(ctx);
  }
  const errors: FieldError[] = [];
  if (input.kind === 'problem' && !input.problem)
    errors.push({ field: 'problem', code: 'places.errors.problem_required' });
  if (input.kind !== 'problem' && input.problem)
    errors.push({ field: 'problem', code: 'places.errors.problem_only' });
  if (input.kind !== 'stocked' && input.stockLevel)
    errors.push({ field: 'stockLevel', code: 'places.errors.stock_only_when_stocked' });
  const stock = input.kind === 'stocked' || input.kind === 'empty';
  if (stock && !keepsStock(place)) errors.push({ field: 'kind', code: 'places.errors.stock_only_food' });
  else if (input.kind === 'stocked' && !input.stockLevel)
    errors.push({ field: 'stockLevel', code: 'places.errors.stock_level_required' });
  if (errors.length) throw new Invalid(errors);
  const prepared = await preparePhotos(files, 'photo', 1);
  const now = iso(ctx.clock.now());
  const accountId = member ? ctx.actor.accountId : null;
  const saved: { communityId: string; id: string; ext: string }[] = [];
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const [photo] = await savePhotos(ctx, tx, community.id, accountId, prepared);
      if (photo) saved.push(photo);
      const id = await store.insertReport(
        tx,
        community.id,
        placeId,
        {
          kind: input.kind,
          stockLevel: stockAfter(input),
          problem: input.kind === 'problem' ? (input.problem ?? null) : null,
          note: input.note?.trim() ?? '',
          photoId: photo?.id ?? null,
          accountId,
        },
        now,
      );
      if (input.kind === 'stocked' || input.kind === 'empty') {
        await store.updatePlace(
          tx,
          community.id,
          placeId,
          { stockLevel: stockAfter(input), stockReportedAt: now },
          now,
        );
      } else if (input.kind === 'cleaned') {
        await store.markCleaned(tx, community.id, placeId, now);
      } else {
        await notify(ctx, tx, {
          kind: 'places.problems',
          community,
          // The reporter knows already (a volunteer reporting their own place).
          to: (await store.volunteerIds(tx, community.id, placeId)).filter((id) => id !== accountId),
          about: { type: 'place', id: placeId },
          path: `/places/${placeId}`,
          // One text per problem: a notice's values are not translated, its texts are.
          text: { subject: 'places.mail.problem_subject', body: `places.mail.problem_${input.problem}` },
          // The link comes first and the note after it, quoted on one line: a note may be anyone's.
          params: { place: place.name, note: oneLine(input.note ?? '', 200) || '—' },
        });
      }
      return id;
    });
  } catch (e) {
    removePhotoFiles(ctx, saved);
    throw e;
  }
}

/**
 * Hides a report (those who keep the place): it leaves the pages, and the stock level and
 * cleaning date go back to what the visible reports say. `NotFound` for another place's report.
 */
export async function hideReport(ctx: Ctx, placeId: string, reportId: string): Promise<void> {
  const { communityId, accountId } = requireMember(ctx);
  const place = await loadPlace(ctx.db, communityId, placeId);
  authorize(can.hideReport(ctx.actor, await factsOf(ctx.db, place)), 'places.errors.only_keepers');
  const report = await store.findReport(ctx.db, communityId, placeId, reportId);
  if (!report) throw new NotFound('places.errors.report_not_found');
  if (report.hiddenAt) return;
  await ctx.db.transaction().execute(async (tx) => {
    await store.hideReport(tx, communityId, reportId, accountId, iso(ctx.clock.now()));
    await store.restateFromReports(tx, communityId, placeId);
  });
}
