/**
 * The monthly newsletter (capability 8; issue 18, step 5): compiled as a draft at the start of
 * each month by a job (`compileIssue`, one issue per community and month), edited by a steward in
 * each of the community's languages that Porch has a translation for, then published — which
 * also sends it to every active member through the notifications service (their language, their
 * preferences, an unsubscribe link), once. Published issues are read as a page, an Atom feed and
 * a printable sheet (`feeds.ts`, `pages/`).
 */
import { requireCommunity, requireRole } from '../../platform/access.ts';
import {
  type CommunityContext,
  type Ctx,
  findCommunityContext,
  type Services,
} from '../../platform/context.ts';
import type { Db, Newsletter, NewsletterEdition, NewsletterSection } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { addMonths, addSeconds, iso } from '../../platform/db/time.ts';
import { Conflict, invalid, NotFound } from '../../platform/errors.ts';
import { type Locale, locales, translator } from '../../platform/i18n/index.ts';
import type { NotificationKind } from '../../platform/notify/kinds.ts';
import { notify } from '../../platform/notify/service.ts';
import { can, type NewsletterFacts } from './policy.ts';
import { monthName, type Period, publicKinds, sections } from './sections.ts';

export { monthName } from './sections.ts';

import * as store from './store.ts';

/** The newsletter's kind of notification: by mail at once, no push (it is for reading). */
export const newsletterKinds: NotificationKind[] = [
  { name: 'newsletter.issues', defaults: { mail: 'immediate', push: 'off' } },
];

/** How far ahead an issue looks for gatherings and shifts (days). */
export const aheadDays = 35;

/** One section of an edition, as pages and the API show it. */
export interface SectionView {
  id: string;
  kind: string;
  heading: string;
  body: string;
}

/** An issue in one language. */
export interface EditionView {
  locale: Locale;
  title: string;
  intro: string;
  sections: SectionView[];
}

/** An issue as pages and the API show it (`NewsletterOut`). */
export interface IssueView {
  id: string;
  month: string;
  status: 'draft' | 'published';
  isPublic: boolean;
  coversFrom: string;
  coversUntil: string;
  compiledAt: string;
  publishedAt: string | null;
  sentAt: string | null;
  editions: EditionView[];
}

/**
 * The languages an issue is written in: the community's, in its order, that Porch has a
 * translation for (English when it has none of them).
 */
export function editionLocales(community: Pick<CommunityContext, 'languageList'>): Locale[] {
  const known = community.languageList.filter((l): l is Locale => (locales as readonly string[]).includes(l));
  return known.length > 0 ? [...new Set(known)] : ['en'];
}

/** The facts the policy reads of an issue. */
export function factsOf(n: Newsletter): NewsletterFacts {
  return { published: n.publishedAt !== null, isPublic: n.isPublic === 1 };
}

function viewOf(
  n: Newsletter,
  editions: NewsletterEdition[],
  rows: NewsletterSection[],
  member: boolean,
): IssueView {
  return {
    id: n.id,
    month: n.month,
    status: n.publishedAt ? 'published' : 'draft',
    isPublic: n.isPublic === 1,
    coversFrom: n.coversFrom,
    coversUntil: n.coversUntil,
    compiledAt: n.compiledAt,
    publishedAt: n.publishedAt,
    sentAt: n.sentAt,
    editions: editions.map((e) => ({
      locale: e.locale as Locale,
      title: e.title,
      intro: e.intro,
      sections: rows
        // Someone not a member reads a public issue without its members-only sections.
        .filter((r) => r.locale === e.locale && (member || publicKinds.has(r.kind)))
        .map((r) => ({ id: r.id, kind: r.kind, heading: r.heading, body: r.body })),
    })),
  };
}

/**
 * An issue with its editions, read in `db`; for a reader who is not a member (`member` false), only
 * the sections `publicKinds` names.
 */
async function loadView(db: Db, communityId: string, n: Newsletter, member = true): Promise<IssueView> {
  const [editions, rows] = await Promise.all([
    store.listEditions(db, communityId, n.id),
    store.listSections(db, communityId, n.id),
  ]);
  // In the community's order of languages.
  return viewOf(n, editions, rows, member);
}

/**
 * Writes the editions of issue `n` from what happened in `period`: every builder gathers once,
 * then writes in each language. Inside the caller's transaction.
 */
async function writeEditions(
  tx: Db,
  community: CommunityContext,
  n: Pick<Newsletter, 'id' | 'month'>,
  period: Period,
): Promise<void> {
  const facts: { kind: string; builder: (typeof sections)[number]; facts: unknown }[] = [];
  for (const builder of sections) {
    const found = await builder.gather(tx, community, period);
    if (found !== null) facts.push({ kind: builder.kind, builder, facts: found });
  }
  for (const locale of editionLocales(community)) {
    const t = translator(locale);
    const month = monthName(locale, n.month);
    await store.insertEdition(
      tx,
      {
        communityId: community.id,
        newsletterId: n.id,
        locale,
        title: t('newsletter.compiled.title', { community: community.name, month }),
        intro: t(facts.length > 0 ? 'newsletter.compiled.intro' : 'newsletter.compiled.intro_quiet', {
          community: community.name,
          month,
        }),
      },
      facts.map((f, position) => ({
        id: newId(),
        communityId: community.id,
        newsletterId: n.id,
        locale,
        position,
        kind: f.kind,
        ...(({ heading, body }) => ({ heading, body }))(f.builder.write(t, locale, f.facts)),
      })),
    );
  }
}

/**
 * The issue of `month` in `community`, compiled now unless it exists (then returned as it is):
 * what happened since the previous issue was compiled (or since the first day of the month
 * before, for the first one) until now, and what is coming in the next `aheadDays` days. One
 * issue per community and month, whoever asks at once (the unique key decides). Returns the
 * issue and whether this call made it.
 */
export async function compileIssue(
  s: Pick<Services, 'db' | 'clock'>,
  community: CommunityContext,
  month: string,
): Promise<{ newsletter: Newsletter; made: boolean }> {
  return s.db.transaction().execute(async (tx) => {
    const existing = await store.findByMonth(tx, community.id, month);
    if (existing) return { newsletter: existing, made: false };
    const now = s.clock.now();
    const previous = await store.findBefore(tx, community.id, month);
    const from = previous ? new Date(previous.coversUntil) : community.instant(`${addMonths(month, -1)}-01`);
    const until = from > now ? from : now;
    const row: Newsletter = {
      id: newId(),
      communityId: community.id,
      month,
      coversFrom: iso(from),
      coversUntil: iso(until),
      compiledAt: iso(now),
      isPublic: 0,
      publishedAt: null,
      publishedBy: null,
      sentAt: null,
      createdAt: iso(now),
      updatedAt: iso(now),
    };
    if (!(await store.insertNewsletter(tx, row))) {
      const made = await store.findByMonth(tx, community.id, month);
      if (!made) throw new Error(`newsletter ${month} neither inserted nor found`);
      return { newsletter: made, made: false };
    }
    await writeEditions(tx, community, row, {
      month,
      from,
      until,
      ahead: addSeconds(until, aheadDays * 86400),
    });
    return { newsletter: row, made: true };
  });
}

/**
 * The monthly job's work: compiles the current month's issue (in each community's own calendar)
 * of every live community that has none yet. Returns how many it compiled.
 */
export async function compileDueIssues(s: Services): Promise<number> {
  let made = 0;
  for (const id of await store.listLiveCommunityIds(s.db)) {
    const community = await findCommunityContext(s, id);
    if (!community) continue;
    if ((await compileIssue(s, community, community.month())).made) made++;
  }
  return made;
}

/** The issue `id` of the context's community when the actor may read it; 404 otherwise. */
async function loadReadable(ctx: Ctx, db: Db, id: string): Promise<Newsletter> {
  const community = requireCommunity(ctx);
  const n = await store.findNewsletter(db, community.id, id);
  if (!n || !can.read(ctx.actor, factsOf(n))) throw new NotFound('newsletter.not_found');
  return n;
}

/** A draft the acting steward may change; `Conflict('newsletter.already_published')` once published. */
async function loadDraft(ctx: Ctx, db: Db, id: string): Promise<Newsletter> {
  const { community } = requireRole(ctx, can.edit, 'newsletter.only_stewards');
  const n = await store.findNewsletter(db, community.id, id);
  if (!n) throw new NotFound('newsletter.not_found');
  if (n.publishedAt) throw new Conflict('newsletter.already_published');
  return n;
}

/**
 * The issues the actor may read, newest month first: stewards every one (drafts included),
 * members the published ones, visitors the public ones (a member-only list is 403 to them as
 * the community's other pages are: `public` asks for the public ones only).
 */
export async function listIssues(ctx: Ctx, only: { public?: boolean } = {}): Promise<IssueView[]> {
  const community = requireCommunity(ctx);
  const steward = can.edit(ctx.actor);
  const list = await store.listNewsletters(ctx.db, community.id, {
    published: !steward || only.public,
    public: only.public || !can.seeList(ctx.actor),
  });
  const member = can.seeList(ctx.actor) && !only.public;
  return Promise.all(list.map((n) => loadView(ctx.db, community.id, n, member)));
}

/** One issue, when the actor may read it; `NotFound('newsletter.not_found')` otherwise. */
export async function getIssue(ctx: Ctx, id: string): Promise<IssueView> {
  const community = requireCommunity(ctx);
  const n = await loadReadable(ctx, ctx.db, id);
  return loadView(ctx.db, community.id, n, can.seeList(ctx.actor));
}

/**
 * The edition of `issue` to show in `locale`: its own when written, else the community's first.
 */
export function editionFor(issue: IssueView, locale: string | undefined): EditionView | undefined {
  return issue.editions.find((e) => e.locale === locale) ?? issue.editions[0];
}

/**
 * Compiles this month's draft now (stewards), as the job would; the existing one when it was
 * already compiled.
 */
export async function compileNow(ctx: Ctx): Promise<IssueView> {
  const { community } = requireRole(ctx, can.edit, 'newsletter.only_stewards');
  const { newsletter } = await compileIssue(ctx, community, community.month());
  return loadView(ctx.db, community.id, newsletter);
}

/**
 * Compiles a draft again from the data, up to now (stewards): its edits are replaced. The period
 * starts where it started. `Conflict('newsletter.already_published')` once published.
 */
export async function recompile(ctx: Ctx, id: string): Promise<IssueView> {
  const community = requireCommunity(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const n = await loadDraft(ctx, tx, id);
    const now = ctx.clock.now();
    const from = new Date(n.coversFrom);
    const until = from > now ? from : now;
    await store.deleteEditions(tx, community.id, n.id);
    await writeEditions(tx, community, n, {
      month: n.month,
      from,
      until,
      ahead: addSeconds(until, aheadDays * 86400),
    });
    const changes = { coversUntil: iso(until), compiledAt: iso(now), updatedAt: iso(now) };
    await store.updateNewsletter(tx, community.id, n.id, changes);
    return loadView(tx, community.id, { ...n, ...changes });
  });
}

/** A steward's edit of one edition: its title, introduction, each section's text, and removals. */
export interface EditionInput {
  title: string;
  intro: string;
  sections: { id: string; heading: string; body: string }[];
  /** Sections to remove (ids). */
  remove: string[];
}

/**
 * Changes the edition in `locale` of a draft (stewards), in one transaction. Refused:
 * `NotFound('newsletter.edition_not_found')` for a language it is not written in,
 * `Invalid` (`sections`, `newsletter.unknown_section`) for a section not of this edition,
 * `Invalid` (`heading`, `newsletter.heading_required`) for a kept section without a heading,
 * `Conflict('newsletter.already_published')` once published.
 */
export async function editEdition(
  ctx: Ctx,
  id: string,
  locale: string,
  input: EditionInput,
): Promise<IssueView> {
  const community = requireCommunity(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const n = await loadDraft(ctx, tx, id);
    const view = await loadView(tx, community.id, n);
    const edition = view.editions.find((e) => e.locale === locale);
    if (!edition) throw new NotFound('newsletter.edition_not_found');
    const ids = new Set(edition.sections.map((s) => s.id));
    for (const s of input.sections) if (!ids.has(s.id)) invalid('sections', 'newsletter.unknown_section');
    for (const r of input.remove) if (!ids.has(r)) invalid('remove', 'newsletter.unknown_section');
    const removed = new Set(input.remove);
    for (const s of input.sections)
      if (!removed.has(s.id) && s.heading.trim() === '') invalid('heading', 'newsletter.heading_required');
    await store.updateEdition(tx, community.id, n.id, locale, {
      title: input.title.trim(),
      intro: input.intro.trim(),
    });
    for (const s of input.sections)
      if (!removed.has(s.id))
        await store.updateSection(tx, community.id, s.id, { heading: s.heading.trim(), body: s.body.trim() });
    await store.deleteSections(tx, community.id, [...removed]);
    const now = iso(ctx.clock.now());
    await store.updateNewsletter(tx, community.id, n.id, { updatedAt: now });
    return loadView(tx, community.id, { ...n, updatedAt: now });
  });
}

/** An edition as plain text: the mail's body, and what the page, feed and sheet are made from. */
export function plainText(edition: EditionView): string {
  const parts = [edition.title, edition.intro];
  for (const s of edition.sections)
    parts.push(`${s.heading}\n${'-'.repeat(Math.min(60, s.heading.length))}\n${s.body}`);
  return parts.filter((p) => p.trim() !== '').join('\n\n');
}

/**
 * Publishes a draft and sends it (stewards): the page and the feed show it from now on (to
 * anyone when `isPublic`), and every active member is told through the notifications service
 * (inbox; mail at once unless they chose otherwise) in their language — the edition in it, else
 * the community's first. Sent once: a second call, or two at once, gets
 * `Conflict('newsletter.already_sent')` with the date it went (`date`, `YYYY-MM-DD`). Returns
 * how many members were told.
 */
export async function publish(
  ctx: Ctx,
  id: string,
  options: { isPublic: boolean },
): Promise<{ told: number }> {
  const { community, accountId } = requireRole(ctx, can.edit, 'newsletter.only_stewards');
  return ctx.db.transaction().execute(async (tx) => {
    const n = await store.findNewsletter(tx, community.id, id);
    if (!n) throw new NotFound('newsletter.not_found');
    const sentDate = (at: string) => ({ date: at.slice(0, 10) });
    if (n.sentAt) throw new Conflict('newsletter.already_sent', sentDate(n.sentAt));
    const now = iso(ctx.clock.now());
    // The one statement that decides: of two requests at once, one sets it, the other sees it set.
    if (
      !(await store.markSent(tx, community.id, id, {
        now,
        by: accountId,
        isPublic: options.isPublic ? 1 : 0,
      }))
    ) {
      const again = await store.findNewsletter(tx, community.id, id);
      throw new Conflict('newsletter.already_sent', sentDate(again?.sentAt ?? now));
    }
    const view = await loadView(tx, community.id, n);
    if (view.editions.length === 0) throw new Conflict('newsletter.nothing_to_send');
    const params: Record<string, string> = {};
    for (const locale of locales) {
      const edition = editionFor(view, locale) as EditionView;
      params[`title_${locale}`] = edition.title;
      params[`text_${locale}`] = plainText(edition);
    }
    const { told } = await notify(ctx, tx, {
      kind: 'newsletter.issues',
      community,
      to: await store.listActiveMemberIds(tx, community.id),
      about: { type: 'newsletter', id },
      path: `/newsletters/${id}`,
      text: { subject: 'newsletter.mail.subject', body: 'newsletter.mail.body' },
      params,
    });
    return { told };
  });
}

/** A draft to edit (stewards), with its editions; refused as `editEdition` refuses. */
export async function getIssueToEdit(ctx: Ctx, id: string): Promise<IssueView> {
  const community = requireCommunity(ctx);
  const n = await loadDraft(ctx, ctx.db, id);
  return loadView(ctx.db, community.id, n);
}

/** `edition`, or `NotFound('newsletter.edition_not_found')` when the issue is not written in that language. */
export function requireEdition(edition: EditionView | undefined): EditionView {
  if (!edition) throw new NotFound('newsletter.edition_not_found');
  return edition;
}

/** Refuses a form whose lists of sections, headings and texts differ in length. */
export function mismatchedSections(): never {
  return invalid('sections', 'newsletter.sections_mismatch');
}
